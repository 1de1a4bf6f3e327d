"""Which of an agreement's promises are kept, computed from the records alone.

Seed 000 promises: two meetings a year with minutes, a steering group of the directors,
a contact person from each party within the first half-year, a project agreement for
each project, the action and progress plan's milestones (reports to the steering group by
1 December), an evaluation meeting before renewal, and a notice period before the end.

Every function here is pure: it takes the agreement's rows (already fetched, see
`selectors.agreement_for_compliance`) and the day to judge on, and returns checks. Nothing
is stored, so the view always says exactly what the records say.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from .models import AgreementStatus, MeetingKind, MeetingStatus

#: A deadline this close is shown as coming up soon.
SOON_DAYS = 30


class State:
    KEPT = "kept"  # promised and done in time
    LATE = "late"  # done, but after the deadline
    BROKEN = "broken"  # the deadline has passed and it is not done
    SOON = "soon"  # not done, due within SOON_DAYS
    DUE = "due"  # not done, not yet due
    INFO = "info"  # a date to know, not a promise to keep


STATE_LABELS = {
    State.KEPT: pgettext_lazy("promise", "Holdt"),
    State.LATE: gettext_lazy("Holdt for sent"),
    State.BROKEN: gettext_lazy("Ikke holdt"),
    State.SOON: gettext_lazy("Frist snart"),
    State.DUE: gettext_lazy("Ikke forfalt"),
    State.INFO: gettext_lazy("Til orientering"),
}


@dataclass
class Check:
    label: str
    state: str
    detail: str = ""
    due_on: datetime.date | None = None
    link: object = None  # a record with get_absolute_url, shown as the check's link

    @property
    def state_label(self):
        return str(STATE_LABELS[self.state])

    @property
    def is_problem(self):
        return self.state == State.BROKEN


@dataclass
class Section:
    title: str
    checks: list = field(default_factory=list)


@dataclass
class MeetingYear:
    year: int
    expected: int
    held: int
    planned: int
    state: str


@dataclass
class Compliance:
    today: datetime.date
    sections: list
    meeting_years: list
    notice_deadline: datetime.date

    @property
    def checks(self):
        return [check for section in self.sections for check in section.checks]

    @property
    def problems(self):
        return [check for check in self.checks if check.state == State.BROKEN]

    @property
    def coming_up(self):
        return [check for check in self.checks if check.state == State.SOON]

    def count(self, state):
        return sum(1 for check in self.checks if check.state == state)

    @property
    def kept_count(self):
        return self.count(State.KEPT)

    @property
    def late_count(self):
        return self.count(State.LATE)


# --- Dates ------------------------------------------------------------------------------


def add_months(day, months):
    """The same day `months` later (or earlier), the month's last day where it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(value):
    return date_format(value, "DATE_FORMAT")


def deadline_state(due_on, done_on, today):
    """KEPT, LATE, BROKEN, SOON or DUE for something due on `due_on` and done on `done_on`."""
    if done_on is not None:
        return State.KEPT if done_on <= due_on else State.LATE
    if due_on < today:
        return State.BROKEN
    if (due_on - today).days <= SOON_DAYS:
        return State.SOON
    return State.DUE


def _deadline_detail(due_on, done_on, today):
    if done_on is not None:
        return _("Utført %(done)s, frist %(due)s.") % {"done": _day(done_on), "due": _day(due_on)}
    if due_on < today:
        days = (today - due_on).days
        return ngettext(
            "Frist %(due)s, %(days)s dag over fristen.",
            "Frist %(due)s, %(days)s dager over fristen.",
            days,
        ) % {"due": _day(due_on), "days": days}
    days = (due_on - today).days
    return ngettext(
        "Frist %(due)s, om %(days)s dag.", "Frist %(due)s, om %(days)s dager.", days
    ) % {"due": _day(due_on), "days": days}


# --- Meetings ---------------------------------------------------------------------------


def _meeting_day(meeting):
    return timezone.localdate(meeting.starts_at)


def expected_meetings(agreement, year):
    """Meetings promised in `year`: `meetings_per_year` for a whole year of the period,
    in proportion to the days of the period in a first or last year, rounded (half up)."""
    first = max(agreement.period_start, datetime.date(year, 1, 1))
    last = min(agreement.period_end, datetime.date(year, 12, 31))
    if last < first:
        return 0
    days_in_year = 366 if calendar.isleap(year) else 365
    share = ((last - first).days + 1) / days_in_year
    return int(agreement.meetings_per_year * share + 0.5)


def meeting_years(agreement, meetings, today):
    """Held against promised meetings for each year of the period up to `today`."""
    rows = []
    last_year = min(agreement.period_end.year, today.year)
    # Each meeting's local day once (the leaders' start page assesses every agreement).
    days = [(meeting, _meeting_day(meeting)) for meeting in meetings]
    for year in range(agreement.period_start.year, last_year + 1):
        expected = expected_meetings(agreement, year)
        if expected == 0:
            continue
        in_year = [(m, day) for m, day in days if day.year == year]
        held = sum(1 for m, day in in_year if m.status == MeetingStatus.HELD)
        planned = sum(1 for m, day in in_year if m.status == MeetingStatus.PLANNED and day >= today)
        year_over = min(datetime.date(year, 12, 31), agreement.period_end) < today
        if held >= expected:
            state = State.KEPT
        elif year_over:
            state = State.BROKEN
        else:
            state = State.DUE if held + planned >= expected else State.SOON
        rows.append(MeetingYear(year, expected, held, planned, state))
    return rows


