import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samspill.members.models import Municipality, Person, Region

pytestmark = pytest.mark.django_db


def _names(response):
    return [m.name for m in response.context["page"].object_list]


def test_list_searches_by_name_and_number(client, personas):
    client.force_login(personas.adviser)
    url = reverse("members:municipality_list")
    assert _names(client.get(url, {"q": "trondheim"})) == ["Trondheim"]
    assert _names(client.get(url, {"q": "1580"})) == ["Haram"]
    assert "Kautokeino" in _names(client.get(url, {"q": "Guovdageaidnu"}))


def test_list_filters_by_county_region_and_membership(client, personas):
    client.force_login(personas.adviser)
    url = reverse("members:municipality_list")
    oslo_county = client.get(url, {"county": "03"})
    assert _names(oslo_county) == ["Oslo"]

    region = Region.objects.create(name="Vestland", slug="vestland")
    region.counties.add(personas.municipality_a.county)
    in_region = client.get(url, {"region": "vestland"}).context["page"].paginator.count
    assert in_region == Municipality.objects.filter(county__number="46").count()

    Municipality.objects.filter(number__in=["4640", "4644"]).update(is_member=True)
    assert _names(client.get(url, {"membership": "member"})) == ["Sogndal", "Luster"]
    non_members = client.get(url, {"membership": "non_member"}).context["page"].paginator
    assert non_members.count == 355


def test_list_sorts_by_population(client, personas):
    client.force_login(personas.adviser)
    url = reverse("members:municipality_list")
    largest = _names(client.get(url, {"sort": "-population"}))[:3]
    assert largest == ["Oslo", "Bergen", "Trondheim"]
    smallest = _names(client.get(url, {"sort": "population"}))[0]
    assert smallest == "Utsira"


def test_htmx_request_gets_only_the_results_fragment(client, personas):
    client.force_login(personas.adviser)
    response = client.get(
        reverse("members:municipality_list"), {"q": "Bergen"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="results"' in html
    assert "<html" not in html
    assert "Bergen" in html


def test_list_page_runs_a_fixed_number_of_queries(client, personas):
    client.force_login(personas.adviser)
    url = reverse("members:municipality_list")
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"county": "03"})
    with CaptureQueriesContext(connection) as large:
        client.get(url)  # 100 municipalities on the page
    assert len(large) == len(small)


def test_municipality_page_shows_register_facts(client, personas):
    client.force_login(personas.board_member)
    html = client.get(reverse("members:municipality_detail", args=["5001"])).content.decode()
    assert "Trondheim" in html
    assert "Trondheim - Tråante" in html
    assert "Trøndelag" in html


def test_unknown_municipality_number_gives_norwegian_404(client, personas):
    client.force_login(personas.adviser)
    response = client.get(reverse("members:municipality_detail", args=["9999"]))
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


@pytest.fixture
def people_in_a_and_b(personas):
    for first, last, email, municipality in [
        ("Sigrid", "Sogn", "sigrid@test.no", personas.municipality_a),
        ("Leif", "Lust", "leif@test.no", personas.municipality_b),
    ]:
        Person.objects.create(
            first_name=first, last_name=last, email=email, municipality=municipality
        )


def test_coordinator_sees_people_of_own_municipality_but_not_of_another(
    client, personas, people_in_a_and_b
):
    client.force_login(personas.coordinator_a)
    own = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    other = client.get(personas.municipality_b.get_absolute_url()).content.decode()
    assert "sigrid@test.no" in own
    assert "leif@test.no" not in other
    assert "offentlige registeropplysningene" in other


def test_partner_contact_sees_register_facts_but_no_people(client, personas, people_in_a_and_b):
    client.force_login(personas.partner)
    html = client.get(personas.municipality_a.get_absolute_url()).content.decode()
    assert "Sogndal" in html
    assert "sigrid@test.no" not in html
