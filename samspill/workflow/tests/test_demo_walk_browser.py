"""The start page, the calendar and the profile page with the demo data, in Chromium, as
each kind of demo user sees them after `make run`: every page answers, has one heading
in Norwegian and passes axe-core; the demo coordinator's start page lists their
municipality's deadlines and the personal feed answers. A new page of the calendar that
is not added here fails."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.accounts.models import User
from samspill.core.demo import DEMO_PASSWORD
from samspill.core.tests.browser import log_in, visit
from samspill.workflow import services
from samspill.workflow.urls import urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The feeds answer calendar programs, the others take POST only; tested in their modules.
NOT_PAGES = {"feed", "area_feed", "feed_renew", "reminder_preferences"}
PAGES = {"month", "week"}
USERS = [
    "koordinator.sogndal@samspill.test",
    "medlem.sogndal@samspill.test",
    "veileder@samspill.test",
    "leder@samspill.test",
    "styre@samspill.test",
    "partner@samspill.test",
    "jury@samspill.test",
]


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_start_page_and_calendar_pass_axe_for_every_role(browser, live_server, demo):
    assert {pattern.name for pattern in urlpatterns} - NOT_PAGES == PAGES, (
        "add the new page to this walk"
    )
    for email in USERS:
        context = browser.new_context(
            base_url=live_server.url,
            locale="nb-NO",
            bypass_csp=True,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        log_in(page, email, DEMO_PASSWORD)
        visit(page, reverse("core:home"))
        if email == "koordinator.sogndal@samspill.test":
            deadlines = page.get_by_role("region", name="Frister og oppgaver")
            assert "Sogndal" in deadlines.inner_text()
            assert "Luster" not in deadlines.inner_text()
        if email in {"leder@samspill.test", "styre@samspill.test"}:
            assert page.get_by_role("region", name="Status på tvers av områdene").is_visible()
        for name in sorted(PAGES):
            visit(page, reverse(f"workflow:{name}"))
        visit(page, reverse("workflow:month") + "?ar=2025&maned=2")
        visit(page, reverse("workflow:week") + "?ar=2024&uke=39")
        visit(page, reverse("accounts:profile"))
        user = User.objects.get(email=email)
        feed = reverse("workflow:feed", kwargs={"token": services.feed_token_for(user).token})
        assert page.request.get(feed).status == 200
        context.close()
