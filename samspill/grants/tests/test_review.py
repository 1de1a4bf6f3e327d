"""Review in rounds (issue 9, item 4): juries, conflicts of interest, scores, the ranking
of a round and moving nominations on to the next one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samspill.grants import selectors, services
from samspill.grants.models import Score

from .builders import jury_member, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations(call, members):
    a, b = members.municipality_a, members.municipality_b
    return {
        "kari": nominate(call, a, members.coordinator_a, first="Kari"),
        "ola": nominate(call, b, members.coordinator_b, first="Ola"),
        "siri": nominate(call, a, members.coordinator_a, first="Siri", category_name="Musikk"),
    }


@pytest.fixture
def reviewer(call):
    user = jury_member()
    jury = services.jury_save(
        call=call,
        name="Fagjury dans",
        kind="subject",
        category=call.scheme.categories.get(name="Dans"),
    )
    services.jury_member_add(jury=jury, user=user)
    return user


@pytest.fixture
def first_round(call, nominations):
    return services.round_start(call=call)


def give(round_, nomination, reviewer, *values, comment=""):
    criteria = list(round_.call.scheme.criteria.all())
    services.scores_save(
        round_=round_,
        nomination=nomination,
        reviewer=reviewer,
        scores=dict(zip(criteria, values, strict=True)),
        comment=comment,
    )


def test_a_subject_jury_sees_only_its_category(client, reviewer, first_round, nominations):
    client.force_login(reviewer)
    page = client.get(reverse("grants:review_queue")).content.decode()
    assert "Kari Nordmann" in page and "Ola Nordmann" in page
    assert "Siri Nordmann" not in page
    siri = nominations["siri"]
    assert client.get(siri.get_absolute_url()).status_code == 403
    score_url = reverse("grants:score", args=[first_round.pk, siri.pk])
    assert client.get(score_url).status_code == 403


def test_conflict_of_interest_hides_the_nomination_from_the_reviewer(
    client, members, reviewer, first_round, nominations
):
    kari = nominations["kari"]
    client.force_login(reviewer)
    assert client.get(kari.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("grants:declare_conflict", args=[first_round.pk, kari.pk]),
        {"reason": "Tanten min"},
        follow=True,
    )
    page = response.content.decode()
    assert "Du er registrert som inhabil" in page
    assert "Kari Nordmann" not in page
    assert "1 nominasjon er skjult fordi du har meldt deg inhabil." in page
    assert "Ola Nordmann" in page

    # Not the page, the score form, the work samples or a score.
    assert client.get(kari.get_absolute_url()).status_code == 403
    assert client.get(reverse("grants:score", args=[first_round.pk, kari.pk])).status_code == 404
    with pytest.raises(ValidationError, match="inhabil"):
        give(first_round, kari, reviewer, 5, 5, 5)
    assert selectors.reviewer_queue(reviewer)[0].nominations == [nominations["ola"]]

    # A manager who declared a conflict does not see it in the ranking either.
    services.conflict_declare(nomination=kari, reviewer=members.adviser)
    rows, hidden = selectors.ranking(first_round, viewer=members.adviser)
    assert hidden == 1 and kari not in [row.nomination for row in rows]
    client.force_login(members.adviser)
    page = client.get(first_round.get_absolute_url()).content.decode()
    assert "Kari Nordmann" not in page and "Ola Nordmann" in page
    # Nor on the page of Kari's municipality, which lists its nominations by name.
    page = client.get(members.municipality_a.get_absolute_url()).content.decode()
    assert "Kari Nordmann" not in page and "Siri Nordmann" in page


def test_declaring_a_conflict_removes_scores_given_before(reviewer, first_round, nominations):
    give(first_round, nominations["kari"], reviewer, 4, 4, 4)
    services.conflict_declare(nomination=nominations["kari"], reviewer=reviewer)
    assert not Score.objects.filter(reviewer=reviewer).exists()


def test_scores_and_comments_rank_the_round(
    client, call, members, reviewer, first_round, nominations
):
    other = jury_member("jury2@test.no")
    call.juries.get().members.add(other)
    client.force_login(reviewer)
    url = reverse("grants:score", args=[first_round.pk, nominations["ola"].pk])
    response = client.post(
        url, {"kriterium_1": "6", "kriterium_2": "5", "kriterium_3": "6", "comment": "Sterk!"}
    )
    assert response.status_code == 302
    give(first_round, nominations["ola"], other, 4, 4, 4)  # Ola: (17 + 12) / 2 = 14.5
    give(first_round, nominations["kari"], reviewer, 3, 3, 3)
    give(first_round, nominations["kari"], other, 4, 4, 4)  # Kari: (9 + 12) / 2 = 10.5
    assert Score.objects.filter(reviewer=reviewer, comment="Sterk!").count() == 3

    rows, _hidden = selectors.ranking(first_round)
    assert [(row.nomination.first_name, str(row.total), row.reviewers) for row in rows] == [
        ("Ola", "14.5", 2),
        ("Kari", "10.5", 2),
        ("Siri", "None", 0),
    ]
    # A score outside the scale is refused.
    response = client.post(url, {"kriterium_1": "9", "kriterium_2": "5", "kriterium_3": "6"})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()


def test_nominations_move_to_the_next_round_scored_by_the_allocation_jury(
    client, call, members, reviewer, first_round, nominations
):
    allocation = services.jury_save(call=call, name="Tildelingsjury", kind="allocation")
    allocator = jury_member("tildeling@test.no")
    services.jury_member_add(jury=allocation, user=allocator)
    client.force_login(members.adviser)
    response = client.post(
        reverse("grants:round_advance", args=[call.slug, 1]),
        {"nomination": [nominations["kari"].pk, nominations["siri"].pk], "jury_kind": "allocation"},
        follow=True,
    )
    assert "2 nominasjoner er flyttet til runde 2." in response.content.decode()
    first_round.refresh_from_db()
    assert not first_round.is_open
    second = call.rounds.get(number=2)
    assert set(second.nominations.all()) == {nominations["kari"], nominations["siri"]}
    # The subject jury's round is closed; the allocation jury scores both categories.
    assert selectors.reviewer_queue(reviewer) == []
    queue = selectors.reviewer_queue(allocator)
    assert {n.first_name for n in queue[0].nominations} == {"Kari", "Siri"}
    give(second, nominations["siri"], allocator, 6, 6, 6)


def test_moving_on_needs_at_least_one_nomination(first_round):
    with pytest.raises(ValidationError, match="Velg minst én"):
        services.round_advance(round_=first_round, nominations=[], jury_kind="allocation")


def test_the_lists_make_the_same_queries_for_few_and_many_nominations(
    client, call, members, reviewer, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nominate(call, members.municipality_a, members.coordinator_a, first="En")
    round_ = services.round_start(call=call)
    urls = [
        reverse("grants:round_detail", args=[call.slug, 1]),
        reverse("grants:awards", args=[call.slug]),
        reverse("grants:nomination_list", args=[call.slug]),
    ]

    def counts():
        result = []
        client.force_login(members.adviser)
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        client.force_login(reviewer)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("grants:review_queue"))
        return [*result, len(queries)]

    few = counts()
    for index in range(12):
        nomination = nominate(
            call, members.municipality_b, members.coordinator_b, first=f"N{index}"
        )
        round_.nominations.add(nomination)
        give(round_, nomination, reviewer, 3, 4, 5)
    assert counts() == few


def test_after_a_conflict_the_work_samples_and_letters_stay_closed(
    client, call, members, reviewer, first_round
):
    from .builders import pdf_upload

    writing = nominate(
        call,
        members.municipality_a,
        members.coordinator_a,
        first="Tekst",
        category_name="Skapende skriving",
        submit=False,
    )
    sample = services.work_sample_add(nomination=writing, upload=pdf_upload())
    services.nomination_submit(nomination=writing, user=members.coordinator_a, today=call.opens_on)
    jury = services.jury_save(
        call=call, name="Fagjury skriving", kind="subject", category=writing.category
    )
    services.jury_member_add(jury=jury, user=reviewer)
    first_round.nominations.add(writing)
    download = reverse("grants:work_sample_download", args=[writing.pk, sample.pk])
    client.force_login(reviewer)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    services.conflict_declare(nomination=writing, reviewer=reviewer)
    assert client.get(download).status_code == 403

    services.conflict_declare(nomination=writing, reviewer=members.adviser)
    services.award_make(nomination=writing, user=members.admin)
    services.call_finalise(call=call, user=members.admin)
    client.force_login(members.adviser)
    assert client.get(reverse("grants:letter", args=[writing.pk, "pdf"])).status_code == 403
    client.force_login(members.admin)
    assert client.get(reverse("grants:letter", args=[writing.pk, "docx"])).status_code == 200


def test_the_start_page_shows_the_jury_members_progress(client, reviewer, first_round, nominations):
    give(first_round, nominations["kari"], reviewer, 4, 4, 4)
    client.force_login(reviewer)
    page = client.get(reverse("core:home")).content.decode()
    # "Mine oppgaver" (samspill.workflow) lists the open round among the person's tasks.
    assert "Gi poeng i" in page
    assert "runde 1 (1 av 2)" in page


def test_the_start_page_makes_the_same_queries_for_one_round_and_many(
    client, call, members, reviewer, nominations
):
    """A jury member of many calls (issue 11): the start page counts their progress in
    the database instead of loading every nomination of every open round."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .builders import make_call

    first_round = services.round_start(call=call)
    give(first_round, nominations["kari"], reviewer, 3, 4, 5)

    def start_page():
        client.force_login(reviewer)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("core:home")).content.decode()
        return len(queries), page

    few, page = start_page()
    assert "1 av 2" in page  # Kari scored, Ola not (Siri is music: not this jury's)
    for year in (2024, 2025):
        other = make_call(call.scheme, slug=f"drommestipendet-{year}", year=year)
        for index in range(5):
            nominate(other, members.municipality_b, members.coordinator_b, first=f"N{index}")
        jury = services.jury_save(
            call=other,
            name="Fagjury dans",
            kind="subject",
            category=other.scheme.categories.get(name="Dans"),
        )
        services.jury_member_add(jury=jury, user=reviewer)
        services.round_start(call=other)
    many, page = start_page()
    assert page.count("Gi poeng i") == 3
    assert many == few
