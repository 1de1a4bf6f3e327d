"""The live board: who sees it, who writes where, live updates, and its query count."""

import datetime
import os
import subprocess
import sys
import threading

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samspill.seminars import selectors, services
from samspill.seminars.models import Group, Point, Priority
from samspill.seminars.views import board as board_views

from .builders import add_group, add_participant, join, make_board, write

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def board(db):
    return make_board()


def url(name, board, *args):
    return reverse(f"seminars:{name}", args=[board.seminar.slug, *args])


def updates_url(board, since="", number=1):
    return url("board_updates", board, number) + (f"?siden={since}" if since else "")


# --- Who sees the board ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["board", "board_updates", "presentation", "priorities"])
def test_anonymous_without_a_session_gets_404(client, board, name):
    assert client.get(url(name, board, 1)).status_code == 404


def test_anonymous_gets_404_for_writing_and_dot_votes(client, board):
    group = board.groups[0]
    response = client.post(url("point_create", board, 1), {"group": group.pk, "text": "Hei"})
    assert response.status_code == 404
    question = board.question(1, 1)
    assert client.get(url("dot_vote", board, question.pk)).status_code == 404
    assert not Point.objects.exists()


def test_a_missing_seminar_is_404_for_everyone(client, personas):
    client.force_login(personas.adviser)
    response = client.get(reverse("seminars:board", args=["finnes-ikke", 1]))
    assert response.status_code == 404


def test_signed_in_person_outside_nkr_gets_403(client, board, personas):
    client.force_login(personas.coordinator_a)
    assert client.get(url("board", board, 1)).status_code == 403
    assert client.get(url("board_updates", board, 1)).status_code == 403
    assert client.get(url("presentation", board, 1)).status_code == 403


def test_participant_of_another_seminar_gets_404(client, board):
    other = make_board(slug="et-annet-seminar")
    join(client, other.participants[0])
    assert client.get(url("board", board, 1)).status_code == 404
    assert client.get(url("board_updates", board, 1)).status_code == 404
    response = client.post(
        url("point_create", board, 1),
        {"group": board.groups[0].pk, "question": board.question(1, 1).pk, "text": "Inn"},
    )
    assert response.status_code == 404
    assert not Point.objects.filter(theme__seminar=board.seminar).exists()


def test_nkr_staff_read_the_board_without_joining(client, board, personas):
    client.force_login(personas.leader)
    response = client.get(url("board", board, 1))
    assert response.status_code == 200
    assert not response.context["is_organiser"]
    assert "For arrangørene" not in response.content.decode()


def test_participant_sees_every_box_own_group_first_with_forms(client, board):
    forde, rom1, rom2 = board.groups
    a, b, _c = board.participants
    write(a, "Faste møtepunkt mellom kulturskole og skole", question=board.question(1, 1))
    write(b, "Kulturskolelærer i SFO-tida", question=board.question(1, 2))
    join(client, b)
    response = client.get(url("board", board, 1))
    assert response.status_code == 200
    html = response.content.decode()
    boxes = [box.group for box in [response.context["own_box"], *response.context["other_boxes"]]]
    assert boxes == [rom1, rom2, forde]
    assert "Faste møtepunkt mellom kulturskole og skole" in html
    assert "Kulturskolelærer i SFO-tida" in html
    # One form per question, only in the own box.
    assert html.count('name="text"') == 3
    assert html.count(f'name="group" value="{rom1.pk}"') == 3
    assert f'name="group" value="{forde.pk}"' not in html
    # The theme's introduction, questions and instructions, and tabs to the other theme.
    assert "Meld. St. 18" in html
    assert "På hvilke områder kan kulturskolen og SFO samarbeide?" in html
    assert "Slik svarer dere" in html and "Velg en skriver" in html
    assert url("board", board, 2) in html


def test_theme_without_questions_takes_points_in_the_box_itself(client, board):
    theme = board.themes[1]
    theme.questions.all().delete()
    a = board.participants[0]
    join(client, a)
    html = client.get(url("board", board, 2)).content.decode()
    assert html.count('name="text"') == 1
    response = client.post(
        url("point_create", board, 2), {"group": a.group_id, "text": "Uten spørsmål"}
    )
    assert response.status_code == 302
    assert Point.objects.get().question is None


