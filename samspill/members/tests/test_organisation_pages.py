import pytest
from django.urls import reverse

from samspill.members.models import Person, Region, StaffUnit, StaffUnitKind, StaffUnitMembership

pytestmark = pytest.mark.django_db


def test_staff_units_page_groups_units_with_their_members(client, personas):
    unit = StaffUnit.objects.create(
        name="Tradisjonskultur", slug="tradisjonskultur", kind=StaffUnitKind.COMPETENCE_COMMUNITY
    )
    person = Person.objects.create(first_name="Nora", last_name="Nordhei")
    membership = StaffUnitMembership.objects.create(unit=unit, person=person)
    region = Region.objects.create(name="Troms", slug="troms")
    membership.regions.add(region)

    client.force_login(personas.coordinator_a)
    html = client.get(reverse("members:staff_unit_list")).content.decode()
    assert "Kompetansefellesskap" in html
    assert "Tradisjonskultur" in html
    detail = client.get(unit.get_absolute_url()).content.decode()
    assert "Nora Nordhei" in detail
    assert "Troms" in detail


def test_region_page_lists_its_municipalities_and_development_area(client, personas):
    region = Region.objects.create(name="Vestland", slug="vestland")
    region.counties.add(personas.municipality_a.county)
    region.development_areas.create(
        title="Kulturskolen som utviklingsaktør", period_start="2024-06-01"
    )
    client.force_login(personas.board_member)
    html = client.get(region.get_absolute_url()).content.decode()
    assert "Kulturskolen som utviklingsaktør" in html
    assert "4640 Sogndal" in html
    municipality_page = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert "Kulturskolen som utviklingsaktør" in municipality_page
