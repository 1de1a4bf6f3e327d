"""The list pages cost the same number of queries however many records they show (no
N+1): checked by adding records and counting again."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.strategy import services
from samspill.strategy.models import Decision, FollowUp, Goal, Measure

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def add_more(unit, region):
    goal = Goal.objects.first()
    for number in range(5):
        measure = services.measure_save(
            measure=Measure(
                goal=goal,
                level="regional",
                position=10 + number,
                text=f"Ekstra tiltak {number}",
                responsible_region=region,
            )
        )
        services.measure_update_status(measure=measure, user=None, status="in_progress")
    for number in range(3):
        decision = Decision.objects.create(kind="board", case_number=f"9.{number}", title="Sak")
        decision.responsible_units.set([unit])
        for kind in ("done", "planned"):
            FollowUp.objects.create(
                decision=decision,
                kind=kind,
                text="Punkt",
                recorded_on=datetime.date(2025, 1, 1),
                responsible_unit=unit,
            )


@pytest.mark.parametrize(
    "name", ["home", "plan_detail", "decision_list", "unit_detail", "plan_list", "resource_list"]
)
def test_pages_do_not_grow_with_the_records(client, personas, plan, decision, unit, region, name):
    args = {
        "plan_detail": [plan.slug],
        "unit_detail": [unit.slug],
    }.get(name, [])
    url = reverse(f"strategy:{name}", args=args)
    client.force_login(personas.leader)
    before = queries(client, url)
    add_more(unit, region)
    assert queries(client, url) == before


def test_the_case_page_does_not_grow_with_its_points(client, personas, decision, unit):
    client.force_login(personas.leader)
    url = decision.get_absolute_url()
    before = queries(client, url)
    for _ in range(5):
        FollowUp.objects.create(
            decision=decision,
            kind="planned",
            text="Nytt punkt",
            recorded_on=datetime.date(2025, 1, 1),
            responsible_unit=unit,
        )
    assert queries(client, url) == before