# --- Writing ---------------------------------------------------------------------------


def test_member_adds_a_point_without_js_and_comes_back_to_the_board(client, board):
    a = board.participants[0]
    question = board.question(1, 2)
    join(client, a)
    response = client.post(
        url("point_create", board, 1),
        {"group": a.group_id, "question": question.pk, "text": "  SFO og kulturskole  "},
    )
    assert response.status_code == 302
    assert response.url == url("board", board, 1) + f"#skriv-{question.pk}"
    point = Point.objects.get()
    assert (point.group, point.question, point.text, point.author) == (
        a.group,
        question,
        "SFO og kulturskole",
        a,
    )
    page = client.get(response.url)
    assert "Punktet er lagt til." in page.content.decode()


def test_ids_and_form_values_stay_plain_digits_when_ids_are_large(client, board):
    """Ids past 999 once came out grouped ("punkt-1 234"): links, forms and live updates
    to such points and groups broke on a long-running server."""
    group = Group.objects.create(pk=54321, seminar=board.seminar, name="Gruppe 54321")
    a = add_participant(group)
    point = Point.objects.create(
        pk=12345,
        group=group,
        theme=board.themes[0],
        question=board.question(1, 1),
        text="Stort nummer",
        author=a,
    )
    join(client, a)
    html = client.get(url("board", board, 1)).content.decode()
    assert f'id="punkt-{point.pk}"' in html
    assert 'id="gruppe-54321"' in html
    assert 'name="group" value="54321"' in html


