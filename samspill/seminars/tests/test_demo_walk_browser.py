"""A walk through every page of the seminar area with the demo data, in Chromium, as the
organiser and as a participant would see it after `make run`: every page answers, has one
heading in Norwegian, and passes axe-core. A new page that is not added here fails."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.core.demo import DEMO_PASSWORD
from samspill.core.tests.browser import assert_accessible, log_in, visit
from samspill.seminars.models import Point, Seminar, Topic, UnplacedPost
from samspill.seminars.urls import urlpatterns

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAST = "dialogseminar-fremtidens-kulturskole-2023"
UPCOMING = "dialogseminar-fremtidens-kulturskole-2027"
#: Views that only take POST, answer a fragment or send a file; they are tested in their
#: own modules. `join_code` and the participant's pages are walked by the participant.
NOT_PAGES = {
    "board_updates",
    "board_export",
    "point_create",
    "point_hide",
    "point_show",
    "point_move",
    "theme_close",
    "seminar_lock",
    "seminar_copy",
    "seminar_qr",
    "topic_progress",
    "topic_change",
    "topic_summary",
    "point_tag",
}
PARTICIPANT_PAGES = {"join_code", "point_edit"}


def organiser_pages():
    """Every page an organiser opens, filled in with the imported February 2023 seminar."""
    seminar = Seminar.objects.get(slug=PAST)
    point = Point.objects.filter(theme__seminar=seminar).first()
    question = seminar.themes.get(number=1).questions.first()
    assert UnplacedPost.objects.filter(seminar=seminar).exists()
    topic = Topic.objects.filter(seminar=seminar).first()
    return {
        "seminar_list": {},
        "seminar_create": {},
        "seminar_detail": {"slug": PAST},
        "seminar_edit": {"slug": PAST},
        "theme_create": {"slug": PAST},
        "theme_edit": {"slug": PAST, "number": 1},
        "join": {},
        "board": {"slug": PAST, "number": 1},
        "presentation": {"slug": PAST, "number": 2},
        "priorities": {"slug": PAST, "number": 1},
        "priority_overview": {"slug": PAST},
        "dot_vote": {"slug": PAST, "question": question.pk},
        "point_moderate": {"slug": PAST, "number": point.theme.number, "pk": point.pk},
        "import_board": {"slug": PAST},
        "unplaced_list": {"slug": PAST},
        "topic_list": {"slug": PAST},
        "topic_detail": {"slug": PAST, "pk": topic.pk},
        "topic_untagged": {"slug": PAST},
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_organiser_opens_every_page_of_the_demo_seminars(page, demo):
    pages = organiser_pages()
    every_page = {pattern.name for pattern in urlpatterns} - NOT_PAGES - PARTICIPANT_PAGES
    assert set(pages) == every_page, "add the new page to this walk"
    log_in(page, "veileder@samspill.test", DEMO_PASSWORD)
    for name, kwargs in pages.items():
        visit(page, reverse(f"seminars:{name}", kwargs=kwargs))
    # The imported seminar is locked and shows its 19 groups' boxes.
    page.goto(reverse("seminars:board", kwargs={"slug": PAST, "number": 1}))
    assert page.get_by_text("Seminaret er avsluttet og låst.").is_visible()
    assert page.locator(".board-box").count() == 19


def test_participant_joins_the_upcoming_seminar_and_walks_its_pages(page, demo):
    seminar = Seminar.objects.get(slug=UPCOMING)
    visit(page, reverse("seminars:join_code", args=[seminar.join_code]))
    page.get_by_label("Lag en ny gruppe").check()
    page.get_by_label("Navn på gruppen").fill("Sogndal")
    page.get_by_label("Sted eller rom").select_option("Sogndal")
    page.get_by_label("Kommuner i gruppen").fill("Sogndal, Luster")
    page.get_by_label("Navnet ditt").fill("Kari Nordmann")
    page.get_by_label("Kommunen du kommer fra").fill("Sogndal")
    page.get_by_label("Rollen din i kommunen").fill("Kulturskoleleder")
    page.get_by_role("button", name="Bli med").click()
    board = reverse("seminars:board", kwargs={"slug": UPCOMING, "number": 1})
    page.wait_for_url(f"**{board}")
    assert_accessible(page)
    page.get_by_label("Nytt punkt til spørsmål 1").fill("Økonomi og forankring")
    page.get_by_role("button", name="Legg til punkt til spørsmål 1").click()
    page.get_by_text("Økonomi og forankring", exact=True).wait_for()
    point = Point.objects.get(theme__seminar=seminar)
    question = seminar.themes.get(number=1).questions.first()
    for name, kwargs in [
        ("board", {"slug": UPCOMING, "number": 2}),
        ("point_edit", {"slug": UPCOMING, "number": 1, "pk": point.pk}),
        ("priorities", {"slug": UPCOMING, "number": 1}),
        ("dot_vote", {"slug": UPCOMING, "question": question.pk}),
        ("presentation", {"slug": UPCOMING, "number": 1}),
    ]:
        visit(page, reverse(f"seminars:{name}", kwargs=kwargs))
    # The past seminar is not theirs.
    other = page.goto(reverse("seminars:board", kwargs={"slug": PAST, "number": 1}))
    assert other.status == 404
