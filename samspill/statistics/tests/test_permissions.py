"""The permission matrix of the statistics: every role against every kind of page.

NKR and the municipalities' own users read the statistics; a partner contact does not.
A coordinator enters figures for their own municipality only; NKR's administrators and
advisers for any, and they import. The price study is NKR's own."""

import pytest
from django.urls import reverse

from samspill.statistics import permissions
from samspill.statistics.models import StatisticsImport

from .builders import stats

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "adviser",
    "leader",
    "board_member",
    "coordinator_a",
    "coordinator_b",
    "member_a",
    "partner",
]
NKR = {"admin", "adviser", "leader", "board_member"}
READERS = NKR | {"coordinator_a", "coordinator_b", "member_a"}
IMPORTERS = {"admin", "adviser"}


@pytest.fixture
def records(personas):
    stats("4640", 2023, pupils=300, yearly_fee=3200, pupils_age_6_15=250, population_6_15=900)
    stats("4644", 2023, pupils=200, yearly_fee=2800, pupils_age_6_15=150, population_6_15=700)
    upload = StatisticsImport.objects.create(
        file_name="tall.csv", content="kommunenummer;skoleår;elever\n4640;2023;300\n".encode()
    )
    return {"upload": upload}


def read_urls():
    return [
        reverse("statistics:home"),
        reverse("statistics:home") + "?tabell=deltakelse&format=csv",
        reverse("statistics:county", args=["46"]),
        reverse("statistics:municipality", args=["4640"]),
        reverse("statistics:municipality", args=["4644"]) + "?tabell=utvikling&format=xlsx",
        reverse("statistics:framework_plan"),
    ]


def study_urls():
    return [
        reverse("statistics:price_study"),
        reverse("statistics:price_study_docx"),
        reverse("statistics:price_study_pdf"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_statistics(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in READERS else 403
    for url in read_urls():
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_price_study(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in NKR else 403
    for url in study_urls():
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_enters_figures_for_sogndal(client, personas, records, role):
    client.force_login(getattr(personas, role))
    url = reverse("statistics:entry", args=["4640"])
    expected = 200 if role in IMPORTERS | {"coordinator_a"} else 403
    assert client.get(url).status_code == expected
    response = client.post(url, {"school_year": 2024, "pupils": 310})
    assert response.status_code == (302 if expected == 200 else 403)


def test_a_coordinator_gets_403_for_another_municipality_and_nothing_changes(
    client, personas, records
):
    client.force_login(personas.coordinator_a)
    url = reverse("statistics:entry", args=["4644"])  # Luster
    assert client.get(url).status_code == 403
    assert client.post(url, {"school_year": 2023, "pupils": 1}).status_code == 403
    assert personas.municipality_b.annual_statistics.get(school_year=2023).pupils == 200


@pytest.mark.parametrize("role", ROLES)
def test_who_imports(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in IMPORTERS else 403
    assert client.get(reverse("statistics:import_upload")).status_code == expected
    detail = reverse("statistics:import_detail", args=[records["upload"].pk])
    assert client.get(detail).status_code == expected


def test_the_rules_themselves(personas):
    assert permissions.can_enter_statistics(personas.coordinator_a, personas.municipality_a)
    assert not permissions.can_enter_statistics(personas.coordinator_a, personas.municipality_b)
    assert not permissions.can_enter_statistics(personas.member_a, personas.municipality_a)
    assert not permissions.can_view_statistics(personas.partner)
    assert not permissions.can_view_price_study(personas.coordinator_a)


def test_the_header_shows_statistics_to_nkr_and_municipalities_not_to_partners(client, personas):
    for role, shown in [("coordinator_a", True), ("board_member", True), ("partner", False)]:
        client.force_login(getattr(personas, role))
        labels = [a["label"] for a in client.get(reverse("core:home")).context["nav_areas"]]
        assert ("Statistikk" in labels) is shown, role