def test_member_adds_a_point_with_htmx_and_gets_the_own_section_back(client, board):
    a = board.participants[0]
    question = board.question(1, 1)
    write(a, "Første punkt", question=question)
    join(client, a)
    response = client.post(
        url("point_create", board, 1),
        {"group": a.group_id, "question": question.pk, "text": "Andre punkt"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="board-own-section"') == 1
    assert f'id="skriv-{question.pk}"' in html
    assert html.index("Første punkt") < html.index("Andre punkt")
    assert "autofocus" in html  # an empty form, the focus back in it
    assert 'hx-swap-oob="innerHTML"' in html and "Punktet er lagt til." in html
    assert "<html" not in html


def test_member_cannot_write_in_another_groups_box(client, board):
    a, b, _c = board.participants
    join(client, a)
    response = client.post(
        url("point_create", board, 1),
        {"group": b.group_id, "question": board.question(1, 1).pk, "text": "Inntrenger"},
    )
    assert response.status_code == 403
    assert not Point.objects.exists()


def test_nkr_staff_cannot_write_in_a_box(client, board, personas):
    client.force_login(personas.adviser)
    response = client.post(
        url("point_create", board, 1),
        {"group": board.groups[0].pk, "question": board.question(1, 1).pk, "text": "Fra NKR"},
    )
    assert response.status_code == 403


def test_a_point_needs_text_and_a_question_of_the_theme(client, board):
    a = board.participants[0]
    join(client, a)
    create = url("point_create", board, 1)
    response = client.post(create, {"group": a.group_id, "question": board.question(1, 1).pk})
    assert response.status_code == 302
    response = client.post(create, {"group": a.group_id, "text": "Uten spørsmål"})
    assert response.status_code == 302
    wrong_theme = board.question(2, 1)
    response = client.post(
        create, {"group": a.group_id, "question": wrong_theme.pk, "text": "Feil tema"}
    )
    assert response.status_code == 302
    assert not Point.objects.exists()
    page = client.get(url("board", board, 1)).content.decode()
    assert "Velg hvilket spørsmål punktet svarer på." in page


@pytest.mark.parametrize("how", ["closed", "locked"])
def test_closed_theme_or_locked_seminar_refuses_writing(client, board, how):
    a = board.participants[0]
    question = board.question(1, 1)
    point = write(a, "Før stenging", question=question)
    if how == "closed":
        services.theme_close(theme=board.theme, closed=True)
        message = "Dette dialogtemaet er stengt for skriving."
    else:
        services.seminar_lock(seminar=board.seminar, locked=True)
        message = "Seminaret er låst"
    join(client, a)
    page = client.get(url("board", board, 1)).content.decode()
    assert 'name="text"' not in page
    data = {"group": a.group_id, "question": question.pk, "text": "Etter stenging"}
    response = client.post(url("point_create", board, 1), data, follow=True)
    assert message in response.content.decode()
    response = client.post(url("point_create", board, 1), data, **HTMX)
    assert response["HX-Refresh"] == "true"
    response = client.post(url("point_edit", board, 1, point.pk), {"text": "Endret"})
    assert response.status_code == 302
    assert list(Point.objects.values_list("text", flat=True)) == ["Før stenging"]


def test_member_edits_own_groups_point_only(client, board):
    a, b, _c = board.participants
    own = write(a, "Skrivefeil her", question=board.question(1, 1))
    other = write(b, "Den andre gruppen", question=board.question(1, 1))
    join(client, a)
    page = client.get(url("point_edit", board, 1, own.pk))
    assert page.status_code == 200
    response = client.post(url("point_edit", board, 1, own.pk), {"text": "Rettet tekst"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.text == "Rettet tekst"
    assert client.get(url("point_edit", board, 1, other.pk)).status_code == 403
    response = client.post(url("point_edit", board, 1, other.pk), {"text": "Kapret"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.text == "Den andre gruppen"


def test_two_members_writing_at_once_lose_nothing(client, board):
    """Both members load the board, both post: both points are stored, in the order they
    came, and the next poll of either shows both."""
    a = board.participants[0]
    a2 = add_participant(a.group, name="Ola")
    question = board.question(1, 1)
    other_client = type(client)()
    join(client, a)
    join(other_client, a2)
    since = str(client.get(url("board", board, 1)).context["marker"])
    for who, text in [(client, "Fra Kari"), (other_client, "Fra Ola")]:
        response = who.post(
            url("point_create", board, 1),
            {"group": a.group_id, "question": question.pk, "text": text},
            **HTMX,
        )
        assert response.status_code == 200
    assert sorted(Point.objects.values_list("text", flat=True)) == ["Fra Kari", "Fra Ola"]
    for who in (client, other_client):
        html = who.get(updates_url(board, since), **HTMX).content.decode()
        assert "Fra Kari" in html and "Fra Ola" in html


def write_concurrently(writers=8, points=10):
    """`writers` members of one group write `points` points each at the same moment,
    each from its own connection; returns (errors, points stored)."""
    board = make_board()
    group = board.groups[0]
    members = [add_participant(group, name=f"Deltaker {n}") for n in range(writers)]
    question = board.question(1, 1)
    errors = []
    start = threading.Barrier(len(members))

    def run(participant):
        try:
            start.wait()
            for n in range(points):
                write(participant, f"{participant.name}: punkt {n}", question=question)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors, Point.objects.filter(group=group, question=question).count()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_store_every_point(tmp_path):
    """Eight members of one group write ten points each at the same time, and all 80 are
    stored. SQLite's test database lives in memory, where locks do not wait; there the
    same writers run against a SQLite file set up as in production (WAL, immediate
    transactions, a busy timeout), in a process of its own."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        assert write_concurrently() == ([], 80)
        return
    env = {
        **os.environ,
        "SAMSPILL_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.pop("DATABASE_URL", None)
    root = settings.BASE_DIR
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
    script = (
        "import django; django.setup(); "
        "from samspill.seminars.tests.test_board import write_concurrently; "
        "errors, stored = write_concurrently(); print(len(errors), stored)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert done.stdout.split() == ["0", "80"]


# --- Live updates ----------------------------------------------------------------------


@pytest.fixture
def clock():
    """Frozen time that the test moves on; points remember when they were written."""
    start = datetime.datetime(2026, 2, 9, 10, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield lambda seconds=10: traveller.shift(datetime.timedelta(seconds=seconds))


def test_updates_answer_204_until_something_changes(client, board, clock):
    a, b, _c = board.participants
    q1 = board.question(1, 1)
    write(a, "Gammelt punkt", question=q1)
    clock()
    join(client, b)
    page = client.get(url("board", board, 1))
    since = str(page.context["marker"])
    assert f"siden={since}" in page.content.decode()
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert client.get(updates_url(board, since), **HTMX).status_code == 204
    clock(1)
    write(a, "Nytt fra Førde", question=q1)
    clock(1)
    response = client.get(updates_url(board, since), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nytt fra Førde" in html and "Gammelt punkt" in html  # the whole list
    new = str(response.context["marker"])
    assert new != since
    assert f"siden={new}" in html
    # Only the section that changed, out of band; no other box, no form.
    assert f'id="punkter-{a.group_id}-{q1.pk}" hx-swap-oob="true"' in html
    assert html.count('hx-swap-oob="true"') == 1
    assert "board-others" not in html and 'name="text"' not in html
    # Within the overlap (a change committed late must not be missed) the next poll
    # sends the section again; after that, nothing.
    clock()
    again = client.get(updates_url(board, new), **HTMX)
    assert again.status_code == 200 and "Nytt fra Førde" in again.content.decode()
    newer = str(again.context["marker"])
    assert client.get(updates_url(board, newer), **HTMX).status_code == 204


def test_own_boxs_lists_come_out_of_band_and_its_forms_never(client, board, clock):
    a = board.participants[0]
    q2 = board.question(1, 2)
    join(client, a)
    since = str(client.get(url("board", board, 1)).context["marker"])
    clock(1)
    write(a, "Fra en annen i gruppen", question=q2)
    html = client.get(updates_url(board, since), **HTMX).content.decode()
    assert f'id="punkter-{a.group_id}-{q2.pk}" hx-swap-oob="true"' in html
    assert "Fra en annen i gruppen" in html
    assert "<form" not in html and "<textarea" not in html


def test_a_changed_section_is_drawn_once_for_each_kind_of_viewer(client, board, clock):
    a, b, c = board.participants
    q1 = board.question(1, 1)
    mate = add_participant(a.group, name="Ola")
    clock()
    since = str(
        selectors.board_marker(selectors.board_theme(board.seminar.slug, 1), timezone.now())
    )
    clock(1)
    point = write(a, "Nytt punkt", question=q1)
    answers = {}
    for name, participant in [("mate", mate), ("b", b), ("c", c)]:
        viewer = type(client)()
        join(viewer, participant)
        with CaptureQueriesContext(connection) as queries:
            response = viewer.get(updates_url(board, since), **HTMX)
        answers[name] = (response.content.decode(), len(queries))
    # The own group may edit its points; others only read them.
    assert url("point_edit", board, 1, point.pk) in answers["mate"][0]
    assert url("point_edit", board, 1, point.pk) not in answers["b"][0]
    assert "Nytt punkt" in answers["b"][0]
    # The second reader gets the section from the cache, without reading the points.
    assert answers["c"][1] < answers["b"][1]
    assert answers["c"][0].split("</div>", 1)[1] == answers["b"][0].split("</div>", 1)[1]


def test_a_cached_section_is_drawn_in_each_readers_language(client, board, clock):
    a = board.participants[0]
    q1 = board.question(1, 1)
    bokmal, english = add_participant(a.group, name="Kari"), add_participant(a.group, name="Jo")
    clock()
    since = str(
        selectors.board_marker(selectors.board_theme(board.seminar.slug, 1), timezone.now())
    )
    clock(1)
    write(a, "Nytt punkt", question=q1)
    answers = {}
    for participant, language in [(bokmal, "nb"), (english, "en")]:
        viewer = type(client)()
        viewer.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        join(viewer, participant)
        answers[language] = viewer.get(updates_url(board, since), **HTMX).content.decode()
    assert ">Endre<" in answers["nb"] and ">Edit<" not in answers["nb"]
    assert ">Edit<" in answers["en"] and ">Endre<" not in answers["en"]


def change_the_board(change, *, point, to_group, actor):
    """One of the changes a board shows, made as the services make it."""
    if change == "edit":
        services.point_update(point=point, text="Endret punkt")
    elif change == "hide":
        services.point_hide(point=point, reason="Personopplysninger", actor=actor)
    elif change == "move":
        services.point_move(point=point, group=to_group, question=point.question, actor=actor)
    elif change == "priority":
        services.priorities_submit(
            group=point.group, question=point.question, point_ids_in_rank_order=[point.pk]
        )
    else:
        add_group(point.group.seminar, "Digitalt rom 3")


@pytest.mark.parametrize("change", ["edit", "hide", "move", "priority"])
def test_the_board_draws_a_section_once_for_all_readers_and_again_after_a_change(
    client, board, personas, monkeypatch, change
):
    a, b, c = board.participants
    question = board.question(1, 1)
    point = write(a, "Et punkt", question=question)
    drawn = []
    draw = board_views._SectionDrawing.draw

    def counting_draw(self, box, section, key, **kwargs):
        drawn.append(key)
        return draw(self, box, section, key, **kwargs)

    monkeypatch.setattr(board_views._SectionDrawing, "draw", counting_draw)
    readers = {}
    for participant in (b, c):
        readers[participant] = type(client)()
        join(readers[participant], participant)

    def box(html, participant):
        return html.split(f'id="gruppe-{participant.group_id}"')[1].split("</section>")[0]

    first = readers[c].get(url("board", board, 1)).content.decode()
    assert "Et punkt" in box(first, a) and drawn
    drawn.clear()
    again = readers[c].get(url("board", board, 1)).content.decode()
    assert drawn == [] and box(again, a) == box(first, a)
    # Another reader of the same kind: a's box comes from the cache too.
    readers[b].get(url("board", board, 1))
    assert not [key for key in drawn if f":everyone:{a.group_id}:" in key]
    change_the_board(change, point=point, to_group=b.group, actor=personas.adviser)
    drawn.clear()
    html = readers[c].get(url("board", board, 1)).content.decode()
    assert drawn  # the changed section, drawn again
    a_box, b_box = box(html, a), box(html, b)
    if change == "edit":
        assert "Endret punkt" in a_box and "Et punkt" not in a_box
    elif change == "hide":
        assert "Et punkt" not in html
    elif change == "move":
        assert "Et punkt" in b_box and "Et punkt" not in a_box
    else:
        assert "Pri 1" in a_box


def test_updates_without_a_marker_return_every_box(client, board):
    b = board.participants[1]
    join(client, b)
    response = client.get(updates_url(board), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="board-others" class="board-others" hx-swap-oob="true"' in html
    for group in board.groups:
        if group != b.group:
            assert f'id="gruppe-{group.pk}"' in html
    assert 'name="text"' not in html


def test_a_point_in_another_theme_does_not_wake_this_board(client, board, clock):
    a = board.participants[0]
    join(client, a)
    since = str(client.get(url("board", board, 1)).context["marker"])
    clock(1)
    write(a, "Tema 2", question=board.question(2, 1))
    assert client.get(updates_url(board, since), **HTMX).status_code == 204


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("edit", "section"),
        ("priority", "section"),
        ("hide", "everything"),
        ("move", "everything"),
        ("new group", "everything"),
    ],
)
def test_the_next_poll_brings_every_change_the_board_shows(
    client, board, personas, clock, change, expected
):
    a, b, c = board.participants
    question = board.question(1, 1)
    point = write(a, "Et punkt", question=question)
    clock()
    join(client, c)
    since = str(client.get(url("board", board, 1)).context["marker"])
    assert client.get(updates_url(board, since), **HTMX).status_code == 204
    clock(1)
    change_the_board(change, point=point, to_group=b.group, actor=personas.adviser)
    response = client.get(updates_url(board, since), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert ("board-others" in html) == (expected == "everything")
    if change == "edit":
        assert "Endret punkt" in html
    elif change == "priority":
        assert "Pri 1" in html
    elif change == "hide":
        assert "Et punkt" not in html
    elif change == "move":
        assert "Et punkt" in html.split(f'id="gruppe-{b.group_id}"')[1]
    else:
        assert "Digitalt rom 3" in html


def test_a_malformed_marker_gets_every_box(client, board):
    join(client, board.participants[0])
    response = client.get(updates_url(board, "x-y"), **HTMX)
    assert response.status_code == 200
    assert "board-others" in response.content.decode()


def test_closing_the_theme_reloads_open_boards(client, board):
    join(client, board.participants[0])
    since = str(client.get(url("board", board, 1)).context["marker"])
    services.theme_close(theme=board.theme, closed=True)
    response = client.get(updates_url(board, since), **HTMX)
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"


def test_the_presentation_view_shows_every_box_without_forms_and_updates(client, board, clock):
    a, b, _c = board.participants
    write(a, "Fra Førde", question=board.question(1, 1))
    clock()
    join(client, b)
    response = client.get(url("presentation", board, 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fra Førde" in html
    assert 'name="text"' not in html and "<textarea" not in html
    assert all(f'id="gruppe-{group.pk}"' in html for group in board.groups)
    assert board.seminar.join_code in html
    since = str(response.context["marker"])
    assert "visning=presentasjon" in html
    presentation_updates = updates_url(board, since) + "&visning=presentasjon"
    assert client.get(presentation_updates, **HTMX).status_code == 204
    clock(1)
    write(b, "Fra rom 1", question=board.question(1, 2))
    update = client.get(presentation_updates, **HTMX).content.decode()
    assert "Fra rom 1" in update
    assert f'id="punkter-{b.group_id}-{board.question(1, 2).pk}" hx-swap-oob="true"' in update
    assert "visning=presentasjon" in update
    assert "Endre" not in update  # the own group's links are not on the projector
    everything = client.get(updates_url(board) + "?visning=presentasjon", **HTMX)
    assert 'id="presentation-boxes" class="board-boxes presentation__boxes" hx-swap-oob="true"' in (
        everything.content.decode()
    )


# --- Queries ---------------------------------------------------------------------------


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_board_queries_do_not_grow_with_groups_and_points(client, board):
    a = board.participants[0]
    join(client, a)
    write(a, "Ett punkt", question=board.question(1, 1))
    small_board = _count_queries(client, url("board", board, 1))
    small_updates = _count_queries(client, updates_url(board))
    for n in range(8):
        group = add_group(board.seminar, f"Ekstra gruppe {n}", municipalities_text="Bergen")
        member = add_participant(group)
        for question_number in (1, 2, 3):
            write(
                member, f"Punkt {n}.{question_number}", question=board.question(1, question_number)
            )
        services.priorities_submit(
            group=group,
            question=board.question(1, 1),
            point_ids_in_rank_order=list(
                Point.objects.filter(group=group, question__number=1).values_list("pk", flat=True)
            ),
        )
    assert Priority.objects.count() == 8
    assert _count_queries(client, url("board", board, 1)) == small_board
    assert _count_queries(client, updates_url(board)) == small_updates


def test_poll_with_changes_costs_the_same_however_many_groups_wrote(client, board, clock):
    a = board.participants[0]
    join(client, a)
    since = str(client.get(url("board", board, 1)).context["marker"])
    clock(1)
    write(a, "Ett punkt", question=board.question(1, 1))
    one_group = _count_queries(client, updates_url(board, since))
    extra = [add_group(board.seminar, f"Ekstra gruppe {n}") for n in range(6)]
    clock()
    since = str(client.get(url("board", board, 1)).context["marker"])
    clock(1)
    for n, group in enumerate(extra):
        member = add_participant(group)
        for question_number in (1, 2):
            write(member, f"Punkt {n}", question=board.question(1, question_number))
    assert _count_queries(client, updates_url(board, since)) == one_group


def test_polls_within_the_state_lifetime_share_one_read_of_the_board(
    client, board, clock, settings
):
    """In production one process answers many polls a second from one read of the
    board; the marker it hands out is the time of that read, so nothing is missed."""
    settings.SEMINAR_BOARD_STATE_MS = 60_000
    a, b, _c = board.participants
    join(client, b)
    since = str(client.get(url("board", board, 1)).context["marker"])
    clock()
    first = client.get(updates_url(board, since), **HTMX)
    assert first.status_code == 204
    read_at = selectors.board_state(board.seminar.slug, 1).at
    write(a, "Skrevet etter lesingen", question=board.question(1, 1))
    clock(1)
    with CaptureQueriesContext(connection) as queries:
        shared = client.get(updates_url(board, since), **HTMX)
    assert shared.status_code == 204  # the new point is not in the shared read
    assert len(queries) == 2  # the session and the participant
    selectors._board_states.clear()  # the lifetime is over
    answer = client.get(updates_url(board, since), **HTMX)
    assert "Skrevet etter lesingen" in answer.content.decode()
    assert selectors.Marker.parse(since).at < read_at


def test_an_unchanged_poll_costs_a_handful_of_queries(client, board, clock):
    join(client, board.participants[0])
    since = str(client.get(url("board", board, 1)).context["marker"])
    clock()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(updates_url(board, since), **HTMX)
    assert response.status_code == 204
    # The session, the theme with its seminar and marker in one query, the participant.
    assert len(queries) <= 3
