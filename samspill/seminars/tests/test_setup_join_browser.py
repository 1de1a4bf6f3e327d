"""In Chromium: an adviser sets up a seminar with a theme and two questions and shows
the join code and QR code; a participant in another browser joins with the code and
creates a group. Every page visited passes axe-core."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data
from samspill.seminars.models import Group, Participant, Seminar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email):
    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


def test_adviser_sets_up_a_seminar_and_a_participant_joins_with_the_code(
    page, browser, live_server
):
    load_reference_data()
    personas = make_personas()
    day = timezone.localdate() + datetime.timedelta(days=14)

    # The adviser creates the seminar.
    log_in(page, personas.adviser.email)
    page.goto(reverse("seminars:seminar_list"))
    assert_accessible(page)
    page.get_by_role("link", name="Nytt seminar").click()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Dialogseminar Fremtidens kulturskole")
    page.get_by_label("Kortnavn i adressen").fill("fremtidens-kulturskole")
    page.get_by_label("Dato", exact=True).fill(day.isoformat())
    page.get_by_label("Steder og digitale rom").fill("Førde\nDigitalt rom 1\nDigitalt rom 2")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Seminaret er opprettet.").wait_for()
    assert_accessible(page)

    # ... adds a theme with two questions.
    page.get_by_role("link", name="Legg til dialogtema").click()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Gruppeoppgaver")
    page.get_by_label("Innledning").fill(
        "I Meld. St. 18 (2020–2021) legger regjeringen frem tiltak."
    )
    page.locator("#id_sporsmal-0-text").fill(
        "På hvilke områder kan kulturskolen og skolen samarbeide?"
    )
    page.locator("#id_sporsmal-1-text").fill("Hva kan de tre nasjonale aktørene bidra med?")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_text("Dialogtemaet er lagret.").wait_for()
    assert_accessible(page)

    # ... and shows the code and the QR code on the projector.
    seminar = Seminar.objects.get(slug="fremtidens-kulturskole")
    code = seminar.join_code
    assert page.get_by_text(f"{code[:4]} {code[4:]}", exact=True).is_visible()
    assert page.get_by_text("Hva kan de tre nasjonale aktørene bidra med?").is_visible()
    qr = page.get_by_role("img", name="QR-kode til lenken for å bli med")
    assert qr.is_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.get_by_role("link", name="Åpne tavla for dialogtema 1").is_visible()

    # A participant joins in another browser, without an account, typing the code
    # the way people do.
    context = browser.new_context(
        base_url=live_server.url,
        locale="nb-NO",
        bypass_csp=True,
        viewport={"width": 390, "height": 844},  # a phone
    )
    context.set_default_timeout(15_000)
    participant = context.new_page()
    try:
        participant.goto(reverse("seminars:join"))
        assert_accessible(participant)
        participant.get_by_label("Deltakerkode").fill(f"{code[:4].lower()} {code[4:]}")
        participant.get_by_role("button", name="Gå videre").click()
        participant.get_by_role("heading", name="Dialogseminar Fremtidens kulturskole").wait_for()
        assert_accessible(participant)

        participant.get_by_label("Lag en ny gruppe").check()
        participant.get_by_label("Navn på gruppen").fill("Førde")
        participant.get_by_label("Sted eller rom").select_option("Førde")
        participant.get_by_label("Kommuner i gruppen").fill("Sogndal, Luster, Førde")
        participant.get_by_label("Navnet ditt").fill("Kari Nordmann")
        participant.get_by_label("Kommunen du kommer fra").fill("Sogndal")
        participant.get_by_label("Rollen din i kommunen").fill("Kulturskoleleder")
        participant.get_by_label("Skriver").check()
        participant.get_by_role("button", name="Bli med").click()
        participant.wait_for_url(f"**{reverse('seminars:board', args=[seminar.slug, 1])}")
        participant.get_by_text("Du er med i gruppen Førde.").wait_for()
        assert_accessible(participant)
    finally:
        context.close()

    group = Group.objects.get(seminar=seminar)
    assert group.municipalities_text == "Sogndal, Luster, Førde"
    assert sorted(group.municipalities.values_list("name", flat=True)) == ["Luster", "Sogndal"]
    joined = Participant.objects.get(seminar=seminar)
    assert (joined.name, joined.group_role, joined.municipality.name) == (
        "Kari Nordmann",
        "writer",
        "Sogndal",
    )

    # The organiser sees the group and its participant.
    page.reload()
    groups = page.get_by_role("table", name="Gruppene i seminaret med kommuner og deltakere")
    assert groups.get_by_role("rowheader", name="Førde").is_visible()
    assert groups.get_by_text("Kari Nordmann").is_visible()
    assert_accessible(page)
