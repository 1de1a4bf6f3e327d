"""Reads of grants and stipends: the reviewer's queue, the ranking of a round, the limits
of a call and the statistics. Querysets come with their related rows already fetched."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404
from django.urls import reverse

from samspill.members.models import County, Municipality

from .models import (
    ApplicationStatus,
    Award,
    Call,
    ConflictOfInterest,
    GrantApplication,
    Jury,
    JuryKind,
    Nomination,
    NominationStatus,
    Round,
    Score,
)


def call_by_slug(slug):
    return get_object_or_404(
        Call.objects.select_related("scheme__partner").prefetch_related(
            "scheme__categories", "scheme__criteria"
        ),
        slug=slug,
    )


def calls():
    return Call.objects.select_related("scheme__partner").order_by("-year", "-closes_on")


def nominations_for(call, *, municipality=None):
    queryset = (
        call.nominations.select_related("call", "municipality", "category", "award")
        .defer("motivation", "dream", "links")
        .order_by("last_name", "first_name", "pk")
    )
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset


def nomination_detail(pk):
    return get_object_or_404(
        Nomination.objects.select_related(
            "call__scheme", "municipality__county", "category", "nominated_by"
        ).prefetch_related(
            "work_samples", Prefetch("conflicts", queryset=ConflictOfInterest.objects.all())
        ),
        pk=pk,
    )


def applications_for(call, *, municipality=None):
    queryset = call.applications.select_related("municipality__county").annotate(
        budget_total=Sum("budget_lines__amount")
    )
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset.order_by("municipality__name")


# --- Juries and rounds ----------------------------------------------------------------


def _juries_of(user, call_ids=None):
    queryset = Jury.objects.filter(members=user)
    if call_ids is not None:
        queryset = queryset.filter(call_id__in=call_ids)
    return list(queryset)


def reviewer_rounds_for(user, nomination):
    """The open rounds in which `user` scores `nomination` as a jury member."""
    juries = _juries_of(user, [nomination.call_id])
    if not juries:
        return []
    rounds = Round.objects.filter(
        call_id=nomination.call_id, closed_at__isnull=True, nominations=nomination
    )
    result = []
    for round_ in rounds:
        for jury in juries:
            if jury.kind != round_.jury_kind:
                continue
            if jury.kind == JuryKind.SUBJECT and jury.category_id != nomination.category_id:
                continue
            result.append(round_)
            break
    return result


#: What a row of the reviewer's list shows.
QUEUE_FIELDS = [
    "call_id",
    "first_name",
    "last_name",
    "municipality__name",
    "category__name",
    "category__sort_order",
]


@dataclass
class QueueRound:
    round: Round
    nominations: list
    hidden: int


def reviewer_queue(user):
    """For each open round the user reviews in: the nominations to score (never one the
    user declared a conflict for), each with how many criteria the user has scored, and
    how many were hidden because of conflicts."""
    juries = _juries_of(user)
    if not juries:
        return []
    by_call = defaultdict(list)
    for jury in juries:
        by_call[jury.call_id].append(jury)
    result = []
    rounds = (
        Round.objects.filter(call_id__in=by_call, closed_at__isnull=True)
        .select_related("call__scheme")
        .order_by("call__closes_on", "number")
    )
    conflicted = set(
        ConflictOfInterest.objects.filter(reviewer=user).values_list("nomination_id", flat=True)
    )
    for round_ in rounds:
        own = [j for j in by_call[round_.call_id] if j.kind == round_.jury_kind]
        if not own:
            continue
        queryset = round_.nominations.all()
        if round_.jury_kind == JuryKind.SUBJECT:
            queryset = queryset.filter(category_id__in=[j.category_id for j in own])
        nominations = list(
            queryset.select_related("municipality", "category")
            .only(*QUEUE_FIELDS)
            .order_by("category__sort_order", "last_name", "first_name", "pk")
        )
        visible = [n for n in nominations if n.pk not in conflicted]
        scored = dict(
            Score.objects.filter(round=round_, reviewer=user)
            .values("nomination_id")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("nomination_id", "n")
        )
        score_prefix = reverse("grants:score", kwargs={"round_pk": round_.pk, "nomination_pk": 0})[
            : -len("0/")
        ]
        for nomination in visible:
            nomination.my_scores = scored.get(nomination.pk, 0)
            nomination.score_url = f"{score_prefix}{nomination.pk}/"
            nomination.conflict_url = f"{score_prefix}{nomination.pk}/inhabil/"
        result.append(
            QueueRound(round=round_, nominations=visible, hidden=len(nominations) - len(visible))
        )
    return result


def start_page_reviews(user):
    """For the start page: each open round the user scores in, with their progress."""
    if not user.is_authenticated or not user.juries.exists():
        return []
    return [
        {
            "round": entry.round,
            "scored": sum(1 for n in entry.nominations if n.my_scores),
            "total": len(entry.nominations),
        }
        for entry in reviewer_queue(user)
    ]


@dataclass
class Ranked:
    nomination: Nomination
    total: Decimal | None
    reviewers: int
    rank: int = 0
    advanced: bool = False
    url: str = ""


#: What a ranking row shows; the long texts stay in the database.
RANKING_FIELDS = [
    "call_id",
    "status",
    "first_name",
    "last_name",
    "is_example",
    "municipality__name",
    "category__name",
    "category__sort_order",
    "award__id",
    "award__amount",
]


def ranking(round_, *, viewer=None):
    """The nominations of a round by average total score (sum over the criteria, averaged
    over the reviewers who scored), best first; unscored last. Nominations the viewer
    declared a conflict for are left out (the count is returned).

    The scores are summed in one grouped query over the round's scores and joined to the
    nominations in Python: 600 nominations with 7 200 scores take a few milliseconds."""
    queryset = round_.nominations.select_related("municipality", "category", "award").only(
        *RANKING_FIELDS
    )
    hidden = 0
    if viewer is not None:
        conflicted = set(
            ConflictOfInterest.objects.filter(
                reviewer=viewer, nomination__rounds=round_
            ).values_list("nomination_id", flat=True)
        )
        hidden = len(conflicted)
        queryset = queryset.exclude(pk__in=conflicted)
    totals = {
        row["nomination_id"]: (row["total"], row["reviewers"])
        for row in Score.objects.filter(round=round_)
        .values("nomination_id")
        .annotate(total=Sum("score"), reviewers=Count("reviewer", distinct=True))
        .order_by()
    }
    next_round = Round.objects.filter(call_id=round_.call_id, number=round_.number + 1).first()
    advanced = set(next_round.nominations.values_list("pk", flat=True)) if next_round else set()
    url_prefix = reverse("grants:nomination_detail", kwargs={"pk": 0})[: -len("0/")]
    rows = []
    for nomination in queryset:
        score_sum, reviewers = totals.get(nomination.pk, (0, 0))
        total = None
        if reviewers:
            total = (Decimal(score_sum) / reviewers).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
        rows.append(
            Ranked(
                nomination=nomination,
                total=total,
                reviewers=reviewers,
                advanced=nomination.pk in advanced,
                url=f"{url_prefix}{nomination.pk}/",
            )
        )
    rows.sort(
        key=lambda r: (
            r.total is None,
            -(r.total or 0),
            r.nomination.last_name,
            r.nomination.pk,
        )
    )
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows, hidden


# --- Limits ---------------------------------------------------------------------------


@dataclass
class Limits:
    count: int
    amount: int
    max_count: int | None
    max_amount: int | None

    @property
    def count_left(self):
        return None if self.max_count is None else self.max_count - self.count

    @property
    def amount_left(self):
        return None if self.max_amount is None else self.max_amount - self.amount


def call_limits(call):
    """What has been awarded or granted in the call, against the scheme's count and budget."""
    awards = Award.objects.filter(call=call).aggregate(n=Count("pk"), total=Sum("amount"))
    grants = GrantApplication.objects.filter(call=call, status=ApplicationStatus.GRANTED).aggregate(
        n=Count("pk"), total=Sum("amount_granted")
    )
    return Limits(
        count=(awards["n"] or 0) + (grants["n"] or 0),
        amount=(awards["total"] or 0) + (grants["total"] or 0),
        max_count=call.scheme.award_count,
        max_amount=call.scheme.total_budget,
    )


