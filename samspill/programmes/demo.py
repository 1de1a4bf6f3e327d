"""Builds the programmes part of the demo from demo/programmes.toml, through the same
services an adviser and a coordinator use, so the demo obeys every rule (instalments,
history, contracts). A programme already present is left as it is."""

import datetime

from django.db import transaction
from django.utils import timezone

from samspill.accounts.models import User
from samspill.members.models import DevelopmentArea, Municipality, Person

from . import services
from .forms import ProgrammeForm
from .models import (
    Application,
    Attendance,
    Contract,
    Event,
    EventKind,
    GuidanceSession,
    Participation,
    PlanComment,
    PlanEntry,
    Programme,
    SelectionCriterion,
)

# The programme's texts and settings: what an adviser fills in on the programme form.
PROGRAMME_FIELDS = [
    name for name in ProgrammeForm.Meta.fields if name not in {"slug", "contact_person"}
]
SIGNATURE_FIELDS = {
    "nkr": "signed_by_nkr_on",
    "chief_executive": "signed_by_chief_executive_on",
    "arts_school_leader": "signed_by_arts_school_leader_on",
}
DEFAULT_SCORES = [4, 4, 4]


def _text(value):
    return (value or "").strip()


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


@transaction.atomic
def load(data, *, password):
    people = _people_by_email()
    for row in data.get("programmes", []):
        if Programme.objects.filter(slug=row["slug"]).exists():
            continue
        _load_programme(row, people)
    return []


def _people_by_email():
    """The demo people of members.toml, by e-mail: how programmes.toml names them."""
    return {person.email: person for person in Person.objects.exclude(email="")}


def _load_programme(row, people):
    programme = Programme(slug=row["slug"], contact_person=people.get(row.get("contact_person")))
    for name in PROGRAMME_FIELDS:
        value = row.get(name, "")
        setattr(programme, name, _text(value) if isinstance(value, str) else value)
    programme.full_clean()
    programme.save()
    for number, text in enumerate(row["criteria"], start=1):
        SelectionCriterion.objects.create(programme=programme, number=number, text=text)
    events = [_event(programme, event_row) for event_row in row["events"]]
    admin = User.objects.filter(role="administrator").order_by("pk").first()
    participants = [_participant(programme, p, people, admin) for p in row["participants"]]
    _hold_events(programme, row["events"], events, participants, admin)
    for participation, p in participants:
        if participation is not None:
            _invoices(participation, p)
            _guidance(participation, p, programme)


def _event(programme, row):
    event = Event(
        programme=programme,
        kind=row["kind"],
        title=row["title"],
        mode=row.get("mode", ""),
        starts_on=row.get("starts_on"),
        ends_on=row.get("ends_on"),
        start_time=_time(row.get("start_time")),
        end_time=_time(row.get("end_time")),
        duration_minutes=row.get("duration_minutes"),
        year=row["year"],
        when_text=row.get("when", ""),
        weeks=row.get("weeks", ""),
        note=row.get("note", ""),
    )
    return services.event_save(event=event)


def _participant(programme, row, people, admin):
    municipality = Municipality.objects.get(number=row["municipality"])
    area = DevelopmentArea.objects.filter(region__slug=row["development_area"]).first()
    coordinator = User.objects.filter(role="coordinator", municipality=municipality).first()
    application = services.application_save(
        programme=programme,
        municipality=municipality,
        user=coordinator or admin,
        development_area=area,
        roles_mapping=_text(row["roles_mapping"]),
        proposed_group=_text(row["proposed_group"]),
        answers=dict(enumerate(row["answers"], start=1)),
    )
    services.application_submit(
        application=application, user=coordinator or admin, today=programme.call_closes
    )
    if row["status"] == "submitted":
        return None, row
    adviser = User.objects.get(email=row.get("adviser", "veileder@samspill.test"))
    for criterion, score in zip(
        programme.criteria.all(), row.get("scores", DEFAULT_SCORES), strict=True
    ):
        services.application_score(
            application=application, criterion=criterion, adviser=adviser, score=score
        )
    services.application_decide(
        application=application, status=row["status"], reason=row["decision_reason"], user=adviser
    )
    _backdate(application, programme)
    if row["status"] != "accepted":
        return None, row
    participation = application.participation
    services.participation_assign_adviser(participation=participation, adviser=adviser, actor=admin)
    _contract(participation.contract, row["contract"], admin)
    _group(participation, row["group"], people)
    _plan(participation, row, people, adviser)
    return participation, row


