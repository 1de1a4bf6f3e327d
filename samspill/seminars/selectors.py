"""Reads for dialogue seminars, with the related rows fetched up front."""

import datetime
import re
import time
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import (
    BigIntegerField,
    Count,
    DateTimeField,
    F,
    Func,
    Max,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import DotVote, Group, ModerationEntry, Point, Priority, Question, Theme

# --- The board, priorities and dot votes (helper B) -----------------------------------

_DIGITS = re.compile(r"(\d+)")


#: A poll also asks for what changed a little before the time in its marker: a point
#: saved just before the previous answer was drawn but committed just after would
#: otherwise never reach that browser. Sending a section twice does no harm.
BOARD_OVERLAP = datetime.timedelta(seconds=2)
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)


def _scalar(queryset, function, field, output_field):
    """`function(field)` over `queryset` as a one-value subquery, without GROUP BY."""
    value = Func(F(field), function=function, output_field=output_field)
    return Subquery(queryset.order_by().annotate(value=value).values("value")[:1])


@dataclass(frozen=True)
class Marker:
    """What a board page shows, as its poller sends it back (`?siden=`): whether the
    theme was closed and the seminar locked, when the boxes were drawn, and the groups
    there were (count and highest pk)."""

    flags: str
    at: datetime.datetime
    groups: str

    def __str__(self):
        return f"{self.flags}-{(self.at - _EPOCH) // _MICROSECOND}-{self.groups}"

    @classmethod
    def parse(cls, text):
        """The marker in `text`, or None when it is missing or malformed."""
        try:
            flags, micro, count, top = str(text).split("-")
            at = _EPOCH + int(micro) * _MICROSECOND
            groups = f"{int(count)}-{int(top)}"
        except (ValueError, OverflowError):
            return None
        if flags not in {"00", "01", "10", "11"}:
            return None
        return cls(flags=flags, at=at, groups=groups)


def board_theme(slug, number):
    """A theme with its seminar and the groups its board's marker needs (count, highest
    pk), in one query."""
    groups = Group.objects.filter(seminar=OuterRef("seminar"))
    queryset = Theme.objects.select_related("seminar").annotate(
        group_count=_scalar(groups, "COUNT", "pk", BigIntegerField()),
        group_top=_scalar(groups, "MAX", "pk", BigIntegerField()),
    )
    return get_object_or_404(queryset, seminar__slug=slug, number=number)


class BoardState:
    """What a theme's board looks like at `at`, as far as polls need to know: the theme
    with its seminar and groups (for the marker), when its points, its priorities and
    the seminar's moderation last changed, and, read only when a poll needs them, the
    version of every section (`section_versions`).

    One process answers many polls a second for the same board; they share one state
    for `SEMINAR_BOARD_STATE_MS` (see `board_state`), so a poll costs the session and
    the participant, not five aggregate queries. `at` is taken before reading, so a poll
    answered from the state asks next time from `at` on and misses nothing."""

    def __init__(self, theme, at):
        self.theme = theme
        self.at = at

    def changed_since(self, since):
        """Whether points or priorities of the theme changed after `since`."""
        return any(
            last is not None and last > since
            for last in (self.theme.points_last, self.theme.priorities_last)
        )

    def moderated_since(self, since):
        last = self.theme.moderated_last
        return last is not None and last > since

    @cached_property
    def sections(self):
        """`{(group_id, question_id): (last change, version)}` for every section with
        points or priorities. Two queries, however many sections."""
        theme = self.theme
        parts, lasts = {}, {}
        for prefix, queryset, moment in [
            ("p", Point.objects.filter(theme=theme), "updated_at"),
            ("r", Priority.objects.filter(question__theme=theme), "submitted_at"),
        ]:
            rows = (
                queryset.order_by()
                .values("group_id", "question_id")
                .annotate(count=Count("pk"), top=Max("pk"), last=Max(moment))
                .values_list("group_id", "question_id", "count", "top", "last")
            )
            for group_id, question_id, count, top, last in rows:
                pair = (group_id, question_id)
                stamp = (last - _EPOCH) // _MICROSECOND if last else 0
                parts.setdefault(pair, []).append(f"{prefix}{count}.{top}.{stamp}")
                if last is not None and (lasts.get(pair) is None or last > lasts[pair]):
                    lasts[pair] = last
        return {pair: (lasts.get(pair), "-".join(texts)) for pair, texts in parts.items()}

    def touched_sections(self, since):
        """`{(group_id, question_id)}`: the sections whose points were written, edited or
        hidden, or whose priorities were submitted, after `since`."""
        return {
            pair for pair, (last, _v) in self.sections.items() if last is not None and last > since
        }

    def section_versions(self, pairs=None):
        """`{(group_id, question_id): text}`, a text that changes whenever what the
        section shows changes: its points (hidden ones too) and the group's priorities.
        Without `pairs`, every section that has points or priorities; an empty section's
        version is "0"."""
        if pairs is None:
            return {pair: version for pair, (_last, version) in self.sections.items()}
        return {pair: self.sections.get(pair, (None, "0"))[1] for pair in pairs}


