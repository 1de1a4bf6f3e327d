"""The whole programme flow in Chromium, as an adviser and a coordinator do it:
call → application → assessment → contract → group → schedule → plan → guidance → fees.
Every page visited passes axe-core."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data
from samspill.programmes.models import Instalment, Participation

from .builders import (
    CRITERIA,
    add_event,
    add_physical_gatherings,
    development_area_for,
    make_programme,
)

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


def saved(page, message):
    page.get_by_text(message).first.wait_for()
    assert_accessible(page)


def test_adviser_and_coordinator_run_a_programme_from_call_to_invoice(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_reference_data()
    personas = make_personas()
    personas.municipality_a.is_member = True
    personas.municipality_a.save()
    development_area_for(personas.municipality_a)
    programme = make_programme(call_opens=None, call_closes=None)
    add_physical_gatherings(programme)
    add_event(
        programme, kind="guidance_visit", title="Veiledningsbesøk 1", year=2024, weeks="40-44"
    )
    today = timezone.localdate()

    # The adviser opens the call and adds a coordinator meeting to the schedule.
    log_in(page, personas.adviser.email)
    page.goto(reverse("programmes:programme_edit", args=[programme.slug]))
    assert_accessible(page)
    page.get_by_label("Søknadsfrist åpner").fill(str(today - datetime.timedelta(days=1)))
    page.get_by_label(re.compile(r"^Søknadsfrist(?! åpner)")).fill(
        str(today + datetime.timedelta(days=14))
    )
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Programmet er lagret.")
    assert page.get_by_text("Åpen for søknader").is_visible()

    page.get_by_role("link", name="Tidsplan").first.click()
    page.get_by_role("link", name="Legg til samling").click()
    assert_accessible(page)
    page.get_by_label("Type").select_option(label="Koordinatorsamling")
    page.get_by_label("Tittel").fill("Koordinatorsamling 1")
    page.get_by_label(re.compile(r"^Form")).select_option(label="Digital")
    page.get_by_label("Dato fra").fill("2024-08-21")
    page.get_by_label(re.compile(r"^Varighet")).fill("150")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Samlingen er lagret.")
    assert page.get_by_text("Koordinatorsamling 1").first.is_visible()
    log_out(page)

    # The coordinator applies.
    log_in(page, personas.coordinator_a.email)
    page.goto(programme.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Søk om deltakelse").click()
    assert_accessible(page)
    for number, criterion in enumerate(CRITERIA, start=1):
        page.get_by_label(criterion).fill(f"Vårt svar på kriterium {number}.")
    page.get_by_label("Kartlegging av roller og ansvar").fill("Oppvekst, kultur og helse.")
    page.get_by_label("Foreslått kommunegruppe").fill("Kari\nOla\nPer\nSiri")
    page.get_by_role("button", name="Send inn søknad").click()
    saved(page, "Søknaden er sendt inn.")
    log_out(page)

    # The adviser scores and accepts.
    log_in(page, personas.adviser.email)
    page.goto(reverse("programmes:application_list", args=[programme.slug]))
    assert_accessible(page)
    page.get_by_role("link", name="Sogndal").click()
    page.get_by_role("link", name="Vurder søknaden").click()
    assert_accessible(page)
    for number in (1, 2, 3):
        page.get_by_label(f"Poeng for kriterium {number}").select_option("4")
    page.get_by_role("button", name="Lagre vurdering").click()
    saved(page, "Vurderingen din er lagret.")
    page.get_by_role("link", name="Fatt vedtak").click()
    page.get_by_label("Tatt opp").check()
    page.get_by_label("Begrunnelse").fill("Godt forankret.")
    page.get_by_role("button", name="Lagre vedtak").click()
    saved(page, "Sogndal er tatt opp.")
    participation = Participation.objects.get(municipality=personas.municipality_a)
    page.get_by_role("link", name="Bytt veileder").click()
    assert_accessible(page)
    page.get_by_label("Veileder").select_option(str(personas.adviser.pk))
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Veilederen er lagret.")
    log_out(page)

    # The coordinator completes the group, registers signatures and starts the plan.
    log_in(page, personas.coordinator_a.email)
    page.goto(participation.get_absolute_url())
    assert page.get_by_text("Kontrakten er klar til signering").first.is_visible()
    group = [
        ("Kari", "Kulturskoleleder", "Kulturskolen", "Koordinator for kommunegruppen"),
        ("Ola", "Kommunalsjef oppvekst", "Skoleeier", "Representerer skoleeier"),
        ("Per", "Rektor", "Sogndal skule", None),
        ("Siri", "Helsesykepleier", "Helsestasjonen", None),
    ]
    for first_name, position, organisation, checkbox in group:
        page.get_by_role("link", name="Legg til medlem").click()
        page.get_by_label("Fornavn").fill(first_name)
        page.get_by_label("Etternavn").fill("Sogn")
        page.get_by_label("Stilling").fill(position)
        page.get_by_label("Virksomhet").fill(organisation)
        if checkbox:
            page.get_by_label(checkbox).check()
        page.get_by_role("button", name="Lagre").click()
        saved(page, "Kommunegruppen er oppdatert.")
    assert page.get_by_text("Kommunegruppen oppfyller kravene").is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Word")).first.click()
    assert download.value.suggested_filename.endswith(".docx")
    page.get_by_role("link", name="Registrer signaturer").click()
    for label in (
        "Signert av Kulturskolerådet",
        "Signert av kommunedirektør",
        "Signert av kulturskoleleder",
    ):
        page.get_by_label(label).fill("2024-09-02")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Kontrakten er lagret.")
    assert page.get_by_text("Kontrakten er signert.").is_visible()

    page.get_by_role("link", name="Åpne utviklingsplanen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Endre fokusområde og beskrivelse").click()
    page.get_by_label("Fokusområde").fill("Kulturskolen i en helhetlig oppvekst")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Utviklingsplanen er lagret.")
    page.get_by_role(
        "link", name=re.compile("^Legg til innslag i fasen «Identifisere utviklingsbehov»")
    ).click()
    page.get_by_label("Tittel").fill("Kartlegging av hvem som når barna")
    page.get_by_label("Dato", exact=True).fill("2024-10-01")
    page.get_by_label("Status").select_option(label="Ferdig")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Innslaget er lagt til i utviklingsplanen.")
    log_out(page)

    # The adviser logs guidance, holds the first physical gathering, records
    # attendance and invoices the instalment that fell due.
    log_in(page, personas.adviser.email)
    page.goto(participation.get_absolute_url())
    page.get_by_role("link", name="Registrer veiledning").click()
    assert_accessible(page)
    page.get_by_label("Dato", exact=True).fill("2024-10-08")
    page.get_by_label("Form").select_option(label="Besøk")
    page.get_by_label("Avtalte neste steg").fill("Sette mål før jul.")
    page.get_by_role("button", name="Lagre").click()
    saved(page, "Veiledningen er registrert.")
    assert page.get_by_text("Sette mål før jul.").is_visible()
    # The visit on 08.10.2024 falls in the schedule's window for weeks 40–44.
    assert participation.guidance_sessions.get().window.title == "Veiledningsbesøk 1"

    page.goto(reverse("programmes:schedule", args=[programme.slug]))
    row = page.get_by_role("row").filter(has_text="Fellessamling 1 (fysisk)")
    row.locator("summary").click()
    row.get_by_label("Dato gjennomført").fill("2024-09-25")
    row.get_by_role("button", name=re.compile("Bekreft gjennomført")).click()
    saved(page, "1 avdrag har forfalt")
    page.get_by_role("row").filter(has_text="Fellessamling 1 (fysisk)").get_by_role(
        "link", name=re.compile("^Oppmøte")
    ).click()
    for first_name in ("Kari", "Ola", "Per"):
        page.get_by_label(f"{first_name} Sogn").check()
    page.get_by_role("button", name="Lagre oppmøtet").click()
    saved(page, "Oppmøtet er lagret.")

    page.goto(reverse("programmes:invoice_basis", args=[programme.slug]))
    assert_accessible(page)
    assert page.get_by_role("cell", name=re.compile(r"^6\s667\skr$")).first.is_visible()
    page.get_by_label("Velg avdrag 1 for Sogndal").check()
    page.get_by_role("button", name="Merk som fakturert").click()
    saved(page, "1 avdrag er merket som fakturert")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Sogndal" in csv_text and "6667" in csv_text

    # The overview now shows Sogndal with a signed contract, a full group and no problems.
    page.goto(programme.get_absolute_url())
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Sogndal")
    assert row.get_by_text("Signert").is_visible()
    assert row.get_by_text("I rute").is_visible()
    instalment = Instalment.objects.get(participation=participation)
    assert (instalment.amount, instalment.invoiced_on) == (6_667, today)