def meeting_checks(agreement, meetings, today, *, years=None):
    """`years`: `meeting_years(agreement, meetings, today)` when the caller has it."""
    if years is None:
        years = meeting_years(agreement, meetings, today)
    checks = []
    for row in years:
        detail = ngettext(
            "%(held)s av %(expected)s lovede møte holdt.",
            "%(held)s av %(expected)s lovede møter holdt.",
            row.expected,
        ) % {"held": row.held, "expected": row.expected}
        if row.planned:
            detail += " " + ngettext(
                "%(count)s møte planlagt.", "%(count)s møter planlagt.", row.planned
            ) % {"count": row.planned}
        if row.state == State.SOON:
            detail += " " + _("For få møter er planlagt for å holde løftet.")
        checks.append(
            Check(
                _("Samarbeidsmøter %(year)s") % {"year": row.year},
                row.state,
                detail,
                due_on=min(datetime.date(row.year, 12, 31), agreement.period_end),
            )
        )
    held = [m for m in meetings if m.status == MeetingStatus.HELD]
    missing = [m for m in held if not m.minutes.strip()]
    for meeting in missing:
        checks.append(
            Check(
                _("Referat fra %(meeting)s") % {"meeting": meeting.title},
                State.BROKEN,
                _("Møtet ble holdt %(date)s, men referatet mangler.")
                % {"date": _day(_meeting_day(meeting))},
                link=meeting,
            )
        )
    if held and not missing:
        checks.append(
            Check(
                _("Referat fra møtene"),
                State.KEPT,
                ngettext(
                    "Det holdte møtet har referat.",
                    "Alle %(count)s holdte møter har referat.",
                    len(held),
                )
                % {"count": len(held)},
            )
        )
    return checks


# --- People -----------------------------------------------------------------------------


def contact_deadline(agreement):
    """The contact person of each party is due within the first half-year (seed 000)."""
    return add_months(agreement.period_start, agreement.contact_within_months)


def contact_checks(agreement, parties, today):
    deadline = contact_deadline(agreement)
    checks = []
    for party in parties:
        label = _("Kontaktperson for %(party)s") % {"party": party.name}
        if party.contact_person_id is None:
            state = deadline_state(deadline, None, today)
            detail = _("Ikke oppnevnt. %(deadline)s") % {
                "deadline": _deadline_detail(deadline, None, today)
            }
        else:
            appointed = party.contact_appointed_on
            state = deadline_state(deadline, appointed, today)
            detail = _("%(person)s, oppnevnt %(date)s (frist %(deadline)s).") % {
                "person": party.contact_person,
                "date": _day(appointed),
                "deadline": _day(deadline),
            }
        checks.append(Check(label, state, detail, due_on=deadline))
    return checks


def steering_group_checks(parties, steering_members):
    """The steering group holds someone (the director) from every party."""
    represented = {member.party_id for member in steering_members}
    checks = []
    for party in parties:
        members = [m for m in steering_members if m.party_id == party.pk]
        label = _("Styringsgruppen: %(party)s") % {"party": party.name}
        if party.pk in represented:
            names = ", ".join(str(m.person) for m in members)
            checks.append(Check(label, State.KEPT, names))
        else:
            checks.append(Check(label, State.BROKEN, _("Parten har ingen i styringsgruppen.")))
    return checks


# --- Plan, projects and action items ----------------------------------------------------


def milestone_checks(milestones, today):
    """A summary of the plan, and every milestone past its date and not done."""
    if not milestones:
        return []
    done = sum(1 for m in milestones if m.done_on is not None)
    checks = [
        Check(
            _("Tiltaks- og fremdriftsplanen"),
            State.INFO,
            _("%(done)s av %(total)s milepæler er utført.")
            % {"done": done, "total": len(milestones)},
        )
    ]
    for milestone in milestones:
        state = deadline_state(milestone.due_on, milestone.done_on, today)
        if state in {State.BROKEN, State.SOON}:
            checks.append(
                Check(
                    milestone.title,
                    state,
                    _deadline_detail(milestone.due_on, None, today),
                    due_on=milestone.due_on,
                    link=milestone,
                )
            )
    return checks


def report_checks(reports, today):
    checks = []
    for report in reports:
        state = deadline_state(report.due_on, report.submitted_on, today)
        if state in {State.BROKEN, State.SOON, State.LATE}:
            checks.append(
                Check(
                    _("Årsrapport %(year)s: %(project)s")
                    % {"year": report.year, "project": report.project.title},
                    state,
                    _deadline_detail(report.due_on, report.submitted_on, today),
                    due_on=report.due_on,
                    link=report.project,
                )
            )
    if reports and not checks:
        checks.append(
            Check(_("Årsrapporter fra prosjektene"), State.KEPT, _("Alle er levert i tide."))
        )
    return checks


