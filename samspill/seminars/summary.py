"""The summary of a seminar that an adviser sends to the board and the partners: the
main topics of the whole seminar, then per theme and question the main topics with how
many groups raised them and quotes with their group, and the groups' priorities.

Built once as plain parts (`summary_parts`), written as DOCX (python-docx) or PDF
(`seminars/summary_pdf.html` through WeasyPrint)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.core import documents

from . import selectors
from .export import datetime_text, priority_table_docx, seminar_dates
from .topics import Filters, latest_analysis, topic_overview

#: Topics shown under each question; the whole seminar's list is longer.
TOPICS_PER_QUESTION = 5
TOPICS_OVERALL = 10


@dataclass
class QuestionPart:
    question: object
    topics: list
    priorities: list = field(default_factory=list)  # [(group, [point text or "", …3])]


def counts(item):
    groups = ngettext("%(n)s gruppe", "%(n)s grupper", item.group_count) % {"n": item.group_count}
    points = ngettext("%(n)s punkt", "%(n)s punkter", item.point_count) % {"n": item.point_count}
    return f"{groups}, {points}"


def summary_parts(seminar):
    overall, without = topic_overview(seminar)
    priorities = {
        question.pk: [
            (row["group"], [point.text if point else "" for point in row["ranks"]])
            for row in rows
            if any(row["ranks"])
        ]
        for _theme, questions in selectors.priority_overview(seminar)
        for question, rows, _submitted in questions
    }
    themes = []
    for theme in seminar.themes.prefetch_related("questions"):
        parts = []
        for question in theme.questions.all():
            found, _rest = topic_overview(
                seminar, Filters(theme=theme.number, question=question.pk)
            )
            parts.append(
                QuestionPart(question, found[:TOPICS_PER_QUESTION], priorities.get(question.pk, []))
            )
        themes.append((theme, parts))
    analysis = latest_analysis(seminar)
    points = sum(len(s.points) for s in overall)
    return {
        "seminar": seminar,
        "title": _("Sammendrag: %(title)s") % {"title": seminar.title},
        "facts": [
            (_("Dato"), seminar_dates(seminar)),
            (_("Grupper"), str(seminar.groups.count())),
            (_("Punkter med tema"), str(points)),
            (_("Punkter uten tema"), str(len(without))),
            (_("Analysert"), datetime_text(analysis.finished_at) if analysis else _("Ikke ennå")),
        ],
        "overall": overall[:TOPICS_OVERALL],
        "themes": themes,
    }


def summary_document(seminar, extension, request=None):
    parts = summary_parts(seminar)
    if extension == "pdf":
        return documents.render_pdf("seminars/summary_pdf.html", parts, request=request)
    return _docx(parts)


def _docx(parts):
    from docx import Document

    document = Document()
    document.core_properties.title = parts["title"]
    document.add_heading(parts["title"], level=0)
    facts = document.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in parts["facts"]:
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading(_("Hovedtemaer i hele seminaret"), level=1)
    _topic_table(document, parts["overall"])
    for theme, questions in parts["themes"]:
        document.add_heading(f"{theme.number}. {theme.title}", level=1)
        for part in questions:
            document.add_heading(
                _("Spørsmål %(number)s: %(text)s")
                % {"number": part.question.number, "text": part.question.text},
                level=2,
            )
            if not part.topics:
                document.add_paragraph(_("Ingen temaer for dette spørsmålet."))
            for item in part.topics:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(item.topic.label).bold = True
                paragraph.add_run(f" ({counts(item)})")
                for quote in item.quotes:
                    document.add_paragraph(
                        f"«{quote.text}» – {quote.group.name}", style="List Bullet 2"
                    )
            if part.priorities:
                priority_table_docx(document, part.priorities, title=_("Gruppenes prioriteringer"))
    return documents.docx_bytes(document)


def _topic_table(document, items):
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, [_("Tema"), _("Grupper"), _("Punkter")], strict=True
    ):
        cell.text = text
    for item in items:
        cells = table.add_row().cells
        cells[0].text = item.topic.label
        cells[1].text = str(item.group_count)
        cells[2].text = str(item.point_count)
