"""A measure or a follow-up point cites the seminar point it came from and the programme
or project that answered it, and those pages show the link back: a reader can follow a
group's point from a dialogue seminar to the decision and measure that answered it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from samspill.agreements.tests.builders import make_agreement
from samspill.programmes.tests.builders import make_programme
from samspill.seminars import services as seminar_services
from samspill.seminars.tests.builders import make_board, write
from samspill.strategy import services
from samspill.strategy.models import TraceLink

from .conftest import measure_by_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def prioritised_point(db):
    board = make_board()
    question = board.question()
    point = write(board.participants[0], "Kulturskolen må telle breddetilbudet.", question=question)
    seminar_services.priorities_submit(
        group=point.group, question=question, point_ids_in_rank_order=[point.pk]
    )
    return point


@pytest.fixture
def project(personas):
    agreement = make_agreement(personas.partner_organisation)
    from samspill.agreements import services as agreement_services

    return agreement_services.project_save(agreement=agreement, title="Felles kartlegging")


def test_a_reader_follows_a_groups_point_to_the_decision_and_the_measure(
    client, personas, prioritised_point, decision, plan
):
    planned = decision.follow_ups.get(kind="planned")
    measure = measure_by_text("Utarbeide ny rammeplan")
    client.force_login(personas.leader)
    for url in [
        reverse("strategy:follow_up_link_create", args=[planned.pk]),
        reverse("strategy:measure_link_create", args=[measure.pk]),
    ]:
        response = client.post(url, {"relation": "origin", "point": prioritised_point.pk})
        assert response.status_code == 302
    seminar = prioritised_point.group.seminar

    client.force_login(personas.board_member)
    overview = client.get(reverse("seminars:priority_overview", args=[seminar.slug]))
    page = overview.content.decode()
    assert "Fulgt opp i strategi og vedtak" in page
    assert "Kulturskolen må telle breddetilbudet." in page
    assert planned.get_absolute_url() in page
    assert decision.get_absolute_url() in page
    assert measure.get_absolute_url() in page

    detail = client.get(planned.get_absolute_url()).content.decode()
    assert "Kommer fra:" in detail
    assert reverse("seminars:priority_overview", args=[seminar.slug]) in detail


def test_a_programme_and_a_project_show_what_they_answered(client, personas, decision, project):
    programme = make_programme()
    planned = decision.follow_ups.get(kind="planned")
    services.trace_link_save(subject=planned, relation="answer", target=programme)
    services.trace_link_save(subject=planned, relation="answer", target=project)

    client.force_login(personas.leader)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "Fulgt opp i strategi og vedtak" in page
    assert "Besvart gjennom" in page
    assert planned.get_absolute_url() in page
    page = client.get(project.get_absolute_url()).content.decode()
    assert planned.get_absolute_url() in page


def test_the_link_back_is_hidden_from_those_outside_nkr(client, personas, decision, project):
    planned = decision.follow_ups.get(kind="planned")
    services.trace_link_save(subject=planned, relation="answer", target=project)
    client.force_login(personas.partner)
    page = client.get(project.get_absolute_url())
    assert page.status_code == 200
    assert "Fulgt opp i strategi og vedtak" not in page.content.decode()


def test_a_link_names_exactly_one_source(client, personas, decision, project):
    programme = make_programme()
    planned = decision.follow_ups.get(kind="planned")
    client.force_login(personas.leader)
    url = reverse("strategy:follow_up_link_create", args=[planned.pk])
    for data in [
        {"relation": "answer"},
        {"relation": "answer", "programme": programme.pk, "project": project.pk},
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Velg nøyaktig én kilde" in response.content.decode()
    assert not TraceLink.objects.exists()
    with transaction.atomic(), pytest.raises(IntegrityError):
        TraceLink.objects.create(follow_up=planned, relation="answer")


def test_the_same_link_twice_is_refused(decision, project):
    planned = decision.follow_ups.get(kind="planned")
    services.trace_link_save(subject=planned, relation="answer", target=project)
    with pytest.raises(ValidationError, match="finnes allerede"):
        services.trace_link_save(subject=planned, relation="answer", target=project)


def test_a_leader_removes_a_link(client, personas, decision, project):
    planned = decision.follow_ups.get(kind="planned")
    link = services.trace_link_save(subject=planned, relation="answer", target=project)
    client.force_login(personas.board_member)
    assert client.post(reverse("strategy:link_delete", args=[link.pk])).status_code == 403
    client.force_login(personas.leader)
    response = client.post(reverse("strategy:link_delete", args=[link.pk]))
    assert response.status_code == 302
    assert not TraceLink.objects.exists()