def project_agreement_checks(projects):
    checks = []
    for project in projects:
        if project.needs_project_agreement:
            checks.append(
                Check(
                    _("Prosjektavtale for %(project)s") % {"project": project.title},
                    State.BROKEN,
                    _("Prosjektet er i gang uten inngått prosjektavtale."),
                    link=project,
                )
            )
    if projects and not checks:
        checks.append(
            Check(
                _("Prosjektavtaler"),
                State.KEPT,
                _("Alle prosjekter i gang eller avsluttet har prosjektavtale."),
            )
        )
    return checks


def action_item_checks(action_items, today):
    checks = []
    for item in action_items:
        state = deadline_state(item.due_on, item.done_on, today)
        if state in {State.BROKEN, State.SOON}:
            checks.append(
                Check(
                    item.text,
                    state,
                    _("%(owner)s. %(deadline)s")
                    % {"owner": item.owner, "deadline": _deadline_detail(item.due_on, None, today)},
                    due_on=item.due_on,
                    link=item.meeting,
                )
            )
    return checks


# --- The period -------------------------------------------------------------------------


def notice_deadline(agreement):
    """The last day a party can give notice and leave before the end date."""
    return add_months(agreement.period_end, -agreement.notice_months)


def notice_check(agreement, today):
    deadline = notice_deadline(agreement)
    label = _("Siste dag for å si opp avtalen")
    months = ngettext(
        "%(months)s måneds varslingsplikt",
        "%(months)s måneders varslingsplikt",
        agreement.notice_months,
    ) % {"months": agreement.notice_months}
    if agreement.status != AgreementStatus.ACTIVE or deadline < today:
        detail = _("%(date)s (%(months)s før avtalen går ut %(end)s).") % {
            "date": _day(deadline),
            "months": months,
            "end": _day(agreement.period_end),
        }
        return Check(label, State.INFO, detail, due_on=deadline)
    days = (deadline - today).days
    detail = ngettext(
        "%(date)s, om %(days)s dag (%(months)s før avtalen går ut %(end)s).",
        "%(date)s, om %(days)s dager (%(months)s før avtalen går ut %(end)s).",
        days,
    ) % {"date": _day(deadline), "days": days, "months": months, "end": _day(agreement.period_end)}
    state = State.SOON if days <= SOON_DAYS else State.DUE
    return Check(label, state, detail, due_on=deadline)


def evaluation_check(agreement, meetings, today):
    """The evaluation meeting is due before renewal (seed 000: spring 2020)."""
    due = agreement.evaluation_due_on
    if due is None:
        return None
    label = _("Evalueringsmøte før fornyelse")
    evaluations = sorted(
        (m for m in meetings if m.kind == MeetingKind.EVALUATION),
        key=lambda m: m.starts_at,
    )
    held = [m for m in evaluations if m.status == MeetingStatus.HELD]
    if held:
        meeting = held[0]
        state = deadline_state(due, _meeting_day(meeting), today)
        return Check(
            label,
            state,
            _("Holdt %(date)s (frist %(due)s).")
            % {"date": _day(_meeting_day(meeting)), "due": _day(due)},
            due_on=due,
            link=meeting,
        )
    planned = [m for m in evaluations if m.status == MeetingStatus.PLANNED]
    state = deadline_state(due, None, today)
    detail = _deadline_detail(due, None, today)
    if planned:
        detail += " " + _("Planlagt %(date)s.") % {"date": _day(_meeting_day(planned[0]))}
    return Check(label, state, detail, due_on=due, link=planned[0] if planned else None)


# --- Everything -------------------------------------------------------------------------


def assess(
    agreement,
    *,
    parties,
    steering_members,
    meetings,
    action_items,
    milestones,
    projects,
    reports,
    today,
):
    """The agreement's promises on `today`, grouped as the agreement page shows them."""
    years = meeting_years(agreement, meetings, today)
    period = [notice_check(agreement, today)]
    evaluation = evaluation_check(agreement, meetings, today)
    if evaluation is not None:
        period.insert(0, evaluation)
    sections = [
        Section(_("Møter og referater"), meeting_checks(agreement, meetings, today, years=years)),
        Section(
            _("Styringsgruppe og kontaktpersoner"),
            steering_group_checks(parties, steering_members)
            + contact_checks(agreement, parties, today),
        ),
        Section(_("Tiltaks- og fremdriftsplan"), milestone_checks(milestones, today)),
        Section(
            _("Prosjekter"),
            project_agreement_checks(projects) + report_checks(reports, today),
        ),
        Section(_("Oppfølgingspunkter fra møtene"), action_item_checks(action_items, today)),
        Section(_("Periode, evaluering og oppsigelse"), period),
    ]
    return Compliance(
        today=today,
        sections=[section for section in sections if section.checks],
        meeting_years=years,
        notice_deadline=notice_deadline(agreement),
    )
