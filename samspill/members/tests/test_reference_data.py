import pytest

from samspill.members.models import County, Municipality
from samspill.members.services import load_reference_data

pytestmark = pytest.mark.django_db


def test_register_holds_exactly_the_357_municipalities_and_15_counties_of_2024():
    assert Municipality.objects.count() == 357
    assert County.objects.count() == 15


@pytest.mark.parametrize(
    ("number", "name", "county"),
    [
        ("5001", "Trondheim", "Trøndelag"),
        ("1508", "Ålesund", "Møre og Romsdal"),
        ("1580", "Haram", "Møre og Romsdal"),
        ("5501", "Tromsø", "Troms"),
        ("3301", "Drammen", "Buskerud"),
        ("0301", "Oslo", "Oslo"),
    ],
)
def test_known_municipalities_have_their_2024_number_and_county(number, name, county):
    municipality = Municipality.objects.select_related("county").get(number=number)
    assert municipality.name == name
    assert municipality.county.name == county


def test_parallel_names_and_population_are_kept():
    kautokeino = Municipality.objects.get(name="Kautokeino")
    assert kautokeino.official_name == "Guovdageaidnu - Kautokeino"
    assert "Guovdageaidnu" in kautokeino.parallel_names
    assert Municipality.objects.get(number="0301").population == 717710
    total = sum(Municipality.objects.values_list("population", flat=True))
    assert total == 5550203  # SSB: Norway's population on 1 January 2024


def test_old_2023_numbers_are_gone():
    # Ålesund had 1507 until 2023; Drammen was 3005 in Viken.
    assert not Municipality.objects.filter(number__in=["1507", "3005", "5401"]).exists()


def test_loading_again_changes_nothing_and_keeps_membership():
    oslo = Municipality.objects.get(number="0301")
    oslo.is_member = True
    oslo.save()
    result = load_reference_data()
    assert result.municipalities_created == 0
    assert result.municipalities_updated == 0
    assert result.counties_created == 0
    oslo.refresh_from_db()
    assert oslo.is_member


def test_a_changed_population_is_updated_from_the_official_list():
    Municipality.objects.filter(number="4601").update(population=1)
    result = load_reference_data()
    assert result.municipalities_updated == 1
    assert Municipality.objects.get(number="4601").population == 291940
