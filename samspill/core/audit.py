"""The audit trail: logins, changed rights, exports of personal data and deletions, with
who and when (`AuditEntry`, read by administrators in the admin).

Signals write the entries, so that no view can forget one. They learn who is acting from
the request that `AuditMiddleware` keeps for the duration of each request; outside a
request (management commands, the task worker) the actor is empty, shown as "system".
"""

import contextvars

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .models import AuditEntry
from .network import client_address

Action = AuditEntry.Action

_current_request = contextvars.ContextVar("audit_request", default=None)

#: A user's rights: who they are to Samspill and what they may see.
PERMISSION_FIELDS = (
    "role",
    "municipality",
    "organisation",
    "is_active",
    "is_staff",
    "is_superuser",
)

#: Records whose deletion must be accountable. Not every model: a deletion logged per
#: row would also turn Django's fast bulk deletes of, say, a seminar's points into one
#: query per point.
AUDITED_DELETIONS = [
    "accounts.User",
    "members.Person",
    "members.Municipality",
    "members.Organisation",
    "programmes.Programme",
    "programmes.Application",
    "programmes.Participation",
    "programmes.Contract",
    "programmes.DevelopmentPlan",
    "agreements.Agreement",
    "agreements.Meeting",
    "agreements.Project",
    "seminars.Seminar",
    "seminars.Participant",
    "strategy.GoverningDocument",
    "strategy.Plan",
    "strategy.Measure",
    "strategy.Decision",
    "strategy.FollowUp",
    "statistics.AnnualStatistics",
    "grants.Call",
    "grants.Nomination",
    "grants.Award",
    "grants.GrantApplication",
]


class AuditMiddleware:
    """Keeps the current request where the signal receivers can find it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_user():
    """The signed-in user of the current request, or None (commands, the worker)."""
    request = _current_request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(action, *, target="", obj=None, details="", actor=None, request=None):
    """Write one entry. `actor` defaults to the signed-in user of the current request."""
    request = request or _current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        actor_label=getattr(actor, "email", "") if actor is not None else "",
        target=str(target)[:300],
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        details=details,
        ip_address=client_address(request) or None if request is not None else None,
    )


def record_export(request, what, *, obj=None, details=""):
    """For views that hand out personal data (a person's data, nominee lists)."""
    return record(Action.EXPORT, target=what, obj=obj, details=details, request=request)


# --- Logins -----------------------------------------------------------------------------


def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, target=user.email, obj=user, actor=user, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, target=user.email, obj=user, actor=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password in `credentials`; the name is what was typed.
    record(Action.LOGIN_FAILED, target=credentials.get("username", ""), request=request)


def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Action.LOCKED_OUT, target=username or "", request=request)


# --- Rights -----------------------------------------------------------------------------


def _display(user, field):
    value = getattr(user, field)
    if field == "role":
        return user.get_role_display() or "–"
    if isinstance(value, bool):
        return "ja" if value else "nei"
    return str(value) if value is not None else "–"


def _remember_rights(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not set(update_fields) & set(PERMISSION_FIELDS):
        instance._audit_before = None  # e.g. last_login on every login
        return
    before = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._audit_before = (
        {field: _display(before, field) for field in PERMISSION_FIELDS} if before else None
    )


def _rights_changed(sender, instance, created, update_fields=None, **kwargs):
    before = getattr(instance, "_audit_before", None)
    after = {field: _display(instance, field) for field in PERMISSION_FIELDS}
    label = {field: str(sender._meta.get_field(field).verbose_name) for field in PERMISSION_FIELDS}
    if created:
        details = "; ".join(
            f"{label[f]}: {after[f]}" for f in ("role", "municipality", "organisation")
        )
        record(
            Action.PERMISSIONS,
            target=instance.email,
            obj=instance,
            details=f"ny bruker – {details}",
        )
    elif before is not None:
        changes = [
            f"{label[f]}: {before[f]} → {after[f]}"
            for f in PERMISSION_FIELDS
            if before[f] != after[f]
        ]
        if changes:
            record(
                Action.PERMISSIONS, target=instance.email, obj=instance, details="; ".join(changes)
            )
    instance._audit_before = None


def _groups_changed(sender, instance, action, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    kind = model._meta.verbose_name_plural
    names = ", ".join(sorted(str(o) for o in model.objects.filter(pk__in=pk_set or []))) or "alle"
    verb = {"post_add": "lagt til", "post_remove": "fjernet", "post_clear": "fjernet"}[action]
    users = (
        [instance]
        if isinstance(instance, get_user_model())
        else list(get_user_model().objects.filter(pk__in=pk_set or []))
    )
    for user in users:
        record(Action.PERMISSIONS, target=user.email, obj=user, details=f"{kind} {verb}: {names}")


# --- Deletions --------------------------------------------------------------------------


def _deleted(sender, instance, **kwargs):
    request = _current_request.get()
    actor = getattr(request, "user", None) if request is not None else None
    if actor is not None and (not actor.is_authenticated or actor == instance):
        actor = None  # a user deleting themselves cannot be referred to afterwards
    record(Action.DELETION, target=str(instance), obj=instance, actor=actor, request=request)


def connect():
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="audit-locked-out")
    User = get_user_model()
    pre_save.connect(_remember_rights, sender=User, dispatch_uid="audit-rights-before")
    post_save.connect(_rights_changed, sender=User, dispatch_uid="audit-rights-after")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(
            _groups_changed, sender=through, dispatch_uid=f"audit-{through.__name__}"
        )
    for label in AUDITED_DELETIONS:
        model = apps.get_model(label)
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"audit-delete-{label}")
