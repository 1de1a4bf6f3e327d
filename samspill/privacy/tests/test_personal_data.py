"""An administrator exports everything about a person (JSON, PDF) and deletes or
anonymises them; the records that must stay are kept. Nobody else may."""

import datetime
import json

import pytest
from django.urls import reverse

from samspill.agreements import services as agreement_services
from samspill.agreements.models import ActionItem
from samspill.agreements.tests.builders import add_meeting, make_agreement
from samspill.api.services import api_token_create
from samspill.core.models import AuditEntry
from samspill.core.tests.documents import pdf_text
from samspill.members.models import Person, Position

pytestmark = pytest.mark.django_db


@pytest.fixture
def kari(personas):
    """A partner's contact with a login, an action item from minutes and a position."""
    person = Person.objects.create(
        first_name="Kari",
        last_name="Nordmann",
        email="kari.nordmann@kulturtanken.no",
        phone="+47 900 00 000",
        organisation=personas.partner_organisation,
    )
    Position.objects.create(
        person=person, title="Seniorrådgiver", organisation=personas.partner_organisation
    )
    personas.partner.person = person
    personas.partner.save()
    agreement = make_agreement(personas.partner_organisation)
    meeting = add_meeting(agreement, datetime.date(2024, 3, 1))
    agreement_services.action_item_save(
        meeting=meeting,
        text="Sende rapporten om DKS-samarbeidet",
        owner=person,
        due_on=datetime.date(2024, 4, 1),
    )
    api_token_create(user=personas.partner, name="Regneark")
    return person


def detail(kind, pk, name="subject_detail"):
    return reverse(f"privacy:{name}", kwargs={"kind": kind, "pk": pk})


def test_export_json_holds_the_persons_records_and_is_logged(client, personas, kari):
    client.force_login(personas.admin)
    response = client.get(detail("person", kari.pk, "subject_export_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    assert data["person"]["e-post"] == "kari.nordmann@kulturtanken.no"
    assert data["bruker"]["e-postadresse"] == "partner@test.no"
    kinds = {group["type"]: group for group in data["poster"]}
    assert kinds["agreements.ActionItem"]["poster"][0]["oppgave"] == (
        "Sende rapporten om DKS-samarbeidet"
    )
    assert kinds["members.Position"]["poster"][0]["stilling"] == "Seniorrådgiver"
    assert kinds["api.ApiToken"]["poster"][0]["navn"] == "Regneark"
    assert "password" not in response.content.decode()
    assert "nøkkelens sjekksum" not in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert "Kari Nordmann" in entry.target and entry.actor == personas.admin


def test_export_pdf_is_readable(client, personas, kari):
    client.force_login(personas.admin)
    response = client.get(detail("person", kari.pk, "subject_export_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Personopplysninger om Kari Nordmann" in text
    assert "Sende rapporten om DKS-samarbeidet" in text
    assert "Seniorrådgiver" in text


def test_anonymising_keeps_the_records_that_must_stay(client, personas, kari):
    client.force_login(personas.admin)
    # Deleting is refused: the action item in the minutes must stay.
    refused = client.post(detail("person", kari.pk, "subject_delete"), follow=True)
    assert "må bli stående" in refused.content.decode()
    assert Person.objects.filter(pk=kari.pk).exists()
    client.post(detail("person", kari.pk, "subject_anonymise"))
    kari.refresh_from_db()
    personas.partner.refresh_from_db()
    assert kari.first_name == "Anonymisert" and kari.email == "" and kari.phone == ""
    assert "Nordmann" not in str(kari)
    item = ActionItem.objects.get(text="Sende rapporten om DKS-samarbeidet")
    assert item.owner == kari  # the minutes keep their action item
    assert not personas.partner.is_active
    assert personas.partner.email.endswith("@anonymisert.invalid")
    assert not personas.partner.has_usable_password()
    assert not personas.partner.api_tokens.filter(revoked_at__isnull=True).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETION).exists()


def test_a_person_with_nothing_that_must_stay_is_deleted(client, personas):
    person = Person.objects.create(first_name="Ola", last_name="Kortvarig")
    Position.objects.create(person=person, title="Vikar", municipality=personas.municipality_a)
    client.force_login(personas.admin)
    client.post(detail("person", person.pk, "subject_delete"))
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Position.objects.filter(title="Vikar").exists()


@pytest.mark.parametrize(
    "persona", ["adviser", "leader", "board_member", "coordinator_a", "member_a", "partner"]
)
def test_only_administrators_reach_personal_data(client, personas, kari, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(detail("person", kari.pk)).status_code == 403
    assert client.get(detail("person", kari.pk, "subject_export_json")).status_code == 403
    assert client.post(detail("person", kari.pk, "subject_anonymise")).status_code == 403
    kari.refresh_from_db()
    assert kari.first_name == "Kari"
    page = client.get(reverse("privacy:privacy"), {"q": "Kari"}).content.decode()
    assert "Personvern" in page and "kari.nordmann" not in page


def test_administrator_finds_people_and_logins_on_the_privacy_page(client, personas, kari):
    client.force_login(personas.admin)
    page = client.get(reverse("privacy:privacy"), {"q": "kari"}).content.decode()
    assert detail("person", kari.pk) in page
    logins = client.get(reverse("privacy:privacy"), {"q": "koordinator.a"}).content.decode()
    assert detail("bruker", personas.coordinator_a.pk) in logins
    summary = client.get(detail("bruker", personas.coordinator_a.pk)).content.decode()
    assert "koordinator.a@test.no" in summary
