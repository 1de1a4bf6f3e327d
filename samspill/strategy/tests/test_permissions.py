"""The permission matrix of the strategy area: leaders, advisers and administrators keep
the records and make the reports; board members read everything; municipal users and
partner contacts have no part in NKR's internal strategy work."""

import pytest
from django.urls import reverse

from samspill.strategy import permissions
from samspill.strategy.models import Measure, SupportResource

pytestmark = pytest.mark.django_db

KEEPERS = {"admin", "adviser", "leader"}
READERS = KEEPERS | {"board_member"}
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


@pytest.fixture
def records(plan, decision, unit):
    measure = Measure.objects.first()
    follow_up = decision.follow_ups.first()
    resource = SupportResource.objects.create(title="Medvirkning", responsible_unit=unit)
    from samspill.strategy.models import GoverningDocument

    document = GoverningDocument.objects.create(title="Strategi 2032", kind="overarching")
    return {
        "plan": plan,
        "measure": measure,
        "decision": decision,
        "follow_up": follow_up,
        "resource": resource,
        "document": document,
        "unit": unit,
    }


def read_urls(r):
    return [
        reverse("strategy:home"),
        reverse("strategy:plan_list"),
        reverse("strategy:plan_detail", args=[r["plan"].slug]),
        reverse("strategy:measure_detail", args=[r["measure"].pk]),
        reverse("strategy:measures_csv", args=[r["plan"].slug]),
        reverse("strategy:measures_xlsx", args=[r["plan"].slug]),
        reverse("strategy:decision_list"),
        reverse("strategy:decision_detail", args=[r["decision"].pk]),
        reverse("strategy:follow_up_detail", args=[r["follow_up"].pk]),
        reverse("strategy:resource_list"),
        reverse("strategy:document_list"),
        reverse("strategy:unit_detail", args=[r["unit"].slug]),
        reverse("strategy:reports"),
        reverse("strategy:board_docx"),
        reverse("strategy:grant_docx"),
    ]


def manage_urls(r):
    return [
        reverse("strategy:measure_create", args=[r["plan"].slug]),
        reverse("strategy:measure_edit", args=[r["measure"].pk]),
        reverse("strategy:bulk_update", args=[r["plan"].slug]),
        reverse("strategy:measures_import", args=[r["plan"].slug]),
        reverse("strategy:measure_link_create", args=[r["measure"].pk]),
        reverse("strategy:follow_up_link_create", args=[r["follow_up"].pk]),
        reverse("strategy:decision_create"),
        reverse("strategy:decision_edit", args=[r["decision"].pk]),
        reverse("strategy:follow_up_create", args=[r["decision"].pk]),
        reverse("strategy:follow_up_edit", args=[r["follow_up"].pk]),
        reverse("strategy:additional_decision_create", args=[r["decision"].pk]),
        reverse("strategy:resource_create"),
        reverse("strategy:resource_edit", args=[r["resource"].pk]),
        reverse("strategy:document_create"),
        reverse("strategy:document_edit", args=[r["document"].pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_strategy_area(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in READERS else 403
    for url in read_urls(records):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_keeps_the_records(client, personas, records, role):
    client.force_login(getattr(personas, role))
    expected = 200 if role in KEEPERS else 403
    for url in manage_urls(records):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_updates_a_measure(client, personas, records, role):
    client.force_login(getattr(personas, role))
    measure = records["measure"]
    response = client.post(
        reverse("strategy:measure_update", args=[measure.pk]),
        {"date": "2025-01-10", "status": "in_progress", "progress": "10"},
    )
    allowed = role in KEEPERS
    assert response.status_code == (302 if allowed else 403)
    assert measure.updates.exists() is allowed


@pytest.mark.parametrize("role", ROLES)
def test_who_updates_a_follow_up_point(client, personas, records, role):
    client.force_login(getattr(personas, role))
    follow_up = records["follow_up"]
    response = client.post(
        reverse("strategy:follow_up_update", args=[follow_up.pk]),
        {"date": "2025-01-10", "status": "in_progress"},
    )
    assert response.status_code == (302 if role in KEEPERS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_header_shows_the_area_to_nkr_only(client, personas, role):
    client.force_login(getattr(personas, role))
    labels = [a["label"] for a in client.get(reverse("core:home")).context["nav_areas"]]
    assert ("Strategi" in labels) is (role in READERS)


def test_board_members_see_no_buttons_for_changing(client, personas, records):
    client.force_login(personas.board_member)
    page = client.get(records["measure"].get_absolute_url()).content.decode()
    assert "Registrer oppdatering" not in page
    assert "Endre tiltaket" not in page
    client.force_login(personas.leader)
    page = client.get(records["measure"].get_absolute_url()).content.decode()
    assert "Registrer oppdatering" in page


def test_permission_functions(personas):
    assert permissions.can_manage_strategy(personas.leader)
    assert not permissions.can_manage_strategy(personas.board_member)
    assert permissions.can_view_strategy(personas.board_member)
    assert not permissions.can_view_strategy(personas.partner)
