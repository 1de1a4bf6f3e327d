"""In Chromium: the privacy page for everyone; an administrator finds a person, downloads
their data and anonymises them. Every page passes axe."""

import pytest

from samspill.core.tests.browser import assert_accessible, log_in
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.models import Person
from samspill.members.services import load_reference_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_administrator_exports_and_anonymises_a_person(page):
    load_reference_data()
    personas = make_personas()
    person = Person.objects.create(first_name="Kari", last_name="Nordmann", email="kari@example.no")

    log_in(page, personas.admin.email, PASSWORD)
    page.get_by_role("link", name="Personvern").click()
    page.wait_for_url("**/personvern/")
    assert_accessible(page)
    page.get_by_label("Navn eller e-post").fill("Nordmann")
    page.get_by_role("button", name="Finn").click()
    assert_accessible(page)
    page.get_by_role("link", name="Kari Nordmann").click()
    page.get_by_role("heading", name="Personopplysninger om Kari Nordmann").wait_for()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned alt (JSON)").click()
    assert download.value.suggested_filename.endswith(".json")
    page.get_by_role("button", name="Anonymiser personen").click()
    page.get_by_text("Personopplysningene er anonymisert").wait_for()
    assert_accessible(page)
    person.refresh_from_db()
    assert person.first_name == "Anonymisert"


def test_a_coordinator_reads_the_privacy_page(page):
    load_reference_data()
    personas = make_personas()
    log_in(page, personas.coordinator_a.email, PASSWORD)
    page.goto("/personvern/")
    assert page.get_by_role("heading", name="Personvern", level=1).is_visible()
    assert page.get_by_role("heading", name="Finn en person").count() == 0
    assert_accessible(page)
