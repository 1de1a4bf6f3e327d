"""A failing e-mail server (issue 12): the record is saved, the e-mail is kept with the
reason in Norwegian, an administrator sees it and sends it again; nothing is lost."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samspill.core import mail as core_mail

from .servers import SmtpServerThatRefuses, free_port

pytestmark = pytest.mark.django_db(transaction=True)  # the worker commits, as in production


def smtp_to(settings, port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


def locmem(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def run_worker():
    call_command("db_worker", "--batch", "--interval", "0")


def request_password_reset(client, email):
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302  # the page answers at once; the worker sends


def test_a_refusing_mail_server_keeps_the_email_for_the_administrator_to_send_again(
    client, settings, personas
):
    with SmtpServerThatRefuses() as server:
        smtp_to(settings, server.port)
        request_password_reset(client, "leder@test.no")
        run_worker()
        assert server.connections == 1  # the worker really tried the server
    assert mail.outbox == []

    client.force_login(personas.admin)
    home = client.get(reverse("core:home")).content.decode()
    assert "1 e-post kunne ikke sendes." in home
    page = client.get(reverse("core:failed_emails")).content.decode()
    assert "Nytt passord i Samspill" in page
    assert "leder@test.no" in page
    assert "E-posttjeneren svarte, men tok ikke imot e-post akkurat da." in page

    # The server works again: sent once, and the list is empty.
    locmem(settings)
    response = client.post(reverse("core:failed_emails_resend"), follow=True)
    assert "1 e-post er lagt i køen igjen." in response.content.decode()
    run_worker()
    assert [m.to for m in mail.outbox] == [["leder@test.no"]]
    assert mail.outbox[0].subject == "Nytt passord i Samspill"
    assert "All e-post er sendt." in client.get(reverse("core:failed_emails")).content.decode()
    assert "kunne ikke sendes" not in client.get(reverse("core:home")).content.decode()


def test_no_mail_server_at_all_is_named_as_such_and_one_email_is_sent_again_alone(
    client, settings, personas
):
    smtp_to(settings, free_port())  # nothing listens there
    request_password_reset(client, "leder@test.no")
    request_password_reset(client, "koordinator.a@test.no")
    run_worker()
    assert core_mail.failed_email_count() == 2

    client.force_login(personas.admin)
    page = client.get(reverse("core:failed_emails")).content.decode()
    assert page.count("forbindelsen ble avvist") == 2
    first = core_mail.failed_emails().get(args_kwargs__kwargs__to=["leder@test.no"])

    locmem(settings)
    client.post(reverse("core:failed_emails_resend"), {"result": first.pk})
    run_worker()
    assert [m.to for m in mail.outbox] == [["leder@test.no"]]
    assert core_mail.failed_email_count() == 1  # the other still waits, with its reason


def test_only_administrators_see_and_resend_failed_emails(client, personas):
    for user in (personas.adviser, personas.leader, personas.coordinator_a, personas.partner):
        client.force_login(user)
        assert client.get(reverse("core:failed_emails")).status_code == 403
        assert client.post(reverse("core:failed_emails_resend")).status_code == 403
        assert "kunne ikke sendes" not in client.get(reverse("core:home")).content.decode()
