"""The pages of the agreements area with fixed dates: what the compliance view says is
exactly what the records say, an overdue milestone appears as overdue, and the overview
takes the same number of queries for one agreement as for several."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.agreements import selectors, services
from samspill.agreements.models import MeetingKind, ProjectStatus

from .builders import D, add_meeting, at, ks, make_agreement, nkr, person

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.fixture
def kept_and_broken(agreement, partner_person):
    """Seed 000's agreement with some promises kept and some broken."""
    vilde = person(nkr(), "Vilde", "Veileder")
    nkr_party = agreement.parties.get(organisation=nkr())
    partner_party = agreement.parties.exclude(pk=nkr_party.pk).get()
    services.party_save(
        agreement=agreement,
        party=nkr_party,
        organisation=nkr_party.organisation,
        contact_person=vilde,
        contact_appointed_on=D(2017, 10, 15),
    )
    services.party_save(
        agreement=agreement,
        party=partner_party,
        organisation=partner_party.organisation,
        sort_order=1,
        contact_person=partner_person,
        contact_appointed_on=D(2018, 4, 10),
    )
    first = add_meeting(agreement, D(2017, 11, 30))
    add_meeting(agreement, D(2018, 3, 15))
    add_meeting(agreement, D(2018, 12, 6), title="Høstmøte 2018", minutes="")
    add_meeting(agreement, D(2019, 5, 9))
    add_meeting(agreement, D(2020, 6, 11), title="Evalueringsmøte", kind=MeetingKind.EVALUATION)
    services.milestone_save(
        agreement=agreement,
        year=2018,
        kind="report",
        title="Rapport til styringsgruppen 2018",
        due_on=D(2018, 12, 1),
        done_on=D(2018, 11, 28),
        owner=vilde,
    )
    services.milestone_save(
        agreement=agreement,
        year=2019,
        kind="report",
        title="Rapport til styringsgruppen 2019",
        due_on=D(2019, 12, 1),
        owner=partner_person,
    )
    project = services.project_save(
        agreement=agreement,
        title="Kartlegging",
        status=ProjectStatus.COMPLETED,
        project_agreement_signed_on=D(2018, 2, 20),
    )
    services.project_report_save(
        project=project,
        year=2018,
        due_on=D(2018, 12, 1),
        submitted_on=D(2018, 11, 26),
        summary="OK",
    )
    item = services.action_item_save(
        meeting=first, text="Prosjektavtaler", owner=vilde, due_on=D(2018, 2, 28)
    )
    services.action_item_mark(item=item, user=None, done=True, today=D(2018, 2, 20))
    return agreement


@time_machine.travel(D(2026, 11, 22))
def test_agreement_page_shows_what_the_records_say(client, personas, kept_and_broken):
    client.force_login(personas.adviser)
    response = client.get(kept_and_broken.get_absolute_url())
    compliance = response.context["compliance"]
    assert sorted(check.label for check in compliance.problems) == [
        "Rapport til styringsgruppen 2019",
        "Referat fra Høstmøte 2018",
        "Samarbeidsmøter 2019",
        "Styringsgruppen: Kulturskolerådet",
        "Styringsgruppen: Kulturtanken",
    ]
    assert [(c.label, c.state) for c in compliance.checks if c.state == "late"] == [
        ("Kontaktperson for Kulturtanken", "late")
    ]
    page = text_of(response)
    assert "Per 22.11.2026: 7 holdt, 1 holdt for sent, 5 ikke holdt og 0 med frist snart." in page
    assert "Møtet ble holdt 06.12.2018, men referatet mangler." in page
    assert "1 av 2 lovede møter holdt." in page
    assert "Per Partner, oppnevnt 10.04.2018 (frist 01.03.2018)." in page
    assert "Holdt 11.06.2020 (frist 30.06.2020)." in page
    assert "siste dag for å si opp er 01.03.2020" in page


@time_machine.travel(D(2026, 11, 22))
def test_overdue_milestone_appears_as_overdue_on_the_plan(client, personas, kept_and_broken):
    client.force_login(personas.partner)
    response = client.get(reverse("agreements:plan", args=[kept_and_broken.slug]))
    page = text_of(response)
    assert "1 av 2 milepæler er utført; 1 er forfalt." in page
    [year_2019] = [y for y in response.context["years"] if y["year"] == 2019]
    [milestone] = year_2019["milestones"]
    assert milestone.state == "broken"
    row = page.split(f'id="milepael-{milestone.pk}"')[1].split("</tr>")[0]
    assert "Forfalt" in row
    assert "Per Partner" in row
    # The partner reads the plan but does not keep it.
    assert "Marker utført" not in page


