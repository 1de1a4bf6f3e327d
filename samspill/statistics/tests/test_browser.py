"""In Chromium, with axe-core on every page: a coordinator enters figures for their own
municipality only (another municipality answers 403), a leader opens the price study and
downloads its report, and a walk through every statistics page with the demo's data."""

import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from samspill.core.tests.browser import assert_accessible, log_in, visit
from samspill.core.tests.documents import docx_text, pdf_text
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.models import County, Region
from samspill.members.services import load_reference_data
from samspill.statistics import demo, services
from samspill.statistics.models import AnnualStatistics
from samspill.statistics.urls import urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def load_statistics_demo():
    load_reference_data()
    with open(settings.BASE_DIR / "demo" / "statistics.toml", "rb") as handle:
        demo.load(tomllib.load(handle))
    return make_personas()


def test_a_coordinator_enters_figures_for_their_own_municipality_only(page):
    personas = load_statistics_demo()
    log_in(page, personas.coordinator_a.email, PASSWORD)

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Statistikk").click()
    assert_accessible(page)
    page.get_by_role("link", name="Statistikken for Sogndal").click()
    assert_accessible(page)
    page.get_by_role("link", name="Registrer tall").click()
    assert_accessible(page)
    page.get_by_label("Skoleår").select_option(label="2025–26")
    page.get_by_role("button", name="Velg skoleår").click()
    assert_accessible(page)
    page.get_by_label("Elever i kjernetilbudet").fill("412")
    page.get_by_label("Elevplasser").fill("450")
    page.get_by_label("Venteliste (valgfritt)", exact=True).fill("38")
    page.get_by_label("Deltakere i kulturkarusell").fill("120")
    page.get_by_label("Årlig elevbetaling (kr)").fill("3650")
    page.get_by_label("Friplasser").fill("6")
    page.get_by_label("Samarbeid med SFO").select_option(label="Ja")
    page.get_by_role("button", name="Lagre tallene").click()
    page.get_by_text("Tallene for 2025–26 er lagret.").wait_for()
    assert_accessible(page)
    saved = AnnualStatistics.objects.get(municipality__number="4640", school_year=2025)
    assert (saved.pupils, saved.places, saved.waiting, saved.yearly_fee) == (412, 450, 38, 3650)
    assert saved.breadth_kulturkarusell == 120 and saved.cooperates_sfo is True
    assert page.get_by_role("heading", name="Alle tall for 2025–26").is_visible()

    # Luster is not theirs: the page answers 403 and says why.
    response = page.goto(reverse("statistics:entry", args=["4644"]))
    assert response.status == 403
    assert page.get_by_role("heading", name="Du har ikke tilgang til denne siden").is_visible()
    assert_accessible(page)
    # Reading Luster's statistics is allowed, entering is not offered.
    visit(page, reverse("statistics:municipality", args=["4644"]))
    assert page.get_by_role("link", name="Registrer tall").count() == 0


def test_a_leader_opens_the_price_study_and_downloads_its_report(page):
    personas = load_statistics_demo()
    log_in(page, personas.leader.email, PASSWORD)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Statistikk").click()
    assert_accessible(page)
    page.get_by_role("link", name="Prisstudien (vedtak 5.13)").click()
    page.get_by_role("heading", name="Prisstudien: elevbetaling og deltakelse").wait_for()
    assert_accessible(page)
    assert page.get_by_role("heading", name="Korrelasjon er ikke årsak").is_visible()
    assert page.get_by_role("img", name="Elevbetaling og deltakelse").count() == 1

    with page.expect_download() as info:
        page.get_by_role("link", name="Rapport (Word)").click()
    download = info.value
    assert download.suggested_filename == "prisstudie-2024.docx"
    text = docx_text(Path(download.path()).read_bytes())
    assert "Prisstudie: elevbetaling og deltakelse i kulturskolen" in text
    assert "Korrelasjon er ikke årsak" in text
    assert "95 % konfidensintervall" in text
    assert "genererte eksempeldata" in text

    with page.expect_download() as info:
        page.get_by_role("link", name="Rapport (PDF)").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(pdf_text(content).split())
    assert "Prisstudie: elevbetaling og deltakelse i kulturskolen" in text
    assert "Korrelasjon er ikke årsak" in text


#: Views that only send a file; they are tested in test_study.py.
NOT_PAGES = {"price_study_docx", "price_study_pdf"}


def test_every_statistics_page_with_the_demo_data_passes_axe(page):
    personas = load_statistics_demo()
    upload = services.statistics_import_upload(
        file_name="kulturskole_vestfold_telemark_ssb.csv",
        content=demo.SSB_FILE.read_bytes(),
        encoding="auto",
        user=personas.admin,
    )
    region = Region.objects.create(name="Vestfold og Telemark", slug="vestfold-og-telemark")
    region.counties.set(County.objects.filter(number__in=["39", "40"]))
    pages = {
        "home": {},
        "county": {"number": "40"},
        "region": {"slug": region.slug},
        "municipality": {"number": "4001"},
        "entry": {"number": "4640"},
        "framework_plan": {},
        "price_study": {},
        "import_upload": {},
        "import_detail": {"pk": upload.pk},
    }
    assert set(pages) | NOT_PAGES == {p.name for p in urlpatterns}
    log_in(page, personas.admin.email, PASSWORD)
    for name, kwargs in pages.items():
        visit(page, reverse(f"statistics:{name}", kwargs=kwargs))
    # The import's report passes too: clean, and with errors listed line by line.
    page.goto(reverse("statistics:import_detail", kwargs={"pk": upload.pk}))
    page.get_by_role("button", name="Prøvekjør").click()
    page.get_by_role("heading", name="Prøvekjøring: ingen feil").wait_for()
    assert_accessible(page)
    bad = services.statistics_import_upload(
        file_name="feil.csv",
        content="kommunenummer;skoleår;elever\n9999;2023;5\n4640;2023;-1\n".encode(),
        encoding="auto",
        user=personas.admin,
    )
    page.goto(reverse("statistics:import_detail", kwargs={"pk": bad.pk}))
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_role("heading", name="Filen har feil – ingenting er endret").wait_for()
    assert page.get_by_text("Linje 2: ukjent kommunenummer «9999»").is_visible()
    assert page.get_by_text(
        "Linje 3: «elever i kjernetilbudet» kan ikke være negativ (-1)"
    ).is_visible()
    assert_accessible(page)
    # The municipality page shows its statistics.
    visit(page, reverse("members:municipality_detail", args=["4001"]))
    assert page.get_by_role("heading", name="Kulturskolestatistikk").is_visible()
