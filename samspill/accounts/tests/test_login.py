import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from samspill.accounts.models import Role, User
from samspill.core.tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def test_user_logs_in_with_email_and_password_and_lands_on_start_page(client, personas):
    response = client.post(
        reverse("accounts:login"),
        {"username": "Koordinator.A@test.no".lower(), "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Sogndal" in response.content.decode()


def test_wrong_password_gives_a_norwegian_message_and_no_login(client, personas):
    response = client.post(
        reverse("accounts:login"), {"username": "leder@test.no", "password": "feil-passord"}
    )
    assert response.status_code == 200
    assert "Feil e-postadresse eller passord" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_post_and_ends_the_session(client, personas):
    client.force_login(personas.leader)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


# The worker commits and closes its connection like in production, so these tests run
# outside the test transaction.
@pytest.mark.django_db(transaction=True)
def test_password_reset_sends_a_link_through_the_worker_that_sets_a_new_password(client, personas):
    response = client.post(reverse("accounts:password_reset"), {"email": "leder@test.no"})
    assert response.status_code == 302
    assert mail.outbox == []  # queued for the background worker, not sent in the request

    call_command("db_worker", "--batch", "--interval", "0")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leder@test.no"]
    assert message.subject == "Nytt passord i Samspill"
    link = re.search(r"http://testserver(/konto/nytt-passord/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "ny-lang-setning-42", "new_password2": "ny-lang-setning-42"}
    )
    assert response.status_code == 302
    assert client.login(username="leder@test.no", password="ny-lang-setning-42")


@pytest.mark.django_db(transaction=True)
def test_password_reset_for_unknown_email_reveals_nothing_and_sends_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "ukjent@test.no"})
    assert response.status_code == 302
    call_command("db_worker", "--batch", "--interval", "0")
    assert mail.outbox == []


def test_profile_page_shows_role_and_saves_name(client, personas):
    client.force_login(personas.coordinator_a)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Kommunal koordinator" in page
    assert "4640 Sogndal" in page
    response = client.post(
        reverse("accounts:profile"), {"first_name": "Kari", "last_name": "Nordmann"}
    )
    assert response.status_code == 302
    personas.coordinator_a.refresh_from_db()
    assert personas.coordinator_a.get_full_name() == "Kari Nordmann"


def test_a_coordinator_must_belong_to_a_municipality(db):
    user = User(email="uten.kommune@test.no", role=Role.COORDINATOR, password="x")
    with pytest.raises(ValidationError, match="må ha en kommune"):
        user.full_clean()


def test_a_partner_contact_must_belong_to_an_organisation(db):
    user = User(email="uten.org@test.no", role=Role.PARTNER_CONTACT, password="x")
    with pytest.raises(ValidationError, match="må ha en organisasjon"):
        user.full_clean()
