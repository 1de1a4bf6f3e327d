"""A meeting's minutes as a document: when and where, who was there, the agenda, the
minutes, the decisions, the action items and the comments. The same parts make the DOCX
(python-docx) and the PDF (`agreements/minutes_pdf.html` through WeasyPrint)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core import documents


def _date(day):
    return date_format(day, "DATE_FORMAT") if day else ""


def when(meeting):
    start = timezone.localtime(meeting.starts_at)
    text = f"{_date(start.date())} {start:%H:%M}"
    if meeting.ends_at:
        text += f"–{timezone.localtime(meeting.ends_at):%H:%M}"
    return text


def facts(meeting):
    rows = [
        (_("Avtale"), meeting.agreement.title),
        (_("Type"), meeting.get_kind_display()),
        (_("Tid"), when(meeting)),
        (_("Sted"), meeting.place or meeting.digital_link or "–"),
        (_("Status"), meeting.get_status_display()),
        (
            _("Til stede"),
            ", ".join(str(a.person) for a in meeting.attendances.all()) or "–",
        ),
    ]
    if meeting.minutes_by:
        rows.append((_("Referent"), str(meeting.minutes_by)))
    return rows


def action_rows(meeting):
    return [
        (
            item.text,
            str(item.owner),
            _date(item.due_on),
            _("Utført %(date)s") % {"date": _date(item.done_on)} if item.done_on else _("Åpen"),
        )
        for item in meeting.action_items.all()
    ]


def _bold_row(table, values):
    for cell, value in zip(table.rows[0].cells, values, strict=True):
        cell.text = value
        for run in cell.paragraphs[0].runs:
            run.bold = True


def minutes_docx(*, meeting):
    from docx import Document

    document = Document()
    document.core_properties.title = _("Referat: %(title)s") % {"title": meeting.title}
    document.add_heading(document.core_properties.title, level=0)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts(meeting):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
        for run in cells[0].paragraphs[0].runs:
            run.bold = True

    document.add_heading(_("Dagsorden"), level=1)
    for item in meeting.agenda_items.all():
        document.add_paragraph(f"{item.number}. {item.title}")
    document.add_heading(_("Referat"), level=1)
    for paragraph in (meeting.minutes or _("Referatet er ikke skrevet ennå.")).split("\n\n"):
        document.add_paragraph(paragraph.strip())
    document.add_heading(_("Vedtak"), level=1)
    decisions = list(meeting.decisions.all())
    if not decisions:
        document.add_paragraph(_("Ingen vedtak."))
    for decision in decisions:
        document.add_paragraph(f"{decision.number}. {decision.text}")
    document.add_heading(_("Oppfølgingspunkter"), level=1)
    rows = action_rows(meeting)
    if rows:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        _bold_row(table, [_("Oppgave"), _("Ansvarlig"), _("Frist"), _("Status")])
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    else:
        document.add_paragraph(_("Ingen oppfølgingspunkter."))
    comments = list(meeting.comments.all())
    if comments:
        document.add_heading(_("Kommentarer til referatet"), level=1)
        for comment in comments:
            byline = document.add_paragraph()
            run = byline.add_run(
                f"{comment.author or _('Ukjent')}, "
                f"{date_format(timezone.localtime(comment.created_at), 'DATETIME_FORMAT')}"
            )
            run.bold = True
            document.add_paragraph(comment.text)
    return documents.docx_bytes(document)


def minutes_pdf(*, meeting, request=None):
    context = {
        "meeting": meeting,
        "facts": facts(meeting),
        "action_rows": action_rows(meeting),
    }
    return documents.render_pdf("agreements/minutes_pdf.html", context, request=request)