def test_a_milestone_is_overdue_only_after_its_date(client, personas, kept_and_broken):
    client.force_login(personas.adviser)
    url = reverse("agreements:plan", args=[kept_and_broken.slug])
    with time_machine.travel(D(2019, 11, 1)):
        assert "0 er forfalt" in text_of(client.get(url))
    with time_machine.travel(D(2019, 12, 2)):
        assert "1 er forfalt" in text_of(client.get(url))


@time_machine.travel(D(2026, 11, 22))
def test_overview_lists_agreements_with_most_problems_first(client, personas, kept_and_broken):
    current = make_agreement(
        ks(),
        slug="ks-2025-2027",
        title="Avtale med KS",
        period_start=D(2025, 6, 1),
        period_end=D(2027, 6, 1),
        evaluation_due_on=D(2027, 3, 1),
    )
    add_meeting(current, D(2025, 9, 18))
    client.force_login(personas.leader)
    response = client.get(reverse("agreements:agreement_list"))
    rows = response.context["rows"]
    assert [row.agreement.slug for row in rows] == [kept_and_broken.slug, current.slug]
    page = text_of(response)
    assert "Siste dag for å si opp avtalen (01.12.2026)" in page


def test_overview_takes_the_same_queries_for_one_agreement_as_for_three(personas, kept_and_broken):
    with CaptureQueriesContext(connection) as one:
        rows = selectors.agreement_overview(personas.adviser, D(2026, 11, 22))
        [row.agreement.get_absolute_url() for row in rows]
    for number in range(2):
        other = make_agreement(ks(), slug=f"ks-{number}")
        add_meeting(other, D(2018, 3, 15))
        project = services.project_save(agreement=other, title="P")
        services.project_report_save(project=project, year=2018, due_on=D(2018, 12, 1))
        services.milestone_save(agreement=other, year=2018, title="M", due_on=D(2018, 1, 1))
    with CaptureQueriesContext(connection) as three:
        rows = selectors.agreement_overview(personas.adviser, D(2026, 11, 22))
        for row in rows:
            [check.link.get_absolute_url() for check in row.compliance.checks if check.link]
    assert len(rows) == 3
    assert len(three) == len(one) == 8


