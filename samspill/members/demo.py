"""Builds the members part of the demo from demo/members.toml. Re-running changes nothing."""

from django.db import transaction

from samspill.accounts.models import User

from .models import (
    ArtsSchool,
    County,
    DevelopmentArea,
    Municipality,
    Organisation,
    Person,
    Position,
    Region,
    StaffUnit,
    StaffUnitMembership,
)


def _save_if_changed(obj, **values):
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if obj.pk is None or changed:
        obj.full_clean()
        obj.save()
    return obj


def _get_or_new(model, **lookup):
    return model.objects.filter(**lookup).first() or model(**lookup)


def _set_m2m(manager, objects):
    if set(manager.all()) != set(objects):
        manager.set(objects)


@transaction.atomic
def load(data, *, password):
    organisations = {}
    for row in data["organisations"]:
        org = _get_or_new(Organisation, name=row["name"])
        organisations[row["name"]] = _save_if_changed(
            org,
            short_name=row.get("short_name", ""),
            kind=row["kind"],
            website=row.get("website", ""),
            description=row.get("description", ""),
        )

    counties = {c.number: c for c in County.objects.all()}
    municipalities = {m.number: m for m in Municipality.objects.all()}
    regions = {}
    for row in data["regions"]:
        region = _save_if_changed(_get_or_new(Region, slug=row["slug"]), name=row["name"])
        _set_m2m(region.counties, [counties[n] for n in row["counties"]])
        regions[row["slug"]] = region

    for row in data["development_areas"]:
        area = _get_or_new(
            DevelopmentArea, region=regions[row["region"]], period_start=row["period_start"]
        )
        _save_if_changed(
            area,
            title=row["title"],
            description=row.get("description", ""),
            period_end=row.get("period_end"),
        )

    for number in data["member_municipalities"]:
        _save_if_changed(municipalities[number], is_member=True, member_since=data["member_since"])

    units = {}
    for row in data["staff_units"]:
        unit = _get_or_new(StaffUnit, slug=row["slug"])
        units[row["slug"]] = _save_if_changed(
            unit,
            name=row["name"],
            kind=row["kind"],
            description=row.get("description", ""),
            sort_order=row.get("sort_order", 0),
        )

    people = {}
    for row in data["people"]:
        lookup = (
            {"email": row["email"]}
            if row.get("email")
            else {"first_name": row["first_name"], "last_name": row["last_name"], "email": ""}
        )
        person = _save_if_changed(
            _get_or_new(Person, **lookup),
            first_name=row["first_name"],
            last_name=row["last_name"],
            organisation=organisations.get(row.get("organisation")),
            municipality=municipalities.get(row.get("municipality")),
        )
        people[row["key"]] = person
        for position in row.get("positions", []):
            Position.objects.get_or_create(
                person=person,
                title=position["title"],
                organisation=organisations.get(position.get("organisation")),
                municipality=municipalities.get(position.get("municipality")),
            )
        for membership in row.get("units", []):
            staff = _save_if_changed(
                _get_or_new(StaffUnitMembership, unit=units[membership["unit"]], person=person),
                is_leader=membership.get("is_leader", False),
                role_description=membership.get("role", ""),
            )
            _set_m2m(staff.regions, [regions[slug] for slug in membership.get("regions", [])])

    for row in data["arts_schools"]:
        school = _save_if_changed(
            _get_or_new(ArtsSchool, name=row["name"]),
            leader=people.get(row.get("leader")),
            email=row.get("email", ""),
        )
        _set_m2m(school.municipalities, [municipalities[n] for n in row["municipalities"]])

    created_users = []
    for row in data["users"]:
        person = people.get(row.get("person"))
        user = User.objects.filter(email=row["email"]).first()
        is_new = user is None
        if is_new:
            user = User(email=row["email"])
            user.set_password(password)
            created_users.append(user.email)
        superuser = row.get("superuser", False)
        _save_if_changed(
            user,
            first_name=row.get("first_name", person.first_name if person else ""),
            last_name=row.get("last_name", person.last_name if person else ""),
            role=row["role"],
            municipality=municipalities.get(row.get("municipality")),
            organisation=organisations.get(row.get("organisation")),
            person=person,
            is_staff=superuser,
            is_superuser=superuser,
        )
    return created_users
