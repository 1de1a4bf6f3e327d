"""Every write in cooperation agreements that touches more than one row or encodes a rule.

Keyword-only, atomic, `full_clean()` before save; rule violations are ValidationErrors in
plain Norwegian, which the views show on the form.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.concurrency import claim_version

from .models import (
    ActionItem,
    AgendaItem,
    AgreementStatus,
    Attendance,
    BaseDocument,
    Decision,
    Meeting,
    MeetingStatus,
    Milestone,
    MinutesComment,
    Party,
    Project,
    ProjectMember,
    ProjectReport,
    SteeringGroupMember,
)

# --- The agreement --------------------------------------------------------------------


@transaction.atomic
def agreement_save(*, agreement, base_documents=None):
    """Save the agreement (a new one or changed fields) and, when given, replace its base
    documents with `base_documents`: (title, url) pairs in order.

    A renewal names its predecessor; when the renewal takes effect the predecessor is
    marked renewed."""
    predecessor = agreement.predecessor
    if predecessor is not None:
        if agreement.pk and predecessor.pk == agreement.pk:
            raise ValidationError(_("En avtale kan ikke fornye seg selv."))
        if predecessor.period_start >= agreement.period_start:
            raise ValidationError(
                _("Avtalen som fornyes, må ha begynt før den nye avtalen begynner.")
            )
    if agreement.status == AgreementStatus.TERMINATED and agreement.terminated_on is None:
        raise ValidationError(_("Oppgi datoen avtalen ble sagt opp."))
    agreement.full_clean()
    agreement.save()
    if base_documents is not None:
        agreement.base_documents.all().delete()
        BaseDocument.objects.bulk_create(
            [
                BaseDocument(agreement=agreement, sort_order=index, title=title, url=url)
                for index, (title, url) in enumerate(base_documents)
                if title.strip()
            ]
        )
    if (
        predecessor is not None
        and agreement.status == AgreementStatus.ACTIVE
        and predecessor.status in {AgreementStatus.ACTIVE, AgreementStatus.ENDED}
    ):
        predecessor.status = AgreementStatus.RENEWED
        predecessor.save(update_fields=["status", "updated_at"])
    return agreement


@transaction.atomic
def party_save(
    *,
    agreement,
    organisation,
    party=None,
    sort_order=0,
    signatory_name="",
    signatory_title="",
    signed_on=None,
    contact_person=None,
    contact_appointed_on=None,
):
    if party is None:
        party = Party(agreement=agreement)
    if contact_person is None:
        contact_appointed_on = None
    elif contact_appointed_on is None:
        raise ValidationError(_("Oppgi datoen kontaktpersonen ble oppnevnt."))
    party.organisation = organisation
    party.sort_order = sort_order
    party.signatory_name = signatory_name
    party.signatory_title = signatory_title
    party.signed_on = signed_on
    party.contact_person = contact_person
    party.contact_appointed_on = contact_appointed_on
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def steering_member_save(
    *, agreement, party, person, member=None, role="", delegated_to=None, delegation_note=""
):
    if party.agreement_id != agreement.pk:
        raise ValidationError(_("Parten hører ikke til denne avtalen."))
    if delegated_to is not None and delegated_to.pk == person.pk:
        raise ValidationError(_("Et medlem kan ikke delegere til seg selv."))
    if delegated_to is None:
        delegation_note = ""
    if member is None:
        member = SteeringGroupMember(agreement=agreement)
    member.party = party
    member.person = person
    member.role = role
    member.delegated_to = delegated_to
    member.delegation_note = delegation_note
    member.full_clean()
    member.save()
    return member


# --- Meetings -------------------------------------------------------------------------


def _numbered(texts):
    return [(number, text.strip()) for number, text in enumerate(_filled(texts), start=1)]


def _filled(texts):
    return [text for text in texts or [] if text and text.strip()]


@transaction.atomic
def meeting_save(
    *,
    agreement,
    title,
    starts_at,
    meeting=None,
    kind="cooperation",
    ends_at=None,
    place="",
    digital_link="",
    status=MeetingStatus.PLANNED,
    agenda=None,
):
    """Plan or change a meeting; `agenda` (texts in order) replaces the agenda when given.
    A meeting is marked held when its minutes are recorded, not here."""
    if meeting is None:
        meeting = Meeting(agreement=agreement)
    if status == MeetingStatus.HELD and not meeting.is_held:
        raise ValidationError(_("Et møte markeres som holdt når referatet føres."))
    meeting.kind = kind
    meeting.title = title
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.place = place
    meeting.digital_link = digital_link
    meeting.status = status
    meeting.full_clean()
    meeting.save()
    if agenda is not None:
        meeting.agenda_items.all().delete()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=meeting, number=number, title=text)
                for number, text in _numbered(agenda)
            ]
        )
    return meeting


@transaction.atomic
def meeting_record_minutes(
    *, meeting, user, minutes, present=(), decisions=None, today=None, version=None
):
    """The meeting was held: its minutes, who was there, and the decisions made.
    `version` is the one the form was drawn from (raises `EditConflict` if outdated)."""
    claim_version(meeting, version)
    today = today or timezone.localdate()
    if timezone.localdate(meeting.starts_at) > today:
        raise ValidationError(_("Et møte fram i tid kan ikke ha referat ennå."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Møtet er avlyst og kan ikke ha referat."))
    if not minutes.strip():
        raise ValidationError(_("Skriv referatet fra møtet."))
    meeting.status = MeetingStatus.HELD
    meeting.minutes = minutes.strip()
    meeting.minutes_by = user
    meeting.full_clean()
    meeting.save()
    meeting.attendances.all().delete()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, person=person) for person in present]
    )
    if decisions is not None:
        meeting.decisions.all().delete()
        Decision.objects.bulk_create(
            [
                Decision(meeting=meeting, number=number, text=text)
                for number, text in _numbered(decisions)
            ]
        )
    return meeting


@transaction.atomic
def action_item_save(*, meeting, text, owner, due_on, item=None):
    if item is None:
        item = ActionItem(meeting=meeting)
    item.text = text.strip()
    item.owner = owner
    item.due_on = due_on
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_mark(*, item, user, done, today=None):
    """Mark an action item done (today) or open again."""
    if done:
        if item.is_done:
            return item
        item.done_on = today or timezone.localdate()
        item.done_by = user
    else:
        item.done_on = None
        item.done_by = None
    item.save(update_fields=["done_on", "done_by"])
    return item


@transaction.atomic
def minutes_comment_add(*, meeting, author, text):
    if not meeting.is_held:
        raise ValidationError(_("Referatet kan kommenteres når møtet er holdt."))
    comment = MinutesComment(meeting=meeting, author=author, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


# --- Projects -------------------------------------------------------------------------

PROJECT_FIELDS = [
    "title",
    "description",
    "status",
    "lead",
    "starts_on",
    "ends_on",
    "competence_needed",
    "hours_planned",
    "budget_planned",
    "budget_spent",
    "project_agreement_signed_on",
]


@transaction.atomic
def project_save(*, agreement, project=None, municipalities=None, **fields):
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown project fields: {sorted(unknown)}")
    if project is None:
        project = Project(agreement=agreement)
    for name, value in fields.items():
        setattr(project, name, value)
    if project.needs_project_agreement:
        raise ValidationError(
            _(
                "Et prosjekt som er i gang eller avsluttet, må ha en prosjektavtale. "
                "Oppgi datoen prosjektavtalen ble inngått."
            )
        )
    project.full_clean()
    project.save()
    if municipalities is not None:
        project.municipalities.set(municipalities)
    return project


@transaction.atomic
def project_member_save(*, project, person, group, role="", member=None):
    if member is None:
        member = ProjectMember(project=project)
    member.person = person
    member.group = group
    member.role = role
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def project_report_save(*, project, year, due_on, report=None, submitted_on=None, summary=""):
    if report is None:
        report = ProjectReport(project=project)
    if submitted_on is not None and not summary.strip():
        raise ValidationError(_("Skriv et sammendrag av rapporten når den er levert."))
    report.year = year
    report.due_on = due_on
    report.submitted_on = submitted_on
    report.summary = summary.strip()
    report.full_clean()
    report.save()
    return report


# --- Action and progress plan ---------------------------------------------------------

MILESTONE_FIELDS = [
    "year",
    "kind",
    "title",
    "description",
    "owner",
    "due_on",
    "done_on",
    "meeting",
    "project",
    "report",
]


@transaction.atomic
def milestone_save(*, agreement, milestone=None, **fields):
    unknown = set(fields) - set(MILESTONE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown milestone fields: {sorted(unknown)}")
    for name in ("meeting", "project"):
        linked = fields.get(name)
        if linked is not None and linked.agreement_id != agreement.pk:
            raise ValidationError(_("Milepælen kan bare kobles til møter og prosjekter i avtalen."))
    report = fields.get("report")
    if report is not None and report.project.agreement_id != agreement.pk:
        raise ValidationError(_("Milepælen kan bare kobles til rapporter i avtalen."))
    if milestone is None:
        milestone = Milestone(agreement=agreement)
    for name, value in fields.items():
        setattr(milestone, name, value)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_mark(*, milestone, done, today=None):
    milestone.done_on = (today or timezone.localdate()) if done else None
    milestone.save(update_fields=["done_on"])
    return milestone