# --- Municipality page ----------------------------------------------------------------


def municipality_grants(municipality, user):
    """The municipality's nominations and applications; a nomination `user` declared a
    conflict of interest for is left out here too, as everywhere else."""
    return {
        "nominations": list(
            Nomination.objects.submitted()
            .filter(municipality=municipality)
            .exclude(conflicts__reviewer=user)
            .select_related("call", "category", "award")
            .order_by("-call__year", "last_name")
        ),
        "applications": list(
            GrantApplication.objects.filter(municipality=municipality)
            .select_related("call__scheme")
            .order_by("-call__year")
        ),
    }


# --- Statistics -----------------------------------------------------------------------


def statistics(*, scheme=None):
    """Nominations and awards by year, by county and by category, and the share of member
    municipalities nominating each year. Anonymised nominations count as before."""
    nominations = Nomination.objects.submitted()
    if scheme is not None:
        nominations = nominations.filter(call__scheme=scheme)
    awarded = Q(status=NominationStatus.AWARDED)

    def grouped(*fields):
        return list(
            nominations.values(*fields)
            .annotate(nominations=Count("pk"), awards=Count("pk", filter=awarded))
            .order_by(*fields)
        )

    member_count = Municipality.objects.members().count()
    by_year = grouped("call__year")
    for row in by_year:
        nominating = (
            nominations.filter(call__year=row["call__year"])
            .values("municipality")
            .distinct()
            .count()
        )
        row["municipalities"] = nominating
        row["member_share"] = (
            round(
                100
                * nominations.filter(call__year=row["call__year"], municipality__is_member=True)
                .values("municipality")
                .distinct()
                .count()
                / member_count
            )
            if member_count
            else 0
        )
    by_county = grouped("call__year", "municipality__county__number", "municipality__county__name")
    by_category = grouped("call__year", "category__name")
    return {
        "by_year": by_year,
        "by_county": by_county,
        "by_category": by_category,
        "member_count": member_count,
        "counties": County.objects.count(),
    }
