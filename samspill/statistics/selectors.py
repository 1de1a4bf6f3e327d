"""Reads of the statistics. Totals over time are summed by the database, one query per
view whatever the number of municipalities or school years (benchmarked in bench/)."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy

from samspill.members.models import County, Municipality, Region

from .fields import BREADTH_FIELDS, SUBJECT_FIELDS
from .models import AnnualStatistics, FrameworkPlanAdoption, Source

#: How a participation rate was worked out (see `participation`).
BASIS_LABELS = {
    "6_15": gettext_lazy("per 100 barn 6–15 år"),
    "ssb": gettext_lazy("SSBs andel 6–15 år"),
    "population": gettext_lazy("per 100 innbyggere"),
}
WITH_AGE_POPULATION = Q(pupils_age_6_15__isnull=False, population_6_15__isnull=False)


def _totals():
    """The sums one line of a view over time shows."""
    return {
        "municipalities": Count("id"),
        "with_pupils": Count("id", filter=Q(pupils__isnull=False)),
        "examples": Count("id", filter=Q(source=Source.EXAMPLE)),
        "total_pupils": Sum("pupils"),
        "total_places": Sum("places"),
        "total_waiting": Sum("waiting"),
        "breadth": Sum(sum((F(name) for name in BREADTH_FIELDS[1:]), F(BREADTH_FIELDS[0]))),
        "total_free_places": Sum("free_places"),
        "fte": Sum("full_time_equivalents"),
        "pupils_6_15_known": Sum("pupils_age_6_15", filter=WITH_AGE_POPULATION),
        "population_6_15_known": Sum("population_6_15", filter=WITH_AGE_POPULATION),
        "with_age_population": Count("id", filter=WITH_AGE_POPULATION),
        "pupils_with_population": Sum("pupils", filter=Q(pupils__isnull=False)),
        "population_of_reporting": Sum("municipality__population", filter=Q(pupils__isnull=False)),
        "ssb_share_reported": Count("id", filter=Q(ssb_share_6_15__isnull=False)),
        **{f"total_{name}": Sum(name) for name in SUBJECT_FIELDS},
    }


@dataclass
class YearLine:
    school_year: int
    values: dict

    def __getattr__(self, name):
        values = self.__dict__["values"]
        if name in values:
            return values[name]
        if f"total_{name}" in values:
            return values[f"total_{name}"]
        raise AttributeError(name)

    def get(self, name):
        return getattr(self, name, None)

    @property
    def rate_6_15(self):
        """Pupils aged 6–15 per 100 children aged 6–15, where both are known."""
        pop = self.values.get("population_6_15_known")
        if not pop:
            return None
        return 100 * self.values["pupils_6_15_known"] / pop

    @property
    def rate_population(self):
        """Pupils per 100 inhabitants (population 1 Jan 2024), where pupils are known."""
        pop = self.values.get("population_of_reporting")
        if not pop or self.values.get("pupils_with_population") is None:
            return None
        return 100 * self.values["pupils_with_population"] / pop

    @property
    def waiting_per_100_pupils(self):
        pupils, waiting = self.values.get("total_pupils"), self.values.get("total_waiting")
        if not pupils or waiting is None:
            return None
        return 100 * waiting / pupils


def over_time(queryset):
    """One YearLine per school year with the sums of `queryset` (AnnualStatistics)."""
    rows = queryset.order_by().values("school_year").annotate(**_totals()).order_by("school_year")
    return [YearLine(row.pop("school_year"), row) for row in rows]


def scope(*, county=None, region=None, municipality=None):
    queryset = AnnualStatistics.objects.all()
    if county is not None:
        queryset = queryset.filter(municipality__county=county)
    if region is not None:
        queryset = queryset.filter(municipality__county__regions=region)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    return queryset


def by_county(school_year):
    """The year's sums per county, in county order."""
    rows = (
        AnnualStatistics.objects.filter(school_year=school_year)
        .order_by()
        .values("municipality__county__number", "municipality__county__name")
        .annotate(**_totals())
        .order_by("municipality__county__number")
    )
    return [
        (
            {
                "number": row.pop("municipality__county__number"),
                "name": row.pop("municipality__county__name"),
            },
            YearLine(school_year, row),
        )
        for row in rows
    ]


def latest_year(queryset=None):
    queryset = AnnualStatistics.objects.all() if queryset is None else queryset
    return queryset.order_by("-school_year").values_list("school_year", flat=True).first()


