"""In Chromium, with the demo's strategy data: a leader finds a measure, records a dated
update, sees it on the timeline, updates two more measures at once, and generates the
board report, which carries the updates. Then every page of the area, as a leader and as
a board member. Every page visited passes axe-core."""

import tomllib
from pathlib import Path

import pytest
from django.urls import reverse

from samspill.core.demo import DEMO_DIR
from samspill.core.tests.browser import assert_accessible, log_in, visit
from samspill.core.tests.documents import docx_text
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members import demo as members_demo
from samspill.members.models import StaffUnit
from samspill.members.services import load_reference_data
from samspill.strategy import demo as strategy_demo
from samspill.strategy.models import Decision, FollowUp, Measure, Plan, SupportResource
from samspill.strategy.urls import urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = "Utvikle en kommunikasjonsstrategi"


def load():
    load_reference_data()
    personas = make_personas()
    for name, loader in [
        ("members.toml", members_demo.load),
        ("strategy.toml", strategy_demo.load),
    ]:
        with open(DEMO_DIR / name, "rb") as handle:
            loader(tomllib.load(handle), password="demo-passord-123")
    return personas


def test_leader_updates_a_measure_and_generates_the_board_report(page):
    personas = load()
    log_in(page, personas.leader.email, PASSWORD)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Strategi").click()
    assert_accessible(page)
    page.get_by_role("link", name="Planer og tiltak").click()
    assert_accessible(page)
    page.get_by_role("link", name="Virksomhetsplan 2013–14").click()
    assert_accessible(page)
    page.get_by_role("link", name=MEASURE).click()
    assert_accessible(page)
    assert page.get_by_role("heading", name=MEASURE, level=1).is_visible()

    page.get_by_label("Status").select_option(label="Pågår")
    page.get_by_label("Fremdrift (%)").fill("55")
    page.get_by_label("Hva som har skjedd").fill("Utkast til kommunikasjonsstrategi drøftet.")
    page.get_by_role("button", name="Lagre oppdateringen").click()
    page.get_by_text("Oppdateringen er lagret.").wait_for()
    assert_accessible(page)
    timeline = page.get_by_role("region", name="Tidslinje")
    assert "Utkast til kommunikasjonsstrategi drøftet." in timeline.inner_text()
    measure = Measure.objects.get(text=MEASURE)
    assert (measure.status, measure.progress) == ("in_progress", 55)

    # The plan page shows the rolled-up progress of the goal the measure belongs to.
    page.get_by_role("link", name="Virksomhetsplan 2013–14").click()
    assert_accessible(page)
    assert (
        page.get_by_label(
            "Fremdrift for å dokumentere Norsk kulturskoleråds samlede utviklingsarbeid"
        ).get_attribute("value")
        == "18"
    )  # (0 + 55 + 0) / 3

    # Two measures at once: both done, each with its own line in its timeline.
    page.get_by_role("link", name="Oppdater mange tiltak").click()
    assert_accessible(page)
    page.get_by_label("Ny status").select_option(label="Gjennomført")
    page.get_by_label("Kommentar").fill("Avsluttet i ledermøtet.")
    page.get_by_label("Videreutvikle de internasjonale nettverkene (EMU, NMKU)").check()
    page.get_by_label("Initiere nye strategiske samarbeidskonstellasjoner").check()
    page.get_by_role("button", name="Oppdater valgte tiltak").click()
    page.get_by_text("2 tiltak er oppdatert.").wait_for()
    assert_accessible(page)
    goal = "å sikre høy internasjonal kvalitet på organisasjonens utviklingsarbeid"
    assert page.get_by_label(f"Fremdrift for {goal}").get_attribute("value") == "100"

    page.get_by_role("link", name="Strategi og vedtak").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Lag rapport til hovedstyret").click()
    assert_accessible(page)
    page.get_by_label("Hovedstyremøte").fill("Hovedstyremøte 4/2025")
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned som Word (statusrapport)").click()
    assert download.value.suggested_filename == "statusrapport-hovedstyret.docx"
    text = docx_text(Path(download.value.path()).read_bytes())
    assert "Hovedstyremøte 4/2025" in text
    assert "5.14 Videreutvikling av fordypning regionalt" in text
    assert "Utvikle en kommunikasjonsstrategi: pågår (55\u00a0%)" in text
    assert "Utkast til kommunikasjonsstrategi drøftet." in text
    assert "Initiere nye strategiske samarbeidskonstellasjoner: gjennomført (100\u00a0%)" in text


