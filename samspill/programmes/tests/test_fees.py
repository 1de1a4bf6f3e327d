import datetime

import pytest
from django.core.exceptions import ValidationError

from samspill.programmes import services
from samspill.programmes.models import EventKind, EventMode

from .builders import add_event, add_physical_gatherings, make_participation

pytestmark = pytest.mark.django_db


def test_fee_splits_in_whole_kroner_with_larger_parts_first():
    assert services.split_fee(20_000, 3) == [6_667, 6_667, 6_666]
    assert sum(services.split_fee(20_001, 7)) == 20_001


def test_each_held_physical_gathering_makes_one_instalment_fall_due(participation_a, personas):
    gatherings = add_physical_gatherings(participation_a.programme)
    for gathering in gatherings:
        services.event_mark_held(
            event=gathering, held_on=gathering.starts_on, actor=personas.adviser
        )
    amounts = list(participation_a.instalments.values_list("number", "amount", "due_on"))
    assert amounts == [
        (1, 6_667, datetime.date(2024, 9, 24)),
        (2, 6_667, datetime.date(2025, 2, 12)),
        (3, 6_666, datetime.date(2025, 9, 11)),
    ]
    assert sum(amount for _, amount, _ in amounts) == participation_a.programme.fee


def test_digital_gathering_makes_nothing_due(participation_a, personas):
    digital = add_event(
        participation_a.programme,
        kind=EventKind.PLENARY_GATHERING,
        title="Fellessamling 2 (digital)",
        mode=EventMode.DIGITAL,
        starts_on=datetime.date(2024, 11, 26),
    )
    assert (
        services.event_mark_held(event=digital, held_on=digital.starts_on, actor=personas.adviser)
        == []
    )
    assert not participation_a.instalments.exists()


def test_terminated_participation_gets_no_further_instalments(
    participation_a, participation_b, personas
):
    first, second, _third = add_physical_gatherings(participation_a.programme)
    services.event_mark_held(event=first, held_on=first.starts_on, actor=personas.adviser)
    services.participation_terminate(
        participation=participation_b,
        reason="Kommunegruppen har ikke møtt på samlingene.",
        terminated_on=datetime.date(2024, 12, 1),
        actor=personas.adviser,
    )
    services.event_mark_held(event=second, held_on=second.starts_on, actor=personas.adviser)
    assert participation_a.instalments.count() == 2
    assert participation_b.instalments.count() == 1
    assert participation_b.history.filter(text__contains="avsluttet").exists()


def test_a_late_joiner_still_pays_exactly_the_fee(programme, personas):
    first, second, third = add_physical_gatherings(programme)
    services.event_mark_held(event=first, held_on=first.starts_on, actor=personas.adviser)
    late = make_participation(programme, personas.municipality_b, actor=personas.adviser)
    for gathering in (second, third):
        services.event_mark_held(
            event=gathering, held_on=gathering.starts_on, actor=personas.adviser
        )
    assert list(late.instalments.values_list("amount", flat=True)) == [10_000, 10_000]


def test_a_gathering_cannot_be_held_twice(participation_a, personas):
    first = add_physical_gatherings(participation_a.programme)[0]
    services.event_mark_held(event=first, held_on=first.starts_on, actor=personas.adviser)
    with pytest.raises(ValidationError):
        services.event_mark_held(event=first, held_on=first.starts_on, actor=personas.adviser)
    assert participation_a.instalments.count() == 1
