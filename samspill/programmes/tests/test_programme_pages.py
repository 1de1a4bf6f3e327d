import datetime

import pytest
import time_machine
from django.urls import reverse

from samspill.programmes.models import Programme

from .builders import make_complete_group, make_participation, make_programme

pytestmark = pytest.mark.django_db


def test_public_programme_page_needs_no_login_and_shows_the_call(client, programme):
    with time_machine.travel(datetime.date(2024, 1, 10)):
        page = client.get(reverse("programmes:programme_public", args=[programme.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert programme.name in text
    assert "20\xa0000\xa0kr for hele programperioden" in text
    assert "Søknadsfrist 15.01.2024" not in text  # the builder's call closes 31.01.2024
    assert "Søknadsfrist 31.01.2024" in text
    for criterion in programme.criteria.all():
        assert criterion.text in text


def test_unpublished_programme_has_no_public_page(client, db):
    programme = make_programme(slug="utkast", published=False)
    assert (
        client.get(reverse("programmes:programme_public", args=[programme.slug])).status_code == 404
    )


def test_coordinator_sees_only_published_programmes_and_an_apply_button_while_the_call_is_open(
    client, personas, programme
):
    make_programme(slug="hemmelig", published=False, name="Upublisert program")
    personas.municipality_a.is_member = True
    personas.municipality_a.save()
    client.force_login(personas.coordinator_a)
    listing = client.get(reverse("programmes:programme_list")).content.decode()
    assert programme.name in listing
    assert "Upublisert program" not in listing
    assert client.get(reverse("programmes:programme_detail", args=["hemmelig"])).status_code == 404
    with time_machine.travel(datetime.date(2024, 1, 10)):
        detail = client.get(programme.get_absolute_url()).content.decode()
    assert "Søk om deltakelse" in detail
    with time_machine.travel(datetime.date(2024, 3, 1)):
        detail = client.get(programme.get_absolute_url()).content.decode()
    assert "Søk om deltakelse" not in detail


@pytest.mark.parametrize("persona", ["partner"])
def test_partner_contacts_have_no_part_in_programmes(client, personas, programme, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("programmes:programme_list")).status_code == 403
    assert client.get(programme.get_absolute_url()).status_code == 403
    assert "Program" not in [
        a["label"] for a in client.get(reverse("core:home")).context["nav_areas"]
    ]


def test_overview_lists_problems_first_and_in_plain_words(client, personas, programme):
    complete = make_participation(
        programme, personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )
    make_complete_group(complete)
    services_sign_all(complete, personas.adviser)
    complete.plan.entries.create(
        cycle=1, phase="identify_needs", title="Kartlegging", entry_date=datetime.date(2024, 10, 1)
    )
    make_participation(programme, personas.municipality_b, actor=personas.adviser)
    client.force_login(personas.leader)
    page = client.get(programme.get_absolute_url())
    rows = page.context["rows"]
    assert [row.participation.municipality.name for row in rows] == ["Luster", "Sogndal"]
    text = page.content.decode()
    assert "Kommunegruppen har 0 medlemmer; den må ha minst 4." in text
    assert "Ingen veileder er knyttet til kommunen." in text
    assert rows[1].problems == []


def services_sign_all(participation, actor):
    from samspill.programmes import services

    day = datetime.date(2024, 9, 2)
    services.contract_update(
        contract=participation.contract,
        actor=actor,
        signed_by_nkr_on=day,
        signed_by_chief_executive_on=day,
        signed_by_arts_school_leader_on=day,
    )


def test_overview_query_count_does_not_grow_with_participants(client, personas, programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_participation(programme, personas.municipality_a, actor=personas.adviser)
    client.force_login(personas.adviser)
    with CaptureQueriesContext(connection) as one:
        client.get(programme.get_absolute_url())
    participation_b = make_participation(programme, personas.municipality_b, actor=personas.adviser)
    make_complete_group(participation_b)
    with CaptureQueriesContext(connection) as two:
        client.get(programme.get_absolute_url())
    first, second = one.captured_queries, two.captured_queries
    assert len(second) == len(first)


def test_adviser_overview_shows_only_the_advisers_own_municipalities(client, personas, programme):
    make_participation(
        programme, personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )
    make_participation(programme, personas.municipality_b, actor=personas.adviser)
    client.force_login(personas.adviser)
    page = client.get(reverse("programmes:adviser_overview"))
    names = [row.participation.municipality.name for row in page.context["sections"][0]["rows"]]
    assert names == ["Sogndal"]
    client.force_login(personas.coordinator_a)
    assert client.get(reverse("programmes:adviser_overview")).status_code == 403


def test_adviser_creates_a_programme_with_its_selection_criteria(client, personas):
    client.force_login(personas.adviser)
    data = {
        "name": "Fremtidens kulturskole 2026–2027",
        "slug": "fremtidens-2026",
        "purpose": "Hensikt",
        "target_group": "Kommuner",
        "goals": "Mål",
        "competence_goals": "Kompetansemål",
        "method": "Metode",
        "period_start": "2026-08-01",
        "period_end": "2027-12-31",
        "semesters": "3",
        "fee": "20000",
        "instalment_count": "3",
        "call_opens": "2026-11-01",
        "call_closes": "2026-10-01",
        "kriterier-TOTAL_FORMS": "2",
        "kriterier-INITIAL_FORMS": "0",
        "kriterier-0-number": "1",
        "kriterier-0-text": "Samhandling med andre tjenester",
        "kriterier-1-number": "",
        "kriterier-1-text": "",
    }
    refused = client.post(reverse("programmes:programme_create"), data)
    assert refused.status_code == 200
    assert "Søknadsfristen kan ikke være før utlysningen åpner." in refused.content.decode()
    assert not Programme.objects.exists()
    data["call_closes"] = "2027-01-31"
    response = client.post(reverse("programmes:programme_create"), data)
    programme = Programme.objects.get(slug="fremtidens-2026")
    assert response.status_code == 302
    assert list(programme.criteria.values_list("number", "text")) == [
        (1, "Samhandling med andre tjenester")
    ]


def test_coordinator_cannot_create_or_edit_programmes(client, personas, programme):
    client.force_login(personas.coordinator_a)
    assert client.get(reverse("programmes:programme_create")).status_code == 403
    assert (
        client.get(reverse("programmes:programme_edit", args=[programme.slug])).status_code == 403
    )


def test_municipality_page_shows_its_programmes_to_those_who_may_see_them(
    client, personas, participation_a
):
    client.force_login(personas.coordinator_a)
    page = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert participation_a.programme.name in page
    assert "kontrakt ikke signert" in page
    client.force_login(personas.coordinator_b)
    page = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert participation_a.programme.name not in page


def test_start_page_leads_coordinator_and_adviser_to_their_municipalities(
    client, personas, participation_a, participation_b
):
    client.force_login(personas.coordinator_a)
    home = client.get(reverse("core:home")).content.decode()
    assert participation_a.get_absolute_url() in home
    assert participation_b.get_absolute_url() not in home
    client.force_login(personas.adviser)
    home = client.get(reverse("core:home")).content.decode()
    assert participation_a.get_absolute_url() in home
    assert participation_b.get_absolute_url() in home
    client.force_login(personas.partner)
    assert (
        participation_a.get_absolute_url() not in client.get(reverse("core:home")).content.decode()
    )
