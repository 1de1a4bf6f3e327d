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
