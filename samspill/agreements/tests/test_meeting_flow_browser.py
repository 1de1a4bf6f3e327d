"""In Chromium: an adviser records a meeting with minutes and action items, and a partner
contact sees only their own agreement, marks their action item done and comments on the
minutes. Every page visited passes axe-core."""

import pytest
from django.urls import reverse

from samspill.agreements.models import Meeting
from samspill.core.tests.browser import assert_accessible, log_in
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data

from .builders import ks, make_agreement, nkr, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def saved(page, message):
    page.get_by_text(message).first.wait_for()
    assert_accessible(page)


def log_out(page):
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/konto/logg-inn/**")


def test_adviser_records_a_meeting_and_the_partner_follows_up(page):
    load_reference_data()
    personas = make_personas()
    agreement = make_agreement(personas.partner_organisation)
    make_agreement(ks(), slug="ks-2025-2027", title="Samarbeidsavtale med KS")
    per = person(personas.partner_organisation, "Per", "Partner")
    personas.partner.person = per
    personas.partner.save()
    person(nkr(), "Vilde", "Veileder")

    # The adviser plans the meeting with its agenda.
    log_in(page, personas.adviser.email, PASSWORD)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Avtaler").click()
    assert_accessible(page)
    page.get_by_role("link", name=agreement.title).click()
    assert_accessible(page)
    page.get_by_role("link", name="Nytt møte").click()
    assert_accessible(page)
    page.get_by_label("Tittel").fill("Samarbeidsmøte vår 2018")
    page.get_by_label("Dato").fill("2018-03-15")
    page.get_by_label("Klokkeslett fra").fill("10:00")
    page.get_by_label("Klokkeslett til").fill("13:00")
    page.get_by_label("Sted").fill("Norsk kulturskoleråd, Trondheim")
    page.get_by_label("Dagsorden").fill("Prosjektavtalene\nKontakt med kommunene")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Møtet er lagret.")
    assert page.get_by_role("heading", name="Samarbeidsmøte vår 2018", level=1).is_visible()

    # The minutes: who was there, what was said and decided.
    page.get_by_role("link", name="Før referat").click()
    assert_accessible(page)
    page.get_by_label("Referat", exact=True).fill(
        "Prosjektavtalene er inngått for begge prosjektene."
    )
    page.get_by_label("Per Partner (Kulturtanken)").check()
    page.get_by_label("Vilde Veileder (Kulturskolerådet)").check()
    page.get_by_label("Vedtak").fill("Prosjektene starter i april 2018.")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Referatet er lagret, og møtet er markert som holdt.")
    # The minutes as a paragraph on the page (the change history below holds them too).
    minutes = page.get_by_role("paragraph").filter(has_text="Prosjektavtalene er inngått for begge")
    assert minutes.is_visible()

    # Two action items with owner and due date.
    for text, owner, due in [
        ("Kontakte de tre pilotkommunene", "Per Partner", "2018-04-30"),
        ("Sende referatet til styringsgruppen", "Vilde Veileder", "2018-03-22"),
    ]:
        page.get_by_role("link", name="Legg til oppfølgingspunkt").click()
        assert_accessible(page)
        page.get_by_label("Oppgave").fill(text)
        page.get_by_label("Ansvarlig").select_option(label=owner)
        page.get_by_label("Frist").fill(due)
        page.get_by_role("button", name="Lagre").click()
        saved(page, "Oppfølgingspunktet er lagret.")
    follow_up = page.locator("#oppfolging")
    assert (
        follow_up.get_by_role("row").filter(has_text="Kontakte de tre pilotkommunene").is_visible()
    )
    meeting = Meeting.objects.get(agreement=agreement)
    assert meeting.is_held and meeting.attendances.count() == 2
    assert [i.text for i in meeting.action_items.order_by("due_on")] == [
        "Sende referatet til styringsgruppen",
        "Kontakte de tre pilotkommunene",
    ]
    log_out(page)

    # The partner sees only Kulturtanken's agreement.
    log_in(page, personas.partner.email, PASSWORD)
    # "Mine oppgaver" lists the action item they own.
    assert page.get_by_role("link", name="Kontakte de tre pilotkommunene").is_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Avtaler").click()
    assert_accessible(page)
    assert page.get_by_role("link", name=agreement.title).is_visible()
    assert page.get_by_text("Samarbeidsavtale med KS").count() == 0
    page.get_by_role("link", name=agreement.title).click()
    assert_accessible(page)
    assert page.get_by_role("link", name="Endre avtalen").count() == 0
    page.get_by_role("link", name="Samarbeidsmøte vår 2018").first.click()
    assert_accessible(page)

    # They mark their own action item done (htmx swaps the list), not NKR's.
    own = page.locator("#oppfolging").get_by_role("row").filter(has_text="pilotkommunene")
    nkr_item = page.locator("#oppfolging").get_by_role("row").filter(has_text="styringsgruppen")
    assert nkr_item.get_by_role("button").count() == 0
    own.get_by_role("button", name="Marker utført").click()
    page.locator("#oppfolging").get_by_text("Utført").wait_for()
    assert_accessible(page)
    assert meeting.action_items.get(text__contains="pilotkommunene").done_by == personas.partner

    # And comment on the minutes.
    page.get_by_label("Ny kommentar til referatet").fill("Kulturtanken har ingen merknader.")
    page.get_by_role("button", name="Legg inn kommentar").click()
    saved(page, "Kommentaren er lagret.")
    assert page.get_by_text("Kulturtanken har ingen merknader.").is_visible()

    # Another partner's agreement is closed to them.
    response = page.goto(reverse("agreements:agreement_detail", args=["ks-2025-2027"]))
    assert response.status == 403
    assert_accessible(page)
