"""The price study of Landsting decision 5.13: how the yearly fee for the standard offer
relates to participation, the number of subjects offered and the waiting lists, by
municipality size.

Correlations are Pearson's r with a 95 % confidence interval from Fisher's z
transformation (r → atanh r, standard error 1/√(n−3)). A correlation describes how two
figures vary together across municipalities; it does not show that the price causes the
difference, since size, geography, economy and the offer itself vary with both."""

import math
from dataclasses import dataclass, field
from statistics import median

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors

Z_95 = 1.959964

#: (lower bound, label): fee bands in kroner per year.
PRICE_BANDS = [
    (0, gettext_lazy("under 2 500 kr")),
    (2500, gettext_lazy("2 500–3 499 kr")),
    (3500, gettext_lazy("3 500–4 499 kr")),
    (4500, gettext_lazy("4 500 kr og mer")),
]
#: (lower bound, label): municipality size by population 1 Jan 2024.
SIZE_GROUPS = [
    (0, gettext_lazy("under 5 000 innbyggere")),
    (5000, gettext_lazy("5 000–19 999 innbyggere")),
    (20000, gettext_lazy("20 000–49 999 innbyggere")),
    (50000, gettext_lazy("50 000 innbyggere og mer")),
]
OUTCOMES = [
    ("participation", gettext_lazy("Deltakelse (elever per 100 barn 6–15 år)")),
    ("subjects", gettext_lazy("Fag i tilbudet (av seks)")),
    ("waiting", gettext_lazy("Venteliste per 100 elever")),
]


def band_index(value, bands):
    index = 0
    for number, (lower, _label) in enumerate(bands):
        if value >= lower:
            index = number
    return index


def pearson(xs, ys):
    n = len(xs)
    if n < 3:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


@dataclass
class Correlation:
    n: int
    r: float | None
    low: float | None = None
    high: float | None = None

    @property
    def reading(self):
        """A plain-language reading of r and its interval."""
        if self.r is None:
            return _("For få kommuner til å regne ut en sammenheng.")
        if self.low is not None and self.low <= 0 <= self.high:
            return _("Ingen sikker sammenheng: intervallet går over null.")
        strength = abs(self.r)
        if strength < 0.1:
            word = _("svært svak")
        elif strength < 0.3:
            word = _("svak")
        elif strength < 0.5:
            word = _("moderat")
        else:
            word = _("sterk")
        direction = _("negativ") if self.r < 0 else _("positiv")
        return _("%(strength)s %(direction)s sammenheng") % {
            "strength": word.capitalize(),
            "direction": direction,
        }


def fisher_interval(r, n):
    """The 95 % confidence interval of a correlation r from n pairs (Fisher's z)."""
    if n <= 3 or abs(r) >= 1:
        return None, None
    z, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return math.tanh(z - Z_95 * se), math.tanh(z + Z_95 * se)


def correlation(xs, ys):
    r = pearson(xs, ys)
    n = len(xs)
    if r is None:
        return Correlation(n, None)
    return Correlation(n, r, *fisher_interval(r, n))


@dataclass
class Point:
    municipality: object
    county: str
    fee: int
    participation: float | None
    basis: str | None
    subjects: int
    waiting: float | None
    size_group: int
    band: int
    is_example: bool


@dataclass
class Band:
    label: str
    count: int = 0
    participation: float | None = None
    subjects: float | None = None
    waiting: float | None = None
    municipalities: list = field(default_factory=list)


@dataclass
class Study:
    school_year: int | None
    points: list
    bands: list
    correlations: list  # [(outcome label, [(size label, Correlation)], all Correlation)]
    years: list
    without_fee: int
    examples: int
    basis_counts: dict


FIELDS = [
    "yearly_fee",
    "pupils",
    "pupils_age_6_15",
    "population_6_15",
    "ssb_share_6_15",
    "waiting",
    *("pupils_music", "pupils_visual_arts", "pupils_theatre", "pupils_dance"),
    *("pupils_sami", "pupils_other"),
]


def build(school_year=None):
    """The study for one school year (default: the latest year with fees)."""
    years = selectors.years_with_fees()
    if school_year is None or school_year not in years:
        school_year = years[-1] if years else None
    if school_year is None:
        return Study(None, [], [], [], years, 0, 0, {})
    rows = selectors.year_rows(school_year, only=FIELDS)
    points, without_fee = [], 0
    for row in rows:
        if row.yearly_fee is None:
            without_fee += 1
            continue
        rate, basis = selectors.participation(row)
        waiting = 100 * row.waiting / row.pupils if row.pupils and row.waiting is not None else None
        points.append(
            Point(
                municipality=row.municipality,
                county=row.municipality.county.name,
                fee=row.yearly_fee,
                participation=rate if basis in ("6_15", "ssb") else None,
                basis=basis,
                subjects=selectors.subjects_offered(row),
                waiting=waiting,
                size_group=band_index(row.municipality.population, SIZE_GROUPS),
                band=band_index(row.yearly_fee, PRICE_BANDS),
                is_example=row.source == "example",
            )
        )
    bands = []
    for index, (_lower, label) in enumerate(PRICE_BANDS):
        members = [p for p in points if p.band == index]
        band = Band(str(label), len(members))
        for name in ("participation", "subjects", "waiting"):
            values = [getattr(p, name) for p in members if getattr(p, name) is not None]
            setattr(band, name, median(values) if values else None)
        bands.append(band)
    correlations = []
    for name, label in OUTCOMES:
        per_size = []
        for index, (_lower, size_label) in enumerate(SIZE_GROUPS):
            pairs = [
                (p.fee, getattr(p, name))
                for p in points
                if p.size_group == index and getattr(p, name) is not None
            ]
            per_size.append((str(size_label), correlation(*_unzip(pairs))))
        pairs = [(p.fee, getattr(p, name)) for p in points if getattr(p, name) is not None]
        correlations.append((str(label), name, per_size, correlation(*_unzip(pairs))))
    basis_counts = {}
    for point in points:
        basis_counts[point.basis] = basis_counts.get(point.basis, 0) + 1
    return Study(
        school_year=school_year,
        points=points,
        bands=bands,
        correlations=correlations,
        years=years,
        without_fee=without_fee,
        examples=sum(1 for p in points if p.is_example),
        basis_counts=basis_counts,
    )


def _unzip(pairs):
    return [p[0] for p in pairs], [p[1] for p in pairs]
