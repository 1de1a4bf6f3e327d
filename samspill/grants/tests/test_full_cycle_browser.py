"""The whole cycle of a stipend in Chromium (issue 9, "Done when"): call → nominations →
two jury rounds with a conflict of interest → awards within the scheme's count →
letters → the public list of recipients. Every page visited passes axe-core."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samspill.accounts.models import Role, User
from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.grants.models import Call, Nomination
from samspill.members.services import load_reference_data

from .builders import make_stipend_scheme, nominate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email):
    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")


def log_out(page):
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/konto/logg-inn/**")


def shown(page, message):
    page.get_by_text(message).first.wait_for()
    assert_accessible(page)


def go(page, url):
    page.goto(url)
    assert_accessible(page)


def score(page, values):
    for number, value in enumerate(values, start=1):
        page.locator(f"#id_kriterium_{number}").select_option(str(value))
    page.get_by_label("Kommentar").fill("Sterkt uttrykk.")
    page.get_by_role("button", name="Lagre poengene").click()


def test_a_stipend_from_call_to_letters_and_public_list(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_reference_data()
    personas = make_personas()
    for municipality in (personas.municipality_a, personas.municipality_b):
        municipality.is_member = True
        municipality.save()
    make_stipend_scheme(award_count=1, total_budget=None)
    subject_juror = User.objects.create_user(
        email="fagjury@test.no", password=PASSWORD, role=Role.JURY_MEMBER, first_name="Frida"
    )
    allocation_juror = User.objects.create_user(
        email="tildeling@test.no", password=PASSWORD, role=Role.JURY_MEMBER, first_name="Tore"
    )
    today = timezone.localdate()

    # 1. The adviser opens a call.
    log_in(page, personas.adviser.email)
    go(page, reverse("grants:home"))
    page.get_by_role("link", name="Ny utlysning").click()
    assert_accessible(page)
    page.get_by_label("Ordning").select_option(label="Drømmestipendet")
    page.get_by_label("Tittel").fill("Drømmestipendet 2027")
    page.get_by_label("Kortnavn").fill("ds-2027")
    page.get_by_label("År").fill("2027")
    page.get_by_label("Åpner").fill(str(today - datetime.timedelta(days=5)))
    page.get_by_label("Frist").fill(str(today + datetime.timedelta(days=30)))
    page.get_by_label(re.compile("^Referansedato")).fill(str(today + datetime.timedelta(days=30)))
    page.get_by_role("button", name="Lagre").click()
    shown(page, "Utlysningen er opprettet.")
    call = Call.objects.get(slug="ds-2027")

    # 2. Juries: a subject jury for dance and the allocation jury.
    page.get_by_role("link", name="Juryer og jurymedlemmer").click()
    assert_accessible(page)
    for name, kind, category, member in [
        ("Fagjury dans", "Fagjury", "Dans", subject_juror),
        ("Tildelingsjury", "Tildelingsjury", None, allocation_juror),
    ]:
        page.get_by_label("Navn").fill(name)
        page.get_by_label("Type").select_option(label=kind)
        if category:
            page.get_by_label("Kategori (fagjury)").select_option(label=category)
        page.get_by_role("button", name="Opprett juryen").click()
        shown(page, "Juryen er opprettet.")
        page.get_by_label(f"Legg til medlem i {name}").select_option(label=str(member))
        page.locator("section", has=page.get_by_role("heading", name=re.compile(name))).get_by_role(
            "button", name="Legg til"
        ).click()
        shown(page, f"er med i {name}.")
    log_out(page)

    # 3. Sogndal's arts-school leader nominates: too young first, then eligible.
    log_in(page, personas.coordinator_a.email)
    go(page, call.get_absolute_url())
    page.get_by_role("link", name="Nominer en ung kunstner").click()
    assert_accessible(page)
    page.get_by_label("Kategori").select_option(label="Dans")
    page.get_by_label("Fornavn").fill("Kari")
    page.get_by_label("Etternavn").fill("Nordmann")
    too_young = call.age_date.replace(year=call.age_date.year - 17)
    page.get_by_label("Fødselsdato").fill(str(too_young))
    page.get_by_label("E-post til den nominerte").fill("kari@eksempel.no")
    page.get_by_label("Begrunnelse for nominasjonen").fill("En av de beste danserne vi har hatt.")
    page.get_by_label("Drømmen").fill("Å komme inn på Balletthøyskolen.")
    page.get_by_label("Lenker til arbeidsprøver").fill("https://video.eksempel.no/kari")
    page.get_by_role("button", name="Send inn nominasjonen").click()
    shown(page, "Nominasjonen er ikke sendt inn")
    assert page.get_by_text("men er 17 år da").is_visible()
    page.get_by_label("Fødselsdato").fill(str(too_young.replace(year=too_young.year - 3)))
    page.get_by_role("button", name="Send inn nominasjonen").click()
    shown(page, "Nominasjonen er sendt inn.")
    assert page.get_by_text("Sendt inn – til vurdering").first.is_visible()
    log_out(page)
    kari = Nomination.objects.get(first_name="Kari")
    ola = nominate(call, personas.municipality_b, personas.coordinator_b, first="Ola", today=today)
    siri = nominate(
        call, personas.municipality_a, personas.coordinator_a, first="Siri", today=today
    )

    # 4. Round one: the subject jury scores and declares a conflict of interest.
    log_in(page, personas.adviser.email)
    go(page, call.get_absolute_url())
    page.get_by_role("button", name="Start første juryrunde").click()
    shown(page, "Runde 1 er startet med 3 nominasjoner.")
    log_out(page)

    log_in(page, subject_juror.email)
    go(page, reverse("grants:review_queue"))
    page.get_by_role("button", name="Meld inhabil for Ola Nordmann").click()
    shown(page, "Du er registrert som inhabil.")
    assert page.get_by_text("Ola Nordmann").count() == 0
    for name, values in [("Kari Nordmann", (6, 6, 5)), ("Siri Nordmann", (4, 5, 4))]:
        page.get_by_role("link", name=name).click()
        assert_accessible(page)
        score(page, values)
        shown(page, f"Poengene for {name} er lagret.")
    go(page, reverse("grants:nomination_detail", args=[ola.pk]))  # never shown again
    assert page.get_by_text("Du har meldt deg inhabil").is_visible()
    log_out(page)

    # 5. The adviser ranks round one and moves Kari and Siri on to the allocation jury.
    log_in(page, personas.adviser.email)
    go(page, reverse("grants:round_detail", args=[call.slug, 1]))
    rows = page.locator("tbody tr")
    assert "Kari Nordmann" in rows.nth(0).inner_text() and "17" in rows.nth(0).inner_text()
    page.get_by_label("Velg Kari Nordmann").check()
    page.get_by_label("Velg Siri Nordmann").check()
    page.get_by_label("Neste runde vurderes av").select_option(label="Tildelingsjury")
    page.get_by_role("button", name="Flytt de valgte til neste runde").click()
    shown(page, "2 nominasjoner er flyttet til runde 2.")
    log_out(page)

    log_in(page, allocation_juror.email)
    go(page, reverse("grants:review_queue"))
    for name, values in [("Siri Nordmann", (6, 6, 6)), ("Kari Nordmann", (5, 5, 5))]:
        page.get_by_role("link", name=name).click()
        score(page, values)
        shown(page, f"Poengene for {name} er lagret.")
    log_out(page)

    # 6. Awards within the scheme's count of one: the second is refused.
    log_in(page, personas.adviser.email)
    go(page, reverse("grants:awards", args=[call.slug]))
    assert "Siri Nordmann" in page.locator("tbody tr").nth(0).inner_text()
    page.get_by_role("button", name="Tildel Siri Nordmann").click()
    shown(page, "Siri Nordmann er tildelt stipend.")
    page.get_by_role("button", name="Tildel Kari Nordmann").click()
    shown(page, "Det kan ikke tildeles flere.")
    assert page.get_by_text("1 av 1 stipender").is_visible()
    page.get_by_role("button", name="Avslutt tildelingen og send brev").click()
    shown(page, "Tildelingen er avsluttet.")
    page.get_by_role("button", name="Publiser listen over mottakere").click()
    shown(page, "Listen over mottakere er publisert.")
    log_out(page)

    # 7. Sogndal sees the outcome and the letters; the public sees the recipients.
    log_in(page, personas.coordinator_a.email)
    go(page, kari.get_absolute_url())
    assert page.get_by_text("Ikke tildelt").first.is_visible()
    assert page.get_by_role("heading", name="Svarbrev").is_visible()
    letter = page.request.get(reverse("grants:letter", args=[siri.pk, "pdf"]))
    assert letter.status == 200 and letter.headers["content-type"] == "application/pdf"
    docx = page.request.get(reverse("grants:letter", args=[kari.pk, "docx"]))
    assert docx.status == 200
    go(page, personas.municipality_a.get_absolute_url())
    assert page.get_by_text("Siri Nordmann").first.is_visible()
    log_out(page)
    go(page, reverse("grants:recipients", args=[call.slug]))
    assert page.get_by_text("Siri Nordmann").count() == 1
    assert page.get_by_text("Kari Nordmann").count() == 0