def municipalities_in_year(queryset, school_year):
    """The year's rows of the scope, with their municipality, in number order."""
    return list(
        queryset.filter(school_year=school_year)
        .select_related("municipality")
        .order_by("municipality__number")
    )


def municipality_series(municipality):
    return list(
        AnnualStatistics.objects.filter(municipality=municipality)
        .select_related("arts_school")
        .order_by("school_year")
    )


def subjects_offered(row):
    return sum(1 for name in SUBJECT_FIELDS if (getattr(row, name, None) or 0) > 0)


def participation(row):
    """(rate, basis) for one municipality-year: pupils 6–15 per 100 children 6–15 when
    both are known, else SSB's published share, else pupils per 100 inhabitants."""
    if row.pupils_age_6_15 is not None and row.population_6_15:
        return 100 * row.pupils_age_6_15 / row.population_6_15, "6_15"
    if row.ssb_share_6_15 is not None:
        return float(row.ssb_share_6_15), "ssb"
    if row.pupils is not None and row.municipality.population:
        return 100 * row.pupils / row.municipality.population, "population"
    return None, None


def year_rows(school_year, *, only=None):
    """Every municipality's row of one school year with the municipality and its county
    (one query): what the price study and the comparisons read."""
    queryset = AnnualStatistics.objects.filter(school_year=school_year).select_related(
        "municipality__county"
    )
    if only is not None:
        queryset = queryset.only(
            *only,
            "municipality__number",
            "municipality__name",
            "municipality__population",
            "municipality__county__name",
            "municipality__county__number",
            "school_year",
            "source",
        )
    return list(queryset.order_by("municipality__number"))


def framework_adoptions():
    return list(
        FrameworkPlanAdoption.objects.select_related("municipality__county").order_by(
            "adopted_on", "municipality__number"
        )
    )


def framework_by_year():
    """{year: adoptions that year}, summed in the database."""
    rows = (
        FrameworkPlanAdoption.objects.annotate(year=ExtractYear("adopted_on"))
        .order_by()
        .values("year")
        .annotate(count=Count("id"))
    )
    return {row["year"]: row["count"] for row in rows}


def counties():
    return list(County.objects.order_by("number"))


def regions():
    return list(Region.objects.prefetch_related("counties").order_by("name"))


def municipality_counts_by_county():
    return dict(
        Municipality.objects.order_by()
        .values("county_id")
        .annotate(count=Count("id"))
        .values_list("county_id", "count")
    )


def has_examples(queryset=None):
    queryset = AnnualStatistics.objects.all() if queryset is None else queryset
    return queryset.filter(source=Source.EXAMPLE).exists()


def years_with_fees():
    return list(
        AnnualStatistics.objects.filter(yearly_fee__isnull=False)
        .order_by("school_year")
        .values_list("school_year", flat=True)
        .distinct()
    )


def similar_municipalities(municipality, rows, count=10):
    """The `count` municipalities closest in population (by ratio) among `rows` (one year's
    AnnualStatistics with municipality), not counting the municipality itself."""
    import math

    population = max(municipality.population, 1)
    others = [r for r in rows if r.municipality_id != municipality.pk]
    others.sort(key=lambda r: abs(math.log(max(r.municipality.population, 1) / population)))
    return sorted(others[:count], key=lambda r: -r.municipality.population)


def municipality_summary(municipality, user):
    """The municipality page's statistics box: the latest year's figures and the medians
    of the ten municipalities closest in size. None for those who do not read statistics."""
    from statistics import median

    from .permissions import can_view_statistics

    if not can_view_statistics(user):
        return None
    row = (
        AnnualStatistics.objects.filter(municipality=municipality)
        .select_related("municipality")
        .order_by("-school_year")
        .first()
    )
    summary = {
        "row": row,
        "adoption": FrameworkPlanAdoption.objects.filter(municipality=municipality).first(),
    }
    if row is None:
        return summary
    rate, basis = participation(row)
    similar = similar_municipalities(municipality, year_rows(row.school_year))
    rates = [r for r, b in (participation(s) for s in similar) if r is not None and b == basis]
    fees = [s.yearly_fee for s in similar if s.yearly_fee is not None]
    summary.update(
        rate=rate,
        basis_label=BASIS_LABELS.get(basis, ""),
        median=median(rates) if rates else None,
        fee_median=median(fees) if fees else None,
    )
    return summary
