"""The compliance checks as pure functions, on records built in memory, with fixed dates."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from samspill.agreements import compliance
from samspill.agreements.compliance import State
from samspill.agreements.models import (
    ActionItem,
    Agreement,
    AgreementStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Milestone,
    Party,
    Project,
    ProjectReport,
    ProjectStatus,
    SteeringGroupMember,
)
from samspill.members.models import Organisation, Person

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")


def kulturtanken_agreement(**extra):
    """The period and promises of seed 000."""
    fields = {
        "title": "Samarbeidsavtale Kulturtanken og Norsk kulturskoleråd",
        "slug": "kulturtanken",
        "purpose": "Bedre samspill.",
        "period_start": D(2017, 9, 1),
        "period_end": D(2020, 9, 1),
        "notice_months": 6,
        "meetings_per_year": 2,
        "contact_within_months": 6,
        "evaluation_due_on": D(2020, 6, 30),
        "status": AgreementStatus.ENDED,
    }
    fields.update(extra)
    return Agreement(**fields)


def meeting(day, status=MeetingStatus.HELD, minutes="Referat.", kind=MeetingKind.COOPERATION):
    return Meeting(
        title=f"Møte {day:%d.%m.%Y}",
        kind=kind,
        starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=OSLO),
        status=status,
        minutes=minutes,
    )


def party(pk, name, contact=None, appointed=None):
    return Party(
        pk=pk,
        organisation=Organisation(pk=pk, name=name, short_name=name),
        contact_person=contact,
        contact_appointed_on=appointed,
    )


PER = Person(pk=11, first_name="Per", last_name="Partner")
VILDE = Person(pk=12, first_name="Vilde", last_name="Veileder")


# --- Dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2017, 9, 1), 6, D(2018, 3, 1)),
        (D(2020, 9, 1), -6, D(2020, 3, 1)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2024, 8, 31), -6, D(2024, 2, 29)),
        (D(2026, 12, 1), 1, D(2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert compliance.add_months(day, months) == expected


def test_notice_deadline_is_six_months_before_the_end():
    assert compliance.notice_deadline(kulturtanken_agreement()) == D(2020, 3, 1)


def test_contact_deadline_is_the_first_half_year():
    assert compliance.contact_deadline(kulturtanken_agreement()) == D(2018, 3, 1)


@pytest.mark.parametrize(
    ("due", "done", "today", "state"),
    [
        (D(2018, 12, 1), D(2018, 11, 28), D(2026, 11, 22), State.KEPT),
        (D(2018, 12, 1), D(2018, 12, 1), D(2026, 11, 22), State.KEPT),
        (D(2018, 12, 1), D(2018, 12, 2), D(2026, 11, 22), State.LATE),
        (D(2019, 12, 1), None, D(2026, 11, 22), State.BROKEN),
        (D(2026, 11, 22), None, D(2026, 11, 22), State.SOON),
        (D(2026, 12, 22), None, D(2026, 11, 22), State.SOON),
        (D(2026, 12, 23), None, D(2026, 11, 22), State.DUE),
    ],
)
def test_deadline_state(due, done, today, state):
    assert compliance.deadline_state(due, done, today) == state


# --- Meetings ---------------------------------------------------------------------------


def test_expected_meetings_are_in_proportion_in_the_first_and_last_year():
    agreement = kulturtanken_agreement()
    # September–December 2017 is a third of a year: one meeting; 2018 and 2019 two; January
    # to 1 September 2020 two thirds: one.
    assert [compliance.expected_meetings(agreement, y) for y in range(2017, 2021)] == [1, 2, 2, 1]
    assert compliance.expected_meetings(agreement, 2021) == 0


def test_meeting_years_count_held_meetings_and_judge_finished_years():
    agreement = kulturtanken_agreement()
    meetings = [
        meeting(D(2017, 11, 30)),
        meeting(D(2018, 3, 15)),
        meeting(D(2018, 12, 6), minutes=""),
        meeting(D(2019, 5, 9)),
        meeting(D(2019, 11, 7), status=MeetingStatus.CANCELLED),
        meeting(D(2020, 6, 11), kind=MeetingKind.EVALUATION),
    ]
    rows = compliance.meeting_years(agreement, meetings, D(2026, 11, 22))
    assert [(r.year, r.expected, r.held, r.state) for r in rows] == [
        (2017, 1, 1, State.KEPT),
        (2018, 2, 2, State.KEPT),
        (2019, 2, 1, State.BROKEN),
        (2020, 1, 1, State.KEPT),
    ]


def test_the_current_year_is_not_broken_while_enough_meetings_are_planned():
    agreement = kulturtanken_agreement(
        period_start=D(2025, 6, 1), period_end=D(2027, 6, 1), status=AgreementStatus.ACTIVE
    )
    planned = meeting(D(2026, 12, 10), status=MeetingStatus.PLANNED, minutes="")
    held = meeting(D(2026, 3, 12))
    today = D(2026, 11, 22)
    [_2025, this_year] = compliance.meeting_years(agreement, [held, planned], today)
    assert (this_year.year, this_year.held, this_year.planned, this_year.state) == (
        2026,
        1,
        1,
        State.DUE,
    )
    [_2025, this_year] = compliance.meeting_years(agreement, [held], today)
    assert this_year.state == State.SOON
    [_2025, this_year] = compliance.meeting_years(agreement, [held], D(2027, 1, 2))[:2]
    assert this_year.state == State.BROKEN


def test_held_meeting_without_minutes_is_a_broken_promise():
    agreement = kulturtanken_agreement()
    without = meeting(D(2018, 12, 6), minutes="  ")
    checks = compliance.meeting_checks(
        agreement, [meeting(D(2018, 3, 15)), without], D(2026, 11, 22)
    )
    missing = [c for c in checks if c.link is without]
    assert len(missing) == 1
    assert missing[0].state == State.BROKEN
    assert missing[0].detail == "Møtet ble holdt 06.12.2018, men referatet mangler."
    # A planned meeting without minutes is no problem.
    checks = compliance.meeting_checks(
        agreement,
        [meeting(D(2018, 3, 15)), meeting(D(2018, 12, 6), MeetingStatus.PLANNED, "")],
        D(2018, 11, 1),
    )
    assert [c.label for c in checks if c.state == State.KEPT] == ["Referat fra møtene"]


# --- People -----------------------------------------------------------------------------


def test_contact_persons_within_the_first_half_year():
    agreement = kulturtanken_agreement()
    parties = [
        party(1, "Kulturskolerådet", VILDE, D(2017, 10, 15)),
        party(2, "Kulturtanken", PER, D(2018, 4, 10)),
        party(3, "KS"),
    ]
    checks = compliance.contact_checks(agreement, parties, D(2026, 11, 22))
    assert [(c.label, c.state) for c in checks] == [
        ("Kontaktperson for Kulturskolerådet", State.KEPT),
        ("Kontaktperson for Kulturtanken", State.LATE),
        ("Kontaktperson for KS", State.BROKEN),
    ]
    assert checks[1].detail == "Per Partner, oppnevnt 10.04.2018 (frist 01.03.2018)."
    assert checks[2].detail.startswith("Ikke oppnevnt. Frist 01.03.2018, ")
    # Before the deadline, a missing contact person is not yet a broken promise.
    early = compliance.contact_checks(agreement, parties[2:], D(2017, 10, 1))
    assert early[0].state == State.DUE


def test_every_party_sits_in_the_steering_group():
    parties = [party(1, "Kulturskolerådet"), party(2, "Kulturtanken")]
    members = [SteeringGroupMember(party_id=1, person=VILDE)]
    checks = compliance.steering_group_checks(parties, members)
    assert [(c.label, c.state) for c in checks] == [
        ("Styringsgruppen: Kulturskolerådet", State.KEPT),
        ("Styringsgruppen: Kulturtanken", State.BROKEN),
    ]


# --- Plan, projects, action items -------------------------------------------------------


def test_overdue_milestone_appears_as_overdue_and_done_ones_do_not():
    milestones = [
        Milestone(title="Beslutning om prosjekter", due_on=D(2017, 12, 1), done_on=D(2017, 11, 30)),
        Milestone(title="Rapport til styringsgruppen 2019", due_on=D(2019, 12, 1)),
        Milestone(title="Rapport til styringsgruppen 2026", due_on=D(2026, 12, 1)),
        Milestone(title="Evaluering 2027", due_on=D(2027, 3, 1)),
    ]
    checks = compliance.milestone_checks(milestones, D(2026, 11, 22))
    assert [(c.label, c.state) for c in checks] == [
        ("Tiltaks- og fremdriftsplanen", State.INFO),
        ("Rapport til styringsgruppen 2019", State.BROKEN),
        ("Rapport til styringsgruppen 2026", State.SOON),
    ]
    assert checks[0].detail == "1 av 4 milepæler er utført."
    assert checks[1].detail == "Frist 01.12.2019, 2548 dager over fristen."
    assert checks[2].detail == "Frist 01.12.2026, om 9 dager."


def test_reports_and_project_agreements():
    mapping = Project(pk=1, title="Kartlegging", status=ProjectStatus.COMPLETED)
    mapping.project_agreement_signed_on = D(2018, 2, 20)
    pilots = Project(pk=2, title="Piloter", status=ProjectStatus.ACTIVE)
    reports = [
        ProjectReport(
            project=mapping, year=2018, due_on=D(2018, 12, 1), submitted_on=D(2018, 11, 26)
        ),
        ProjectReport(project=pilots, year=2019, due_on=D(2019, 12, 1)),
    ]
    agreements = compliance.project_agreement_checks([mapping, pilots])
    assert [(c.label, c.state) for c in agreements] == [
        ("Prosjektavtale for Piloter", State.BROKEN)
    ]
    report_checks = compliance.report_checks(reports, D(2026, 11, 22))
    assert [(c.label, c.state) for c in report_checks] == [
        ("Årsrapport 2019: Piloter", State.BROKEN)
    ]
    assert compliance.report_checks(reports[:1], D(2026, 11, 22))[0].state == State.KEPT


def test_action_items_past_due_and_open_are_problems():
    held = meeting(D(2026, 10, 15))
    items = [
        ActionItem(meeting=held, text="Sende referat", owner=VILDE, due_on=D(2026, 10, 22)),
        ActionItem(
            meeting=held,
            text="Invitere kommunene",
            owner=PER,
            due_on=D(2026, 11, 1),
            done_on=D(2026, 10, 30),
        ),
        ActionItem(meeting=held, text="Budsjett 2027", owner=PER, due_on=D(2026, 11, 30)),
    ]
    checks = compliance.action_item_checks(items, D(2026, 11, 22))
    assert [(c.label, c.state) for c in checks] == [
        ("Sende referat", State.BROKEN),
        ("Budsjett 2027", State.SOON),
    ]
    assert checks[0].detail == "Vilde Veileder. Frist 22.10.2026, 31 dager over fristen."


# --- The period -------------------------------------------------------------------------


def test_notice_deadline_for_an_active_agreement_counts_down():
    agreement = kulturtanken_agreement(
        period_start=D(2025, 6, 1), period_end=D(2027, 6, 1), status=AgreementStatus.ACTIVE
    )
    check = compliance.notice_check(agreement, D(2026, 11, 22))
    assert check.state == State.SOON
    assert check.detail == (
        "01.12.2026, om 9 dager (6 måneders varslingsplikt før avtalen går ut 01.06.2027)."
    )
    assert compliance.notice_check(agreement, D(2026, 6, 1)).state == State.DUE
    assert compliance.notice_check(agreement, D(2026, 12, 2)).state == State.INFO


def test_evaluation_meeting_before_renewal():
    agreement = kulturtanken_agreement()
    evaluation = meeting(D(2020, 6, 11), kind=MeetingKind.EVALUATION)
    check = compliance.evaluation_check(agreement, [evaluation], D(2026, 11, 22))
    assert (check.state, check.detail) == (State.KEPT, "Holdt 11.06.2020 (frist 30.06.2020).")
    check = compliance.evaluation_check(agreement, [], D(2026, 11, 22))
    assert check.state == State.BROKEN
    planned = meeting(D(2020, 5, 20), MeetingStatus.PLANNED, "", MeetingKind.EVALUATION)
    check = compliance.evaluation_check(agreement, [planned], D(2020, 5, 1))
    assert check.state == State.DUE
    assert check.detail.endswith("Planlagt 20.05.2020.")
    assert (
        compliance.evaluation_check(
            kulturtanken_agreement(evaluation_due_on=None), [], D(2026, 1, 1)
        )
        is None
    )


def test_assess_gathers_the_problems_of_every_section():
    agreement = kulturtanken_agreement()
    parties = [party(1, "Kulturskolerådet", VILDE, D(2017, 10, 15)), party(2, "Kulturtanken")]
    result = compliance.assess(
        agreement,
        parties=parties,
        steering_members=[SteeringGroupMember(party_id=1, person=VILDE)],
        meetings=[meeting(D(2017, 11, 30)), meeting(D(2018, 3, 15), minutes="")],
        action_items=[],
        milestones=[Milestone(title="Rapport 2019", due_on=D(2019, 12, 1))],
        projects=[],
        reports=[],
        today=D(2026, 11, 22),
    )
    assert sorted(c.label for c in result.problems) == [
        "Evalueringsmøte før fornyelse",
        "Kontaktperson for Kulturtanken",
        "Rapport 2019",
        "Referat fra Møte 15.03.2018",
        "Samarbeidsmøter 2018",
        "Samarbeidsmøter 2019",
        "Samarbeidsmøter 2020",
        "Styringsgruppen: Kulturtanken",
    ]
    assert result.notice_deadline == D(2020, 3, 1)
    assert result.kept_count == 3  # 2017's meeting, NKR's contact and steering member