def _backdate(application, programme):
    """The demo's call closed in January 2024: date the application and the decision then,
    rather than the day the demo was loaded."""
    submitted = _at(programme.call_closes)
    decided = _at(programme.call_closes + datetime.timedelta(days=14))
    Application.objects.filter(pk=application.pk).update(submitted_at=submitted, decided_at=decided)
    Participation.objects.filter(application=application).update(created_at=decided)


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _contract(contract: Contract, row, actor):
    fields = {
        "municipality_place_date": row["place_date"],
        "chief_executive_name": row["chief_executive"],
    }
    for party in row["signed"]:
        fields[SIGNATURE_FIELDS[party]] = row["signed_on"]
    services.contract_update(contract=contract, actor=actor, **fields)


def _person_for(participation, member, people):
    if "person" in member:
        return people[member["person"]]
    return Person.objects.create(
        first_name=member["first_name"],
        last_name=member["last_name"],
        municipality=participation.municipality,
    )


def _group(participation, members, people):
    for member in members:
        services.group_member_save(
            participation=participation,
            person=_person_for(participation, member, people),
            position=member["position"],
            organisation=member["organisation"],
            is_coordinator=member.get("coordinator", False),
            represents_school_owner=member.get("school_owner", False),
        )


def _plan(participation, row, people, adviser):
    plan = participation.plan
    plan.focus_area = row["plan"]["focus_area"]
    plan.description = row["plan"]["description"]
    plan.full_clean()
    plan.save()
    members = {member["person"]: member for member in row["group"] if "person" in member}
    for entry in row.get("plan_entries", []):
        owner = None
        if entry.get("owner") in members:
            owner = _person_for(participation, members[entry["owner"]], people)
        PlanEntry.objects.create(
            plan=plan,
            cycle=entry["cycle"],
            phase=entry["phase"],
            title=entry["title"],
            owner=owner,
            entry_date=entry["entry_date"],
            due_on=entry.get("due_on"),
            status=entry["status"],
        )
    for text in row.get("plan_comments", []):
        PlanComment.objects.create(plan=plan, author=adviser, text=text)


def _hold_events(programme, rows, events, participants, actor):
    """Hold the gatherings in date order; a termination takes effect before the next one,
    so the terminated municipality gets no further instalments."""
    pending = [(p, row) for p, row in participants if p is not None and "terminated" in row]
    for row, event in zip(rows, events, strict=True):
        if not row.get("held"):
            continue
        for participation, p in list(pending):
            if p["terminated"]["on"] < event.starts_on:
                services.participation_terminate(
                    participation=participation,
                    reason=p["terminated"]["reason"],
                    terminated_on=p["terminated"]["on"],
                    actor=actor,
                )
                participation.refresh_from_db()
                pending.remove((participation, p))
        services.event_mark_held(event=event, held_on=event.ends_on or event.starts_on, actor=actor)
        for participation, p in participants:
            if participation is None or row["title"] in p.get("absent", []):
                continue
            if participation.terminated_on and participation.terminated_on < event.starts_on:
                continue
            _attend(event, participation)


def _attend(event, participation):
    members = participation.group_members.all()
    if event.kind == EventKind.COORDINATOR_MEETING:
        members = members.filter(is_coordinator=True)
    Attendance.objects.bulk_create(
        [
            Attendance(event=event, participation=participation, person_id=m.person_id)
            for m in members
        ]
    )


def _invoices(participation, row):
    instalments = list(participation.instalments.order_by("number"))
    for instalment in instalments[: row.get("invoiced", 0)]:
        invoiced_on = instalment.due_on + datetime.timedelta(days=7)
        services.instalments_mark_invoiced(instalments=[instalment], invoiced_on=invoiced_on)
    for instalment in instalments[: row.get("paid", 0)]:
        services.instalments_mark_paid(
            instalments=[instalment], paid_on=instalment.due_on + datetime.timedelta(days=30)
        )


def _guidance(participation, row, programme):
    windows = list(programme.events.guidance_windows())
    for session in row.get("guidance", []):
        window = next(
            (w for w in windows if _in_window(w, session["held_on"])),
            None,
        )
        GuidanceSession.objects.create(
            participation=participation,
            window=window,
            held_on=session["held_on"],
            mode=session["mode"],
            adviser=participation.adviser,
            notes=session["notes"],
            next_steps=session["next_steps"],
        )


def _in_window(window, day):
    year, week, _weekday = day.isocalendar()
    return year == window.year and any(first <= week <= last for first, last in window.week_ranges)
