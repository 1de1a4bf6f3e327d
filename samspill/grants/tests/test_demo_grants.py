"""The grants demo (issue 9): Drømmestipendet 2026 with about 60 generated nominations
across categories and counties, juries with reviewers, one round scored; the stimulus
schemes of seed 004 with municipal applications in different states."""

import pytest
from django.core.management import call_command

from samspill.grants import selectors
from samspill.grants.models import (
    Call,
    ConflictOfInterest,
    GrantApplication,
    Nomination,
    Scheme,
    Score,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_drommestipendet_2026_has_sixty_example_nominations_in_review(demo):
    call = Call.objects.get(slug="drommestipendet-2026")
    scheme = call.scheme
    assert (scheme.partner.name, scheme.award_count, scheme.amount_per_award) == (
        "Norsk Tipping",
        50,
        30_000,
    )
    assert [c.name for c in scheme.categories.all()] == [
        "Dans",
        "Musikk",
        "Skapende skriving",
        "Teater",
        "Visuell kunst",
        "Sirkus",
        "Annet",
    ]
    nominations = call.nominations.all()
    assert nominations.count() == 60
    assert all(n.is_example and n.status == "submitted" for n in nominations)
    assert all(18 <= n.age_at_reference <= 25 for n in nominations)
    assert len({n.category_id for n in nominations}) == 7
    assert len({n.municipality.county_id for n in nominations}) >= 8
    # Juries with reviewers; round one scored with one declared conflict.
    assert call.juries.filter(kind="allocation").get().members.count() == 3
    assert all(jury.members.count() >= 2 for jury in call.juries.all())
    round_ = call.rounds.get()
    assert round_.nominations.count() == 60
    conflict = ConflictOfInterest.objects.get()
    scored = set(Score.objects.values_list("nomination_id", flat=True))
    assert scored == set(round_.nominations.values_list("pk", flat=True))
    assert not Score.objects.filter(
        nomination=conflict.nomination, reviewer=conflict.reviewer
    ).exists()
    rows, _hidden = selectors.ranking(round_)
    assert rows[0].total >= rows[-1].total


def test_the_stimulus_schemes_have_applications_in_different_states(demo):
    assert set(Scheme.objects.filter(kind="grant").values_list("name", "partner__name")) == {
        ("Inkluderende kulturskoler", "Sparebankstiftelsen DNB"),
        ("Håndverksløftet i kulturskolen", "Sparebankstiftelsen DNB"),
    }
    states = {
        (a.municipality.name, a.status, a.payout_status)
        for a in GrantApplication.objects.select_related("municipality")
    }
    assert states == {
        ("Sogndal", "granted", "paid"),
        ("Trondheim", "granted", "pending"),
        ("Tromsø", "rejected", "not_due"),
        ("Stryn", "submitted", "not_due"),
        ("Luster", "draft", "not_due"),
    }


def test_loading_the_demo_twice_changes_nothing(demo):
    before = (Nomination.objects.count(), Score.objects.count(), GrantApplication.objects.count())
    first_names = list(Nomination.objects.order_by("pk").values_list("first_name", flat=True))
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = (Nomination.objects.count(), Score.objects.count(), GrantApplication.objects.count())
    assert before == after
    assert list(Nomination.objects.order_by("pk").values_list("first_name", flat=True)) == (
        first_names
    )
