"""The demo programme is seed 001's "Fremtidens kulturskole – regionale program 2024–2025"."""

# ruff: noqa: E501 - the seed's plan is kept one row per line, as in the document

import datetime

import pytest
from django.core.management import call_command

from samspill.programmes.models import Application, Participation, Programme
from samspill.programmes.selectors import participations

pytestmark = pytest.mark.django_db

D = datetime.date
# Seed 001, "Plan for gjennomføring": Hva, (form), merknad, Når, Uke, and the dates it gives.
SEED_PLAN = [
    ("Inspirasjonssamling før oppstart", "digital", "", "15. mars: kl. 09:00–14:00", "11", D(2024, 3, 15), None),
    ("Koordinatorsamling 1", "digital", "", "August 24: 21.08 (2,5 timer)", "34", D(2024, 8, 21), None),
    ("Fellessamling 1", "physical", "oppstart av regionale program", "September 24: 24.-25.09", "39", D(2024, 9, 24), D(2024, 9, 25)),
    ("Veiledningsbesøk/veiledning kommunegruppe 1", "", "", "Oktober 24", "40-44", None, None),
    ("Koordinatorsamling 2", "digital", "", "Oktober 24: 29.10 (2,5 timer)", "44", D(2024, 10, 29), None),
    ("Fellessamling 2", "digital", "", "November 24: 26-27.11", "48", D(2024, 11, 26), D(2024, 11, 27)),
    ("Veiledningsbesøk/veiledning kommunegruppe 2", "", "", "Januar 25", "2-5", None, None),
    ("Koordinatorsamling 3", "digital", "", "Januar 25: 23.01 (2,5 timer)", "4", D(2025, 1, 23), None),
    ("Fellessamling 3", "physical", "", "Februar 25: 12.-13.02", "7", D(2025, 2, 12), D(2025, 2, 13)),
    ("Veiledningsbesøk/veiledning kommunegruppe 3", "", "", "Mars 25", "10-13", None, None),
    ("Koordinatorsamling 4", "digital", "", "April 25: 29.04 (2,5 timer)", "18", D(2025, 4, 29), None),
    ("Fellessamling 4", "digital", "", "Mai 25: 20.-21.05", "21", D(2025, 5, 20), D(2025, 5, 21)),
    ("Veiledningsbesøk/veiledning kommunegruppe 4", "", "", "Juni eller august 25", "", None, None),
    ("Koordinatorsamling 5", "", "", "August 25 (2,5 timer)", "34/35", None, None),
    ("Fellessamling 5", "physical", "", "September 25: 11.-12.09", "37", D(2025, 9, 11), D(2025, 9, 12)),
    ("Koordinatorsamling 6", "", "vurderes fysisk", "Oktober 25: 15.-16.10", "42", D(2025, 10, 15), D(2025, 10, 16)),
    ("Fellessamling 6", "digital", "", "November 25: 20.-21.11", "47", D(2025, 11, 20), D(2025, 11, 21)),
    ("Veiledningsbesøk/veiledning kommunegruppe 5", "", "", "November/desember 25", "48-50", None, None),
    ("Delingsarena!", "", "Vurderes kombinert med oppstart av ny programperiode", "Januar 2026", "2-3 eller 4", None, None),
]  # fmt: skip


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo")
    return Programme.objects.get(slug="fremtidens-kulturskole-2024-2025")


def test_demo_schedule_equals_seed_001_row_by_row(demo):
    rows = [
        (e.title, e.mode, e.note, e.when_text, e.weeks, e.starts_on, e.ends_on)
        for e in demo.events.all()
    ]
    assert rows == SEED_PLAN


def test_every_dated_row_falls_in_the_week_the_seed_gives(demo):
    for event in demo.events.filter(starts_on__isnull=False):
        week = event.starts_on.isocalendar().week
        assert any(first <= week <= last for first, last in event.week_ranges), event.title


def test_demo_has_the_seed_texts_criteria_and_contract_template(demo):
    assert demo.fee == 20_000
    assert demo.semesters == 3
    assert demo.contact_person.email == "aste.domaas@kulturskoleradet.no"
    assert [c.number for c in demo.criteria.all()] == [1, 2, 3]
    assert "erfaringsdeling" in demo.criteria.get(number=3).text
    assert demo.contract_period == "august 2024 – desember 2025"
    assert demo.nkr_signatory_name == "Morten Christiansen"
    assert demo.events.plenary_physical().count() == 3


def test_demo_participants_are_in_every_state(demo):
    statuses = dict(Application.objects.values_list("municipality__name", "status"))
    assert statuses["Lyngen"] == "submitted"
    assert statuses["Gloppen"] == "waiting_list"
    by_name = {p.municipality.name: p for p in participations(demo)}
    assert by_name["Luster"].contract.status == "unsigned"
    assert by_name["Sogndal"].contract.status == "signed"
    assert by_name["Sogndal"].plan.entries.count() >= 5
    assert by_name["Stryn"].status == "terminated"
    assert 6 <= Participation.objects.active().count() <= 8


def test_demo_instalments_add_up_to_the_fee_and_stop_at_termination(demo):
    for participation in participations(demo):
        amounts = [i.amount for i in participation.instalments.all()]
        if participation.is_active:
            assert amounts == [6_667, 6_667, 6_666]
        else:
            assert amounts == [6_667, 6_667]  # terminated before Fellessamling 5
