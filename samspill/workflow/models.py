"""Across the areas: the personal calendar feed's secret token, what reminders a person
wants, and the reminders already sent (so that a second run of the daily job, after a
restart or by two workers at once, never sends the same reminder twice)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in the personal iCal feed's address. Renewing it replaces it, and the
    old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("bruker"),
    )
    token = models.CharField(_("nøkkel"), max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(_("laget"), auto_now=True)

    class Meta:
        verbose_name = _("nøkkel til kalenderabonnement")
        verbose_name_plural = _("nøkler til kalenderabonnement")

    def __str__(self):
        return str(self.user)


class ReminderPreference(models.Model):
    """What reminders a person gets by e-mail. Without a row, the defaults apply."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_preference",
        verbose_name=_("bruker"),
    )
    before_deadline = models.BooleanField(_("før en frist"), default=True)
    days_before = models.PositiveSmallIntegerField(
        _("antall dager før fristen"),
        default=7,
        help_text=_("Fra 1 til 60 dager."),
    )
    overdue = models.BooleanField(_("når en frist er passert"), default=True)
    assigned = models.BooleanField(_("når du får ansvar for noe nytt"), default=True)

    class Meta:
        verbose_name = _("valg for påminnelser")
        verbose_name_plural = _("valg for påminnelser")
        constraints = [
            models.CheckConstraint(
                name="reminder_days_before_1_to_60",
                condition=models.Q(days_before__gte=1) & models.Q(days_before__lte=60),
                violation_error_message=_("Antall dager må være fra 1 til 60."),
            ),
        ]

    def __str__(self):
        return str(self.user)


class ReminderKind(models.TextChoices):
    BEFORE_DEADLINE = "before", _("Frist snart")
    OVERDUE = "overdue", _("Frist passert")
    ASSIGNED = "assigned", _("Nytt ansvar")


class SentReminder(models.Model):
    """One reminder about one item to one person. The key names the item, the kind and
    the deadline it was about, and is unique per person: what is sent is never sent again
    (a moved deadline is a new key)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_reminders",
        verbose_name=_("bruker"),
    )
    key = models.CharField(_("nøkkel"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=ReminderKind.choices)
    title = models.CharField(_("gjelder"), max_length=300)
    sent_on = models.DateField(_("sendt dato"))
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("sendt påminnelse")
        verbose_name_plural = _("sendte påminnelser")
        ordering = ["-sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="reminder_sent_once"),
        ]

    def __str__(self):
        return f"{self.user}: {self.title}"
