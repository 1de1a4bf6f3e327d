"""The strategy demo holds seed 003's plan complete and seed 004's cases, and loading it
twice changes nothing."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from samspill.strategy.models import Decision, Goal, Measure, Plan, StrategyArea, TraceLink

pytestmark = pytest.mark.django_db


def _snapshot():
    models = apps.get_app_config("strategy").get_models()
    return {m._meta.label: serializers.serialize("json", m.objects.order_by("pk")) for m in models}


def test_the_demo_holds_seed_003s_plan_complete(strategy_demo_data):
    plan = Plan.objects.get()
    assert plan.title == "Virksomhetsplan 2013–14"
    areas = list(StrategyArea.objects.values_list("number", "title"))
    assert areas == [
        (1, "Kulturskolen i samfunnet"),
        (2, "Kunst- og kulturfaglig utvikling"),
        (3, "Kompetanse- og organisasjonsutvikling"),
    ]
    goals_per_area = [StrategyArea.objects.get(number=n).goals.count() for n in (1, 2, 3)]
    assert goals_per_area == [4, 3, 3]
    counts = {
        (goal.code, level): goal.measures.filter(level=level).count()
        for goal in Goal.objects.select_related("area")
        for level in ("national", "regional")
    }
    assert counts[("1.1", "national")] == 5
    assert counts[("1.1", "regional")] == 4
    assert counts[("2.1", "national")] == 7
    assert counts[("3.2", "regional")] == 1
    assert Measure.objects.count() == 42
    assert Measure.objects.filter(
        text__startswith="Innen landsmøte 2014 samle erfaring med modeller for talentutvikling"
    ).exists()


def test_the_demo_holds_seed_004s_priorities_and_decisions(strategy_demo_data):
    assert Decision.objects.filter(kind="priority").count() == 7
    numbers = Decision.objects.exclude(case_number="").values_list("case_number", flat=True)
    assert sorted(numbers) == ["5.11", "5.12", "5.13", "5.14", "5.6"]
    rammeplan = Decision.objects.get(case_number="5.6")
    assert rammeplan.parts.count() == 2
    assert rammeplan.additional_decisions.count() == 2
    lederstotte = Decision.objects.get(case_number="5.12").responsible_units.get()
    assert lederstotte.name == "Lederstøtte"


def test_loading_the_demo_twice_changes_nothing(settings):
    settings.DEBUG = True
    call_command("load_demo")
    first = _snapshot()
    assert TraceLink.objects.count() == 3  # a seminar point, a programme and a project
    call_command("load_demo")
    assert _snapshot() == first
