"""The agreement and the minutes as DOCX and PDF, generated from the records, and the
meetings as iCal."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from samspill.agreements import services
from samspill.core.tests.documents import docx_text, pdf_text

from .builders import D, add_meeting, at, nkr

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(agreement, partner_person):
    nkr_party = agreement.parties.get(organisation=nkr())
    services.party_save(
        agreement=agreement,
        party=nkr_party,
        organisation=nkr_party.organisation,
        signatory_name="Morten Christiansen",
        signatory_title="Direktør",
        signed_on=D(2017, 9, 1),
    )
    services.milestone_save(
        agreement=agreement,
        year=2017,
        title="Samarbeidsavtale inngås og undertegnes",
        due_on=D(2017, 9, 1),
        owner=partner_person,
    )
    return agreement


def test_agreement_docx_holds_the_agreement_from_the_record(client, personas, signed):
    client.force_login(personas.partner)
    response = client.get(reverse("agreements:agreement_docx", args=[signed.slug]))
    assert response.status_code == 200
    assert (
        'filename="samarbeidsavtale-kulturtanken-2017-2020.docx"' in response["Content-Disposition"]
    )
    text = docx_text(response.content)
    assert "Samarbeidsavtale mellom Norsk kulturskoleråd og Kulturtanken" in text
    assert "Et bedre samspill mellom kulturskolen og DKS." in text
    assert "Forskning og formidling" in text
    assert "Rammeplan for kulturskolen (https://example.no/rammeplan)" in text
    assert (
        "Avtalen gjelder for perioden 01.09.2017 – 01.09.2020. Det skal gjennomføres et "
        "evalueringsmøte innen 30.06.2020, i forkant av en eventuell fornyelse av avtalen. "
        "Partene kan trekke seg fra samarbeidsavtalen med 6 måneders varslingsplikt."
    ) in text
    assert "Morten Christiansen" in text
    assert "Dato: 01.09.2017" in text
    assert "Vedlegg: Tiltaks- og fremdriftsplan" in text
    assert "Samarbeidsavtale inngås og undertegnes" in text


def test_agreement_pdf(client, personas, signed):
    client.force_login(personas.adviser)
    response = client.get(reverse("agreements:agreement_pdf", args=[signed.slug]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content).split())
    assert "Samarbeidsavtale mellom Norsk kulturskoleråd og Kulturtanken" in text
    assert "Samarbeidsavtale inngås og undertegnes" in text


def test_minutes_as_docx_and_pdf(client, personas, agreement, partner_person):
    meeting = services.meeting_save(
        agreement=agreement,
        title="Samarbeidsmøte vår 2019",
        starts_at=at(D(2019, 5, 9)),
        ends_at=at(D(2019, 5, 9), 13),
        place="Digitalt",
        agenda=["Status i kartleggingen"],
    )
    services.meeting_record_minutes(
        meeting=meeting,
        user=personas.adviser,
        minutes="Kartleggingen er gjennomført.",
        present=[partner_person],
        decisions=["Pilotprosjektene forlenges."],
        today=D(2019, 5, 9),
    )
    services.action_item_save(
        meeting=meeting, text="Sende rapporten", owner=partner_person, due_on=D(2019, 12, 1)
    )
    client.force_login(personas.partner)
    response = client.get(reverse("agreements:minutes_docx", args=[agreement.slug, meeting.pk]))
    assert (
        'filename="referat-kulturtanken-2017-2020-2019-05-09.docx"'
        in response["Content-Disposition"]
    )
    text = docx_text(response.content)
    for expected in [
        "Referat: Samarbeidsmøte vår 2019",
        "09.05.2019 10:00–13:00",
        "Per Partner",
        "1. Status i kartleggingen",
        "Kartleggingen er gjennomført.",
        "1. Pilotprosjektene forlenges.",
        "Sende rapporten",
        "01.12.2019",
        "Åpen",
    ]:
        assert expected in text, expected
    pdf = client.get(reverse("agreements:minutes_pdf", args=[agreement.slug, meeting.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert "Referat: Samarbeidsmøte vår 2019" in " ".join(pdf_text(pdf.content).split())


def test_meetings_as_ical(client, personas, agreement):
    held = add_meeting(agreement, D(2018, 3, 15))
    cancelled = services.meeting_save(
        agreement=agreement,
        title="Høstmøte",
        starts_at=at(D(2019, 11, 7)),
        status="cancelled",
        place="Trondheim",
    )
    client.force_login(personas.partner)
    response = client.get(reverse("agreements:meetings_ics", args=[agreement.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == agreement.title
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    first = events[f"agreement-meeting-{held.pk}@samspill"]
    assert first.decoded("dtstart") == at(D(2018, 3, 15))
    assert first.decoded("dtend") - first.decoded("dtstart") == datetime.timedelta(hours=2)
    assert "1. Status i prosjektene" in str(first["description"])
    second = events[f"agreement-meeting-{cancelled.pk}@samspill"]
    assert str(second["status"]) == "CANCELLED"
    assert str(second["location"]) == "Trondheim"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_minutes_document_of_a_meeting_without_minutes(client, personas, agreement):
    meeting = add_meeting(agreement, D(2018, 12, 6), minutes="")
    client.force_login(personas.adviser)
    text = docx_text(
        client.get(reverse("agreements:minutes_docx", args=[agreement.slug, meeting.pk])).content
    )
    assert "Referatet er ikke skrevet ennå." in text
