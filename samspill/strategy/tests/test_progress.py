"""Progress rolls up from measures to goals to areas to the plan, and a case's status
follows its planned points."""

import datetime

import pytest

from samspill.strategy import selectors, services
from samspill.strategy.models import FollowUp, Status

from .conftest import measure_by_text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 10, 1)


def update(text, status, progress=None, user=None):
    services.measure_update_status(
        measure=measure_by_text(text), user=user, status=status, progress=progress, today=TODAY
    )


def test_progress_rolls_up_from_measures_to_goals_areas_and_plan(plan):
    update("Samhandle med utdanningsfeltet", Status.IN_PROGRESS, 40)
    update("Støtte kommunene", Status.DONE)
    update("Utarbeide ny rammeplan", Status.IN_PROGRESS, 20)

    rolled = selectors.plan_with_measures(plan.slug)
    area1, area2 = rolled.areas.all()
    goal11, goal12 = area1.goals.all()
    assert goal11.progress == 70  # (40 + 100) / 2
    assert goal12.progress is None  # no measures: no progress to report
    assert area1.progress == 70  # the empty goal does not pull the area down
    assert area2.progress == 20
    assert rolled.progress == 45  # (70 + 20) / 2
    assert rolled.tally.done == 1
    assert rolled.tally.total == 3


def test_a_stopped_measure_is_left_out_of_the_roll_up(plan):
    update("Samhandle med utdanningsfeltet", Status.IN_PROGRESS, 60)
    update("Støtte kommunene", Status.STOPPED, 0)
    goal = selectors.plan_with_measures(plan.slug).areas.all()[0].goals.all()[0]
    assert goal.progress == 60


def test_the_plan_page_shows_the_rolled_up_progress(client, personas, plan):
    update("Samhandle med utdanningsfeltet", Status.IN_PROGRESS, 40)
    update("Støtte kommunene", Status.DONE)
    client.force_login(personas.board_member)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'aria-label="Fremdrift for Kulturskolen i samfunnet">70 %</progress>' in page


def test_a_case_is_done_when_all_its_planned_points_are(decision):
    state = selectors.decision_detail(decision.pk).state
    assert (state["done"], state["planned"], state["status"]) == (0, 1, Status.NOT_STARTED)
    planned = decision.follow_ups.get(kind="planned")
    services.follow_up_update_status(
        follow_up=planned, user=None, status=Status.DELAYED, today=TODAY
    )
    assert selectors.decision_detail(decision.pk).state["status"] == Status.DELAYED
    services.follow_up_update_status(follow_up=planned, user=None, status=Status.DONE, today=TODAY)
    state = selectors.decision_detail(decision.pk).state
    assert (state["done"], state["status"]) == (1, Status.DONE)


def test_a_case_without_planned_points_has_no_status(decision):
    FollowUp.objects.filter(kind="planned").delete()
    assert selectors.decision_detail(decision.pk).state["status"] is None
