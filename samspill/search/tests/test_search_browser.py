"""In Chromium: an adviser searches from the header and finds a seminar point and a
decision; a coordinator searching the same words finds neither. Every page passes axe."""

import pytest

from samspill.core.tests.browser import assert_accessible, log_in
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data
from samspill.seminars.tests.builders import make_board, write
from samspill.strategy.models import Decision, DecisionKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_from_header(page, words):
    page.get_by_role("search", name="Søk i Samspill").get_by_label("Søk i Samspill").fill(words)
    page.get_by_role("search", name="Søk i Samspill").get_by_role("button", name="Søk").click()
    page.wait_for_url("**/sok/?q=*")
    assert_accessible(page)


def test_search_finds_points_and_decisions_only_for_those_who_may_see_them(page):
    load_reference_data()
    personas = make_personas()
    board = make_board()
    write(board.participants[0], "Kulturskolene bør samarbeide tettere med SFO.")
    Decision.objects.create(
        kind=DecisionKind.GENERAL_ASSEMBLY,
        case_number="5.13",
        title="Prisundersøkelse i kulturskolene",
        text="Landstinget ber om en undersøkelse av prisene.",
    )

    log_in(page, personas.adviser.email, PASSWORD)
    assert_accessible(page)
    search_from_header(page, "kulturskole")
    results = page.get_by_role("main")
    assert results.get_by_role("heading", name="Punkter fra dialogseminarer").is_visible()
    assert results.get_by_role("heading", name="Vedtak (1)").is_visible()
    results.get_by_role("link", name="5.13 Prisundersøkelse i kulturskolene").click()
    page.wait_for_url("**/strategi/**")
    assert_accessible(page)

    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/konto/logg-inn/**")
    log_in(page, personas.coordinator_a.email, PASSWORD)
    search_from_header(page, "kulturskole")
    text = page.get_by_role("main").inner_text()
    assert "samarbeide tettere med SFO" not in text
    assert "Prisundersøkelse" not in text
