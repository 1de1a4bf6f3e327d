"""Smoke test in Chromium: every persona logs in through the form, visits the start page,
the municipality list and one municipality, and no page has an axe-core violation."""

import pytest

from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = [
    "admin",
    "adviser",
    "leader",
    "board_member",
    "coordinator_a",
    "coordinator_b",
    "member_a",
    "partner",
]


@pytest.fixture
def live_personas(transactional_db):
    load_reference_data()
    return make_personas()


def log_in(page, email):
    page.goto("/konto/logg-inn/")
    assert_accessible(page)
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_logs_in_and_browses_the_register(page, live_personas, persona):
    user = getattr(live_personas, persona)
    log_in(page, user.email)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hei")
    assert_accessible(page)

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kommuner").click()
    page.wait_for_url("**/medlemmer/kommuner/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kommuner"
    assert page.get_by_role("status").first.inner_text() == "357 kommuner"
    assert_accessible(page)

    municipality = user.municipality or live_personas.municipality_b
    page.goto(municipality.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == municipality.name
    assert_accessible(page)


def test_search_filters_the_list_without_reloading(page, live_personas):
    log_in(page, live_personas.adviser.email)
    page.goto("/medlemmer/kommuner/")
    page.get_by_label("Søk etter navn eller nummer").fill("Tromsø")
    page.get_by_role("status").filter(has_text="1 kommune").wait_for()
    assert page.get_by_role("link", name="Tromsø").is_visible()
    assert_accessible(page)


def test_coordinator_registers_the_arts_school_in_the_browser(page, live_personas):
    log_in(page, live_personas.coordinator_a.email)
    page.goto(live_personas.municipality_a.get_absolute_url())
    page.get_by_role("link", name="Registrer kulturskolen").click()
    assert_accessible(page)
    page.get_by_label("Navn").fill("Sogndal kulturskule")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Kulturskolen er lagret.").wait_for()
    assert page.get_by_text("Sogndal kulturskule").is_visible()
    assert_accessible(page)


def test_every_other_page_of_the_foundation_passes_axe(page, live_personas):
    """The pages the persona walk does not reach, each opened and checked with axe."""
    from samspill.members.models import Person, Region, StaffUnit, StaffUnitKind

    region = Region.objects.create(name="Vestland", slug="vestland")
    region.counties.add(live_personas.municipality_a.county)
    unit = StaffUnit.objects.create(
        name="Veilederkorpset", slug="veilederkorpset", kind=StaffUnitKind.OPERATIVE
    )
    person = Person.objects.create(
        first_name="Sigrid", last_name="Sogn", municipality=live_personas.municipality_a
    )
    unit.memberships.create(person=person)
    number = live_personas.municipality_a.number

    page.goto("/konto/glemt-passord/")
    assert_accessible(page)
    page.goto("/finnes-ikke/")
    assert page.get_by_role("heading", level=1).inner_text() == "Fant ikke siden"
    assert_accessible(page)

    log_in(page, live_personas.admin.email)
    pages = {
        "/medlemmer/regioner/": "Regioner",
        region.get_absolute_url(): "Vestland",
        "/medlemmer/organisasjoner/": "Organisasjoner",
        live_personas.partner_organisation.get_absolute_url(): "Kulturtanken",
        "/medlemmer/personer/": "Personer",
        person.get_absolute_url(): "Sigrid Sogn",
        "/medlemmer/organisasjon/": "Kulturskolerådets organisasjon",
        unit.get_absolute_url(): "Veilederkorpset",
        f"/medlemmer/kommuner/{number}/personer/ny/": "Ny person i Sogndal",
        f"/medlemmer/kommuner/{number}/personer/{person.pk}/": "Endre Sigrid Sogn",
        "/konto/profil/": "Min profil",
        "/konto/passord/": "Endre passord",
    }
    for url, heading in pages.items():
        page.goto(url)
        assert heading in page.get_by_role("heading", level=1).inner_text(), url
        assert_accessible(page)


def test_coordinator_sees_no_access_page_for_another_municipality(page, live_personas):
    log_in(page, live_personas.coordinator_a.email)
    page.goto(f"/medlemmer/kommuner/{live_personas.municipality_b.number}/kulturskole/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Du har ikke tilgang til denne siden"
    )
    assert_accessible(page)
