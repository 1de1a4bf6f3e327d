"""Personal data: everything stored about a person, and the right to be forgotten.

A *subject* is a person in the register (members.Person), their login (accounts.User),
or both when they are linked. `collect` walks every relation in the database that points
at the person or the user (found from the models themselves, so a new area is covered
without changes here) and lists the records with their fields.

Deleting is for people with nothing that must stay: only their own positions, unit
memberships and API keys. Everyone else is anonymised: name, e-mail and phone go, the
login is closed, and the records that must stay — minutes and attendance, decisions,
contracts, action items, scores, the audit trail — keep pointing at "Anonymisert person".
"""

import datetime
import decimal
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.audit import Action, record
from samspill.core.models import AuditEntry
from samspill.members.models import Person

User = get_user_model()

#: Fields never exported: secrets, and stored file contents (their names are exported).
SECRET_FIELDS = {"password", "key_hash", "content", "secret", "token"}
#: Records that belong to the person alone and go when the person is deleted.
OWN_RECORDS = {
    "members.Position",
    "members.StaffUnitMembership",
    "api.ApiToken",
    "admin.LogEntry",
    "workflow.CalendarFeedToken",
    "workflow.ReminderPreference",
    "workflow.SentReminder",
}
ANONYMOUS_FIRST_NAME = "Anonymisert"


@dataclass
class Records:
    model: str
    label: str
    relation: str
    items: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.items)


@dataclass
class Collected:
    person: Person | None
    user: object
    records: list

    @property
    def name(self):
        return str(self.person or self.user)

    @property
    def person_data(self):
        return as_dict(self.person) if self.person else {}

    @property
    def user_data(self):
        return as_dict(self.user) if self.user else {}

    @property
    def must_stay(self):
        return [r for r in self.records if r.model not in OWN_RECORDS and r.items]


def _value(obj, model_field):
    if isinstance(model_field, models.ForeignKey | models.OneToOneField):
        related = getattr(obj, model_field.name)
        return str(related) if related is not None else None
    value = getattr(obj, model_field.attname)
    if isinstance(model_field, models.FileField):
        return value.name if value else ""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if model_field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{model_field.name}_display")())
    return value


def as_dict(obj):
    """The record's own fields, by their Norwegian names, secrets left out."""
    data = {"id": obj.pk}
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key or model_field.name in SECRET_FIELDS:
            continue
        value = _value(obj, model_field)
        if value is not None:
            data[str(model_field.verbose_name)] = value
    return data


def _reverse_relations(model):
    """Every relation from another model to `model`, the hidden ones (related_name='+')
    included, without Django's own many-to-many link tables."""
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        if relation.related_model._meta.auto_created:
            continue
        yield relation


def _records_pointing_at(obj, *, skip=()):
    found = []
    for relation in _reverse_relations(type(obj)):
        related_model = relation.related_model
        label = related_model._meta.label
        if label in skip:
            continue
        name = relation.field.name
        queryset = related_model._default_manager.filter(**{name: obj}).distinct()
        items = [as_dict(item) for item in queryset]
        if items:
            found.append(
                Records(
                    model=label,
                    label=str(related_model._meta.verbose_name_plural).capitalize(),
                    relation=str(relation.field.verbose_name),
                    items=items,
                )
            )
    return found


def subject_of(*, person=None, user=None):
    """Both halves of a subject: the person's login, or the user's person."""
    if person is not None and user is None:
        user = User.objects.filter(person=person).first()
    if user is not None and person is None:
        person = user.person
    return person, user


def collect(*, person=None, user=None) -> Collected:
    person, user = subject_of(person=person, user=user)
    records = []
    if person is not None:
        records += _records_pointing_at(person, skip={"accounts.User"})
    if user is not None:
        records += _records_pointing_at(user, skip={"core.AuditEntry"})
        audit = [as_dict(entry) for entry in AuditEntry.objects.filter(actor=user)]
        if audit:
            records.append(
                Records(
                    "core.AuditEntry",
                    str(AuditEntry._meta.verbose_name_plural).capitalize(),
                    _("utført av"),
                    audit,
                )
            )
    # Nominees are not people in the register: their nominations are found by e-mail.
    email = (person.email if person else "") or (user.email if user else "")
    if email:
        from samspill.grants.models import Nomination

        nominations = [as_dict(n) for n in Nomination.objects.filter(email__iexact=email)]
        if nominations:
            records.append(
                Records(
                    "grants.Nomination",
                    str(Nomination._meta.verbose_name_plural).capitalize(),
                    _("samme e-postadresse"),
                    nominations,
                )
            )
    return Collected(person=person, user=user, records=records)


def export_data(collected: Collected) -> dict:
    """The JSON export: the person, the login and every record, by kind."""
    return {
        "eksportert": timezone.now().isoformat(),
        "person": as_dict(collected.person) if collected.person else None,
        "bruker": as_dict(collected.user) if collected.user else None,
        "poster": [
            {
                "type": r.model,
                "navn": r.label,
                "kobling": r.relation,
                "antall": r.count,
                "poster": r.items,
            }
            for r in collected.records
        ],
    }


@transaction.atomic
def subject_anonymise(*, person=None, user=None) -> Collected:
    """Remove what identifies the person; keep every record that must stay."""
    person, user = subject_of(person=person, user=user)
    if person is not None:
        person.first_name = ANONYMOUS_FIRST_NAME
        person.last_name = _("person %(number)s") % {"number": person.pk}
        person.email = ""
        person.phone = ""
        person.full_clean()
        person.save(update_fields=["first_name", "last_name", "email", "phone"])
    if user is not None:
        user.email = f"anonymisert-{user.pk}@anonymisert.invalid"
        user.first_name = ANONYMOUS_FIRST_NAME
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    subject = person or user
    record(
        Action.DELETION,
        target=_("Personopplysninger anonymisert (%(kind)s %(id)s)")
        % {"kind": subject._meta.verbose_name, "id": subject.pk},
        obj=subject,
        details=_("Navn, e-post og telefon er fjernet; postene som må bli stående er beholdt."),
    )
    return collect(person=person, user=user)


@transaction.atomic
def subject_delete(*, person=None, user=None):
    """Delete the person and their login, when nothing that must stay refers to them."""
    collected = collect(person=person, user=user)
    if collected.must_stay:
        raise ValidationError(
            _(
                "Kan ikke slettes fordi disse postene må bli stående: %(records)s. "
                "Anonymiser personen i stedet."
            )
            % {"records": ", ".join(f"{r.label} ({r.count})" for r in collected.must_stay)}
        )
    if collected.user is not None:
        collected.user.delete()
    if collected.person is not None:
        collected.person.delete()