#: Views that only take POST or send a file; they are tested in their own modules.
NOT_PAGES = {
    "measure_update",
    "follow_up_update",
    "link_delete",
    "measures_csv",
    "measures_xlsx",
    "board_docx",
    "board_pdf",
    "grant_docx",
    "grant_pdf",
    "deadlines_ics",
}
MANAGE_ONLY = {
    "measure_create",
    "measure_edit",
    "bulk_update",
    "measures_import",
    "measure_link_create",
    "follow_up_link_create",
    "decision_create",
    "decision_edit",
    "follow_up_create",
    "follow_up_edit",
    "additional_decision_create",
    "additional_decision_edit",
    "resource_create",
    "resource_edit",
    "document_create",
    "document_edit",
}


def pages():
    plan = Plan.objects.get()
    measure = Measure.objects.filter(updates__isnull=False).first()
    decision = Decision.objects.get(case_number="5.6")
    follow_up = FollowUp.objects.filter(links__isnull=False).first()
    return {
        "home": {},
        "unit_detail": {"slug": StaffUnit.objects.get(slug="lederstotte").slug},
        "document_list": {},
        "document_create": {},
        "document_edit": {"pk": decision.governing_document_id},
        "plan_list": {},
        "plan_detail": {"slug": plan.slug},
        "measure_create": {"slug": plan.slug},
        "bulk_update": {"slug": plan.slug},
        "measures_import": {"slug": plan.slug},
        "measure_detail": {"pk": measure.pk},
        "measure_edit": {"pk": measure.pk},
        "measure_link_create": {"pk": measure.pk},
        "follow_up_link_create": {"pk": follow_up.pk},
        "decision_list": {},
        "decision_create": {},
        "decision_detail": {"pk": decision.pk},
        "decision_edit": {"pk": decision.pk},
        "follow_up_create": {"decision": decision.pk},
        "additional_decision_create": {"decision": decision.pk},
        "additional_decision_edit": {
            "decision": decision.pk,
            "pk": decision.additional_decisions.first().pk,
        },
        "follow_up_detail": {"pk": follow_up.pk},
        "follow_up_edit": {"pk": follow_up.pk},
        "resource_list": {},
        "resource_create": {},
        "resource_edit": {"pk": SupportResource.objects.first().pk},
        "reports": {},
    }


def test_every_page_of_the_area_as_leader_and_board_member(page):
    from samspill.core.demo import load_demo
    from samspill.strategy.models import TraceLink

    load_demo()
    personas = make_personas()
    urls = pages()
    names = {p.name for p in urlpatterns} - NOT_PAGES
    assert names == set(urls), "a new page must be added to this walk"
    log_in(page, personas.leader.email, PASSWORD)
    for name, kwargs in urls.items():
        visit(page, reverse(f"strategy:{name}", kwargs=kwargs))
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/konto/logg-inn/**")
    log_in(page, personas.board_member.email, PASSWORD)
    for name, kwargs in urls.items():
        if name not in MANAGE_ONLY:
            visit(page, reverse(f"strategy:{name}", kwargs=kwargs))
    # The pages the demo's links point to show the way back, and pass axe with it.
    for link in TraceLink.objects.select_related("point__group__seminar", "programme", "project"):
        if link.point:
            url = reverse("seminars:priority_overview", args=[link.point.group.seminar.slug])
        else:
            url = link.target.get_absolute_url()
        visit(page, url)
        assert page.get_by_role("heading", name="Fulgt opp i strategi og vedtak").is_visible()
