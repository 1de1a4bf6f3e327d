"""Reads for development programmes, with the related rows fetched up front."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import (
    _MONTHS,
    Application,
    EventKind,
    GroupMember,
    Instalment,
    Participation,
    ParticipationStatus,
    Phase,
    PlanEntry,
    Programme,
)
from .services import group_problems

#: Below this share of held gatherings attended, the overview flags a municipality.
LOW_ATTENDANCE = 0.75
#: An invoiced instalment unpaid for longer than this is flagged.
PAYMENT_DAYS = 30


def programme_by_slug(slug):
    return get_object_or_404(Programme.objects.select_related("contact_person"), slug=slug)


def participations(programme):
    """Every participation of a programme with what the overview and detail pages show."""
    return (
        Participation.objects.filter(programme=programme)
        .select_related(
            "programme", "municipality__county", "adviser", "contract", "plan", "development_area"
        )
        .prefetch_related(
            Prefetch(
                "group_members",
                queryset=GroupMember.objects.select_related("person"),
            ),
            Prefetch("plan__entries", queryset=PlanEntry.objects.select_related("owner")),
            "attendances",
            "guidance_sessions",
            Prefetch("instalments", queryset=Instalment.objects.select_related("event")),
        )
    )


def participation_detail(programme, number):
    return get_object_or_404(participations(programme), municipality__number=number)


def counted_events(programme):
    """Held gatherings that count for attendance (guidance visits are logged separately)."""
    return [
        event
        for event in programme.events.all()
        if event.is_held and event.kind != EventKind.GUIDANCE_VISIT
    ]


def attendance_rate(participation, held_events):
    """Share of held gatherings where at least one person from the municipality was there.

    Gatherings held after a participation ended do not count. None when nothing is held yet.
    """
    relevant = [
        event
        for event in held_events
        if participation.terminated_on is None or event.held_on <= participation.terminated_on
    ]
    if not relevant:
        return None
    present = {a.event_id for a in participation.attendances.all() if a.present}
    return sum(1 for event in relevant if event.pk in present) / len(relevant)


@dataclass
class PlanProgress:
    cycle: int = 1
    phases_done: int = 0
    phases_total: int = len(Phase.values)
    entries_done: int = 0
    entries_total: int = 0
    current_phase: str = ""

    @property
    def share(self):
        return self.phases_done / self.phases_total


def plan_progress(plan):
    """Where a municipality is in the development cycle: its latest round and the phases
    of that round with at least one finished entry."""
    entries = list(plan.entries.all()) if plan else []
    if not entries:
        return PlanProgress()
    cycle = max(entry.cycle for entry in entries)
    current = [entry for entry in entries if entry.cycle == cycle]
    done_phases = {entry.phase for entry in current if entry.status == "done"}
    started = [entry for entry in current if entry.status != "done"] or current
    phase = min(started, key=lambda entry: entry.phase_index).get_phase_display()
    return PlanProgress(
        cycle=cycle,
        phases_done=len(done_phases),
        entries_done=sum(1 for entry in entries if entry.status == "done"),
        entries_total=len(entries),
        current_phase=phase,
    )


def guidance_windows_passed(programme, today):
    """Guidance-visit windows in the schedule whose last week has passed."""
    passed = []
    for event in programme.events.all():
        if event.kind != EventKind.GUIDANCE_VISIT:
            continue
        ranges = event.week_ranges
        if event.ends_on or event.starts_on:
            last = event.ends_on or event.starts_on
        elif ranges:
            last = datetime.date.fromisocalendar(event.year, ranges[-1][1], 7)
        else:
            continue
        if last < today:
            passed.append(event)
    return passed


@dataclass
class OverviewRow:
    participation: Participation
    contract_status: str
    group_size: int
    group_problems: list
    plan: PlanProgress
    attendance: float | None
    guidance_count: int
    instalments_due: int
    instalments_invoiced: int
    instalments_paid: int
    problems: list = field(default_factory=list)


def programme_overview(programme, today, *, adviser=None):
    """One row per participating municipality, the ones with problems first."""
    programme = Programme.objects.prefetch_related("events").get(pk=programme.pk)
    held = counted_events(programme)
    windows_passed = guidance_windows_passed(programme, today)
    queryset = participations(programme)
    if adviser is not None:
        queryset = queryset.filter(adviser=adviser)
    rows = []
    for participation in queryset:
        rows.append(_overview_row(participation, held, windows_passed, today))
    rows.sort(
        key=lambda row: (
            row.participation.status != ParticipationStatus.ACTIVE,
            -len(row.problems),
            row.participation.municipality.name,
        )
    )
    return rows


def _overview_row(participation, held, windows_passed, today):
    members = list(participation.group_members.all())
    instalments = list(participation.instalments.all())
    row = OverviewRow(
        participation=participation,
        contract_status=participation.contract.get_status_display(),
        group_size=len(members),
        group_problems=group_problems(members),
        plan=plan_progress(getattr(participation, "plan", None)),
        attendance=attendance_rate(participation, held),
        guidance_count=len(participation.guidance_sessions.all()),
        instalments_due=sum(1 for i in instalments if i.invoiced_on is None),
        instalments_invoiced=sum(1 for i in instalments if i.invoiced_on and not i.paid_on),
        instalments_paid=sum(1 for i in instalments if i.paid_on),
    )
    if not participation.is_active:
        return row
    problems = row.problems
    if participation.contract.status != "signed":
        problems.append(_("Kontrakten er ikke signert av alle parter."))
    problems.extend(row.group_problems)
    if participation.adviser_id is None:
        problems.append(_("Ingen veileder er knyttet til kommunen."))
    if row.plan.entries_total == 0:
        problems.append(_("Utviklingsplanen har ingen innslag."))
    if row.attendance is not None and row.attendance < LOW_ATTENDANCE:
        problems.append(
            _("Oppmøtet er %(percent)s %% av samlingene.")
            % {"percent": round(row.attendance * 100)}
        )
    if row.guidance_count < len(windows_passed):
        missing = len(windows_passed) - row.guidance_count
        problems.append(
            ngettext(
                "%(missing)s veiledningsperiode er over uten registrert veiledning.",
                "%(missing)s veiledningsperioder er over uten registrert veiledning.",
                missing,
            )
            % {"missing": missing}
        )
    overdue = [
        i
        for i in instalments
        if i.invoiced_on and not i.paid_on and (today - i.invoiced_on).days > PAYMENT_DAYS
    ]
    if overdue:
        problems.append(
            ngettext(
                "%(count)s faktura er ikke betalt etter %(days)s dager.",
                "%(count)s fakturaer er ikke betalt etter %(days)s dager.",
                len(overdue),
            )
            % {"count": len(overdue), "days": PAYMENT_DAYS}
        )
    return row


def applications(programme):
    """Submitted applications with answers and scores, for the assessment overview."""
    return (
        Application.objects.submitted()
        .filter(programme=programme)
        .select_related("municipality__county", "development_area")
        .prefetch_related("scores", "answers")
    )


def municipality_programmes(municipality):
    """What the municipality page shows: its participations and its applications."""
    return {
        "participations": Participation.objects.filter(municipality=municipality)
        .select_related("programme", "contract")
        .order_by("-programme__period_start"),
        "applications": Application.objects.filter(municipality=municipality)
        .exclude(status="accepted")
        .select_related("programme")
        .order_by("-programme__period_start"),
    }


# --- Development plan and guidance log ------------------------------------------------


@dataclass
class PlanPhase:
    value: str
    label: str
    entries: list

    @property
    def done(self):
        return sum(1 for entry in self.entries if entry.status == "done")

    @property
    def state(self):
        """ "done" when an entry is finished (as `plan_progress` counts), "started" when
        the phase has entries, else "empty"."""
        if self.done:
            return "done"
        return "started" if self.entries else "empty"


@dataclass
class PlanRound:
    cycle: int
    phases: list

    @property
    def entry_count(self):
        return sum(len(phase.entries) for phase in self.phases)


def plan_rounds(entries):
    """The plan's entries by round and, within each round, by the five phases of seed 001
    in order (empty phases included). A plan without entries has an empty first round."""
    entries = list(entries)
    cycles = sorted({entry.cycle for entry in entries}) or [1]
    return [
        PlanRound(
            cycle=cycle,
            phases=[
                PlanPhase(
                    value=value,
                    label=label,
                    entries=[e for e in entries if e.cycle == cycle and e.phase == value],
                )
                for value, label in Phase.choices
            ],
        )
        for cycle in cycles
    ]


def plan_comments(plan):
    return plan.comments.select_related("author") if plan else []


def _months_named(text):
    words = re.findall(r"[a-zæøå]+", (text or "").lower())
    return {_MONTHS.index(word) + 1 for word in words if word in _MONTHS}


def window_contains(event, day):
    """Whether a date falls in a guidance-visit window of the schedule: within its dates
    when fixed, else within its ISO weeks of its year ("40-44", "34/35"), else within the
    months its text names ("Juni eller august 25")."""
    if event.starts_on:
        return event.starts_on <= day <= (event.ends_on or event.starts_on)
    ranges = event.week_ranges
    if ranges:
        iso = day.isocalendar()
        return iso.year == event.year and any(first <= iso.week <= last for first, last in ranges)
    return day.year == event.year and day.month in _months_named(event.when_text)


def guidance_window_for(windows, day):
    """The first guidance-visit window the date falls in, or None."""
    if day is None:
        return None
    return next((window for window in windows if window_contains(window, day)), None)


def instalments(programme, *, status=""):
    """The invoice basis: every instalment of a programme, by municipality and number.

    `status` narrows it: "not_invoiced", "invoiced" (not yet paid) or "paid".
    """
    queryset = (
        Instalment.objects.filter(participation__programme=programme)
        .select_related("participation__municipality", "participation__programme", "event")
        .order_by("participation__municipality__name", "number")
    )
    if status == "not_invoiced":
        queryset = queryset.not_invoiced()
    elif status == "invoiced":
        queryset = queryset.filter(invoiced_on__isnull=False).unpaid()
    elif status == "paid":
        queryset = queryset.filter(paid_on__isnull=False)
    return queryset


def start_page_participations(user):
    """The participations a person works on: their own municipality's, or, for an
    adviser, the municipalities they guide."""
    queryset = Participation.objects.select_related("programme", "municipality", "contract")
    if user.is_municipal:
        return queryset.filter(municipality_id=user.municipality_id)
    if user.role == "adviser":
        return queryset.filter(adviser=user, status=ParticipationStatus.ACTIVE)
    return queryset.none()
