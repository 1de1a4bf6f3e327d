"""The demo of seed 000 and the current KS agreement, judged on the demo's today
(22.11.2026): the compliance view shows the kept and broken promises the records hold."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from samspill.agreements.models import Agreement, Milestone
from samspill.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)
KULTURTANKEN = "kulturtanken-2017-2020"
KS = "ks-fremtidens-kulturskole-2025-2027"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def compliance_of(client, slug):
    with time_machine.travel(TODAY):
        response = client.get(reverse("agreements:agreement_detail", args=[slug]))
    assert response.status_code == 200
    return response.context["compliance"]


def states(compliance):
    return {check.label: check.state for check in compliance.checks}


def test_the_kulturtanken_agreement_of_seed_000(demo):
    agreement = Agreement.objects.get(slug=KULTURTANKEN)
    assert (agreement.period_start, agreement.period_end) == (
        datetime.date(2017, 9, 1),
        datetime.date(2020, 9, 1),
    )
    assert agreement.notice_months == 6
    assert [p.organisation.short_name for p in agreement.parties.all()] == [
        "Kulturskolerådet",
        "Kulturtanken",
    ]
    assert agreement.area_list[0] == "Forskning og formidling"
    assert agreement.base_documents.count() == 7
    # The whole action and progress plan of the appendix, 2017 to 2020.
    plan = Milestone.objects.filter(agreement=agreement)
    assert sorted(set(plan.values_list("year", flat=True))) == [2017, 2018, 2019, 2020]
    assert plan.count() == 15
    assert plan.get(title__startswith="Beslutninger om hvilke prosjekter").due_on == (
        datetime.date(2017, 12, 1)
    )
    assert agreement.projects.count() == 2


def test_compliance_of_the_kulturtanken_agreement(client, demo):
    client.login(username="veileder@samspill.test", password=DEMO_PASSWORD)
    compliance = compliance_of(client, KULTURTANKEN)
    assert sorted(check.label for check in compliance.problems) == [
        "Ansvarlige fagpersoner rapporterer til styringsgruppen innen 1. desember 2019",
        "Evalueringer og nødvendige justeringer besluttes av styringsgruppen (2019)",
        "Referat fra Samarbeidsmøte høst 2018",
        "Samarbeidsmøter 2019",
        "Sende rapport fra pilotprosjektene til styringsgruppen",
        "Vurdere justeringer og fornye rammeavtalen mellom partene for tre nye år",
        "Årsrapport 2019: Pilotprosjekter i tre kommuner i kommunesammenslåingsprosesser",
    ]
    kept = states(compliance)
    assert kept["Samarbeidsmøter 2017"] == "kept"
    assert kept["Samarbeidsmøter 2018"] == "kept"
    assert kept["Kontaktperson for Kulturskolerådet"] == "kept"
    assert kept["Kontaktperson for Kulturtanken"] == "late"
    assert kept["Evalueringsmøte før fornyelse"] == "kept"
    assert kept["Siste dag for å si opp avtalen"] == "info"
    assert compliance.notice_deadline == datetime.date(2020, 3, 1)


def test_compliance_of_the_current_ks_agreement(client, demo):
    client.login(username="leder@samspill.test", password=DEMO_PASSWORD)
    compliance = compliance_of(client, KS)
    assert sorted(check.label for check in compliance.problems) == [
        "Kartleggingsrapport fra kommunenettverket",
        "Lage utkast til kartleggingsskjema",
        "Referat fra Samarbeidsmøte høst 2026",
    ]
    assert sorted(check.label for check in compliance.coming_up) == [
        "Budsjettforslag for kommunenettverket 2027",
        "Rapport til styringsgruppen innen 1. desember 2026",
        "Siste dag for å si opp avtalen",
        "Ta stilling til videreføring før fristen for å si opp avtalen",
        "Årsrapport 2026: Kommunenettverk for Fremtidens kulturskole",
    ]
    assert states(compliance)["Samarbeidsmøter 2026"] == "kept"
    assert compliance.notice_deadline == datetime.date(2026, 12, 1)


def test_partner_of_kulturtanken_sees_only_that_agreement(client, demo):
    client.login(username="partner@samspill.test", password=DEMO_PASSWORD)
    with time_machine.travel(TODAY):
        rows = client.get(reverse("agreements:agreement_list")).context["rows"]
    assert [row.agreement.slug for row in rows] == [KULTURTANKEN]
    assert client.get(reverse("agreements:agreement_detail", args=[KS])).status_code == 403
