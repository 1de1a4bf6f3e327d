"""A seminar's whole board and its priorities as documents people keep.

`board_export` reads the seminar once (five queries however large it is) into plain
rows, one per visible point with its group's priority and the dots it got. The same rows
make the table (CSV, XLSX: one row per point) and the documents (DOCX, PDF), arranged
either by theme and question (what every group said to each question) or by group (all
that one group said). Hidden points are left out: they were hidden for a reason, such as
a pupil's name."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samspill.core import documents

from .models import DotVote, Group, Point, Priority
from .selectors import natural_key

#: The two arrangements, by the word in the address.
BY_THEME = "tema"
BY_GROUP = "gruppe"
ORDERS = {BY_THEME: gettext_lazy("tema og spørsmål"), BY_GROUP: gettext_lazy("gruppe")}
FORMATS = ("docx", "pdf", "csv", "xlsx")


@dataclass
class Row:
    theme: object
    question: object  # None for points written in the box itself
    group: object
    point: object
    rank: int | None
    submitted: bool
    dots: int

    @property
    def label(self):
        """ "Pri 1 · 3 prikker": what the group and the room made of the point."""
        labels = []
        if self.rank:
            labels.append(_("Pri %(rank)s") % {"rank": self.rank})
        if self.dots:
            labels.append(
                ngettext("%(dots)s prikk", "%(dots)s prikker", self.dots) % {"dots": self.dots}
            )
        return " · ".join(labels)


@dataclass
class Part:
    """A heading with points under it, or with further parts."""

    title: str
    detail: str = ""
    rows: list = field(default_factory=list)
    parts: list = field(default_factory=list)
    priorities: list = field(default_factory=list)  # [(group, [text or "", …3])]


def date_text(day):
    return date_format(day, "DATE_FORMAT") if day else ""


def datetime_text(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""


def seminar_dates(seminar):
    if seminar.ends_on and seminar.ends_on != seminar.starts_on:
        return f"{date_text(seminar.starts_on)}–{date_text(seminar.ends_on)}"
    return date_text(seminar.starts_on)


def question_title(question):
    if question is None:
        return _("Uten spørsmål")
    return _("Spørsmål %(number)s: %(text)s") % {"number": question.number, "text": question.text}


def group_detail(group):
    return " · ".join(text for text in [group.place, group.municipalities_text] if text)


def board_export(seminar):
    """`(themes, groups, rows)`: the seminar's themes with their questions, its groups in
    natural order, and one `Row` per visible point, ordered by theme, question, group and
    the order the group wrote them."""
    themes = list(seminar.themes.prefetch_related("questions"))
    groups = sorted(
        Group.objects.filter(seminar=seminar).prefetch_related(
            Prefetch("municipalities", to_attr="municipality_list")
        ),
        key=lambda group: natural_key(group.name),
    )
    priorities = {
        point_id: (rank, submitted_at is not None)
        for point_id, rank, submitted_at in Priority.objects.filter(
            question__theme__seminar=seminar
        ).values_list("point_id", "rank", "submitted_at")
    }
    dots = dict(
        DotVote.objects.filter(point__theme__seminar=seminar)
        .order_by()
        .values("point_id")
        .annotate(total=Sum("dots"))
        .values_list("point_id", "total")
    )
    theme_by_id = {theme.pk: theme for theme in themes}
    question_by_id = {q.pk: q for theme in themes for q in theme.questions.all()}
    group_order = {group.pk: index for index, group in enumerate(groups)}
    group_by_id = {group.pk: group for group in groups}
    rows = []
    for point in Point.objects.visible().filter(theme__seminar=seminar).order_by("position", "pk"):
        rank, submitted = priorities.get(point.pk, (None, False))
        rows.append(
            Row(
                theme=theme_by_id[point.theme_id],
                question=question_by_id.get(point.question_id),
                group=group_by_id[point.group_id],
                point=point,
                rank=rank,
                submitted=submitted,
                dots=dots.get(point.pk, 0),
            )
        )

    def question_number(row):
        # Points without a question come last under their theme, as on the board.
        return row.question.number if row.question else 10_000

    rows.sort(
        key=lambda row: (
            row.theme.number,
            question_number(row),
            group_order[row.group.pk],
            row.point.position,
            row.point.pk,
        )
    )
    return themes, groups, rows


def _priority_table(rows):
    """`[(group, [point text or "" for Pri 1, 2, 3])]` for the groups that ranked any."""
    table = {}
    for row in rows:
        if row.rank:
            table.setdefault(row.group.pk, (row.group, ["", "", ""]))[1][row.rank - 1] = (
                row.point.text
            )
    return list(table.values())


def arrange(themes, groups, rows, order):
    """The rows as nested `Part`s for a document: theme → question → group, each question
    ending with its priorities side by side; or group → theme → question."""
    parts = []
    if order == BY_GROUP:
        for group in groups:
            own = [row for row in rows if row.group.pk == group.pk]
            group_part = Part(title=group.name, detail=group_detail(group))
            for theme in themes:
                in_theme = [row for row in own if row.theme.pk == theme.pk]
                if not in_theme:
                    continue
                theme_part = Part(title=f"{theme.number}. {theme.title}")
                for question in _questions_with_rows(theme, in_theme):
                    theme_part.parts.append(
                        Part(
                            title=question_title(question),
                            rows=[row for row in in_theme if row.question == question],
                        )
                    )
                group_part.parts.append(theme_part)
            if group_part.parts:
                parts.append(group_part)
        return parts
    for theme in themes:
        in_theme = [row for row in rows if row.theme.pk == theme.pk]
        theme_part = Part(title=f"{theme.number}. {theme.title}", detail=theme.introduction)
        for question in _questions_with_rows(theme, in_theme, every_question=True):
            in_question = [row for row in in_theme if row.question == question]
            question_part = Part(
                title=question_title(question), priorities=_priority_table(in_question)
            )
            for group in groups:
                own = [row for row in in_question if row.group.pk == group.pk]
                if own:
                    question_part.parts.append(
                        Part(title=group.name, detail=group_detail(group), rows=own)
                    )
            theme_part.parts.append(question_part)
        parts.append(theme_part)
    return parts


def _questions_with_rows(theme, rows, *, every_question=False):
    questions = [
        q for q in theme.questions.all() if every_question or any(row.question == q for row in rows)
    ]
    if any(row.question is None for row in rows):
        questions.append(None)
    return questions


# --- Tables ---------------------------------------------------------------------------


def table_header():
    return [
        _("Dialogtema"),
        _("Spørsmål nr."),
        _("Spørsmål"),
        _("Gruppe"),
        _("Sted eller rom"),
        _("Kommuner"),
        _("Punkt"),
        _("Prioritet"),
        _("Prioritet sendt inn"),
        _("Prikker"),
        _("Skrevet"),
    ]


def table_rows(rows, order):
    if order == BY_GROUP:
        # The rows come by theme and question; a stable sort keeps that within a group.
        rows = sorted(rows, key=lambda row: natural_key(row.group.name))
    for row in rows:
        yield [
            f"{row.theme.number}. {row.theme.title}",
            row.question.number if row.question else "",
            row.question.text if row.question else "",
            row.group.name,
            row.group.place,
            row.group.municipalities_text,
            row.point.text,
            row.rank or "",
            (_("ja") if row.submitted else _("nei")) if row.rank else "",
            row.dots,
            datetime_text(row.point.created_at),
        ]


# --- Documents ------------------------------------------------------------------------


def document_title(seminar):
    return _("Tavla fra %(title)s") % {"title": seminar.title}


def facts(seminar, order):
    return [
        (_("Dato"), seminar_dates(seminar)),
        (_("Steder og rom"), ", ".join(seminar.places.split("\n")) if seminar.places else ""),
        (_("Ordnet etter"), str(ORDERS[order])),
        (_("Laget"), datetime_text(timezone.now())),
    ]


def board_docx(seminar, parts, order):
    from docx import Document

    document = Document()
    document.core_properties.title = document_title(seminar)
    document.add_heading(document_title(seminar), level=0)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in facts(seminar, order):
        if value:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
            for run in cells[0].paragraphs[0].runs:
                run.bold = True
    document.add_paragraph(_("Skjulte punkter er ikke med."))
    for part in parts:
        _docx_part(document, part, level=1)
    return documents.docx_bytes(document)


def _docx_part(document, part, level):
    document.add_heading(part.title, level=min(level, 9))
    if part.detail:
        document.add_paragraph().add_run(part.detail).italic = True
    for row in part.rows:
        paragraph = document.add_paragraph(row.point.text, style="List Bullet")
        label = row.label
        if label:
            paragraph.add_run(f" ({label})").bold = True
    for child in part.parts:
        _docx_part(document, child, level + 1)
    if part.priorities:
        priority_table_docx(document, part.priorities, title=_("Prioriteringer"))


def priority_table_docx(document, priorities, *, title):
    """The groups' Pri 1, 2 and 3 side by side, under a bold title."""
    document.add_paragraph().add_run(title).bold = True
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, [_("Gruppe"), _("Pri 1"), _("Pri 2"), _("Pri 3")], strict=True
    ):
        cell.text = text
    for group, ranks in priorities:
        cells = table.add_row().cells
        cells[0].text = group.name
        for cell, text in zip(cells[1:], ranks, strict=True):
            cell.text = text


def board_pdf(seminar, parts, order, request=None):
    return documents.render_pdf(
        "seminars/board_pdf.html",
        {
            "seminar": seminar,
            "title": document_title(seminar),
            "facts": [(label, value) for label, value in facts(seminar, order) if value],
            "parts": parts,
        },
        request=request,
    )
