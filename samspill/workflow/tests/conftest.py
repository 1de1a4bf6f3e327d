"""One small world across the areas, built through the areas' own services: a programme
with Sogndal (municipality A) and Luster (B), deadlines in both development plans, a
granted application with a report due in each municipality, an open grant call, and an
agreement meeting with an action item owned by the leader. Today is 10.09.2024."""

import datetime

import pytest
import time_machine

from samspill.agreements import services as agreement_services
from samspill.agreements.tests.builders import add_meeting, make_agreement
from samspill.grants.models import Call, GrantApplication, Scheme
from samspill.members.models import Person
from samspill.programmes import services as programme_services
from samspill.programmes.models import EventKind, EventMode, Phase
from samspill.programmes.tests.builders import add_event, make_participation, make_programme

D = datetime.date
TODAY = D(2024, 9, 10)


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2024, 9, 10, 8, 0, tzinfo=datetime.UTC), tick=False):
        yield TODAY


def _entry(participation, title, due_on, owner=None):
    plan = programme_services.plan_ensure(participation=participation)
    return programme_services.plan_entry_save(
        plan=plan,
        cycle=1,
        phase=Phase.IDENTIFY_NEEDS,
        title=title,
        entry_date=D(2024, 8, 20),
        due_on=due_on,
        owner=owner,
    )


def _granted(call, municipality, title, report_due_on):
    return GrantApplication.objects.create(
        call=call,
        municipality=municipality,
        status="granted",
        project_title=title,
        amount_applied=100_000,
        amount_granted=80_000,
        report_due_on=report_due_on,
    )


def build_world(personas, today):
    """The world with its dates relative to `today` (the tests' 10.09.2024 gives the dates
    in the comments), so that the browser tests can build it around the real today."""

    def day(offset):
        return today + datetime.timedelta(days=offset)

    programme = make_programme(period_start=day(-40), period_end=day(293))  # 01.08.2024
    a = make_participation(
        programme, personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )
    b = make_participation(
        programme, personas.municipality_b, actor=personas.adviser, adviser=personas.adviser
    )
    gathering = add_event(
        programme,
        kind=EventKind.PLENARY_GATHERING,
        title="Fellessamling 1 (fysisk)",
        mode=EventMode.PHYSICAL,
        starts_on=day(14),  # 24.09.2024
        ends_on=day(15),
        place="Trondheim",
    )
    coordinator_meeting = add_event(
        programme,
        kind=EventKind.COORDINATOR_MEETING,
        title="Koordinatorsamling (digital)",
        mode=EventMode.DIGITAL,
        starts_on=day(35),  # 15.10.2024
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
    )
    entries = {
        "a_soon": _entry(a, "Kartlegge behovene i Sogndal", day(6)),  # 16.09.2024
        "a_overdue": _entry(a, "Intervjue skoleeier i Sogndal", day(-8)),  # 02.09.2024
        "b_soon": _entry(b, "Kartlegge behovene i Luster", day(6)),
    }
    scheme = Scheme.objects.create(
        name="Inkluderende kulturskoler", slug="inkluderende", kind="grant", total_budget=900_000
    )
    call = Call.objects.create(
        scheme=scheme,
        slug="inkluderende-2024",
        title=f"Inkluderende kulturskoler {today.year}",
        year=today.year,
        opens_on=day(-8),  # 02.09.2024
        closes_on=day(21),  # 01.10.2024
    )
    reports = {
        "a": _granted(call, personas.municipality_a, "Kulturskole for alle i Sogndal", day(-5)),
        "b": _granted(call, personas.municipality_b, "Kulturskole for alle i Luster", day(-5)),
    }
    agreement = make_agreement(personas.partner_organisation, period_end=day(720))
    leader_person = Person.objects.create(first_name="Lise", last_name="Leder")
    personas.leader.person = leader_person
    personas.leader.save(update_fields=["person"])
    meeting = add_meeting(agreement, day(8), title="Samarbeidsmøte høsten 2024", held=False)
    action_item = agreement_services.action_item_save(
        meeting=meeting,
        text="Sende invitasjon til kommunene",
        owner=leader_person,
        due_on=day(2),  # 12.09.2024
    )
    return {
        "programme": programme,
        "a": a,
        "b": b,
        "gathering": gathering,
        "coordinator_meeting": coordinator_meeting,
        "entries": entries,
        "call": call,
        "reports": reports,
        "agreement": agreement,
        "meeting": meeting,
        "action_item": action_item,
    }


@pytest.fixture
def world(personas, today):
    return build_world(personas, today)
