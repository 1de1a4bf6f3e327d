"""Reads of the register, with the joins each page needs done up front."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .models import (
    ArtsSchool,
    County,
    Municipality,
    Organisation,
    Person,
    Position,
    Region,
    StaffUnit,
    StaffUnitMembership,
)

MUNICIPALITY_SORTS = {
    "number": ["number"],
    "-number": ["-number"],
    "name": ["name", "number"],
    "-name": ["-name", "number"],
    "population": ["population", "number"],
    "-population": ["-population", "number"],
    "county": ["county__number", "name"],
    "-county": ["-county__number", "name"],
}


@dataclass(frozen=True)
class MunicipalityFilter:
    text: str = ""
    county: str = ""
    region: str = ""
    membership: str = ""  # "member", "non_member" or ""
    sort: str = "number"


def municipality_list(filters: MunicipalityFilter):
    municipalities = Municipality.objects.select_related("county").search(filters.text)
    if filters.county:
        municipalities = municipalities.filter(county__number=filters.county)
    if filters.region:
        municipalities = municipalities.filter(county__regions__slug=filters.region)
    if filters.membership == "member":
        municipalities = municipalities.filter(is_member=True)
    elif filters.membership == "non_member":
        municipalities = municipalities.filter(is_member=False)
    order = MUNICIPALITY_SORTS.get(filters.sort, MUNICIPALITY_SORTS["number"])
    return municipalities.prefetch_related("county__regions").order_by(*order).distinct()


def municipality_detail(number):
    return (
        Municipality.objects.select_related("county")
        .prefetch_related(
            "county__regions__development_areas",
            Prefetch(
                "arts_schools",
                queryset=ArtsSchool.objects.select_related("leader").prefetch_related(
                    "municipalities"
                ),
            ),
        )
        .get(number=number)
    )


def municipality_people(municipality):
    return (
        Person.objects.filter(
            Q(municipality=municipality) | Q(positions__municipality=municipality)
        )
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.filter(municipality=municipality))
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def counties():
    return County.objects.order_by("number")


def regions():
    return Region.objects.prefetch_related("counties", "development_areas").annotate(
        municipality_count=Count("counties__municipalities", distinct=True)
    )


def region_detail(slug):
    return Region.objects.prefetch_related(
        "counties",
        "development_areas",
        Prefetch(
            "staff_memberships",
            queryset=StaffUnitMembership.objects.select_related("person", "unit"),
        ),
    ).get(slug=slug)


def organisation_list():
    return Organisation.objects.annotate(people_count=Count("people", distinct=True))


def organisation_detail(pk):
    return Organisation.objects.prefetch_related(
        Prefetch("people", queryset=Person.objects.prefetch_related("positions"))
    ).get(pk=pk)


def person_list(text=""):
    people = Person.objects.select_related("municipality", "organisation").prefetch_related(
        "positions__municipality", "positions__organisation", "staff_memberships__unit"
    )
    text = text.strip()
    if text:
        people = people.filter(
            Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
            | Q(email__icontains=text)
            | Q(positions__title__icontains=text)
        ).distinct()
    return people


def person_detail(pk):
    return (
        Person.objects.select_related("municipality", "organisation")
        .prefetch_related(
            "positions__municipality",
            "positions__organisation",
            Prefetch(
                "staff_memberships",
                queryset=StaffUnitMembership.objects.select_related("unit").prefetch_related(
                    "regions"
                ),
            ),
        )
        .get(pk=pk)
    )


def staff_units():
    return StaffUnit.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=StaffUnitMembership.objects.select_related("person").prefetch_related(
                "regions"
            ),
        )
    )


def start_page_for(user):
    """What the start page shows this person: their municipality, organisation, or NKR."""
    context = {"today": timezone.localdate()}
    if user.municipality_id:
        context["own_municipality"] = Municipality.objects.select_related("county").get(
            pk=user.municipality_id
        )
    if user.organisation_id:
        context["own_organisation"] = Organisation.objects.get(pk=user.organisation_id)
    if user.is_nkr:
        context["register_counts"] = {
            "municipalities": Municipality.objects.count(),
            "members": Municipality.objects.members().count(),
            "counties": County.objects.count(),
            "regions": Region.objects.count(),
            "organisations": Organisation.objects.count(),
            "people": Person.objects.count(),
        }
    return context
