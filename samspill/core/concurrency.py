"""Optimistic locking: two people editing the same record never overwrite each other
silently.

A record that is edited in a form carries a `version` number. The form sends back the
version it was drawn from; the service claims the record with `claim_version` inside its
transaction, which raises `EditConflict` when someone else saved in between. The view
then shows both versions (`conflict_rows`) and the form again, now drawn from the
newest version, so that the person decides what to keep and saves once more on purpose.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Noen andre har lagret endringer her mens du redigerte. Ingenting av det du skrev er "
    "lagret ennå. Se over begge versjonene nedenfor, rett skjemaet og lagre på nytt."
)


class EditConflict(Exception):
    """Someone saved the record after the form was drawn; `current` is their version."""

    def __init__(self, current):
        super().__init__(str(CONFLICT_MESSAGE))
        self.current = current


def claim_version(instance, expected):
    """Bump `instance`'s version if it is still `expected` (the version the form was drawn
    from), else raise `EditConflict` with the saved record. Call inside the transaction
    that saves the record; `expected=None` (no version sent, e.g. an old form) claims."""
    model = type(instance)
    if expected is None:
        expected = model.objects.values_list("version", flat=True).get(pk=instance.pk)
    claimed = model.objects.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = expected + 1


class VersionedForm(forms.Form):
    """Mixin for forms of versioned records: a hidden `version` field."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


def conflict_rows(form, theirs, *, fields=None):
    """`[(label, their value, your value)]` for the fields where the two versions differ,
    `theirs` being a dict of the saved values in the form's terms."""
    rows = []
    for name in fields or [n for n in form.fields if n != "version"]:
        field = form.fields[name]
        yours = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        saved = theirs.get(name)
        if _shown(field, yours) != _shown(field, saved):
            rows.append((field.label, _shown(field, saved), _shown(field, yours)))
    return rows


def _shown(field, value):
    if value is None or value == "":
        return "–"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(sorted(str(item) for item in value)) or "–"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if hasattr(value, "name") and not isinstance(value, str):  # an uploaded file
        return value.name
    return str(value).strip() or "–"


def add_errors(form, error):
    """Put a service's ValidationError on the form, field by field where it names one of
    the form's fields, and above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def save_or_show_errors(form, save, *, theirs=None):
    """Call the service `save`; what it refuses is shown on the form like any other error.

    A rule it enforces (ValidationError) becomes a form error. A conflict (someone saved
    since the form was drawn) redraws the form with the person's own input, the newest
    version, and a table of both versions: `theirs(current)` gives the saved record's
    values in the form's terms. Returns what `save` returned, or None."""
    try:
        return save()
    except ValidationError as error:
        add_errors(form, error)
    except EditConflict as conflict:
        data = form.data.copy()
        data["version"] = str(conflict.current.version)
        form.data = data
        form.conflict = conflict_rows(form, theirs(conflict.current) if theirs else {})
        form.add_error(None, CONFLICT_MESSAGE)
    return None
