import datetime
import tomllib

import pytest

from samspill.core.demo import DEMO_DIR
from samspill.members import demo as members_demo
from samspill.members.models import Region, StaffUnit, StaffUnitKind
from samspill.strategy import demo as strategy_demo
from samspill.strategy import services
from samspill.strategy.models import Decision, FollowUp, Goal, Measure, Plan, StrategyArea


def _toml(name):
    with open(DEMO_DIR / name, "rb") as handle:
        return tomllib.load(handle)


@pytest.fixture
def strategy_demo_data(reference_data):
    """The members demo (staff units, regions) and the strategy demo from seeds 003/004."""
    members_demo.load(_toml("members.toml"), password="demo-passord-123")
    strategy_demo.load(_toml("strategy.toml"))


@pytest.fixture
def unit(db):
    return StaffUnit.objects.create(
        name="Lederstøtte", slug="lederstotte", kind=StaffUnitKind.COMPETENCE_COMMUNITY
    )


@pytest.fixture
def region(db):
    return Region.objects.create(name="Vestland", slug="vestland")


@pytest.fixture
def plan(db):
    """Two areas; area 1 with goals 1.1 (two measures) and 1.2 (none); area 2 with 2.1."""
    plan = Plan.objects.create(
        title="Virksomhetsplan 2025",
        slug="vp-2025",
        kind="operational_plan",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    area1 = StrategyArea.objects.create(plan=plan, number=1, title="Kulturskolen i samfunnet")
    area2 = StrategyArea.objects.create(plan=plan, number=2, title="Kunstfaglig utvikling")
    g11 = Goal.objects.create(area=area1, number=1, text="å utvikle en profil")
    Goal.objects.create(area=area1, number=2, text="å arbeide for en forskrift")
    g21 = Goal.objects.create(area=area2, number=1, text="å ha et helhetlig syn")
    for goal, level, position, text in [
        (g11, "national", 1, "Samhandle med utdanningsfeltet"),
        (g11, "regional", 1, "Støtte kommunene"),
        (g21, "national", 1, "Utarbeide ny rammeplan"),
    ]:
        services.measure_save(measure=Measure(goal=goal, level=level, position=position, text=text))
    return plan


def measure_by_text(text):
    return Measure.objects.get(text=text)


@pytest.fixture
def decision(db, unit):
    decision = Decision.objects.create(
        kind="general_assembly",
        case_number="5.12",
        title="Helhetlig lederutviklingsprogram",
        text="«Norsk kulturskoleråd skal ivareta fokuset på ledelse i kulturskolen.»",
        meeting="Landstinget 2024",
        grant_criterion="education",
    )
    decision.responsible_units.set([unit])
    FollowUp.objects.create(
        decision=decision,
        kind="done",
        position=1,
        text="Kulturskolelederes kompetansebehov er nylig kartlagt.",
        status="done",
        recorded_on=datetime.date(2025, 9, 1),
    )
    FollowUp.objects.create(
        decision=decision,
        kind="planned",
        position=1,
        text="En videre plan for arbeidet vil komme.",
        recorded_on=datetime.date(2025, 9, 1),
        due_on=datetime.date(2026, 3, 1),
    )
    return decision
