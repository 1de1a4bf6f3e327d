"""The synthesis in Chromium: the organiser starts the analysis of the imported February
2023 seminar, watches it finish, reads the topics (chart and table), renames and merges
topics, tags a point by hand and downloads the summary. axe-core checks every page."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from samspill.core.tests.browser import assert_accessible
from samspill.core.tests.documents import docx_text
from samspill.core.tests.personas import PASSWORD, make_personas
from samspill.members.services import load_reference_data
from samspill.seminars.models import Seminar, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = Path(settings.BASE_DIR) / "demo" / "seeds" / "002_dialogseminar_2023_padlet.txt"


def test_organiser_finds_decides_and_sends_the_topics(page):
    load_reference_data()
    personas = make_personas()
    seminar = Seminar.objects.create(
        title="Dialogseminar Fremtidens kulturskole", slug="feb-2023", starts_on="2023-02-09"
    )
    call_command("import_padlet", str(SEED), "--seminar", seminar.slug, stdout=io.StringIO())

    page.goto("/konto/logg-inn/")
    page.get_by_label("E-postadresse").fill(personas.adviser.email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/")
    page.goto(seminar.get_absolute_url())
    page.get_by_role("link", name="Temaer og sammendrag").click()
    expect(page.get_by_text("Temaene er ikke funnet ennå.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Finn temaene").click()
    expect(page.get_by_text("Analyserer punktene …")).to_be_visible()
    assert_accessible(page)
    call_command("db_worker", "--batch", "--interval", "0", stdout=io.StringIO())
    # The progress poller reloads the page by itself when the analysis is done.
    table = page.get_by_role("table", name=re.compile("Antall grupper og punkter per tema"))
    expect(table).to_be_visible(timeout=10_000)
    assert_accessible(page)
    first = Topic.objects.filter(seminar=seminar, label__startswith="Økonomi").get()
    second = Topic.objects.filter(seminar=seminar, label__startswith="Betaling").get()

    # Rename the economy topic, then merge the price topic into it.
    table.get_by_role("link", name=first.label).click()
    assert_accessible(page)
    page.get_by_label("Nytt navn").fill("Økonomi og finansiering")
    page.get_by_role("button", name="Gi nytt navn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Økonomi og finansiering")
    page.goto(reverse("seminars:topic_detail", args=[seminar.slug, second.pk]))
    page.get_by_label("Slå sammen med").select_option(label="Økonomi og finansiering")
    page.get_by_role("button", name="Slå sammen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Økonomi og finansiering")
    assert_accessible(page)

    # A point without a topic is tagged by hand.
    page.goto(reverse("seminars:topic_untagged", args=[seminar.slug]))
    assert_accessible(page)
    first_point = page.locator(".topic-point").first
    text = first_point.locator("p").first.inner_text()
    first_point.get_by_label("Legg i tema").select_option(label="Økonomi og finansiering")
    first_point.get_by_role("button", name="Legg til").click()
    expect(page.get_by_text("Punktet er lagt til i «Økonomi og finansiering».")).to_be_visible()
    page.goto(reverse("seminars:topic_detail", args=[seminar.slug, first.pk]))
    expect(page.locator(".topic-point", has_text=text[:60]).first).to_be_visible()

    # The summary goes out as Word, with the decisions in it.
    page.goto(reverse("seminars:topic_list", args=[seminar.slug]))
    with page.expect_download() as download:
        page.get_by_role("link", name="Sammendrag (Word)").click()
    summary = docx_text(Path(download.value.path()).read_bytes())
    assert "Økonomi og finansiering" in summary
    assert second.label not in summary
