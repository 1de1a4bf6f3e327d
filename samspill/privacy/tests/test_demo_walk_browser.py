"""A walk with the demo data through the pages of search, API keys and personal data, in
Chromium, as after `make run`: every page answers, has one heading in Norwegian and
passes axe-core; the demo's seminar points and decisions are found."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.accounts.models import User
from samspill.core.demo import DEMO_PASSWORD
from samspill.core.tests.browser import log_in, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_walk_through_search_keys_and_privacy_with_the_demo(page, demo):
    log_in(page, "admin@samspill.test", DEMO_PASSWORD)
    visit(page, reverse("search:search") + "?q=kulturskole")
    main = page.get_by_role("main")
    assert main.get_by_role("heading", name="Punkter fra dialogseminarer").count() == 1
    assert main.get_by_role("heading", name="Vedtak", exact=False).count() >= 1
    visit(page, reverse("search:search") + "?q=ordet-som-ikke-finnes")
    visit(page, reverse("accounts:profile"))
    visit(page, reverse("api:tokens"))
    visit(page, reverse("privacy:privacy") + "?q=samspill.test")
    partner = User.objects.get(email="partner@samspill.test")
    kind, pk = ("person", partner.person_id) if partner.person_id else ("bruker", partner.pk)
    visit(page, reverse("privacy:subject_detail", kwargs={"kind": kind, "pk": pk}))
