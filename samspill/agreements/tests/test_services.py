"""The rules the services keep, in plain Norwegian when broken."""

import pytest
from django.core.exceptions import ValidationError

from samspill.agreements import services
from samspill.agreements.models import (
    Agreement,
    AgreementStatus,
    MeetingStatus,
    ProjectStatus,
)

from .builders import D, add_meeting, at, ks, make_agreement, nkr, person

pytestmark = pytest.mark.django_db


def test_a_renewal_links_to_its_predecessor_and_marks_it_renewed(agreement):
    renewal = services.agreement_save(
        agreement=Agreement(
            slug="kulturtanken-2020-2023",
            title="Fornyet avtale",
            purpose="Videreføre samarbeidet.",
            period_start=D(2020, 9, 1),
            period_end=D(2023, 9, 1),
            status=AgreementStatus.ACTIVE,
            predecessor=agreement,
        )
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.RENEWED
    assert list(agreement.renewals.all()) == [renewal]


def test_a_renewal_must_start_after_its_predecessor(agreement):
    with pytest.raises(ValidationError, match="må ha begynt før den nye avtalen begynner"):
        services.agreement_save(
            agreement=Agreement(
                slug="for-tidlig",
                title="For tidlig",
                purpose="x",
                period_start=D(2016, 1, 1),
                period_end=D(2017, 1, 1),
                predecessor=agreement,
            )
        )


def test_period_must_be_in_order():
    with pytest.raises(ValidationError, match="kan ikke slutte før den begynner"):
        services.agreement_save(
            agreement=Agreement(
                slug="baklengs",
                title="Baklengs",
                purpose="x",
                period_start=D(2020, 1, 1),
                period_end=D(2019, 1, 1),
            )
        )


def test_base_documents_are_replaced_in_order(agreement):
    services.agreement_save(
        agreement=agreement,
        base_documents=[("Rammeplan", ""), ("  ", "https://tom.no"), ("Opplæringsloven", "")],
    )
    assert [d.title for d in agreement.base_documents.all()] == ["Rammeplan", "Opplæringsloven"]


def test_contact_person_needs_the_date_appointed(agreement):
    party = agreement.parties.get(organisation=nkr())
    with pytest.raises(ValidationError, match="Oppgi datoen kontaktpersonen ble oppnevnt"):
        services.party_save(
            agreement=agreement,
            party=party,
            organisation=party.organisation,
            contact_person=person(nkr(), "Vilde", "Veileder"),
        )


def test_an_organisation_is_party_once(agreement):
    with pytest.raises(ValidationError, match="allerede part i avtalen"):
        services.party_save(agreement=agreement, organisation=nkr())


def test_steering_member_delegates_to_someone_else(agreement):
    party = agreement.parties.get(organisation=nkr())
    director = person(nkr(), "Morten", "Christiansen")
    deputy = person(nkr(), "Lars", "Leder")
    member = services.steering_member_save(
        agreement=agreement,
        party=party,
        person=director,
        role="Direktør",
        delegated_to=deputy,
        delegation_note="Beslutninger i prosjektene",
    )
    assert member.delegated_to == deputy
    with pytest.raises(ValidationError, match="kan ikke delegere til seg selv"):
        services.steering_member_save(
            agreement=agreement, member=member, party=party, person=director, delegated_to=director
        )
    with pytest.raises(ValidationError, match="hører ikke til denne avtalen"):
        other = make_agreement(ks(), slug="ks")
        services.steering_member_save(
            agreement=agreement, party=other.parties.get(organisation=ks()), person=director
        )


def test_meeting_is_held_only_through_its_minutes(agreement):
    meeting = services.meeting_save(
        agreement=agreement, title="Vårmøte", starts_at=at(D(2018, 3, 15)), agenda=["A", " ", "B"]
    )
    assert [(i.number, i.title) for i in meeting.agenda_items.all()] == [(1, "A"), (2, "B")]
    with pytest.raises(ValidationError, match="når referatet føres"):
        services.meeting_save(
            agreement=agreement,
            meeting=meeting,
            title="Vårmøte",
            starts_at=meeting.starts_at,
            status=MeetingStatus.HELD,
        )
    director = person(nkr(), "Morten", "Christiansen")
    services.meeting_record_minutes(
        meeting=meeting,
        user=None,
        minutes="Drøftet status.",
        present=[director],
        decisions=["Prosjektene starter i april.", ""],
        today=D(2018, 3, 16),
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert [d.text for d in meeting.decisions.all()] == ["Prosjektene starter i april."]
    assert [a.person for a in meeting.attendances.all()] == [director]


def test_no_minutes_for_a_meeting_in_the_future_or_cancelled(agreement):
    meeting = services.meeting_save(
        agreement=agreement, title="Høst", starts_at=at(D(2026, 12, 10))
    )
    with pytest.raises(ValidationError, match="fram i tid"):
        services.meeting_record_minutes(
            meeting=meeting, user=None, minutes="x", today=D(2026, 11, 22)
        )
    cancelled = services.meeting_save(
        agreement=agreement,
        title="Avlyst",
        starts_at=at(D(2019, 11, 7)),
        status=MeetingStatus.CANCELLED,
    )
    with pytest.raises(ValidationError, match="avlyst"):
        services.meeting_record_minutes(meeting=cancelled, user=None, minutes="x")
    held = add_meeting(agreement, D(2018, 3, 15), minutes="")
    with pytest.raises(ValidationError, match="Skriv referatet"):
        services.meeting_record_minutes(meeting=held, user=None, minutes="  ")


def test_action_item_marked_done_and_open_again(agreement, personas):
    meeting = add_meeting(agreement, D(2018, 3, 15))
    item = services.action_item_save(
        meeting=meeting,
        text="Kontakte kommunene",
        owner=person(nkr(), "V", "V"),
        due_on=D(2018, 4, 30),
    )
    services.action_item_mark(item=item, user=personas.adviser, done=True, today=D(2018, 4, 20))
    assert (item.done_on, item.done_by) == (D(2018, 4, 20), personas.adviser)
    services.action_item_mark(item=item, user=personas.adviser, done=False)
    item.refresh_from_db()
    assert item.done_on is None


def test_minutes_are_commented_once_the_meeting_is_held(agreement, personas):
    planned = services.meeting_save(
        agreement=agreement, title="Planlagt", starts_at=at(D(2030, 1, 1))
    )
    with pytest.raises(ValidationError, match="når møtet er holdt"):
        services.minutes_comment_add(meeting=planned, author=personas.partner, text="Hei")


def test_a_project_under_way_needs_a_project_agreement(agreement):
    with pytest.raises(ValidationError, match="må ha en prosjektavtale"):
        services.project_save(agreement=agreement, title="Piloter", status=ProjectStatus.ACTIVE)
    project = services.project_save(
        agreement=agreement,
        title="Piloter",
        status=ProjectStatus.ACTIVE,
        project_agreement_signed_on=D(2018, 2, 20),
        budget_planned=400_000,
        budget_spent=310_000,
    )
    assert project.budget_left == 90_000


def test_a_report_delivered_has_a_summary_and_one_per_year(agreement):
    project = services.project_save(agreement=agreement, title="Kartlegging")
    with pytest.raises(ValidationError, match="sammendrag"):
        services.project_report_save(
            project=project, year=2018, due_on=D(2018, 12, 1), submitted_on=D(2018, 11, 26)
        )
    services.project_report_save(project=project, year=2018, due_on=D(2018, 12, 1))
    with pytest.raises(ValidationError, match="allerede en rapport for dette året"):
        services.project_report_save(project=project, year=2018, due_on=D(2018, 12, 1))


def test_milestone_links_only_within_the_agreement(agreement, other_agreement):
    other_meeting = add_meeting(other_agreement, D(2026, 3, 12))
    with pytest.raises(ValidationError, match="bare kobles til møter og prosjekter i avtalen"):
        services.milestone_save(
            agreement=agreement, year=2018, title="X", due_on=D(2018, 1, 1), meeting=other_meeting
        )
    milestone = services.milestone_save(
        agreement=agreement, year=2018, title="Rapport", due_on=D(2018, 12, 1)
    )
    services.milestone_mark(milestone=milestone, done=True, today=D(2018, 11, 28))
    assert milestone.done_on == D(2018, 11, 28)
    services.milestone_mark(milestone=milestone, done=False)
    assert milestone.done_on is None
