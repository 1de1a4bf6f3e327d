"""A walk through every page of the agreements area with the demo data, in Chromium, as
the adviser and as Kulturtanken's contact person see it after `make run`: every page
answers, has one heading in Norwegian, and passes axe-core. A new page that is not added
here fails."""

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from samspill.agreements.models import Agreement
from samspill.agreements.urls import urlpatterns
from samspill.core.demo import DEMO_PASSWORD
from samspill.core.tests.browser import log_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "kulturtanken-2017-2020"
#: Views that only take POST or send a file; they are tested in their own modules.
NOT_PAGES = {
    "agreement_docx",
    "agreement_pdf",
    "minutes_docx",
    "minutes_pdf",
    "meetings_ics",
    "minutes_comment",
    "action_item_mark",
    "milestone_mark",
}


def adviser_pages():
    """Every page of the area, filled in with the demo's Kulturtanken agreement."""
    agreement = Agreement.objects.get(slug=SLUG)
    meeting = agreement.meetings.filter(action_items__isnull=False).first()
    project = agreement.projects.first()
    slug = {"slug": SLUG}
    in_meeting = {"slug": SLUG, "pk": meeting.pk}
    in_project = {"slug": SLUG, "pk": project.pk}
    return {
        "agreement_list": {},
        "agreement_create": {},
        "agreement_detail": slug,
        "agreement_edit": slug,
        "party_create": slug,
        "party_edit": {"slug": SLUG, "pk": agreement.parties.first().pk},
        "steering_member_create": slug,
        "steering_member_edit": {"slug": SLUG, "pk": agreement.steering_group.first().pk},
        "meeting_create": slug,
        "meeting_detail": in_meeting,
        "meeting_edit": in_meeting,
        "minutes_edit": in_meeting,
        "action_item_create": in_meeting,
        "action_item_edit": {**in_meeting, "item": meeting.action_items.first().pk},
        "project_create": slug,
        "project_detail": in_project,
        "project_edit": in_project,
        "project_member_create": in_project,
        "project_member_edit": {**in_project, "member": project.members.first().pk},
        "project_report_create": in_project,
        "project_report_edit": {**in_project, "report": project.reports.first().pk},
        "plan": slug,
        "milestone_create": slug,
        "milestone_edit": {"slug": SLUG, "pk": agreement.milestones.first().pk},
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_adviser_opens_every_page_of_the_demo_agreement(page, demo):
    pages = adviser_pages()
    every_page = {pattern.name for pattern in urlpatterns} - NOT_PAGES
    assert set(pages) == every_page, "add the new page to this walk"
    log_in(page, "veileder@samspill.test", DEMO_PASSWORD)
    for name, kwargs in pages.items():
        visit(page, reverse(f"agreements:{name}", kwargs=kwargs))
    # The current agreement with KS, and the municipality page with its projects.
    visit(
        page, reverse("agreements:agreement_detail", args=["ks-fremtidens-kulturskole-2025-2027"])
    )
    visit(page, reverse("members:municipality_detail", args=["4640"]))
    assert page.get_by_role("link", name="Kommunenettverk for Fremtidens kulturskole").is_visible()


def test_overdue_milestone_shows_as_overdue_in_the_browser(page, demo):
    log_in(page, "leder@samspill.test", DEMO_PASSWORD)
    with time_machine.travel("2026-11-22 12:00 +01:00", tick=True):
        visit(page, reverse("agreements:plan", args=["ks-fremtidens-kulturskole-2025-2027"]))
        row = page.get_by_role("row").filter(has_text="Kartleggingsrapport fra kommunenettverket")
        assert row.get_by_text("Forfalt").is_visible()