#: `{(slug, number): (expires, BoardState)}`, per process (see `board_state`).
_board_states = {}


def board_state(slug, number):
    """The `BoardState` of a theme's board, shared by the polls this process answers
    within `SEMINAR_BOARD_STATE_MS` milliseconds (0: read for every poll). The theme,
    its marker and the last changes come in one query."""
    lifetime = getattr(settings, "SEMINAR_BOARD_STATE_MS", 0) / 1000
    key = (slug, number)
    if lifetime > 0:
        cached = _board_states.get(key)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
    at = timezone.now()  # before reading: what is written meanwhile comes next time
    points = Point.objects.filter(theme=OuterRef("pk"))
    priorities = Priority.objects.filter(question__theme=OuterRef("pk"))
    moderation = ModerationEntry.objects.filter(point__theme__seminar=OuterRef("seminar"))
    groups = Group.objects.filter(seminar=OuterRef("seminar"))
    queryset = Theme.objects.select_related("seminar").annotate(
        group_count=_scalar(groups, "COUNT", "pk", BigIntegerField()),
        group_top=_scalar(groups, "MAX", "pk", BigIntegerField()),
        points_last=_scalar(points, "MAX", "updated_at", DateTimeField()),
        priorities_last=_scalar(priorities, "MAX", "submitted_at", DateTimeField()),
        moderated_last=_scalar(moderation, "MAX", "at", DateTimeField()),
    )
    state = BoardState(get_object_or_404(queryset, seminar__slug=slug, number=number), at)
    if lifetime > 0:
        _board_states[key] = (time.monotonic() + lifetime, state)
    return state


def board_marker(theme, at):
    """The marker of `theme`'s board drawn at `at` (see `Marker`)."""
    return Marker(
        flags=f"{int(theme.is_closed)}{int(theme.seminar.is_locked)}",
        at=at,
        groups=f"{theme.group_count or 0}-{theme.group_top or 0}",
    )


def natural_key(name):
    """ "Digitalt rom 2" before "Digitalt rom 10"; case does not matter."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _DIGITS.split(name.casefold())
    ]


class Box:
    """One group's box on a theme's board: its points under each question, and the
    points without a question (imported or moved there) last."""

    def __init__(self, group, questions, *, is_own=False):
        self.group = group
        self.is_own = is_own
        self.sections = [Section(question) for question in questions]
        self.loose = Section(None)
        self._by_question = {section.question.pk: section for section in self.sections}

    def add(self, point):
        self._by_question.get(point.question_id, self.loose).points.append(point)

    @property
    def all_sections(self):
        """Every question's section, then the points without a question if there are any
        (or if the theme has no questions, so that the group has somewhere to write)."""
        if self.loose.points or not self.sections:
            return [*self.sections, self.loose]
        return self.sections

    @property
    def own_sections(self):
        """The own box shows every question and always the (perhaps empty) place for
        points without a question, so that a live update always has somewhere to land."""
        return [*self.sections, self.loose]

    @property
    def point_count(self):
        return sum(len(section.points) for section in self.all_sections)


class Section:
    def __init__(self, question):
        self.question = question
        self.points = []

    @property
    def key(self):
        return self.question.pk if self.question else 0


def board_boxes(theme, *, own_group=None, include_hidden=False, group_ids=None):
    """One box per group of the seminar for `theme`, the viewer's own group first; with
    `group_ids`, only those groups' boxes.

    A fixed number of queries whatever the number of groups and points: questions,
    groups (with their municipalities), points and priorities. Each point carries
    `rank`, the group's priority for it (1–3) or None."""
    # Explicit or no ordering: the default orderings join the seminar (and theme) tables
    # to sort rows that all belong to one seminar; the boxes are sorted below.
    questions = list(theme.questions.order_by("number"))
    groups = (
        Group.objects.filter(seminar_id=theme.seminar_id)
        .order_by()
        .prefetch_related(Prefetch("municipalities", to_attr="municipality_list"))
    )
    points = Point.objects.filter(theme=theme)
    priorities = Priority.objects.filter(question__theme=theme).order_by()
    if group_ids is not None:
        groups = groups.filter(pk__in=group_ids)
        points = points.filter(group_id__in=group_ids)
        priorities = priorities.filter(group_id__in=group_ids)
    if not include_hidden:
        points = points.visible()
    ranks = dict(priorities.values_list("point_id", "rank"))
    boxes = {}
    for group in groups:
        boxes[group.pk] = Box(
            group, questions, is_own=own_group is not None and group.pk == own_group.pk
        )
    for point in points.order_by("group_id", "position", "pk"):
        point.rank = ranks.get(point.pk)
        box = boxes.get(point.group_id)
        if box is not None:
            box.add(point)
    ordered = sorted(boxes.values(), key=lambda box: (not box.is_own, natural_key(box.group.name)))
    return questions, ordered


