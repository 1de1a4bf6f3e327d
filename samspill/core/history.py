"""Change history on the records people are accountable for (issue 10): who changed
what and when, shown on the record.

A save of a tracked model is compared field by field with the row as it was; only saves
that change something are written (`ChangeEntry`), so re-running the demo loader or
saving an unchanged form adds nothing. Who changed it comes from the current request
(`samspill.core.audit`); outside a request it is "system". Writes with `QuerySet.update()`
(bulk changes) bypass signals and are not in the history; the services that do bulk
updates write their own timeline entries.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_save, pre_save

from .audit import current_user
from .models import ChangeEntry

#: The records whose changes are shown on their page.
TRACKED = [
    "programmes.Contract",
    "programmes.DevelopmentPlan",
    "agreements.Agreement",
    "agreements.Meeting",
    "strategy.Decision",
    "strategy.Measure",
    "grants.Award",
    "grants.GrantApplication",
]

#: Bookkeeping that changes with every save and says nothing to a reader.
IGNORED = {"updated_at", "modified_at", "version", "search_vector"}


def _fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in IGNORED
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def _shown(instance, field):
    """A field's value as a reader sees it: choice labels, related objects by name."""
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    if isinstance(field, models.ForeignKey):
        related_id = getattr(instance, field.attname)
        if related_id is None:
            return ""
        try:
            return str(getattr(instance, field.name))
        except field.related_model.DoesNotExist:
            return str(related_id)
    value = getattr(instance, field.attname)
    if value is None:
        return ""
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if isinstance(field, models.BooleanField):
        return "ja" if value else "nei"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y %H:%M" if hasattr(value, "hour") else "%d.%m.%Y")
    return str(value)


def _remember(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._history_before = None
        return
    before = sender._default_manager.filter(pk=instance.pk).first()
    instance._history_before = (
        {field.name: _shown(before, field) for field in _fields(sender)} if before else None
    )


def _record(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_history_before", None)
    instance._history_before = None
    changes = []
    for field in _fields(sender):
        after = _shown(instance, field)
        old = "" if before is None else before.get(field.name, "")
        if created or old != after:
            if created and after == "":
                continue
            changes.append(
                {
                    "field": field.name,
                    "label": str(field.verbose_name),
                    "before": old,
                    "after": after,
                }
            )
    if not changes or (not created and before is None):
        return
    actor = current_user()
    ChangeEntry.objects.create(
        content_type=ContentType.objects.get_for_model(sender),
        object_id=str(instance.pk),
        actor=actor,
        actor_label=actor.email if actor else "",
        created=created,
        changes=changes,
    )


def history_of(instance):
    """The record's changes, newest first."""
    return ChangeEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=str(instance.pk)
    ).select_related("actor")


def connect():
    for label in TRACKED:
        model = apps.get_model(label)
        pre_save.connect(_remember, sender=model, dispatch_uid=f"history-before-{label}")
        post_save.connect(_record, sender=model, dispatch_uid=f"history-after-{label}")
