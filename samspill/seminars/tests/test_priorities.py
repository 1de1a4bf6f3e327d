"""Priorities: a group ranks 1–3 of its points for a question; organisers see every
group's side by side; in plenary each group gives its dots to other groups' priorities."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samspill.seminars import selectors, services
from samspill.seminars.models import DotVote, Priority

from .builders import join, make_board, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(db):
    return make_board()


@pytest.fixture
def points(board):
    """Three points per group under theme 1, question 1, and one under question 2."""
    q1, q2 = board.question(1, 1), board.question(1, 2)
    made = {}
    for participant in board.participants:
        name = participant.group.name
        made[name] = [write(participant, f"{name} punkt {n}", question=q1) for n in (1, 2, 3)]
        made[name].append(write(participant, f"{name} om SFO", question=q2))
    return made


def priorities_url(board, question=None):
    url = reverse("seminars:priorities", args=[board.seminar.slug, 1])
    return f"{url}?sporsmal={question.number}" if question else url


def ranked(group, question):
    return [
        (p.rank, p.point.text)
        for p in Priority.objects.filter(group=group, question=question).select_related("point")
    ]


# --- The group's own priorities -------------------------------------------------------


def test_group_ranks_three_points_and_submits(client, board, points):
    a = board.participants[0]
    q1 = board.question(1, 1)
    forde = points["Førde"]
    join(client, a)
    page = client.get(priorities_url(board))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Førde punkt 1" in html and "Førde om SFO" not in html  # only question 1's
    assert "Digitalt rom 1 punkt 1" not in html  # only the own group's
    response = client.post(
        priorities_url(board, q1),
        {"pri_1": forde[2].pk, "pri_2": forde[0].pk, "pri_3": forde[1].pk},
    )
    assert response.status_code == 302
    assert ranked(a.group, q1) == [
        (1, "Førde punkt 3"),
        (2, "Førde punkt 1"),
        (3, "Førde punkt 2"),
    ]
    assert all(p.submitted_at for p in Priority.objects.all())
    page = client.get(response.url).content.decode()
    assert "Prioriteringene for spørsmål 1 er sendt inn." in page
    assert "Sendt inn" in page


def test_one_point_is_enough_and_submitting_again_replaces(client, board, points):
    a = board.participants[0]
    q1 = board.question(1, 1)
    forde = points["Førde"]
    join(client, a)
    client.post(priorities_url(board, q1), {"pri_1": forde[0].pk, "pri_2": forde[1].pk})
    client.post(priorities_url(board, q1), {"pri_1": forde[2].pk})
    assert ranked(a.group, q1) == [(1, "Førde punkt 3")]


def test_each_question_has_its_own_priorities(client, board, points):
    a = board.participants[0]
    q1, q2 = board.question(1, 1), board.question(1, 2)
    join(client, a)
    client.post(priorities_url(board, q1), {"pri_1": points["Førde"][0].pk})
    client.post(priorities_url(board, q2), {"pri_1": points["Førde"][3].pk})
    assert ranked(a.group, q1) == [(1, "Førde punkt 1")]
    assert ranked(a.group, q2) == [(1, "Førde om SFO")]


@pytest.mark.parametrize(
    ("choice", "error"),
    [
        ({"pri_1": 0, "pri_2": 0}, "Et punkt kan bare ha én prioritet."),
        ({"pri_1": 0, "pri_3": 1}, "Velg Pri 2 før Pri 3."),
        ({"pri_2": 0}, "Feltet er påkrevet."),
    ],
)
def test_priorities_form_rules(client, board, points, choice, error):
    join(client, board.participants[0])
    forde = points["Førde"]
    data = {key: forde[index].pk for key, index in choice.items()}
    response = client.post(priorities_url(board, board.question(1, 1)), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Priority.objects.exists()


def test_a_group_cannot_prioritise_another_groups_point(client, board, points):
    join(client, board.participants[0])
    other = points["Digitalt rom 1"][0]
    response = client.post(priorities_url(board, board.question(1, 1)), {"pri_1": other.pk})
    assert response.status_code == 200
    assert not Priority.objects.exists()


def test_service_rules(board, points, personas):
    group = board.groups[0]
    q1 = board.question(1, 1)
    forde = points["Førde"]
    ids = [p.pk for p in forde]
    submit = services.priorities_submit
    with pytest.raises(ValidationError, match="ett til tre"):
        submit(group=group, question=q1, point_ids_in_rank_order=[])
    with pytest.raises(ValidationError, match="ett til tre"):
        submit(group=group, question=q1, point_ids_in_rank_order=ids)  # four
    with pytest.raises(ValidationError, match="én prioritet"):
        submit(group=group, question=q1, point_ids_in_rank_order=[ids[0], ids[0]])
    with pytest.raises(ValidationError, match="egne punkter"):  # question 2's point
        submit(group=group, question=q1, point_ids_in_rank_order=[ids[3]])
    with pytest.raises(ValidationError, match="egne punkter"):
        submit(group=group, question=q1, point_ids_in_rank_order=[points["Digitalt rom 1"][0].pk])
    services.point_hide(point=forde[0], reason="Navn på elev", actor=personas.adviser)
    with pytest.raises(ValidationError, match="egne punkter"):
        submit(group=group, question=q1, point_ids_in_rank_order=[ids[0]])
    assert not Priority.objects.exists()
    submit(group=group, question=q1, point_ids_in_rank_order=[ids[2], ids[1]])
    assert ranked(group, q1) == [(1, "Førde punkt 3"), (2, "Førde punkt 2")]


def test_priorities_allowed_when_theme_closed_not_when_seminar_locked(client, board, points):
    a = board.participants[0]
    q1 = board.question(1, 1)
    join(client, a)
    services.theme_close(theme=board.theme, closed=True)
    client.post(priorities_url(board, q1), {"pri_1": points["Førde"][0].pk})
    assert ranked(a.group, q1) == [(1, "Førde punkt 1")]
    services.seminar_lock(seminar=board.seminar, locked=True)
    page = client.get(priorities_url(board, q1)).content.decode()
    assert "Seminaret er låst" in page
    response = client.post(priorities_url(board, q1), {"pri_1": points["Førde"][1].pk})
    assert response.status_code == 403
    assert ranked(a.group, q1) == [(1, "Førde punkt 1")]


def test_priorities_page_needs_the_session(client, board, personas):
    assert client.get(priorities_url(board)).status_code == 404
    client.force_login(personas.adviser)
    response = client.get(priorities_url(board))
    assert response.status_code == 302
    assert response.url == reverse("seminars:priority_overview", args=[board.seminar.slug])


def test_priorities_show_on_the_board(client, board, points):
    q1 = board.question(1, 1)
    services.priorities_submit(
        group=board.groups[1], question=q1, point_ids_in_rank_order=[points["Digitalt rom 1"][1].pk]
    )
    join(client, board.participants[0])
    html = client.get(reverse("seminars:board", args=[board.seminar.slug, 1])).content.decode()
    item = html.split(f'id="punkt-{points["Digitalt rom 1"][1].pk}"')[1].split("</li>")[0]
    assert "Pri 1" in item


# --- The organisers' overview ---------------------------------------------------------


def test_overview_shows_every_groups_priorities_side_by_side(client, board, points, personas):
    q1 = board.question(1, 1)
    for group in board.groups[:2]:
        own = points[group.name]
        services.priorities_submit(
            group=group, question=q1, point_ids_in_rank_order=[own[1].pk, own[0].pk]
        )
    client.force_login(personas.adviser)
    response = client.get(reverse("seminars:priority_overview", args=[board.seminar.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    overview = response.context["overview"]
    (theme, questions), _theme2 = overview
    question, rows, submitted = questions[0]
    assert (theme.number, question, submitted) == (1, q1, 2)
    assert [row["group"].name for row in rows] == ["Digitalt rom 1", "Digitalt rom 2", "Førde"]
    by_group = {row["group"].name: [p.text if p else None for p in row["ranks"]] for row in rows}
    assert by_group == {
        "Førde": ["Førde punkt 2", "Førde punkt 1", None],
        "Digitalt rom 1": ["Digitalt rom 1 punkt 2", "Digitalt rom 1 punkt 1", None],
        "Digitalt rom 2": [None, None, None],
    }
    assert "2 av 3 grupper har sendt inn." in html
    assert "Ikke sendt inn" in html


def test_overview_is_for_nkr(client, board, personas):
    url = reverse("seminars:priority_overview", args=[board.seminar.slug])
    response = client.get(url)
    assert response.status_code == 302 and "logg-inn" in response.url
    client.force_login(personas.coordinator_a)
    assert client.get(url).status_code == 403
    client.force_login(personas.leader)
    assert client.get(url).status_code == 200


# --- The dot vote in plenary ----------------------------------------------------------


@pytest.fixture
def prioritised(board, points):
    """Every group has submitted Pri 1 and Pri 2 for question 1."""
    q1 = board.question(1, 1)
    for group in board.groups:
        own = points[group.name]
        services.priorities_submit(
            group=group, question=q1, point_ids_in_rank_order=[own[0].pk, own[1].pk]
        )
    return points


def dot_url(board, question):
    return reverse("seminars:dot_vote", args=[board.seminar.slug, question.pk])


def test_group_gives_its_dots_to_other_groups_priorities(client, board, prioritised):
    a = board.participants[0]
    q1 = board.question(1, 1)
    rom1, rom2 = prioritised["Digitalt rom 1"], prioritised["Digitalt rom 2"]
    join(client, a)
    page = client.get(dot_url(board, q1))
    assert page.status_code == 200
    form = page.context["form"]
    assert f"dots_{prioritised['Førde'][0].pk}" not in form.fields  # not the own group's
    assert f"dots_{rom1[0].pk}" in form.fields
    assert f"dots_{rom1[2].pk}" not in form.fields  # not prioritised
    response = client.post(dot_url(board, q1), {f"dots_{rom1[1].pk}": 2, f"dots_{rom2[0].pk}": 1})
    assert response.status_code == 302
    assert dict(DotVote.objects.values_list("point__text", "dots")) == {
        "Digitalt rom 1 punkt 2": 2,
        "Digitalt rom 2 punkt 1": 1,
    }
    results = client.get(dot_url(board, q1)).context["results"]
    assert [(r.point.text, r.dots) for r in results[:2]] == [
        ("Digitalt rom 1 punkt 2", 2),
        ("Digitalt rom 2 punkt 1", 1),
    ]
    assert [r.dots for r in results] == sorted((r.dots for r in results), reverse=True)


def test_dot_votes_are_limited_to_the_groups_dots(client, board, prioritised):
    a = board.participants[0]
    q1 = board.question(1, 1)
    rom1 = prioritised["Digitalt rom 1"]
    join(client, a)
    response = client.post(dot_url(board, q1), {f"dots_{rom1[0].pk}": 3, f"dots_{rom1[1].pk}": 1})
    assert response.status_code == 200
    assert "Dere har 3 prikker, men ga 4." in response.content.decode()
    assert not DotVote.objects.exists()
    with pytest.raises(ValidationError, match="3 prikker"):
        services.dot_votes_submit(
            group=a.group, question=q1, dots_by_point_id={rom1[0].pk: 2, rom1[1].pk: 2}
        )
    with pytest.raises(ValidationError, match="andre grupper"):
        services.dot_votes_submit(
            group=a.group, question=q1, dots_by_point_id={prioritised["Førde"][0].pk: 1}
        )


def test_voting_again_replaces_the_groups_dots(board, prioritised):
    group = board.groups[0]
    q1 = board.question(1, 1)
    rom1 = prioritised["Digitalt rom 1"]
    services.dot_votes_submit(group=group, question=q1, dots_by_point_id={rom1[0].pk: 3})
    services.dot_votes_submit(group=group, question=q1, dots_by_point_id={rom1[1].pk: 1})
    assert dict(DotVote.objects.values_list("point_id", "dots")) == {rom1[1].pk: 1}
    assert selectors.group_dots(group, q1) == {rom1[1].pk: 1}


def test_organiser_records_the_dots_of_a_group(client, board, prioritised, personas):
    q1 = board.question(1, 1)
    forde = board.groups[0]
    rom1 = prioritised["Digitalt rom 1"]
    client.force_login(personas.adviser)
    page = client.get(dot_url(board, q1))
    assert page.status_code == 200 and page.context["form"] is None
    response = client.post(
        dot_url(board, q1) + f"?gruppe={forde.pk}", {"gruppe": forde.pk, f"dots_{rom1[0].pk}": 3}
    )
    assert response.status_code == 302
    assert DotVote.objects.get().group == forde


def test_nkr_staff_who_do_not_organise_only_read_the_results(client, board, prioritised, personas):
    q1 = board.question(1, 1)
    client.force_login(personas.leader)
    assert client.get(dot_url(board, q1)).status_code == 200
    rom1 = prioritised["Digitalt rom 1"]
    response = client.post(
        dot_url(board, q1), {"gruppe": board.groups[0].pk, f"dots_{rom1[0].pk}": 1}
    )
    assert response.status_code == 403
    assert not DotVote.objects.exists()


def test_dot_vote_needs_the_session_and_is_closed_when_locked(client, board, prioritised):
    q1 = board.question(1, 1)
    assert client.get(dot_url(board, q1)).status_code == 404
    a = board.participants[0]
    join(client, a)
    services.seminar_lock(seminar=board.seminar, locked=True)
    rom1 = prioritised["Digitalt rom 1"]
    response = client.post(dot_url(board, q1), {f"dots_{rom1[0].pk}": 1})
    assert response.status_code == 403
    assert not DotVote.objects.exists()


def test_a_question_of_another_seminar_is_404(client, board):
    other = make_board(slug="et-annet-seminar")
    join(client, board.participants[0])
    response = client.get(dot_url(board, other.question(1, 1)))
    assert response.status_code == 404
