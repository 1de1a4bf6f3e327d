"""Reads of grants and stipends: the reviewer's queue, the ranking of a round, the limits
of a call and the statistics. Querysets come with their related rows already fetched."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Prefetch, Q, Sum
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


def _open_rounds(user):
    """The open rounds the user reviews in, each with the categories the user's juries
    cover in it (None: every category), and the nominations the user declared a
    conflict for. Four queries, however many calls, rounds and juries there are."""
    juries = _juries_of(user)
    if not juries:
        return [], set()
    by_call = defaultdict(list)
    for jury in juries:
        by_call[jury.call_id].append(jury)
    rounds = (
        Round.objects.filter(call_id__in=by_call, closed_at__isnull=True)
        .select_related("call__scheme")
        .order_by("call__closes_on", "number")
    )
    result = []
    for round_ in rounds:
        own = [j for j in by_call[round_.call_id] if j.kind == round_.jury_kind]
        if not own:
            continue
        categories = {j.category_id for j in own} if round_.jury_kind == JuryKind.SUBJECT else None
        result.append((round_, categories))
    conflicted = set(
        ConflictOfInterest.objects.filter(reviewer=user).values_list("nomination_id", flat=True)
    )
    return result, conflicted


def _in_rounds(rounds, prefix=""):
    """A condition for the nominations (or, with a prefix, the scores' nominations) of
    each round, limited to the categories the user's juries cover there."""
    condition = Q(pk__in=[])
    for round_, categories in rounds:
        part = Q(**{f"{prefix}rounds": round_.pk} if not prefix else {"round": round_.pk})
        if categories is not None:
            part &= Q(**{f"{prefix}category_id__in": categories})
        condition |= part
    return condition


def reviewer_queue(user):
    """For each open round the user reviews in: the nominations to score (never one the
    user declared a conflict for), each with how many criteria the user has scored, and
    how many were hidden because of conflicts. The same number of queries for one round
    of ten nominations as for ten rounds of six hundred."""
    rounds, conflicted = _open_rounds(user)
    if not rounds:
        return []
    by_round = defaultdict(list)
    nominations = (
        Nomination.objects.filter(_in_rounds(rounds))
        .annotate(queue_round=F("rounds"))
        .select_related("municipality", "category")
        .only(*QUEUE_FIELDS)
        .order_by("category__sort_order", "last_name", "first_name", "pk")
    )
    for nomination in nominations:
        by_round[nomination.queue_round].append(nomination)
    scored = {
        (round_id, nomination_id): n
        for round_id, nomination_id, n in Score.objects.filter(
            round__in=[round_ for round_, _categories in rounds], reviewer=user
        )
        .values("round_id", "nomination_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("round_id", "nomination_id", "n")
    }
    result = []
    for round_, _categories in rounds:
        listed = by_round[round_.pk]
        visible = [n for n in listed if n.pk not in conflicted]
        score_prefix = reverse("grants:score", kwargs={"round_pk": round_.pk, "nomination_pk": 0})[
            : -len("0/")
        ]
        for nomination in visible:
            nomination.my_scores = scored.get((round_.pk, nomination.pk), 0)
            nomination.score_url = f"{score_prefix}{nomination.pk}/"
            nomination.conflict_url = f"{score_prefix}{nomination.pk}/inhabil/"
        result.append(
            QueueRound(round=round_, nominations=visible, hidden=len(listed) - len(visible))
        )
    return result


def start_page_reviews(user):
    """For the start page: each open round the user scores in, with their progress
    (counted by the database: a jury member of ten calls has thousands of nominations)."""
    if not user.is_authenticated or not user.juries.exists():
        return []
    rounds, conflicted = _open_rounds(user)
    if not rounds:
        return []
    totals = dict(
        Nomination.objects.filter(_in_rounds(rounds))
        .exclude(pk__in=conflicted)
        .values("rounds")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("rounds", "n")
    )
    scored = dict(
        Score.objects.filter(_in_rounds(rounds, prefix="nomination__"), reviewer=user)
        .exclude(nomination_id__in=conflicted)
        .values("round_id")
        .annotate(n=Count("nomination_id", distinct=True))
        .order_by()
        .values_list("round_id", "n")
    )
    return [
        {"round": round_, "scored": scored.get(round_.pk, 0), "total": totals.get(round_.pk, 0)}
        for round_, _categories in rounds
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
