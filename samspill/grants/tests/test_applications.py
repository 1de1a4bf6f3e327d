"""Grant applications from municipalities (issue 9, item 3): project, budget lines,
amount and partners; decision within the budget; report due date; payout."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from samspill.grants import services
from samspill.grants.models import ApplicationStatus, Call, GrantApplication, Scheme

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 10)


@pytest.fixture
def grant_call(db):
    scheme = Scheme.objects.create(
        name="Inkluderende kulturskoler",
        slug="inkluderende-kulturskoler",
        kind="grant",
        total_budget=500_000,
    )
    return Call.objects.create(
        scheme=scheme,
        slug="ik-2026",
        title="Inkluderende kulturskoler 2026",
        year=2026,
        opens_on=datetime.date(2025, 9, 1),
        closes_on=datetime.date(2026, 2, 1),
    )


def submitted(call, municipality, user, amount=300_000):
    application = services.application_save(
        call=call,
        municipality=municipality,
        user=user,
        project_title="Fordypning for alle",
        description="Et fordypningsprogram.",
        amount_applied=amount,
        budget_lines=[("Lærere", amount), ("Utstyr", 50_000)],
    )
    return services.application_submit(application=application, user=user, today=TODAY)


def test_coordinator_writes_budget_lines_and_sends_the_application(client, grant_call, members):
    client.force_login(members.coordinator_a)
    url = reverse("grants:application_edit", args=[grant_call.slug])
    data = {
        "project_title": "Fordypning for alle i Sogndal",
        "description": "",
        "partners": "Ungdomsskulen",
        "amount_applied": "400000",
        "budsjett-TOTAL_FORMS": "3",
        "budsjett-INITIAL_FORMS": "0",
        "budsjett-0-description": "Lærerressurs",
        "budsjett-0-amount": "300000",
        "budsjett-1-description": "Utstyr",
        "budsjett-1-amount": "50000",
        "budsjett-2-description": "",
        "budsjett-2-amount": "",
    }
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, 0)):
        response = client.post(url, {**data, "send": "1"})
        assert response.status_code == 422
        page = response.content.decode()
        assert "Beskriv prosjektet." in page
        assert (
            "Søknadsbeløpet (400\xa0000\xa0kr) er større enn budsjettet (350\xa0000\xa0kr)." in page
        )
        data.update(description="Et fordypningsprogram i musikk og dans.", amount_applied="350000")
        response = client.post(url, {**data, "send": "1"}, follow=True)
    assert "Søknaden er sendt inn" in response.content.decode(), response.content.decode()[-6000:]
    application = GrantApplication.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert [(line.description, line.amount) for line in application.budget_lines.all()] == [
        ("Lærerressurs", 300_000),
        ("Utstyr", 50_000),
    ]


@pytest.mark.django_db(transaction=True)
def test_decision_within_the_budget_with_report_and_payout(client, grant_call, members):
    sogndal = submitted(grant_call, members.municipality_a, members.coordinator_a)
    luster = submitted(grant_call, members.municipality_b, members.coordinator_b)
    client.force_login(members.adviser)
    response = client.post(
        sogndal.get_absolute_url(),
        {
            "decide": "1",
            "vedtak-decision": "granted",
            "vedtak-amount_granted": "300000",
            "vedtak-report_due_on": "2027-03-01",
            "vedtak-reason": "Godt forankret.",
        },
        follow=True,
    )
    assert "Vedtaket er lagret" in response.content.decode()
    sogndal.refresh_from_db()
    assert sogndal.status == ApplicationStatus.GRANTED and sogndal.payout_status == "pending"

    # 300 000 + 250 000 would pass the budget of 500 000: refused with the reason.
    with pytest.raises(ValidationError) as error:
        services.application_decide(
            application=luster,
            user=members.adviser,
            granted=True,
            amount_granted=250_000,
            reason="Bra.",
            report_due_on=datetime.date(2027, 3, 1),
        )
    assert (
        "Rammen er 500\xa0000\xa0kr, og 300\xa0000\xa0kr er allerede tildelt."
        in (error.value.messages[0])
    )
    services.application_decide(
        application=luster,
        user=members.adviser,
        granted=True,
        amount_granted=200_000,
        reason="Delvis innvilget innenfor rammen.",
        report_due_on=datetime.date(2027, 3, 1),
    )
    client.post(
        sogndal.get_absolute_url(),
        {
            "follow_up": "1",
            "oppfolging-paid_on": "2026-04-15",
            "oppfolging-report_received_on": "",
        },
    )
    sogndal.refresh_from_db()
    assert sogndal.payout_status == "paid" and sogndal.paid_on == datetime.date(2026, 4, 15)

    call_command("db_worker", "--batch", "--interval", "0")
    decisions = [m for m in mail.outbox if m.subject.startswith("Vedtak")]
    assert len(decisions) == 2
    assert "innvilget med 300\xa0000\xa0kr" in decisions[0].body + decisions[1].body

    # The municipality sees its decision, not another's.
    client.force_login(members.coordinator_a)
    page = client.get(sogndal.get_absolute_url()).content.decode()
    assert "Innvilget" in page and "Utbetalt" in page
    assert client.get(luster.get_absolute_url()).status_code == 403


def test_a_granted_amount_cannot_exceed_what_was_applied_for(grant_call, members):
    application = submitted(grant_call, members.municipality_a, members.coordinator_a, 100_000)
    with pytest.raises(ValidationError, match="mer enn det er søkt om"):
        services.application_decide(
            application=application,
            user=members.adviser,
            granted=True,
            amount_granted=150_000,
            reason="x",
            report_due_on=TODAY,
        )


def test_the_municipality_page_shows_nominations_awards_and_grants(
    client, call, grant_call, members
):
    from .builders import nominate

    kari = nominate(call, members.municipality_a, members.coordinator_a)
    services.award_make(nomination=kari, user=members.adviser)
    services.call_finalise(call=call, user=members.adviser)
    submitted(grant_call, members.municipality_a, members.coordinator_a)
    client.force_login(members.coordinator_a)
    page = client.get(members.municipality_a.get_absolute_url()).content.decode()
    assert "Tilskudd og stipend" in page
    assert "Kari Nordmann" in page and "tildelt" in page
    assert "Fordypning for alle" in page
    # Another municipality's coordinator sees the register page without the names.
    client.force_login(members.coordinator_b)
    page = client.get(members.municipality_a.get_absolute_url()).content.decode()
    assert "Kari Nordmann" not in page


def test_the_decision_letter_as_word_and_pdf(client, grant_call, members):
    from samspill.core.tests.documents import docx_text, pdf_text

    application = submitted(grant_call, members.municipality_a, members.coordinator_a)
    client.force_login(members.coordinator_a)
    url = reverse("grants:decision_letter", args=[application.pk, "docx"])
    assert client.get(url).status_code == 404  # no decision yet
    services.application_decide(
        application=application,
        user=members.adviser,
        granted=True,
        amount_granted=250_000,
        reason="Godt forankret tiltak.",
        report_due_on=datetime.date(2027, 3, 1),
    )
    text = docx_text(client.get(url).content)
    assert "Vedtak om tilskudd fra Inkluderende kulturskoler 2026" in text
    assert "Sogndal kommune er innvilget 250\xa0000\xa0kr" in text
    assert "Rapport om bruken av midlene skal sendes innen 01.03.2027." in text
    pdf = client.get(reverse("grants:decision_letter", args=[application.pk, "pdf"]))
    assert "Godt forankret tiltak." in " ".join(pdf_text(pdf.content).split())
    client.force_login(members.coordinator_b)
    assert client.get(url).status_code == 403