def test_agreement_page_takes_a_fixed_number_of_queries(client, personas, kept_and_broken):
    client.force_login(personas.adviser)
    url = kept_and_broken.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for day in [D(2019, 9, 1), D(2019, 10, 1)]:
        add_meeting(kept_and_broken, day, minutes="")
        services.project_save(agreement=kept_and_broken, title=f"Prosjekt {day}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_adviser_records_a_meeting_with_minutes_and_action_items(client, personas, agreement):
    vilde = person(nkr(), "Vilde", "Veileder")
    client.force_login(personas.adviser)
    response = client.post(
        reverse("agreements:meeting_create", args=[agreement.slug]),
        {
            "kind": "cooperation",
            "title": "Samarbeidsmøte vår 2018",
            "date": "2018-03-15",
            "start_time": "10:00",
            "end_time": "13:00",
            "place": "Trondheim",
            "status": "planned",
            "agenda": "Prosjektavtalene\nKontakt med kommunene",
        },
    )
    meeting = agreement.meetings.get()
    assert response.status_code == 302
    assert [i.title for i in meeting.agenda_items.all()] == [
        "Prosjektavtalene",
        "Kontakt med kommunene",
    ]
    response = client.post(
        reverse("agreements:minutes_edit", args=[agreement.slug, meeting.pk]),
        {"minutes": "Prosjektavtalene er inngått.", "present": [vilde.pk], "decisions": "Start"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("agreements:action_item_create", args=[agreement.slug, meeting.pk]),
        {"text": "Kontakte pilotkommunene", "owner": vilde.pk, "due_on": "2018-04-30"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_held and meeting.minutes_by == personas.adviser
    page = text_of(client.get(meeting.get_absolute_url()))
    assert "Kontakte pilotkommunene" in page
    assert "Vilde Veileder" in page


def test_minutes_cannot_be_recorded_for_a_future_meeting(client, personas, agreement):
    client.force_login(personas.adviser)
    meeting = services.meeting_save(
        agreement=agreement, title="Neste år", starts_at=at(D(2099, 1, 1))
    )
    response = client.post(
        reverse("agreements:minutes_edit", args=[agreement.slug, meeting.pk]), {"minutes": "x"}
    )
    assert response.status_code == 200
    assert "Et møte fram i tid kan ikke ha referat ennå." in text_of(response)


def test_partner_marks_their_action_item_done_with_htmx(
    client, personas, agreement, partner_person
):
    meeting = add_meeting(agreement, D(2019, 5, 9))
    item = services.action_item_save(
        meeting=meeting, text="Sende rapporten", owner=partner_person, due_on=D(2019, 12, 1)
    )
    client.force_login(personas.partner)
    url = reverse("agreements:action_item_mark", args=[agreement.slug, meeting.pk, item.pk])
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section aria-labelledby="oppfolging-heading"')
    assert "Utført" in html
    item.refresh_from_db()
    assert item.done_by == personas.partner


def test_partner_comments_on_the_minutes(client, personas, agreement):
    meeting = add_meeting(agreement, D(2019, 5, 9))
    client.force_login(personas.partner)
    response = client.post(
        reverse("agreements:minutes_comment", args=[agreement.slug, meeting.pk]),
        {"text": "Kulturtanken ønsker å legge til at Dina deltok."},
    )
    assert response.status_code == 302
    assert "Kulturtanken ønsker å legge til at Dina deltok." in text_of(
        client.get(meeting.get_absolute_url())
    )
    empty = client.post(
        reverse("agreements:minutes_comment", args=[agreement.slug, meeting.pk]), {"text": ""}
    )
    assert empty.status_code == 200
    assert "Skjemaet har feil som må rettes" in text_of(empty)


def test_project_form_refuses_a_project_under_way_without_project_agreement(
    client, personas, agreement
):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("agreements:project_create", args=[agreement.slug]),
        {"title": "Piloter", "status": ProjectStatus.ACTIVE, "budget_spent": 0},
    )
    assert response.status_code == 200
    assert "må ha en prosjektavtale" in text_of(response)


def test_municipality_page_shows_projects_that_involve_it(client, personas, agreement):
    project = services.project_save(
        agreement=agreement,
        title="Felles kartlegging",
        municipalities=[personas.municipality_a],
    )
    client.force_login(personas.adviser)
    page = text_of(client.get(personas.municipality_a.get_absolute_url()))
    assert "Prosjekter under samarbeidsavtaler" in page
    assert project.get_absolute_url() in page
    client.force_login(personas.coordinator_a)
    page = text_of(client.get(personas.municipality_a.get_absolute_url()))
    assert "Felles kartlegging" in page
    assert project.get_absolute_url() not in page  # the coordinator cannot open it
    page = text_of(client.get(personas.municipality_b.get_absolute_url()))
    assert "Felles kartlegging" not in page


@time_machine.travel(D(2026, 11, 22))
def test_start_page_lists_the_partners_open_follow_ups(client, personas, agreement, partner_person):
    meeting = add_meeting(agreement, D(2019, 5, 9))
    services.action_item_save(
        meeting=meeting, text="Sende rapporten", owner=partner_person, due_on=D(2019, 12, 1)
    )
    done = services.action_item_save(
        meeting=meeting, text="Ferdig oppgave", owner=partner_person, due_on=D(2019, 6, 1)
    )
    services.action_item_mark(item=done, user=personas.partner, done=True)
    services.milestone_save(
        agreement=agreement,
        year=2027,
        title="Evaluering",
        due_on=D(2027, 3, 1),
        owner=partner_person,
    )
    client.force_login(personas.partner)
    response = client.get(reverse("core:home"))
    # "Mine oppgaver" lists every area's deadlines together (samspill.workflow).
    due = [item for group in response.context["due_groups"] for item in group["items"]]
    assert [item.title for item in due] == ["Sende rapporten", "Evaluering"]
    page = text_of(response)
    row = page.split("Sende rapporten</a>")[1].split("</li>")[0]
    assert "frist 01.12.2019" in page.split("Sende rapporten</a>")[0].rsplit("<li>", 1)[1]
    assert "Forfalt" in row
    assert "Ferdig oppgave" not in page
