"""A walk through every page of the programme area with the demo data, in Chromium, as
the adviser and as a coordinator would see it after `make run`: every page answers, has
one heading in Norwegian, and passes axe-core. A new page that is not added here fails."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.core.demo import DEMO_PASSWORD
from samspill.core.tests.browser import log_in, visit
from samspill.programmes.models import Application, Participation
from samspill.programmes.urls import urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "fremtidens-kulturskole-2024-2025"
#: Views that only take POST or send a file; they are tested in their own modules.
NOT_PAGES = {
    "application_submit",
    "contract_docx",
    "contract_pdf",
    "contract_signed_copy",
    "group_member_delete",
    "plan_comment",
    "plan_docx",
    "plan_pdf",
    "schedule_ics",
    "schedule_pdf",
    "participation_ics",
    "event_mark_held",
    "invoice_basis_csv",
    "invoice_basis_xlsx",
    "instalments_mark",
}


def adviser_pages():
    """Every page of the area, filled in with the demo's Sogndal and Lyngen."""
    sogndal = Participation.objects.get(programme__slug=SLUG, municipality__number="4640")
    lyngen = Application.objects.get(programme__slug=SLUG, municipality__number="5536")
    municipality = {"slug": SLUG, "number": "4640"}
    gathering = sogndal.programme.events.plenary_physical().first()
    return {
        "programme_list": {},
        "programme_create": {},
        "adviser_overview": {},
        "programme_detail": {"slug": SLUG},
        "programme_edit": {"slug": SLUG},
        "programme_public": {"slug": SLUG},
        "application_edit": {"slug": SLUG},
        "application_list": {"slug": SLUG},
        "application_detail": {"slug": SLUG, "pk": lyngen.pk},
        "application_assess": {"slug": SLUG, "pk": lyngen.pk},
        "application_decide": {"slug": SLUG, "pk": lyngen.pk},
        "participation_detail": municipality,
        "contract_edit": municipality,
        "group_member_create": municipality,
        "group_member_edit": {**municipality, "pk": sogndal.group_members.first().pk},
        "participation_adviser": municipality,
        "participation_terminate": municipality,
        "plan_detail": municipality,
        "plan_edit": municipality,
        "plan_entry_create": municipality,
        "plan_entry_edit": {**municipality, "pk": sogndal.plan.entries.first().pk},
        "guidance_create": municipality,
        "guidance_edit": {**municipality, "pk": sogndal.guidance_sessions.first().pk},
        "schedule": {"slug": SLUG},
        "event_create": {"slug": SLUG},
        "event_edit": {"slug": SLUG, "pk": gathering.pk},
        "attendance": {"slug": SLUG, "pk": gathering.pk},
        "invoice_basis": {"slug": SLUG},
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_adviser_opens_every_page_of_the_demo_programme(page, demo):
    pages = adviser_pages()
    every_page = {pattern.name for pattern in urlpatterns} - NOT_PAGES
    assert set(pages) == every_page, "add the new page to this walk"
    log_in(page, "veileder@samspill.test", DEMO_PASSWORD)
    for name, kwargs in pages.items():
        visit(page, reverse(f"programmes:{name}", kwargs=kwargs))
    # The overview of the demo puts Luster, with the most to follow up, first.
    page.goto(reverse("programmes:programme_detail", kwargs={"slug": SLUG}))
    first_row = page.get_by_role("table").get_by_role("row").nth(1)
    assert first_row.get_by_role("link").first.inner_text() == "Luster"


def test_coordinator_of_luster_sees_the_municipalitys_own_part(page, demo):
    log_in(page, "koordinator.luster@samspill.test", DEMO_PASSWORD)
    own = {"slug": SLUG, "number": "4644"}
    for name, kwargs in [
        ("programme_list", {}),
        ("programme_detail", {"slug": SLUG}),
        ("participation_detail", own),
        ("contract_edit", own),
        ("group_member_create", own),
        ("plan_detail", own),
        ("schedule", {"slug": SLUG}),
    ]:
        visit(page, reverse(f"programmes:{name}", kwargs=kwargs))
    page.goto(reverse("programmes:participation_detail", kwargs=own))
    assert page.get_by_text("Kommunegruppen har 2 medlemmer; den må ha minst 4.").is_visible()
    other = page.goto(
        reverse("programmes:participation_detail", kwargs={"slug": SLUG, "number": "4640"})
    )
    assert other.status == 403


def test_anyone_reads_the_public_programme_page(page, demo):
    visit(page, reverse("programmes:programme_public", kwargs={"slug": SLUG}))
    assert page.get_by_text("Delingsarena!").is_visible()
