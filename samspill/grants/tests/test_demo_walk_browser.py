"""A walk through every page of the grants area with the demo data, in Chromium, as the
adviser, a jury member and the coordinators see it after `make run`: every page answers,
has one heading in Norwegian, and passes axe-core. A new page that is not added here fails."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.accounts.models import User
from samspill.core.demo import DEMO_PASSWORD
from samspill.core.tests.browser import log_in, visit
from samspill.grants import selectors, services
from samspill.grants.models import Call, GrantApplication
from samspill.grants.urls import urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Views that only take POST or send a file, and the public list (no demo call is
#: published yet); they are tested in their own modules and in the full-cycle walk.
NOT_PAGES = {
    "publish",
    "work_sample_download",
    "work_sample_remove",
    "letter",
    "declare_conflict",
    "round_start",
    "round_advance",
    "finalise",
    "award_make",
    "award_revoke",
    "recipients",
    "deadlines_ics",
    "decision_letter",
}


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def walk():
    stipend = Call.objects.get(slug="drommestipendet-2026")
    next_year = Call.objects.get(slug="drommestipendet-2027")
    grant_call = Call.objects.get(slug="inkluderende-kulturskoler-2026")
    nomination = stipend.nominations.order_by("pk").first()
    jury = User.objects.get(email="jury@samspill.test")
    sogndal = User.objects.get(email="koordinator.sogndal@samspill.test")
    draft = services.nomination_save(
        call=next_year,
        municipality=sogndal.municipality,
        user=sogndal,
        category=next_year.scheme.categories.first(),
        first_name="Eksempel",
        last_name="Utkast",
    )
    queue = selectors.reviewer_queue(jury)[0]
    to_score = queue.nominations[0]
    return {
        "veileder@samspill.test": {
            "home": {},
            "statistics": {},
            "call_create": {},
            "call_detail": {"slug": stipend.slug},
            "juries": {"slug": stipend.slug},
            "nomination_list": {"slug": stipend.slug},
            "nomination_detail": {"pk": nomination.pk},
            "round_detail": {"slug": stipend.slug, "number": 1},
            "awards": {"slug": stipend.slug},
            "application_list": {"slug": grant_call.slug},
            "application_detail": {"pk": GrantApplication.objects.get(status="submitted").pk},
        },
        "jury@samspill.test": {
            "review_queue": {},
            "score": {"round_pk": queue.round.pk, "nomination_pk": to_score.pk},
        },
        "koordinator.sogndal@samspill.test": {
            "nomination_create": {"slug": next_year.slug},
            "nomination_edit": {"slug": next_year.slug, "pk": draft.pk},
        },
        "koordinator.luster@samspill.test": {
            "application_edit": {"slug": "handverksloftet-2027"},
        },
    }


def test_every_page_of_the_grants_demo_passes_axe(browser, live_server, demo):
    pages = walk()
    every_page = {pattern.name for pattern in urlpatterns} - NOT_PAGES
    assert {name for visits in pages.values() for name in visits} == every_page, (
        "add the new page to this walk"
    )
    for email, visits in pages.items():
        context = browser.new_context(
            base_url=live_server.url,
            locale="nb-NO",
            bypass_csp=True,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        log_in(page, email, DEMO_PASSWORD)
        for name, kwargs in visits.items():
            visit(page, reverse(f"grants:{name}", kwargs=kwargs))
        if email == "koordinator.sogndal@samspill.test":
            # The municipality page with its nominations, awards and grants.
            visit(page, sogndal_page())
            assert page.get_by_role("heading", name="Tilskudd og stipend").is_visible()
        context.close()


def sogndal_page():
    return reverse("members:municipality_detail", kwargs={"number": "4640"})
