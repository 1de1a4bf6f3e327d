"""Reads of the strategy area, with related rows fetched up front (no N+1 on any page)."""

from django.db.models import F, Min, Prefetch
from django.shortcuts import get_object_or_404

from .models import (
    CLOSED,
    Decision,
    DecisionKind,
    FollowUp,
    GoverningDocument,
    Measure,
    Plan,
    StatusUpdate,
    SupportResource,
    TraceLink,
)
from .progress import decision_status, roll_up

LINK_RELATED = [
    "point__group__seminar",
    "point__question",
    "programme",
    "project__agreement",
]


def documents():
    return GoverningDocument.objects.all()


def plans():
    return Plan.objects.prefetch_related("areas__goals__measures")


def plan_with_measures(slug):
    measures = Measure.objects.select_related(
        "responsible_unit", "responsible_region", "goal__area"
    )
    plan = get_object_or_404(
        Plan.objects.select_related("governing_document").prefetch_related(
            "areas__goals", Prefetch("areas__goals__measures", queryset=measures)
        ),
        slug=slug,
    )
    return roll_up(plan)


def plan_measures(plan):
    return (
        Measure.objects.filter(goal__area__plan=plan)
        .select_related("goal__area", "responsible_unit", "responsible_region")
        .order_by("goal__area__number", "goal__number", "level", "position", "pk")
    )


def measure_detail(pk):
    return get_object_or_404(
        Measure.objects.select_related(
            "goal__area__plan", "responsible_unit", "responsible_region"
        ).prefetch_related(
            Prefetch("updates", queryset=StatusUpdate.objects.select_related("author")),
            Prefetch("links", queryset=TraceLink.objects.select_related(*LINK_RELATED)),
        ),
        pk=pk,
    )


def _follow_ups():
    return FollowUp.objects.select_related("responsible_unit", "responsible_region")


def decisions(kind=None):
    """Top-level cases with their parts, follow-ups and responsible units, each with its
    `.state` (planned points done of all)."""
    queryset = (
        Decision.objects.filter(parent__isnull=True)
        .select_related("governing_document")
        .prefetch_related(
            "responsible_units",
            "additional_decisions",
            Prefetch("follow_ups", queryset=_follow_ups()),
            Prefetch(
                "parts",
                queryset=Decision.objects.prefetch_related(
                    "responsible_units", Prefetch("follow_ups", queryset=_follow_ups())
                ),
            ),
        )
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    rows = list(queryset)
    for decision in rows:
        decision.state = decision_status(decision)
    return rows


def decision_list_rows():
    """The case list: the top-level cases with their responsible units and `.state`, and
    of the follow-up points only what the state needs (issue 11: 200 cases with 600
    points made the list read every point's text, unit and region, and every part)."""
    rows = list(
        Decision.objects.filter(parent__isnull=True)
        .defer("text", "note", "done_intro", "planned_intro")
        .prefetch_related(
            "responsible_units",
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.only("pk", "decision_id", "kind", "status"),
            ),
        )
    )
    for decision in rows:
        decision.state = decision_status(decision)
    return (
        [d for d in rows if d.kind == DecisionKind.PRIORITY],
        [d for d in rows if d.kind != DecisionKind.PRIORITY],
    )


def priorities_and_decisions():
    rows = decisions()
    return (
        [d for d in rows if d.kind == DecisionKind.PRIORITY],
        [d for d in rows if d.kind != DecisionKind.PRIORITY],
    )


def decision_detail(pk):
    decision = get_object_or_404(
        Decision.objects.select_related("governing_document", "parent").prefetch_related(
            "responsible_units",
            "additional_decisions",
            "support_resources",
            Prefetch(
                "follow_ups",
                queryset=_follow_ups().prefetch_related(
                    Prefetch("links", queryset=TraceLink.objects.select_related(*LINK_RELATED))
                ),
            ),
            Prefetch(
                "parts",
                queryset=Decision.objects.prefetch_related(
                    Prefetch("follow_ups", queryset=_follow_ups())
                ),
            ),
        ),
        pk=pk,
    )
    decision.state = decision_status(decision)
    return decision


def follow_up_detail(pk):
    return get_object_or_404(
        FollowUp.objects.select_related(
            "decision", "responsible_unit", "responsible_region"
        ).prefetch_related(
            Prefetch("updates", queryset=StatusUpdate.objects.select_related("author")),
            Prefetch("links", queryset=TraceLink.objects.select_related(*LINK_RELATED)),
        ),
        pk=pk,
    )


def overdue_measures(today):
    return (
        Measure.objects.overdue(today)
        .select_related("goal__area__plan", "responsible_unit", "responsible_region")
        .order_by("deadline")
    )


def overdue_follow_ups(today):
    return (
        FollowUp.objects.exclude(status__in=CLOSED)
        .filter(due_on__lt=today)
        .select_related("decision", "responsible_unit", "responsible_region")
        .order_by("due_on")
    )


def recent_updates(limit=10):
    return StatusUpdate.objects.select_related("author", "measure", "follow_up__decision")[:limit]


def support_resources():
    return SupportResource.objects.select_related("responsible_unit", "decision")


def unit_work(unit):
    """A competence community's own list: its measures and follow-up points, and the cases
    it is responsible for."""
    return {
        "measures": Measure.objects.for_unit(unit)
        .select_related("goal__area__plan")
        .order_by("status", "deadline", "pk"),
        "follow_ups": _follow_ups()
        .filter(responsible_unit=unit)
        .select_related("decision")
        .order_by("decision__sort_order", "kind", "position"),
        "decisions": Decision.objects.filter(responsible_units=unit),
        "resources": SupportResource.objects.filter(responsible_unit=unit),
    }


def links_to(target):
    """The measures and follow-ups that link to a seminar (through its points), a
    programme or a project: what the back-link on those pages shows."""
    from samspill.agreements.models import Project
    from samspill.programmes.models import Programme
    from samspill.seminars.models import Seminar

    queryset = TraceLink.objects.select_related(
        "measure__goal__area__plan", "follow_up__decision", "point__group", "point__question"
    )
    if isinstance(target, Seminar):
        return queryset.filter(point__group__seminar=target).order_by("point__group__name", "pk")
    if isinstance(target, Programme):
        return queryset.filter(programme=target)
    if isinstance(target, Project):
        return queryset.filter(project=target)
    return queryset.none()


def link_targets():
    """What a link can point to: seminar points (those a group prioritised first),
    programmes, projects."""
    from samspill.agreements.models import Project
    from samspill.programmes.models import Programme
    from samspill.seminars.models import Point

    points = (
        Point.objects.visible()
        .select_related("group__seminar")
        .annotate(best_rank=Min("priorities__rank"))
        .order_by("group__seminar__title", F("best_rank").asc(nulls_last=True), "group__name", "pk")
    )
    return {
        "points": points,
        "programmes": Programme.objects.order_by("name"),
        "projects": Project.objects.select_related("agreement").order_by(
            "agreement__title", "title"
        ),
    }
