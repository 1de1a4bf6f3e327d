"""The statistics part of the demo (demo/statistics.toml):

* the real SSB/KOSTRA figures for the municipalities of Vestfold and Telemark
  (data/kulturskole_vestfold_telemark_ssb.csv), imported with the importer itself;
* for every other municipality a generated example data set, clearly labelled as such
  (source "example"), deterministic from a seed and in plausible ranges, so that every
  view has national coverage;
* Rammeplan adoptions at different dates for part of the municipalities (also example).

Generated rows are made with bulk_create; a second load changes nothing."""

import math
import random
from datetime import date
from pathlib import Path

from django.db import transaction

from samspill.members.models import Municipality

from . import importing, services
from .models import AnnualStatistics, FrameworkPlanAdoption, Source

DATA_DIR = Path(__file__).resolve().parent / "data"
SSB_FILE = DATA_DIR / "kulturskole_vestfold_telemark_ssb.csv"


def import_ssb_file(path=SSB_FILE):
    content = Path(path).read_bytes()
    table = importing.read_table(content, path.name)
    return services.import_table(
        table=table,
        mapping=importing.guess_mapping(table.headers),
        dry_run=False,
        source_note=f"SSB/KOSTRA, {path.name}",
    )


def _clamp(value, low, high):
    return max(low, min(high, value))


def generate(municipalities, years, *, seed):
    """Example AnnualStatistics (unsaved) for each municipality and school year.

    The figures follow the broad patterns of the real statistics: small municipalities
    reach a larger share of their children, most pupils take music, about 60 % are
    girls, fees rise a few per cent a year, and a higher fee goes with a slightly lower
    share (so that the price study has something to find – in example data only)."""
    rng = random.Random(seed)
    rows = []
    first_year = min(years)
    for municipality in municipalities:
        population = max(municipality.population, 200)
        children = round(population * rng.uniform(0.105, 0.14))
        small = 1 / (1 + math.log10(population / 1000 + 1))
        fee0 = rng.choice(range(1800, 4600, 50))
        share0 = _clamp(rng.gauss(0.10 + 0.22 * small, 0.04) - (fee0 - 3000) / 40000, 0.03, 0.6)
        sami = bool(municipality.parallel_names)
        has_theatre = population > 4000 or rng.random() < 0.4
        has_dance = population > 3000 or rng.random() < 0.5
        has_visual = population > 2000 or rng.random() < 0.6
        discount = rng.choice([0, 25, 30, 50])
        for year in years:
            trend = 1 + 0.004 * (year - first_year) + rng.gauss(0, 0.03)
            fee = round(fee0 * (1.03 ** (year - first_year)) / 50) * 50
            share = _clamp(share0 * trend, 0.02, 0.7)
            pupils_6_15 = round(children * share)
            pupils = max(round(pupils_6_15 / rng.uniform(0.72, 0.85)), 1)
            age_0_5 = round(pupils * rng.uniform(0.02, 0.06))
            age_16_19 = round(pupils * rng.uniform(0.08, 0.15))
            age_20 = max(pupils - pupils_6_15 - age_0_5 - age_16_19, 0)
            girls = round(pupils * rng.uniform(0.55, 0.66))
            music = round(pupils * rng.uniform(0.5, 0.7))
            visual = round(pupils * rng.uniform(0.08, 0.18)) if has_visual else 0
            theatre = round(pupils * rng.uniform(0.04, 0.1)) if has_theatre else 0
            dance = round(pupils * rng.uniform(0.06, 0.15)) if has_dance else 0
            sami_pupils = round(pupils * rng.uniform(0.02, 0.08)) if sami else 0
            other = round(pupils * rng.uniform(0.0, 0.08))
            places = max(music + visual + theatre + dance + sami_pupils + other, pupils)
            waiting = round(pupils * _clamp(rng.gauss(0.18, 0.12), 0, 0.9))
            fte = round(pupils / rng.uniform(28, 45), 2)
            rows.append(
                AnnualStatistics(
                    municipality=municipality,
                    school_year=year,
                    pupils=pupils,
                    pupils_music=music,
                    pupils_visual_arts=visual,
                    pupils_theatre=theatre,
                    pupils_dance=dance,
                    pupils_sami=sami_pupils,
                    pupils_other=other,
                    waiting=waiting,
                    waiting_music=round(waiting * 0.6),
                    waiting_visual_arts=round(waiting * 0.15),
                    waiting_theatre=round(waiting * 0.1),
                    waiting_dance=waiting
                    - round(waiting * 0.6)
                    - round(waiting * 0.15)
                    - round(waiting * 0.1),
                    waiting_sami=0,
                    waiting_other=0,
                    pupils_age_0_5=age_0_5,
                    pupils_age_6_15=pupils_6_15,
                    pupils_age_16_19=age_16_19,
                    pupils_age_20_plus=age_20,
                    pupils_girls=girls,
                    pupils_boys=pupils - girls,
                    places=places,
                    pupils_other_municipalities=round(pupils * rng.uniform(0, 0.05)),
                    course_participants=round(pupils * rng.uniform(0, 0.3)),
                    teaching_hours=round(fte * rng.uniform(18, 24)),
                    full_time_equivalents=fte,
                    population_6_15=children,
                    breadth_kulturkarusell=round(children * rng.uniform(0, 0.08)),
                    breadth_sfo=round(children * rng.uniform(0, 0.1)),
                    breadth_school=round(children * rng.uniform(0, 0.2)),
                    breadth_other=round(children * rng.uniform(0, 0.03)),
                    yearly_fee=fee,
                    sibling_discount_percent=discount,
                    free_places=round(pupils * rng.uniform(0, 0.04)),
                    cooperates_kindergarten=rng.random() < 0.4,
                    cooperates_sfo=rng.random() < 0.6,
                    cooperates_school=rng.random() < 0.8,
                    source=Source.EXAMPLE,
                    source_note="Generert eksempeldata for demo (ikke ekte statistikk)",
                )
            )
    return rows


def adoptions(municipalities, *, seed, share, first_year, last_year):
    rng = random.Random(seed + 1)
    result = []
    for municipality in municipalities:
        if rng.random() >= share:
            continue
        year = rng.randint(first_year, last_year)
        result.append(
            FrameworkPlanAdoption(
                municipality=municipality,
                adopted_on=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                decision_reference=f"Kommunestyresak {rng.randint(1, 120)}/{year % 100:02d}",
                source=Source.EXAMPLE,
            )
        )
    return result


@transaction.atomic
def load(data, *, password=None):
    config = data["statistics"]
    real_counties = set(config["real_counties"])
    real = AnnualStatistics.objects.filter(municipality__county__number__in=real_counties)
    if not real.exists():
        import_ssb_file()
    if not AnnualStatistics.objects.examples().exists():
        others = Municipality.objects.exclude(county__number__in=real_counties).order_by("number")
        years = range(config["first_school_year"], config["last_school_year"] + 1)
        AnnualStatistics.objects.bulk_create(
            generate(list(others), years, seed=config["seed"]), batch_size=1000
        )
    if not FrameworkPlanAdoption.objects.exists():
        FrameworkPlanAdoption.objects.bulk_create(
            adoptions(
                list(Municipality.objects.order_by("number")),
                seed=config["seed"],
                share=config["framework_plan_share"],
                first_year=config["framework_plan_first_year"],
                last_year=config["framework_plan_last_year"],
            )
        )
    return []
