"""In Chromium: the mail server refused a password-reset e-mail; the administrator sees it
on the start page, opens "E-post som ikke ble sendt", reads the reason and sends it again.
Every page passes axe."""

import pytest
from django.core import mail
from django.core.management import call_command

from samspill.core import mail as core_mail
from samspill.members.services import load_reference_data

from .browser import assert_accessible, log_in
from .personas import PASSWORD, make_personas
from .servers import SmtpServerThatRefuses
from .test_mail_failures import locmem, smtp_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_administrator_finds_the_failed_email_and_sends_it_again(page, settings, live_server):
    load_reference_data()
    personas = make_personas()
    with SmtpServerThatRefuses() as server:
        smtp_to(settings, server.port)
        page.goto("/konto/glemt-passord/")
        page.get_by_role("textbox").fill("leder@test.no")
        page.get_by_role("button", name="Send lenke").click()
        page.wait_for_load_state()
        call_command("db_worker", "--batch", "--interval", "0")
    assert core_mail.failed_email_count() == 1

    log_in(page, personas.admin.email, PASSWORD)
    notice = page.get_by_role("status").filter(has_text="1 e-post kunne ikke sendes.")
    assert notice.is_visible()
    assert_accessible(page)
    notice.get_by_role("link", name="Se årsaken og send på nytt").click()
    page.get_by_role("heading", name="E-post som ikke ble sendt", level=1).wait_for()
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Nytt passord i Samspill")
    assert "leder@test.no" in row.inner_text()
    assert "tok ikke imot e-post akkurat da" in row.inner_text()

    locmem(settings)  # the mail server works again
    row.get_by_role("button", name="Send på nytt").click()
    page.get_by_text("1 e-post er lagt i køen igjen.").wait_for()
    assert page.get_by_text("All e-post er sendt.").is_visible()
    assert_accessible(page)
    call_command("db_worker", "--batch", "--interval", "0")
    assert [m.to for m in mail.outbox] == [["leder@test.no"]]
