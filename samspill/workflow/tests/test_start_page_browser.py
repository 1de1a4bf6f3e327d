"""In Chromium: a coordinator logs in and their start page shows their municipality's
deadlines, most urgent first; they open the calendar by month and week, and on the
profile page take the personal iCal address, which holds their events, and renew it,
after which the old address is refused. Every page visited passes axe-core."""

import icalendar
import pytest
from django.utils import timezone

from samspill.core.tests.browser import assert_accessible, log_in, visit
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data

from .conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def feed_events(page, url):
    response = page.request.get(url)
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(response.body())
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def test_coordinator_start_page_calendar_and_feed(page):
    load_reference_data()
    personas = make_personas()
    today = timezone.localdate()
    build_world(personas, today)

    log_in(page, personas.coordinator_a.email, PASSWORD)
    assert_accessible(page)
    deadlines = page.get_by_role("region", name="Frister og oppgaver")
    items = deadlines.get_by_role("listitem")
    texts = items.all_inner_texts()
    assert "Kontrakten for Sogndal er ikke signert av alle parter" in texts[0]
    assert "Forfalt" in texts[0]
    assert any("Intervjue skoleeier i Sogndal" in text for text in texts)
    assert any("Kartlegge behovene i Sogndal" in text for text in texts)
    assert not any("Luster" in text for text in texts)
    events = page.get_by_role("region", name="Dine neste hendelser")
    assert events.get_by_role("link", name="Fellessamling 1 (fysisk)").is_visible()

    # Each item opens its record.
    deadlines.get_by_role("link", name="Kartlegge behovene i Sogndal").click()
    page.wait_for_url("**/utviklingsplan/**")
    assert_accessible(page)

    # The calendar, by month and by week.
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kalender").click()
    page.wait_for_url("**/kalender/")
    assert_accessible(page)
    assert page.get_by_role("table").get_by_text("Kartlegge behovene i Sogndal").count() >= 1
    assert "Luster" not in page.content()
    page.get_by_role("link", name="Vis uke for uke").click()
    page.wait_for_url("**/kalender/uke/**")
    assert_accessible(page)
    visit(page, "/kalender/?ar=2025&maned=5")
    assert page.get_by_text("Grunnlovsdag").count() == 1

    # The personal feed from the profile page.
    visit(page, "/konto/profil/")
    address = page.get_by_label("Din personlige adresse").input_value()
    summaries = feed_events(page, address)
    assert "Fellessamling 1 (fysisk)" in summaries
    assert "Utviklingsplan: Kartlegge behovene i Sogndal" in summaries
    assert not any("Luster" in summary for summary in summaries)

    # Renewing: the old address is refused, the new one works.
    page.get_by_role("button", name="Lag ny adresse (den gamle slutter å virke)").click()
    page.get_by_text("Du har fått en ny adresse til kalenderen.").wait_for()
    assert_accessible(page)
    new_address = page.get_by_label("Din personlige adresse").input_value()
    assert new_address != address
    assert page.request.get(address).status == 404
    assert "Fellessamling 1 (fysisk)" in feed_events(page, new_address)

    # Reminder choices.
    page.get_by_label("Antall dager før fristen").fill("3")
    page.get_by_role("button", name="Lagre valgene").click()
    page.get_by_text("Valgene for påminnelser er lagret.").wait_for()
    assert_accessible(page)
    assert page.get_by_label("Antall dager før fristen").input_value() == "3"
