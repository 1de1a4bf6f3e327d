"""Builds the agreements part of the demo from demo/agreements.toml through the same
services an adviser uses, so the demo obeys every rule. An agreement already present is
left as it is, so loading twice changes nothing."""

from django.db import transaction
from django.utils import timezone

from samspill.accounts.models import User
from samspill.members.models import Municipality, Organisation, Person, Position

from . import services
from .models import Agreement, Meeting, MeetingStatus, MinutesComment

AGREEMENT_FIELDS = [
    "title",
    "status",
    "period_start",
    "period_end",
    "notice_months",
    "meetings_per_year",
    "contact_within_months",
    "evaluation_due_on",
    "terminated_on",
    "purpose",
]
TEXT_FIELDS = [
    "background",
    "collaboration_areas",
    "planned_projects",
    "organisation_text",
    "communication_text",
]


def _text(value):
    return (value or "").strip()


class People:
    """Demo people by e-mail ("partner@samspill.test") or full name ("Lars Leder")."""

    def __init__(self):
        self.people = list(Person.objects.select_related("organisation"))

    def __getitem__(self, name):
        if "@" in name:
            matches = [p for p in self.people if p.email == name]
        else:
            matches = [p for p in self.people if f"{p.first_name} {p.last_name}" == name]
        if len(matches) != 1:
            raise KeyError(f"Demo person {name!r} not found exactly once")
        return matches[0]

    def get(self, name):
        return self[name] if name else None


@transaction.atomic
def load(data, *, password):
    for row in data.get("people", []):
        _person(row)
    people = People()
    for row in data.get("agreements", []):
        if Agreement.objects.filter(slug=row["slug"]).exists():
            continue
        _load_agreement(row, people)
    return []


def _person(row):
    organisation = Organisation.objects.get(name=row["organisation"])
    person, created = Person.objects.get_or_create(
        email=row["email"],
        defaults={
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "organisation": organisation,
        },
    )
    if created and row.get("position"):
        Position.objects.create(person=person, title=row["position"], organisation=organisation)


def _aware(value):
    return timezone.make_aware(value) if value else None


def _load_agreement(row, people):
    agreement = Agreement(slug=row["slug"])
    for name in AGREEMENT_FIELDS:
        setattr(agreement, name, row.get(name))
    for name in TEXT_FIELDS:
        setattr(agreement, name, _text(row.get(name)))
    agreement.purpose = _text(agreement.purpose)
    services.agreement_save(
        agreement=agreement,
        base_documents=[(d["title"], d.get("url", "")) for d in row.get("base_documents", [])],
    )
    parties = {}
    for order, party in enumerate(row.get("parties", [])):
        organisation = Organisation.objects.get(name=party["organisation"])
        parties[organisation.pk] = services.party_save(
            agreement=agreement,
            organisation=organisation,
            sort_order=order,
            signatory_name=party.get("signatory_name", ""),
            signatory_title=party.get("signatory_title", ""),
            signed_on=party.get("signed_on"),
            contact_person=people.get(party.get("contact")),
            contact_appointed_on=party.get("contact_appointed_on"),
        )
    for member in row.get("steering_group", []):
        person = people[member["person"]]
        services.steering_member_save(
            agreement=agreement,
            party=parties[person.organisation_id],
            person=person,
            role=member.get("role", ""),
            delegated_to=people.get(member.get("delegated_to")),
            delegation_note=member.get("delegation_note", ""),
        )
    meetings = {m["key"]: _meeting(agreement, m, people) for m in row.get("meetings", [])}
    projects = {}
    reports = {}
    for project_row in row.get("projects", []):
        project = _project(agreement, project_row, people)
        projects[project_row["key"]] = project
        for report in project_row.get("reports", []):
            reports[(project_row["key"], report["year"])] = services.project_report_save(
                project=project,
                year=report["year"],
                due_on=report["due_on"],
                submitted_on=report.get("submitted_on"),
                summary=report.get("summary", ""),
            )
    for milestone in row.get("milestones", []):
        services.milestone_save(
            agreement=agreement,
            year=milestone["year"],
            kind=milestone.get("kind", "task"),
            title=milestone["title"],
            description=milestone.get("description", ""),
            owner=people.get(milestone.get("owner")),
            due_on=milestone["due_on"],
            done_on=milestone.get("done_on"),
            meeting=meetings.get(milestone.get("meeting")),
            project=projects.get(milestone.get("project")),
            report=reports.get(tuple(milestone["report"])) if "report" in milestone else None,
        )


def _meeting(agreement, row, people):
    status = row.get("status", MeetingStatus.HELD)
    meeting = services.meeting_save(
        agreement=agreement,
        kind=row.get("kind", "cooperation"),
        title=row["title"],
        starts_at=_aware(row["starts_at"]),
        ends_at=_aware(row.get("ends_at")),
        place=row.get("place", ""),
        digital_link=row.get("digital_link", ""),
        status=MeetingStatus.CANCELLED if status == MeetingStatus.CANCELLED else "planned",
        agenda=row.get("agenda", []),
    )
    if status != MeetingStatus.HELD:
        return meeting
    day = timezone.localdate(meeting.starts_at)
    present = [people[name] for name in row.get("present", [])]
    minutes = _text(row.get("minutes"))
    admin = User.objects.filter(role="administrator").order_by("pk").first()
    if minutes:
        services.meeting_record_minutes(
            meeting=meeting,
            user=admin,
            minutes=minutes,
            present=present,
            decisions=row.get("decisions", []),
            today=day,
        )
    else:
        # Held without minutes: what the compliance view must catch.
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
        meeting.refresh_from_db()
        meeting.attendances.model.objects.bulk_create(
            [meeting.attendances.model(meeting=meeting, person=person) for person in present]
        )
    for item in row.get("action_items", []):
        action_item = services.action_item_save(
            meeting=meeting, text=item["text"], owner=people[item["owner"]], due_on=item["due_on"]
        )
        if item.get("done_on"):
            services.action_item_mark(
                item=action_item, user=admin, done=True, today=item["done_on"]
            )
    for comment in row.get("comments", []):
        MinutesComment.objects.create(
            meeting=meeting, author=User.objects.get(email=comment["author"]), text=comment["text"]
        )
    return meeting


def _project(agreement, row, people):
    project = services.project_save(
        agreement=agreement,
        title=row["title"],
        description=_text(row.get("description")),
        status=row["status"],
        lead=people.get(row.get("lead")),
        starts_on=row.get("starts_on"),
        ends_on=row.get("ends_on"),
        competence_needed=_text(row.get("competence_needed")),
        hours_planned=row.get("hours_planned"),
        budget_planned=row.get("budget_planned"),
        budget_spent=row.get("budget_spent", 0),
        project_agreement_signed_on=row.get("project_agreement_signed_on"),
        municipalities=list(Municipality.objects.filter(number__in=row.get("municipalities", []))),
    )
    for member in row.get("members", []):
        services.project_member_save(
            project=project,
            person=people[member["person"]],
            group=member["group"],
            role=member.get("role", ""),
        )
    return project