def group_points_for_question(group, question):
    """The group's visible points under `question`, in the order they were written."""
    return list(
        Point.objects.visible().filter(group=group, question=question).order_by("position", "pk")
    )


def group_priorities(group, question):
    """The group's priorities for `question`, rank 1 first, with their points."""
    return list(
        Priority.objects.filter(group=group, question=question)
        .select_related("point")
        .order_by("rank")
    )


def priority_overview(seminar):
    """Per theme and question, each group's priorities side by side.

    Returns `[(theme, [(question, rows, submitted_count)])]` where each row is
    `{"group": group, "ranks": [point or None] * 3, "submitted_at": datetime or None}`."""
    themes = list(seminar.themes.prefetch_related("questions"))
    groups = sorted(seminar.groups.all(), key=lambda group: natural_key(group.name))
    priorities = Priority.objects.filter(question__theme__seminar=seminar).select_related("point")
    by_key = {}
    for priority in priorities:
        by_key.setdefault((priority.question_id, priority.group_id), []).append(priority)
    overview = []
    for theme in themes:
        questions = []
        for question in theme.questions.all():
            rows = []
            submitted = 0
            for group in groups:
                chosen = by_key.get((question.pk, group.pk), [])
                ranks = [None, None, None]
                for priority in chosen:
                    ranks[priority.rank - 1] = priority.point
                submitted_at = max((p.submitted_at for p in chosen if p.submitted_at), default=None)
                submitted += submitted_at is not None
                rows.append({"group": group, "ranks": ranks, "submitted_at": submitted_at})
            questions.append((question, rows, submitted))
        overview.append((theme, questions))
    return overview


def seminar_question(seminar, pk):
    return get_object_or_404(
        Question.objects.select_related("theme__seminar"), pk=pk, theme__seminar=seminar
    )


def dot_vote_candidates(question):
    """The submitted priorities of every group for `question`, each with the dots its
    point has received in all, most dots first (then by group and rank). Points an
    organiser hid from the board are left out."""
    dots = DotVote.objects.filter(point=OuterRef("point")).order_by().values("point")
    dots = dots.annotate(total=Sum("dots")).values("total")
    return list(
        Priority.objects.filter(
            question=question, submitted_at__isnull=False, point__is_hidden=False
        )
        .select_related("point", "group")
        .annotate(dots=Coalesce(Subquery(dots), 0))
        .order_by("-dots", "group__name", "rank")
    )


def group_dots(group, question):
    """`{point_id: dots}` the group has given to points prioritised under `question`."""
    return dict(
        DotVote.objects.filter(group=group, point__priorities__question=question).values_list(
            "point_id", "dots"
        )
    )


def own_box_section(theme, group, question):
    """The group's box reduced to one section (`question`, or the points without one),
    as the own box shows it right after the group wrote there: `(box, section)`."""
    box = Box(group, [question] if question else [], is_own=True)
    points = list(
        Point.objects.visible()
        .filter(theme=theme, group=group, question=question)
        .order_by("position", "pk")
    )
    ranks = dict(
        Priority.objects.filter(group=group, point__in=[p.pk for p in points])
        .order_by()
        .values_list("point_id", "rank")
    )
    for point in points:
        point.rank = ranks.get(point.pk)
        box.add(point)
    return box, box.sections[0] if question else box.loose


def municipality_seminars(municipality):
    """The seminars the municipality took part in (through a group it was in), with the
    visible points of those groups, for the municipality page."""
    groups = (
        Group.objects.filter(municipalities=municipality)
        .select_related("seminar")
        .prefetch_related(
            Prefetch(
                "points",
                queryset=Point.objects.visible()
                .select_related("theme", "question")
                .order_by("theme__number", "question__number", "position", "pk"),
            )
        )
        .order_by("-seminar__starts_on", "name")
    )
    seminars = {}
    for group in groups:
        seminars.setdefault(group.seminar, []).append(group)
    return [{"seminar": seminar, "groups": grouped} for seminar, grouped in seminars.items()]
