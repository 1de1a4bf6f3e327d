from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One thing that must be accountable afterwards: a login, a change of someone's
    rights, an export of personal data, a deletion. Written by `samspill.core.audit`,
    read by administrators in the admin; never changed."""

    class Action(models.TextChoices):
        LOGIN = "login", _("innlogging")
        LOGIN_FAILED = "login_failed", _("mislykket innlogging")
        LOCKED_OUT = "locked_out", _("låst ute etter for mange forsøk")
        LOGOUT = "logout", _("utlogging")
        PERMISSIONS = "permissions", _("endrede rettigheter")
        EXPORT = "export", _("eksport av personopplysninger")
        DELETION = "deletion", _("sletting")

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    action = models.CharField(_("hendelse"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utført av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text as well, so that the entry still says who it was when the user is gone.
    actor_label = models.CharField(_("utført av (tekst)"), max_length=254, blank=True)
    target = models.CharField(_("gjelder"), max_length=300, blank=True)
    object_type = models.CharField(_("type"), max_length=100, blank=True)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    details = models.TextField(_("detaljer"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)

    class Meta:
        verbose_name = _("revisjonslogg")
        verbose_name_plural = _("revisjonslogg")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_action_display()} {self.target}"


class ChangeEntry(models.Model):
    """One save that changed a tracked record (contracts, development plans, agreements,
    minutes, decisions, measures, awards): who, when, and each field before and after.
    Written by `samspill.core.history`, shown on the record's page."""

    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("endret av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("endret av (tekst)"), max_length=254, blank=True)
    created = models.BooleanField(_("opprettet"), default=False)
    #: `[{"field": name, "label": verbose name, "before": text, "after": text}]`
    changes = models.JSONField(_("endringer"), default=list)

    class Meta:
        verbose_name = _("endring")
        verbose_name_plural = _("endringslogg")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.actor_label}"
