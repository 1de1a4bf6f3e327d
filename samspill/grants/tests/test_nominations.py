"""Nominations (issue 9, item 2): the arts-school leader's draft, the eligibility check
with a clear reason, work samples checked by content, the receipt and the status."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from samspill.grants import services
from samspill.grants.models import Nomination, NominationStatus

from .builders import PDF, PNG, TODAY, category, nominate, pdf_upload

pytestmark = pytest.mark.django_db


def form_data(call, **changes):
    data = {
        "category": category(call, "Dans").pk,
        "first_name": "Kari",
        "last_name": "Nordmann",
        "birth_date": "2004-03-01",
        "email": "kari@eksempel.no",
        "phone": "",
        "motivation": "Kari er en av de beste danserne vi har hatt.",
        "dream": "Å komme inn på Den norske balletthøyskole.",
        "links": "https://video.eksempel.no/kari",
    }
    data.update(changes)
    return data


@pytest.fixture
def on_call_day():
    with time_machine.travel(datetime.datetime(2026, 1, 10, 12, 0), tick=False):
        yield


def create_url(call):
    return reverse("grants:nomination_create", kwargs={"slug": call.slug})


def test_coordinator_saves_a_draft_then_sends_an_eligible_nomination(
    client, call, members, on_call_day
):
    client.force_login(members.coordinator_a)
    response = client.post(create_url(call), form_data(call, dream="", lagre="1"), follow=True)
    assert "Utkastet er lagret" in response.content.decode()
    nomination = Nomination.objects.get()
    assert nomination.is_draft and nomination.municipality == members.municipality_a

    edit = reverse("grants:nomination_edit", kwargs={"slug": call.slug, "pk": nomination.pk})
    response = client.post(edit, form_data(call, send="1"), follow=True)
    page = response.content.decode()
    assert "Nominasjonen er sendt inn" in page
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.age_at_reference == 21
    # The nominator sees the status, not yet the outcome.
    assert "Sendt inn – til vurdering" in page


@pytest.mark.parametrize(
    ("birth_date", "age"),
    [("2008-06-01", 17), ("1999-12-01", 26)],
)
def test_a_nominee_outside_18_to_25_on_the_reference_date_is_refused_with_the_reason(
    client, call, members, on_call_day, birth_date, age
):
    client.force_login(members.coordinator_a)
    response = client.post(create_url(call), form_data(call, birth_date=birth_date, send="1"))
    assert response.status_code == 422
    page = response.content.decode()
    assert "Nominasjonen er ikke sendt inn" in page
    assert f"må være mellom 18 og 25 år den 15.01.2026, men er {age} år da" in page
    assert Nomination.objects.get().is_draft  # kept as a draft to correct


def test_the_age_limits_are_inclusive(call, members):
    for age in (18, 25):
        nomination = nominate(
            call, members.municipality_a, members.coordinator_a, first=f"N{age}", age=age
        )
        assert nomination.status == NominationStatus.SUBMITTED


def test_the_category_decides_which_documentation_is_required(call, members):
    writing = nominate(
        call,
        members.municipality_a,
        members.coordinator_a,
        category_name="Skapende skriving",
        links="https://eksempel.no/tekst",
        submit=False,
    )
    with pytest.raises(ValidationError) as error:
        services.nomination_submit(nomination=writing, user=members.coordinator_a, today=TODAY)
    assert (
        "Kategorien Skapende skriving krever en fil med arbeidsprøve (PDF)." in error.value.messages
    )
    services.work_sample_add(nomination=writing, upload=pdf_upload())
    services.nomination_submit(nomination=writing, user=members.coordinator_a, today=TODAY)

    dance = nominate(
        call, members.municipality_a, members.coordinator_a, links="", submit=False, first="Ola"
    )
    with pytest.raises(ValidationError) as error:
        services.nomination_submit(nomination=dance, user=members.coordinator_a, today=TODAY)
    assert "Kategorien Dans krever en lenke til en arbeidsprøve." in error.value.messages


def test_a_file_is_checked_by_its_content_not_its_name(client, call, members, on_call_day):
    client.force_login(members.coordinator_a)
    fake = pdf_upload("tekst.pdf", b"Dette er bare tekst, ikke en PDF." * 10)
    data = form_data(call, category=category(call, "Skapende skriving").pk, lagre="1")
    response = client.post(create_url(call), {**data, "work_sample": fake})
    page = response.content.decode()
    assert "Filen «tekst.pdf» er ikke en filtype som godtas i kategorien Skapende skriving" in page
    assert not Nomination.objects.exists()

    # A real image is refused where only PDF is accepted, and accepted in visual art.
    image = pdf_upload("bilde.png", PNG)
    response = client.post(create_url(call), {**data, "work_sample": image})
    assert "Godtatt: PDF." in response.content.decode()
    visual = form_data(call, category=category(call, "Visuell kunst").pk, lagre="1")
    client.post(create_url(call), {**visual, "work_sample": pdf_upload("bilde.png", PNG)})
    sample = Nomination.objects.get().work_samples.get()
    assert sample.content_type == "image/png"


def test_a_file_larger_than_the_scheme_allows_is_refused(client, call, members, on_call_day):
    call.scheme.max_file_mb = 1
    call.scheme.save()
    client.force_login(members.coordinator_a)
    big = pdf_upload("stor.pdf", PDF + b"0" * (1024 * 1024))
    data = form_data(call, category=category(call, "Skapende skriving").pk, lagre="1")
    response = client.post(create_url(call), {**data, "work_sample": big})
    assert "Filen «stor.pdf» er for stor. Filer kan være høyst 1 MB." in response.content.decode()


def test_only_member_municipalities_nominate(client, call, members, on_call_day):
    members.municipality_a.is_member = False
    members.municipality_a.save()
    client.force_login(members.coordinator_a)
    assert client.get(create_url(call)).status_code == 403


def test_nominating_after_the_deadline_is_refused(client, call, members):
    client.force_login(members.coordinator_a)
    with time_machine.travel(datetime.datetime(2026, 1, 20, 12, 0)):
        response = client.get(create_url(call))
    assert "ikke åpen for nominasjoner" in response.content.decode()
    nomination = nominate(call, members.municipality_a, members.coordinator_a, submit=False)
    with pytest.raises(ValidationError, match="Fristen er ute"):
        services.nomination_submit(
            nomination=nomination,
            user=members.coordinator_a,
            today=datetime.date(2026, 1, 16),
        )


def test_a_sent_nomination_cannot_be_edited(client, call, members, on_call_day):
    nomination = nominate(call, members.municipality_a, members.coordinator_a)
    client.force_login(members.coordinator_a)
    edit = reverse("grants:nomination_edit", kwargs={"slug": call.slug, "pk": nomination.pk})
    response = client.post(edit, form_data(call, first_name="Endret", lagre="1"))
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.first_name == "Kari"


def test_user_text_is_escaped(client, call, members, on_call_day):
    nomination = nominate(
        call, members.municipality_a, members.coordinator_a, motivation="<script>x()</script>"
    )
    client.force_login(members.coordinator_a)
    page = client.get(nomination.get_absolute_url()).content.decode()
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


@pytest.mark.django_db(transaction=True)
def test_the_receipt_is_sent_by_the_worker(call, members):
    nominate(call, members.municipality_a, members.coordinator_a)
    assert mail.outbox == []  # not sent by the request itself
    call_command("db_worker", "--batch", "--interval", "0")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Kvittering: nominasjon til Drømmestipendet 2026"
    assert "Nominasjonen av Kari Nordmann fra Sogndal" in message.body
    assert members.coordinator_a.email in message.to


def test_a_full_disk_while_uploading_a_work_sample_saves_neither_draft_nor_file(
    client, call, members, on_call_day, settings
):
    from samspill.core.tests.servers import SmallDisk

    client.force_login(members.coordinator_a)
    client.raise_request_exception = False  # the user's view: the error page
    data = form_data(call, category=category(call, "Skapende skriving").pk, lagre="1")
    big = pdf_upload("novelle.pdf", PDF + b"%" + b"0" * 300_000)  # within the size limit
    with SmallDisk(kilobytes=64) as disk:
        settings.MEDIA_ROOT = disk
        response = client.post(create_url(call), {**data, "work_sample": big})
        assert response.status_code == 507
        assert "Lagringsplassen er full" in response.content.decode()
        assert SmallDisk.files(disk) == []
    assert not Nomination.objects.exists()  # not a draft without the file it came with
