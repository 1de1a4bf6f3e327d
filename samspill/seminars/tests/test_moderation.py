"""Moderation by organisers: hide (never delete) and move points, logged; close a theme
for writing; lock the seminar when it is over."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samspill.seminars import services
from samspill.seminars.models import ModerationEntry, Point, Priority

from .builders import join, make_board, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return make_board()


@pytest.fixture
def point(board):
    return write(board.participants[0], "Eleven Per Hansen sa at …", question=board.question(1, 1))


def url(name, board, *args):
    return reverse(f"seminars:{name}", args=[board.seminar.slug, *args])


def board_html(client, board, number=1):
    return client.get(url("board", board, number)).content.decode()


# --- Hiding ---------------------------------------------------------------------------


def test_organiser_hides_a_point_with_a_reason_and_it_is_logged(client, board, point, personas):
    client.force_login(personas.adviser)
    page = client.get(url("point_moderate", board, 1, point.pk))
    assert page.status_code == 200
    response = client.post(url("point_hide", board, 1, point.pk), {"reason": "Navn på en elev"})
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.is_hidden and point.hidden_reason == "Navn på en elev"
    entry = ModerationEntry.objects.get(point=point)
    assert entry.actor == personas.adviser
    assert entry.text == "Skjult: Navn på en elev"
    # Still in the organisers' view, marked hidden with the reason.
    html = board_html(client, board)
    item = html.split(f'id="punkt-{point.pk}"')[1].split("</li>")[0]
    assert "Eleven Per Hansen" in item and "Skjult" in item and "Navn på en elev" in item


def test_a_hidden_point_disappears_from_the_board_but_stays_in_the_database(
    client, board, point, personas
):
    services.point_hide(point=point, reason="Personopplysninger", actor=personas.adviser)
    join(client, board.participants[1])
    assert "Eleven Per Hansen" not in board_html(client, board)
    presentation = client.get(url("presentation", board, 1)).content.decode()
    assert "Eleven Per Hansen" not in presentation
    assert Point.objects.filter(pk=point.pk, is_hidden=True).exists()


def test_hiding_needs_a_reason(client, board, point, personas):
    client.force_login(personas.adviser)
    response = client.post(url("point_hide", board, 1, point.pk), {"reason": "  "})
    assert response.status_code == 400
    point.refresh_from_db()
    assert not point.is_hidden
    assert not ModerationEntry.objects.exists()


def test_showing_a_hidden_point_again_is_logged(client, board, point, personas):
    services.point_hide(point=point, reason="Feil", actor=personas.adviser)
    client.force_login(personas.admin)
    response = client.post(url("point_show", board, 1, point.pk))
    assert response.status_code == 302
    point.refresh_from_db()
    assert not point.is_hidden and point.hidden_reason == ""
    assert list(ModerationEntry.objects.order_by("pk").values_list("text", flat=True)) == [
        "Skjult: Feil",
        "Vist igjen",
    ]
    with pytest.raises(ValidationError):
        services.point_show(point=point, actor=personas.admin)


# --- Moving ---------------------------------------------------------------------------


def test_organiser_moves_a_point_to_another_group_and_question(client, board, point, personas):
    forde, rom1, _rom2 = board.groups
    q1, q2 = board.question(1, 1), board.question(1, 2)
    services.priorities_submit(group=forde, question=q1, point_ids_in_rank_order=[point.pk])
    client.force_login(personas.adviser)
    response = client.post(
        url("point_move", board, 1, point.pk), {"group": rom1.pk, "question": q2.pk}
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.group, point.question, point.theme) == (rom1, q2, board.theme)
    assert not Priority.objects.exists()  # the Førde group's priority no longer fits
    entry = ModerationEntry.objects.get()
    assert entry.actor == personas.adviser
    assert entry.text == (
        "Flyttet fra «Førde», tema 1, spørsmål 1 til «Digitalt rom 1», tema 1, spørsmål 2. "
        "Prioriteringen av punktet ble fjernet."
    )
    join(client, board.participants[1])
    own = client.get(url("board", board, 1)).context["own_box"]
    assert [p.pk for p in own.sections[1].points] == [point.pk]


def test_a_point_can_move_to_another_theme_or_out_of_its_question(board, point, personas):
    q = board.question(2, 2)
    services.point_move(point=point, group=point.group, question=q, actor=personas.adviser)
    point.refresh_from_db()
    assert point.theme == board.themes[1] and point.question == q
    services.point_move(point=point, group=point.group, question=None, actor=personas.adviser)
    point.refresh_from_db()
    assert point.theme == board.themes[1] and point.question is None
    assert "uten spørsmål" in ModerationEntry.objects.first().text
    with pytest.raises(ValidationError, match="allerede"):
        services.point_move(point=point, group=point.group, question=None, actor=personas.adviser)


def test_a_point_cannot_move_to_another_seminar(board, point, personas):
    other = make_board(slug="et-annet-seminar")
    with pytest.raises(ValidationError):
        services.point_move(
            point=point, group=other.groups[0], question=None, actor=personas.adviser
        )
    with pytest.raises(ValidationError):
        services.point_move(
            point=point, group=point.group, question=other.question(1, 1), actor=personas.adviser
        )
    point.refresh_from_db()
    assert point.group == board.groups[0]


def test_moderation_never_deletes(client, board, point, personas):
    client.force_login(personas.adviser)
    client.post(url("point_hide", board, 1, point.pk), {"reason": "Skjul"})
    client.post(url("point_show", board, 1, point.pk))
    client.post(
        url("point_move", board, 1, point.pk),
        {"group": board.groups[2].pk, "question": board.question(1, 3).pk},
    )
    client.post(url("point_hide", board, 1, point.pk), {"reason": "Igjen"})
    assert Point.objects.filter(pk=point.pk).exists()
    assert ModerationEntry.objects.filter(point=point).count() == 4
    log = client.get(url("point_moderate", board, 1, point.pk)).content.decode()
    assert "Skjult: Igjen" in log and "Vist igjen" in log and "Flyttet fra" in log


# --- Closing and locking --------------------------------------------------------------


def test_organiser_closes_and_opens_a_theme(client, board, personas):
    client.force_login(personas.adviser)
    response = client.post(url("theme_close", board, 1))
    assert response.status_code == 302
    board.theme.refresh_from_db()
    assert board.theme.is_closed
    assert "Åpne temaet for skriving" in board_html(client, board)
    client.post(url("theme_close", board, 1))
    board.theme.refresh_from_db()
    assert not board.theme.is_closed


def test_organiser_locks_the_seminar_and_comes_back(client, board, personas):
    client.force_login(personas.adviser)
    back = url("board", board, 2)
    response = client.post(url("seminar_lock", board), {"next": back})
    assert response.status_code == 302 and response.url == back
    board.seminar.refresh_from_db()
    assert board.seminar.is_locked
    response = client.post(url("seminar_lock", board), {"next": "https://example.com/"})
    assert response.url == board.seminar.get_absolute_url()
    board.seminar.refresh_from_db()
    assert not board.seminar.is_locked


@pytest.mark.parametrize("who", ["leader", "coordinator_a"])
def test_only_organisers_moderate(client, board, point, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get(url("point_moderate", board, 1, point.pk)).status_code == 403
    assert client.post(url("point_hide", board, 1, point.pk), {"reason": "x"}).status_code == 403
    assert client.post(url("point_show", board, 1, point.pk)).status_code == 403
    response = client.post(
        url("point_move", board, 1, point.pk), {"group": board.groups[1].pk, "question": ""}
    )
    assert response.status_code == 403
    assert client.post(url("theme_close", board, 1)).status_code == 403
    assert client.post(url("seminar_lock", board)).status_code == 403
    point.refresh_from_db()
    board.seminar.refresh_from_db()
    board.theme.refresh_from_db()
    assert (point.is_hidden, point.group, board.theme.is_closed, board.seminar.is_locked) == (
        False,
        board.groups[0],
        False,
        False,
    )


def test_participants_cannot_moderate(client, board, point):
    join(client, board.participants[0])
    response = client.post(url("point_hide", board, 1, point.pk), {"reason": "x"})
    assert response.status_code == 302 and "logg-inn" in response.url
    point.refresh_from_db()
    assert not point.is_hidden
    assert "Moderer" not in board_html(client, board)
