"""Writes: the calendar feed's token, reminder preferences, and the daily reminders."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samspill.accounts.models import User
from samspill.core.tasks import send_email

from . import selectors
from .models import CalendarFeedToken, ReminderKind, ReminderPreference, SentReminder, new_token

logger = logging.getLogger(__name__)


def feed_token_for(user):
    """The person's feed token, made the first time it is asked for."""
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_renew(*, user) -> CalendarFeedToken:
    """A new secret: the old address stops working at once."""
    token, created = CalendarFeedToken.objects.select_for_update().get_or_create(user=user)
    if not created:
        token.token = new_token()
        token.full_clean()
        token.save()
    return token


def user_for_feed_token(token):
    """The active user whose feed the token opens, or None."""
    if not token or len(token) > 64:
        return None
    found = (
        CalendarFeedToken.objects.filter(token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None


def preference_for(user):
    """The person's choices, or the defaults (not saved) when they have made none."""
    try:
        return user.reminder_preference
    except ReminderPreference.DoesNotExist:
        return ReminderPreference(user=user)


@transaction.atomic
def preference_save(
    *, user, before_deadline: bool, days_before: int, overdue: bool, assigned: bool
) -> ReminderPreference:
    preference, _created = ReminderPreference.objects.get_or_create(user=user)
    preference.before_deadline = before_deadline
    preference.days_before = days_before
    preference.overdue = overdue
    preference.assigned = assigned
    preference.full_clean()
    preference.save()
    return preference


# --- Reminders -------------------------------------------------------------------------


@dataclass
class Reminder:
    kind: str
    key: str
    item: selectors.Item


def _owned_by(user, item):
    owner_person = item.extra.get("owner_person_id")
    owner_user = item.extra.get("owner_user_id")
    return (owner_person is not None and owner_person == user.person_id) or (
        owner_user is not None and owner_user == user.pk
    )


def reminders_for(user, today, preference=None):
    """What this person should be reminded of today, by their choices: deadlines within
    their days before, deadlines passed, and things newly theirs. Each has a key naming
    the item, the kind and the deadline; what was sent before is left out by the caller."""
    preference = preference or preference_for(user)
    reminders = []
    for item in selectors.due_items(user, today):
        day = item.day.isoformat() if item.day else "none"
        soon = today + datetime.timedelta(days=preference.days_before)
        if item.day is not None and item.day < today and preference.overdue:
            reminders.append(Reminder(ReminderKind.OVERDUE, f"overdue:{item.uid}:{day}", item))
        elif item.day is not None and today <= item.day <= soon and preference.before_deadline:
            reminders.append(
                Reminder(ReminderKind.BEFORE_DEADLINE, f"before:{item.uid}:{day}", item)
            )
        if preference.assigned and _owned_by(user, item):
            reminders.append(Reminder(ReminderKind.ASSIGNED, f"assigned:{item.uid}", item))
    return reminders


def _recipients():
    return (
        User.objects.filter(is_active=True).exclude(email="").select_related("reminder_preference")
    )


def _email(user, reminders, today):
    """The reminder e-mail in Norwegian bokmål, one per person and day, every item with a
    link to its record."""
    sections = []
    shown = set()
    for kind, heading in [
        (ReminderKind.OVERDUE, _("Frister som er passert")),
        (ReminderKind.BEFORE_DEADLINE, _("Frister som nærmer seg")),
        (ReminderKind.ASSIGNED, _("Nytt ansvar for deg")),
    ]:
        rows = []
        for reminder in reminders:
            if reminder.kind != kind or reminder.item.uid in shown:
                continue
            shown.add(reminder.item.uid)
            rows.append(reminder.item)
        if rows:
            sections.append({"heading": heading, "items": rows})
    count = len(shown)
    subject = ngettext(
        "Samspill: %(count)s påminnelse", "Samspill: %(count)s påminnelser", count
    ) % {"count": count}
    context = {
        "user": user,
        "sections": sections,
        "site_url": settings.SITE_URL.rstrip("/"),
        "today": today,
    }
    body = render_to_string("workflow/email/reminders.txt", context)
    html_body = render_to_string("workflow/email/reminders.html", context)
    return subject, body, html_body


def send_reminders(*, today=None) -> int:
    """The daily job: for every active person, the reminders not sent before, recorded and
    queued as one e-mail in one transaction. A second run the same day (after a restart,
    or by a second worker at the same time) finds the keys recorded and sends nothing
    again. Returns how many e-mails were queued."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override("nb"):
        for user in _recipients():
            preference = preference_for(user)
            if not (preference.before_deadline or preference.overdue or preference.assigned):
                continue
            reminders = reminders_for(user, today, preference)
            if not reminders:
                continue
            try:
                sent += _record_and_queue(user, reminders, today)
            except IntegrityError:
                # Another run recorded these first; it sends them.
                logger.info("Reminders for %s were recorded by another run.", user.pk)
    return sent


def _record_and_queue(user, reminders, today):
    with transaction.atomic():
        keys = [reminder.key for reminder in reminders]
        done = set(
            SentReminder.objects.filter(user=user, key__in=keys).values_list("key", flat=True)
        )
        new = [reminder for reminder in reminders if reminder.key not in done]
        if not new:
            return 0
        SentReminder.objects.bulk_create(
            [
                SentReminder(
                    user=user,
                    key=reminder.key,
                    kind=reminder.kind,
                    title=reminder.item.title[:300],
                    sent_on=today,
                )
                for reminder in new
            ]
        )
        subject, body, html_body = _email(user, new, today)
        # Queued in the same transaction as the records: both or neither.
        send_email.enqueue(subject=subject, body=body, html_body=html_body, to=[user.email])
    return 1
