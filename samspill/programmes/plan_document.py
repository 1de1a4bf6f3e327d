"""A municipality's development plan as a document: the facts, the description, each round
of the development cycle with its phases and entries as tables, and the comments.

The same parts (see `views.plans._document_parts`) make the DOCX (python-docx) and the PDF
(`programmes/plan_pdf.html` through WeasyPrint)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core import documents


def _date(day):
    return date_format(day, "DATE_FORMAT") if day else ""


def _datetime(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def development_area_text(participation):
    area = participation.development_area
    return area.title if area else ""


def entry_cells(entry):
    """One table row: what, who, when and how far it has come."""
    return [
        entry.title,
        entry.description,
        str(entry.owner) if entry.owner else "",
        _date(entry.entry_date),
        _date(entry.due_on),
        entry.get_status_display(),
    ]


def entry_headers():
    return [_("Tittel"), _("Beskrivelse"), _("Ansvarlig"), _("Dato"), _("Frist"), _("Status")]


def facts(participation, plan):
    return [
        (_("Kommune"), participation.municipality.name),
        (_("Program"), participation.programme.name),
        (_("Fokusområde"), plan.focus_area or _("Ikke fylt ut")),
        (
            _("Regionens utviklingsområde"),
            development_area_text(participation) or _("Ikke valgt"),
        ),
    ]


def plan_docx(*, participation, programme, municipality, plan, rounds, comments, today):
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = _("Utviklingsplan for %(municipality)s") % {
        "municipality": municipality.name
    }
    document.add_heading(document.core_properties.title, level=0)
    document.add_paragraph(programme.name)

    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts(participation, plan):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
        for run in cells[0].paragraphs[0].runs:
            run.bold = True

    document.add_heading(_("Beskrivelse"), level=1)
    document.add_paragraph(plan.description or _("Ingen beskrivelse ennå."))

    for plan_round in rounds:
        document.add_heading(_("Runde %(number)s") % {"number": plan_round.cycle}, level=1)
        for number, phase in enumerate(plan_round.phases, start=1):
            document.add_heading(f"{number}. {phase.label}", level=2)
            if not phase.entries:
                document.add_paragraph(_("Ingen innslag."))
                continue
            table = document.add_table(rows=1, cols=6)
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, entry_headers(), strict=True):
                cell.text = header
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for entry in phase.entries:
                for cell, value in zip(table.add_row().cells, entry_cells(entry), strict=True):
                    cell.text = value

    document.add_heading(_("Kommentarer"), level=1)
    if not comments:
        document.add_paragraph(_("Ingen kommentarer."))
    for comment in comments:
        byline = document.add_paragraph()
        run = byline.add_run(f"{comment.author or _('Ukjent')}, {_datetime(comment.created_at)}")
        run.bold = True
        document.add_paragraph(comment.text)

    footer = document.add_paragraph(_("Skrevet ut %(date)s fra Samspill.") % {"date": _date(today)})
    for run in footer.runs:
        run.font.size = Pt(8)
    return documents.docx_bytes(document)


def plan_pdf(
    *, participation, programme, municipality, plan, rounds, comments, today, request=None
):
    context = {
        "participation": participation,
        "programme": programme,
        "municipality": municipality,
        "plan": plan,
        "rounds": rounds,
        "comments": comments,
        "today": today,
        "facts": facts(participation, plan),
    }
    return documents.render_pdf("programmes/plan_pdf.html", context, request=request)
