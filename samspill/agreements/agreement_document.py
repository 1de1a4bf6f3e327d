"""The agreement document, generated from the record in the structure of seed 000:
background and common base documents, purpose, collaboration areas, projects,
organisation, communication, duration with evaluation and notice, the signatures, and the
action and progress plan as appendix.

`sections()` is the content; the DOCX (python-docx) and the PDF
(`agreements/agreement_pdf.html` through WeasyPrint) lay it out."""

from dataclasses import dataclass, field
from itertools import groupby

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.core import documents


def _date(day):
    return date_format(day, "DATE_FORMAT") if day else ""


def _paragraphs(text):
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


@dataclass
class Part:
    heading: str
    paragraphs: list = field(default_factory=list)
    bullets: list = field(default_factory=list)


def title(agreement):
    names = [party.organisation.name for party in agreement.parties.all()]
    if len(names) < 2:
        return agreement.title
    return _("Samarbeidsavtale mellom %(parties)s og %(last)s") % {
        "parties": ", ".join(names[:-1]),
        "last": names[-1],
    }


def duration_text(agreement):
    text = _("Avtalen gjelder for perioden %(start)s – %(end)s.") % {
        "start": _date(agreement.period_start),
        "end": _date(agreement.period_end),
    }
    if agreement.evaluation_due_on:
        text += " " + _(
            "Det skal gjennomføres et evalueringsmøte innen %(date)s, i forkant av en "
            "eventuell fornyelse av avtalen."
        ) % {"date": _date(agreement.evaluation_due_on)}
    text += " " + ngettext(
        "Partene kan trekke seg fra samarbeidsavtalen med %(months)s måneds varslingsplikt.",
        "Partene kan trekke seg fra samarbeidsavtalen med %(months)s måneders varslingsplikt.",
        agreement.notice_months,
    ) % {"months": agreement.notice_months}
    return text


def sections(agreement):
    parts = []
    number = 0

    def add(heading, text="", bullets=()):
        nonlocal number
        if not (text or bullets):
            return
        number += 1
        parts.append(Part(f"{number}. {heading}", _paragraphs(text), list(bullets)))

    add(_("Bakgrunn"), agreement.background)
    documents_list = [
        f"{document.title} ({document.url})" if document.url else document.title
        for document in agreement.base_documents.all()
    ]
    if documents_list:
        parts.append(Part(_("Felles grunnlagsdokument"), [], documents_list))
    add(_("Formål"), agreement.purpose)
    add(_("Sentrale samarbeidsområder"), bullets=agreement.area_list)
    add(_("Aktuelle samarbeidsprosjekter i perioden"), agreement.planned_projects)
    add(_("Organisering"), agreement.organisation_text)
    add(_("Informasjon og kommunikasjon"), agreement.communication_text)
    add(_("Varighet"), duration_text(agreement))
    return parts


def signatures(agreement):
    return [
        {
            "date": _date(party.signed_on),
            "name": party.signatory_name,
            "title": party.signatory_title,
            "organisation": party.organisation.name,
        }
        for party in agreement.parties.all()
    ]


def plan_years(agreement):
    milestones = sorted(agreement.milestones.all(), key=lambda m: (m.year, m.due_on, m.pk))
    return [
        {
            "year": year,
            "rows": [(m.title, str(m.owner) if m.owner else "", _date(m.due_on)) for m in rows],
        }
        for year, rows in groupby(milestones, key=lambda m: m.year)
    ]


def agreement_docx(*, agreement):
    from docx import Document

    document = Document()
    document.core_properties.title = title(agreement)
    document.add_heading(document.core_properties.title, level=0)
    for part in sections(agreement):
        document.add_heading(part.heading, level=1)
        for paragraph in part.paragraphs:
            document.add_paragraph(paragraph)
        for bullet in part.bullets:
            document.add_paragraph(bullet, style="List Bullet")

    document.add_heading(_("Underskrifter"), level=1)
    signed = signatures(agreement)
    if signed:
        table = document.add_table(rows=4, cols=len(signed))
        for column, signature in enumerate(signed):
            table.cell(0, column).text = _("Dato: %(date)s") % {
                "date": signature["date"] or "____________"
            }
            table.cell(1, column).text = signature["name"] or "____________________"
            table.cell(2, column).text = signature["title"]
            table.cell(3, column).text = signature["organisation"]

    years = plan_years(agreement)
    if years:
        document.add_page_break()
        document.add_heading(_("Vedlegg: Tiltaks- og fremdriftsplan"), level=1)
        for year in years:
            document.add_heading(str(year["year"]), level=2)
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, header in zip(
                table.rows[0].cells, [_("Tiltak"), _("Ansvarlig"), _("Frist")], strict=True
            ):
                cell.text = header
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in year["rows"]:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value
    return documents.docx_bytes(document)


def agreement_pdf(*, agreement, request=None):
    context = {
        "agreement": agreement,
        "title": title(agreement),
        "sections": sections(agreement),
        "signatures": signatures(agreement),
        "years": plan_years(agreement),
    }
    return documents.render_pdf("agreements/agreement_pdf.html", context, request=request)
