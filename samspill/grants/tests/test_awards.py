"""Awards within the budget, letters and the public list (issue 9, item 5)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from samspill.core.tests.documents import docx_text, pdf_text
from samspill.grants import services
from samspill.grants.models import Award, NominationStatus

from .builders import make_call, make_stipend_scheme, nominate

pytestmark = pytest.mark.django_db


def three_nominees(call, members):
    return [
        nominate(call, members.municipality_a, members.coordinator_a, first=name)
        for name in ("Kari", "Ola", "Siri")
    ]


def test_the_scheme_count_is_never_exceeded(client, members):
    call = make_call(make_stipend_scheme(award_count=2, total_budget=None))
    kari, ola, siri = three_nominees(call, members)
    services.award_make(nomination=kari, user=members.adviser)
    services.award_make(nomination=ola, user=members.adviser)
    with pytest.raises(ValidationError) as error:
        services.award_make(nomination=siri, user=members.adviser)
    assert error.value.messages == [
        "Ordningen har 2 tildelinger per utlysning, og 2 er allerede gitt. "
        "Det kan ikke tildeles flere."
    ]
    # Through the page, too: refused with the reason, nothing saved.
    client.force_login(members.adviser)
    response = client.post(reverse("grants:award_make", args=[call.slug, siri.pk]), follow=True)
    assert "Det kan ikke tildeles flere." in response.content.decode()
    assert Award.objects.count() == 2


def test_the_budget_is_never_exceeded(members):
    call = make_call(make_stipend_scheme(award_count=None, total_budget=70_000))
    kari, ola, siri = three_nominees(call, members)
    services.award_make(nomination=kari, user=members.adviser)
    services.award_make(nomination=ola, user=members.adviser)
    with pytest.raises(ValidationError) as error:
        services.award_make(nomination=siri, user=members.adviser)
    assert (
        "Rammen er 70\xa0000\xa0kr, og 60\xa0000\xa0kr er allerede tildelt."
        in (error.value.messages[0])
    )
    # Revoking one frees room for another.
    services.award_revoke(award=kari.award)
    services.award_make(nomination=siri, user=members.adviser)
    assert Award.objects.count() == 2


def test_a_nominee_gets_one_stipend_and_drafts_none(call, members):
    kari = nominate(call, members.municipality_a, members.coordinator_a)
    draft = nominate(call, members.municipality_a, members.coordinator_a, first="Ola", submit=False)
    services.award_make(nomination=kari, user=members.adviser)
    with pytest.raises(ValidationError, match="allerede fått stipend"):
        services.award_make(nomination=kari, user=members.adviser)
    with pytest.raises(ValidationError, match="Bare innsendte"):
        services.award_make(nomination=draft, user=members.adviser)


@pytest.mark.django_db(transaction=True)
def test_closing_the_awards_sends_award_and_rejection_letters(client, call, members):
    kari, ola, _siri = three_nominees(call, members)
    call_command("db_worker", "--batch", "--interval", "0")  # the receipts
    mail.outbox.clear()
    services.award_make(nomination=kari, user=members.adviser)
    services.call_finalise(call=call, user=members.adviser)
    kari.refresh_from_db()
    ola.refresh_from_db()
    assert kari.status == NominationStatus.AWARDED
    assert ola.status == NominationStatus.NOT_AWARDED
    with pytest.raises(ValidationError, match="allerede avsluttet"):
        services.call_finalise(call=call, user=members.adviser)

    call_command("db_worker", "--batch", "--interval", "0")
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Svar på nominasjon til Drømmestipendet 2026",
        "Svar på nominasjon til Drømmestipendet 2026",
        "Tildeling av Drømmestipendet 2026",
    ]
    award_mail = next(m for m in mail.outbox if m.subject.startswith("Tildeling"))
    assert "kari@eksempel.no" in award_mail.to
    assert "Stipendet er på 30\xa0000\xa0kr." in award_mail.body

    # The letters as Word and PDF for the nominating municipality.
    client.force_login(members.coordinator_a)
    docx = client.get(reverse("grants:letter", args=[kari.pk, "docx"]))
    assert docx.status_code == 200
    text = docx_text(docx.content)
    assert "Tildeling av Drømmestipendet 2026" in text
    assert "du er tildelt Drømmestipendet 2026 i kategorien Dans" in text
    pdf = client.get(reverse("grants:letter", args=[ola.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "Svar på nominasjon til Drømmestipendet 2026" in " ".join(pdf_text(pdf.content).split())
    # The nominator now sees the outcome.
    page = client.get(kari.get_absolute_url()).content.decode()
    assert "Tildelt" in page and "Tildelingsbrev" in page
    # Another municipality never gets the letter.
    client.force_login(members.coordinator_b)
    assert client.get(reverse("grants:letter", args=[kari.pk, "pdf"])).status_code == 403


def test_the_public_list_shows_recipients_only_when_published(client, call, members):
    kari, _ola, _siri = three_nominees(call, members)
    url = reverse("grants:recipients", args=[call.slug])
    assert client.get(url).status_code == 404
    services.award_make(nomination=kari, user=members.adviser)
    with pytest.raises(ValidationError, match="Avslutt tildelingen"):
        services.call_publish(call=call)
    services.call_finalise(call=call, user=members.adviser)
    assert client.get(url).status_code == 404
    client.force_login(members.adviser)
    client.post(reverse("grants:publish", args=[call.slug]))
    client.logout()
    page = client.get(url).content.decode()  # anonymous
    assert "Kari Nordmann" in page and "Sogndal" in page and "Dans" in page
    assert "Ola Nordmann" not in page
    assert "kari@eksempel.no" not in page
