"""The demo's statistics: SSB's real figures for Vestfold and Telemark, labelled example
data for everyone else, Rammeplan adoptions at different dates, and a second load that
changes nothing."""

import tomllib

import pytest
from django.conf import settings

from samspill.statistics import demo
from samspill.statistics.models import AnnualStatistics, FrameworkPlanAdoption, Source

pytestmark = pytest.mark.django_db


def config():
    with open(settings.BASE_DIR / "demo" / "statistics.toml", "rb") as handle:
        return tomllib.load(handle)


def test_the_demo_has_real_figures_for_vestfold_and_telemark_and_examples_elsewhere():
    demo.load(config())

    real = AnnualStatistics.objects.filter(municipality__county__number__in=["39", "40"])
    assert real.count() == 63
    assert set(real.values_list("source", flat=True)) == {Source.IMPORT}
    examples = AnnualStatistics.objects.examples()
    assert examples.count() == (357 - 23) * 10
    assert not examples.filter(municipality__county__number__in=["39", "40"]).exists()
    assert all(
        "eksempeldata" in note.lower()
        for note in examples.values_list("source_note", flat=True).distinct()
    )
    dates = FrameworkPlanAdoption.objects.values_list("adopted_on__year", flat=True)
    assert 100 < len(dates) < 190 and len(set(dates)) > 5

    counts = (AnnualStatistics.objects.count(), FrameworkPlanAdoption.objects.count())
    demo.load(config())
    assert (AnnualStatistics.objects.count(), FrameworkPlanAdoption.objects.count()) == counts


def test_the_generated_data_is_the_same_every_time(reference_data):
    from samspill.members.models import Municipality

    municipalities = list(Municipality.objects.order_by("number")[:5])
    first = [r.pupils for r in demo.generate(municipalities, range(2020, 2023), seed=7)]
    again = [r.pupils for r in demo.generate(municipalities, range(2020, 2023), seed=7)]
    assert first == again
