"""The participation contract as a document (seed 001, "Kontrakt").

The programme holds the template's parts (heading, basis document, period, NKR's place,
date and signatory); the contract holds the municipality's. `contract_text` puts them
together once, and the DOCX and PDF builders lay the same text out: the agreement, then
two signature blocks side by side, NKR's director on the left, the municipality's chief
executive and arts-school leader on the right, each under their own signature line.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core import documents


@dataclass(frozen=True)
class Signer:
    """Someone who signs: the lines under their signature line and the date signed."""

    lines: list
    signed_on: object = None

    @property
    def signed_text(self):
        """«Signert: 20.08.2024» once signed, else empty."""
        if not self.signed_on:
            return ""
        return _("Signert: %(date)s") % {"date": date_format(self.signed_on, "DATE_FORMAT")}


@dataclass(frozen=True)
class Signature:
    """One party's block: place and date, the party's name, and its signers."""

    place_date: str
    party: str
    signers: list


@dataclass(frozen=True)
class ContractText:
    title: str
    heading: str
    subheading: str
    basis_intro: str
    basis: str
    agreement: str
    municipality: str
    period: str
    signatures: list
    file_stem: str


def _period(programme):
    if programme.contract_period:
        return programme.contract_period
    return "{} – {}".format(
        date_format(programme.period_start, "DATE_FORMAT"),
        date_format(programme.period_end, "DATE_FORMAT"),
    )


def contract_text(participation):
    """Every sentence of the contract for one participating municipality."""
    programme = participation.programme
    contract = participation.contract
    municipality = participation.municipality
    nkr_lines = [
        line for line in (programme.nkr_signatory_name, programme.nkr_signatory_title) if line
    ]
    nkr = Signature(
        place_date=programme.contract_place_date,
        party=_("Norsk kulturskoleråd"),
        signers=[Signer(lines=nkr_lines, signed_on=contract.signed_by_nkr_on)],
    )
    municipality_signature = Signature(
        place_date=contract.municipality_place_date,
        party=_("Kommune: %(name)s") % {"name": municipality.name},
        signers=[
            Signer(
                lines=[_("kommunedirektør: %(name)s") % {"name": contract.chief_executive_name}],
                signed_on=contract.signed_by_chief_executive_on,
            ),
            Signer(
                lines=[
                    _("kulturskoleleder: %(name)s") % {"name": contract.arts_school_leader_name}
                ],
                signed_on=contract.signed_by_arts_school_leader_on,
            ),
        ],
    )
    return ContractText(
        title=_("Kontrakt"),
        heading=programme.contract_heading or programme.name,
        subheading=programme.contract_subheading,
        basis_intro=_("Med utgangspunkt i Grunnlagsdokumentet"),
        basis=programme.contract_basis or programme.name,
        agreement=_("har partene inngått avtale om deltakelse for"),
        municipality=_("%(name)s kommune") % {"name": municipality.name},
        period=_("for perioden %(period)s") % {"period": _period(programme)},
        signatures=[nkr, municipality_signature],
        file_stem=f"Kontrakt {municipality.name} {programme.slug}",
    )


def contract_pdf(participation, request=None):
    """(bytes, file name) of the contract as PDF."""
    text = contract_text(participation)
    pdf = documents.render_pdf(
        "programmes/contract_document.html",
        {"text": text, "participation": participation},
        request=request,
    )
    return pdf, documents.filename(text.file_stem, extension="pdf")


def contract_docx(participation):
    """(bytes, file name) of the contract as a Word document."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    text = contract_text(participation)
    document = Document()
    document.core_properties.title = f"{text.title} – {text.municipality}"
    document.core_properties.author = _("Norsk kulturskoleråd")

    def centred(content, *, size=None, bold=False, space_after=6):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space_after)
        run = paragraph.add_run(content)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return paragraph

    title = document.add_heading(text.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    centred(text.heading, size=16, bold=True)
    if text.subheading:
        centred(text.subheading, size=13, space_after=24)
    centred(text.basis_intro)
    centred(text.basis, bold=True, space_after=18)
    centred(text.agreement)
    centred(text.municipality, size=14, bold=True)
    centred(text.period, space_after=36)

    table = document.add_table(rows=1, cols=2)
    for cell, signature in zip(table.rows[0].cells, text.signatures, strict=True):
        cell.paragraphs[0].add_run(_("Sted/dato")).bold = True
        cell.add_paragraph(signature.place_date)
        cell.add_paragraph(signature.party).runs[0].bold = True
        for signer in signature.signers:
            cell.add_paragraph("\n\n" + "_" * 30)
            for line in signer.lines:
                cell.add_paragraph(line)
            if signer.signed_text:
                cell.add_paragraph(signer.signed_text)
    return documents.docx_bytes(document), documents.filename(text.file_stem, extension="docx")
