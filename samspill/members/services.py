"""Writes to the register. Every function is atomic and validates before it saves."""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from .models import ArtsSchool, County, Municipality, Person, Position, WrittenStandard

DATA_DIR = Path(__file__).resolve().parent / "data"

WRITTEN_STANDARDS = {
    "Bokmål": WrittenStandard.BOKMAL,
    "Nynorsk": WrittenStandard.NYNORSK,
    "Nøytral": WrittenStandard.NEUTRAL,
}


@dataclass(frozen=True)
class ReferenceDataResult:
    counties_created: int
    counties_updated: int
    municipalities_created: int
    municipalities_updated: int


def _read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model, rows, key):
    """Create missing rows and update changed ones; returns (created, updated)."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    to_create, to_update, fields = [], [], set()
    for values in rows:
        obj = existing.get(values[key])
        if obj is None:
            new = model(**values)
            new.full_clean(validate_unique=False, validate_constraints=False)
            to_create.append(new)
            continue
        changed = {name for name, value in values.items() if getattr(obj, name) != value}
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            to_update.append(obj)
            fields |= changed
    model.objects.bulk_create(to_create)
    if to_update:
        model.objects.bulk_update(to_update, sorted(fields))
    return len(to_create), len(to_update)


@transaction.atomic
def load_reference_data(*, data_dir: Path = DATA_DIR) -> ReferenceDataResult:
    """Load the 15 counties and 357 municipalities valid from 2024 (SSB Klass 104/131).

    Idempotent: a second run changes nothing. Membership flags are never touched, since
    they are NKR's own data and not part of the official register.
    """
    county_rows = [
        {
            "number": row["fylkesnummer"],
            "name": row["fylkesnavn"],
            "official_name": row["fylkesnavn_offisielt"],
            "population": int(row["folkemengde_2024_01_01"]),
        }
        for row in _read_csv(data_dir / "fylker_2024.csv")
    ]
    counties_created, counties_updated = _upsert(County, county_rows, "number")
    county_by_number = {c.number: c for c in County.objects.all()}

    municipality_rows = []
    for row in _read_csv(data_dir / "kommuner_2024.csv"):
        municipality_rows.append(
            {
                "number": row["kommunenummer"],
                "name": row["kommunenavn_norsk"],
                "official_name": row["kommunenavn"],
                "parallel_names": row["parallelle_navn"],
                "county": county_by_number[row["fylkesnummer"]],
                "administrative_centre": row["administrasjonssenter"],
                "written_standard": WRITTEN_STANDARDS.get(row["maalform"], ""),
                "area_km2": Decimal(row["areal_km2"]).quantize(Decimal("0.01")),
                "population": int(row["folkemengde_2024_01_01"]),
            }
        )
    municipalities_created, municipalities_updated = _upsert(
        Municipality, municipality_rows, "number"
    )
    return ReferenceDataResult(
        counties_created, counties_updated, municipalities_created, municipalities_updated
    )


@transaction.atomic
def arts_school_save(
    *, municipality: Municipality, arts_school: ArtsSchool | None = None, **fields
) -> ArtsSchool:
    """Create or update the arts school serving a municipality."""
    arts_school = arts_school or ArtsSchool()
    for name, value in fields.items():
        setattr(arts_school, name, value)
    arts_school.full_clean()
    arts_school.save()
    arts_school.municipalities.add(municipality)
    return arts_school


@transaction.atomic
def person_save(
    *,
    municipality: Municipality,
    first_name: str,
    last_name: str,
    title: str,
    email: str = "",
    phone: str = "",
    person: Person | None = None,
) -> Person:
    """Create or update a person in a municipality together with their position there."""
    person = person or Person(municipality=municipality)
    person.first_name = first_name.strip()
    person.last_name = last_name.strip()
    person.email = email.strip().lower()
    person.phone = phone.strip()
    if person.municipality_id is None:
        person.municipality = municipality
    person.full_clean()
    person.save()
    position = person.positions.filter(municipality=municipality).first() or Position(
        person=person, municipality=municipality
    )
    position.title = title.strip()
    position.full_clean()
    position.save()
    return person
