"""E-mails the worker could not send.

E-mail leaves through the background worker (`core.tasks.send_email`), so a failing mail
server never fails the page that saved the record. What failed is kept as a failed task
result with its subject, recipients and text; an administrator sees it on "E-post som
ikke ble sendt" with the reason in Norwegian and sends it again once the server works.
"""

import smtplib
import socket

from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from .tasks import send_email

SEND_EMAIL = f"{send_email.func.__module__}.{send_email.func.__qualname__}"


def failed_emails():
    """Failed sends, newest first (one query)."""
    return DBTaskResult.objects.failed().filter(task_path=SEND_EMAIL).order_by("-finished_at")


def failed_email_count():
    return failed_emails().count()


def message_of(result):
    """Subject and recipients of a failed send, as stored in the task's arguments."""
    kwargs = result.args_kwargs.get("kwargs", {})
    return {"subject": kwargs.get("subject", ""), "to": kwargs.get("to", [])}


# The reasons an administrator can act on, by exception class. Checked in order: the
# most specific SMTP errors first.
_REASONS = (
    (
        smtplib.SMTPAuthenticationError,
        gettext_lazy(
            "E-posttjeneren godtok ikke brukernavnet eller passordet "
            "(EMAIL_HOST_USER og EMAIL_HOST_PASSWORD)."
        ),
    ),
    (
        smtplib.SMTPRecipientsRefused,
        gettext_lazy("E-posttjeneren avviste mottakeren. Sjekk e-postadressen."),
    ),
    (
        smtplib.SMTPSenderRefused,
        gettext_lazy("E-posttjeneren avviste avsenderadressen (DEFAULT_FROM_EMAIL)."),
    ),
    (
        smtplib.SMTPConnectError,
        gettext_lazy("E-posttjeneren svarte, men tok ikke imot e-post akkurat da."),
    ),
    (smtplib.SMTPServerDisconnected, gettext_lazy("E-posttjeneren brøt forbindelsen.")),
    (smtplib.SMTPResponseException, gettext_lazy("E-posttjeneren svarte med en feil.")),
    (socket.timeout, gettext_lazy("E-posttjeneren svarte ikke i tide.")),
    (
        ConnectionRefusedError,
        gettext_lazy(
            "Fikk ikke kontakt med e-posttjeneren (forbindelsen ble avvist). "
            "Sjekk EMAIL_HOST og EMAIL_PORT, og at tjeneren kjører."
        ),
    ),
    (
        socket.gaierror,
        gettext_lazy("Fant ikke e-posttjeneren (ukjent vertsnavn i EMAIL_HOST)."),
    ),
    (OSError, gettext_lazy("Fikk ikke kontakt med e-posttjeneren.")),
)


def reason_of(result):
    """Why a send failed, in words an administrator can act on."""
    path = result.exception_class_path
    try:
        failed_with = import_string(path)
    except ImportError:
        failed_with = None
    for exception, reason in _REASONS:
        if isinstance(failed_with, type) and issubclass(failed_with, exception):
            return str(reason)
    return _("E-posten kunne ikke sendes (%(error)s).") % {"error": path.rsplit(".", 1)[-1]}


@transaction.atomic
def resend(result):
    """Queue the same e-mail again and drop the failed attempt, in one transaction: the
    e-mail is in the queue or in the list of failures, never neither."""
    send_email.enqueue(**result.args_kwargs.get("kwargs", {}))
    result.delete()


@transaction.atomic
def resend_all():
    results = list(failed_emails().select_for_update())
    for result in results:
        resend(result)
    return len(results)
