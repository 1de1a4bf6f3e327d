"""Every write in development programmes that encodes a rule of seed 001.

Keyword-only, atomic, `full_clean()` before save; e-mails leave after commit.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.concurrency import claim_version
from samspill.core.tasks import send_email
from samspill.core.templatetags.samspill import kr

from .models import (
    DECISIONS,
    MINIMUM_GROUP_SIZE,
    Application,
    ApplicationStatus,
    Contract,
    CriterionAnswer,
    CriterionScore,
    DevelopmentPlan,
    EventKind,
    GroupMember,
    GuidanceSession,
    HistoryEntry,
    Instalment,
    Participation,
    ParticipationStatus,
    PlanComment,
    PlanEntry,
)

# --- History --------------------------------------------------------------------------


def history_add(*, participation, actor, text):
    return HistoryEntry.objects.create(participation=participation, actor=actor, text=text)


# --- E-mail ---------------------------------------------------------------------------


def _mail(*, template, context, to):
    """Render subject and body from `programmes/email/<template>_{subject,body}.txt`."""
    if not to:
        return
    context = {**context, "site_url": settings.SITE_URL}
    subject = "".join(
        loader.render_to_string(f"programmes/email/{template}_subject.txt", context).splitlines()
    )
    body = loader.render_to_string(f"programmes/email/{template}_body.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=sorted(to)))


def _application_recipients(application):
    """The person who wrote the application and the municipality's coordinators."""
    emails = {user.email for user in application.municipality.users.filter(role="coordinator")}
    if application.created_by and application.created_by.email:
        emails.add(application.created_by.email)
    return emails


# --- Applications ---------------------------------------------------------------------


@transaction.atomic
def application_save(
    *,
    programme,
    municipality,
    user,
    development_area=None,
    roles_mapping="",
    proposed_group="",
    answers=None,
    application=None,
):
    """Create or update a draft. `answers` maps criterion number to the answer text."""
    if application is None:
        application = Application(programme=programme, municipality=municipality, created_by=user)
    elif not application.is_draft:
        raise ValidationError(_("En innsendt søknad kan ikke endres."))
    application.development_area = development_area
    application.roles_mapping = roles_mapping
    application.proposed_group = proposed_group
    application.full_clean()
    application.save()
    for criterion in programme.criteria.all():
        CriterionAnswer.objects.update_or_create(
            application=application,
            criterion=criterion,
            defaults={"text": (answers or {}).get(criterion.number, "")},
        )
    return application


def application_missing(application):
    """What must be filled in before the application can be sent, in plain words."""
    missing = []
    answered = {answer.criterion_id for answer in application.answers.all() if answer.text.strip()}
    for criterion in application.programme.criteria.all():
        if criterion.pk not in answered:
            missing.append(_("Svar på kriterium %(number)s.") % {"number": criterion.number})
    if application.development_area_id is None:
        missing.append(_("Velg regionens utviklingsområde."))
    if not application.roles_mapping.strip():
        missing.append(_("Beskriv kartleggingen av roller og ansvar."))
    if not application.proposed_group.strip():
        missing.append(_("Foreslå en kommunegruppe."))
    return missing


@transaction.atomic
def application_submit(*, application, user, today=None):
    today = today or timezone.localdate()
    if not application.is_draft:
        raise ValidationError(_("Søknaden er allerede sendt inn."))
    if not application.programme.call_is_open(today):
        raise ValidationError(_("Søknadsfristen er ute, eller utlysningen er ikke åpnet."))
    missing = application_missing(application)
    if missing:
        raise ValidationError(missing)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    recipients = _application_recipients(application) | {user.email}
    _mail(template="application_receipt", context={"application": application}, to=recipients)
    return application


@transaction.atomic
def application_score(*, application, criterion, adviser, score, comment=""):
    if application.is_draft:
        raise ValidationError(_("Et utkast kan ikke vurderes før det er sendt inn."))
    scored, _created = CriterionScore.objects.get_or_create(
        application=application,
        criterion=criterion,
        adviser=adviser,
        defaults={"score": score, "comment": comment},
    )
    scored.score = score
    scored.comment = comment
    scored.full_clean()
    scored.save()
    return scored


@transaction.atomic
def application_decide(*, application, status, reason, user):
    """Accept, wait-list or reject; accepting creates the participation and its contract."""
    if status not in DECISIONS:
        raise ValidationError(_("Ukjent vedtak."))
    if application.is_draft:
        raise ValidationError(_("Et utkast kan ikke få vedtak."))
    if application.status == ApplicationStatus.ACCEPTED and status != ApplicationStatus.ACCEPTED:
        raise ValidationError(
            _("Søknaden er allerede tatt opp. Avslutt deltakelsen i stedet for å endre vedtaket.")
        )
    if not reason.strip():
        raise ValidationError(_("Skriv en begrunnelse for vedtaket."))
    application.status = status
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = user
    application.save()
    if status == ApplicationStatus.ACCEPTED and not hasattr(application, "participation"):
        participation_create(
            programme=application.programme,
            municipality=application.municipality,
            application=application,
            actor=user,
        )
    _mail(
        template="application_decision",
        context={"application": application},
        to=_application_recipients(application),
    )
    return application


# --- Participation --------------------------------------------------------------------


@transaction.atomic
def participation_create(*, programme, municipality, actor, application=None, adviser=None):
    """A participation comes with an unsigned contract and an empty development plan."""
    development_area = application.development_area if application else None
    participation = Participation(
        programme=programme,
        municipality=municipality,
        application=application,
        adviser=adviser,
        development_area=development_area,
    )
    participation.full_clean()
    participation.save()
    arts_school = municipality.arts_schools.select_related("leader").first()
    leader = arts_school.leader if arts_school else None
    Contract.objects.create(
        participation=participation,
        arts_school_leader_name=f"{leader.first_name} {leader.last_name}" if leader else "",
    )
    DevelopmentPlan.objects.create(
        participation=participation,
        focus_area=development_area.title if development_area else "",
    )
    history_add(
        participation=participation,
        actor=actor,
        text=_("%(municipality)s er tatt opp i programmet. Kontrakten er klar til signering.")
        % {"municipality": municipality.name},
    )
    return participation


@transaction.atomic
def participation_assign_adviser(*, participation, adviser, actor):
    if adviser is not None and not (adviser.role == "adviser" or adviser.is_superuser):
        raise ValidationError(_("Bare en veileder kan knyttes til en kommune."))
    participation.adviser = adviser
    participation.save(update_fields=["adviser"])
    history_add(
        participation=participation,
        actor=actor,
        text=_("Veileder: %(name)s.") % {"name": adviser or _("ingen")},
    )
    return participation


@transaction.atomic
def participation_terminate(*, participation, reason, terminated_on, actor):
    """Seed 001: when obligations are not met the agreement can end at once.

    A terminated participation gets no further fee instalments.
    """
    if not participation.is_active:
        raise ValidationError(_("Deltakelsen er allerede avsluttet."))
    if not reason.strip():
        raise ValidationError(_("Skriv grunnen til at deltakelsen avsluttes."))
    participation.status = ParticipationStatus.TERMINATED
    participation.termination_reason = reason
    participation.terminated_on = terminated_on
    participation.full_clean()
    participation.save()
    history_add(
        participation=participation,
        actor=actor,
        text=_("Deltakelsen er avsluttet %(date)s: %(reason)s")
        % {"date": terminated_on.strftime("%d.%m.%Y"), "reason": reason},
    )
    return participation


@transaction.atomic
def contract_update(*, contract, actor, version=None, **fields):
    """Signature dates, names and the signed copy; every change is noted in the history.
    `version` is the one the form was drawn from (raises `EditConflict` if outdated)."""
    claim_version(contract, version)
    before = contract.status
    for name, value in fields.items():
        setattr(contract, name, value)
    contract.full_clean()
    contract.save()
    if contract.status != before:
        history_add(
            participation=contract.participation,
            actor=actor,
            text=_("Kontrakten er %(status)s.") % {"status": contract.get_status_display().lower()},
        )
    return contract


# --- Municipal group ------------------------------------------------------------------


def group_problems(members):
    """The rules of seed 001 a municipal group does not meet, in plain words."""
    members = list(members)
    problems = []
    if len(members) < MINIMUM_GROUP_SIZE:
        problems.append(
            _("Kommunegruppen har %(count)s medlemmer; den må ha minst %(minimum)s.")
            % {"count": len(members), "minimum": MINIMUM_GROUP_SIZE}
        )
    coordinators = sum(1 for member in members if member.is_coordinator)
    if coordinators == 0:
        problems.append(_("Kommunegruppen har ingen koordinator; velg én."))
    if not any(member.represents_school_owner for member in members):
        problems.append(_("Skoleeier er ikke representert i kommunegruppen."))
    return problems


@transaction.atomic
def group_member_save(
    *,
    participation,
    person,
    position,
    organisation,
    is_coordinator=False,
    represents_school_owner=False,
    member=None,
    actor=None,
):
    """Add or change a member. Making someone coordinator hands the role over."""
    if is_coordinator:
        participation.group_members.filter(is_coordinator=True).exclude(
            pk=getattr(member, "pk", None)
        ).update(is_coordinator=False)
    member = member or GroupMember(participation=participation)
    member.person = person
    member.position = position
    member.organisation = organisation
    member.is_coordinator = is_coordinator
    member.represents_school_owner = represents_school_owner
    member.full_clean()
    member.save()
    return member


# --- Schedule and fees ----------------------------------------------------------------


@transaction.atomic
def event_save(*, event):
    event.sort_date = event.first_day()
    event.full_clean()
    event.save()
    return event


def split_fee(total, parts):
    """Split an amount in whole kroner, larger parts first: 20 000 / 3 → 6 667, 6 667, 6 666."""
    base, remainder = divmod(total, parts)
    return [base + 1 if index < remainder else base for index in range(parts)]


@transaction.atomic
def event_mark_held(*, event, held_on, actor):
    """Mark an event held. A physical plenary gathering makes an instalment fall due for
    every active participation (seed 001: invoiced after each physical gathering).

    The amount is the fee still owed split over the instalments still to come, so the
    instalments of one participation always add up to exactly the fee.
    """
    if event.is_held:
        raise ValidationError(_("Samlingen er allerede markert som gjennomført."))
    event.held_on = held_on
    event.save(update_fields=["held_on"])
    if not event.triggers_instalment:
        return []
    programme = event.programme
    gatherings_left = programme.events.plenary_physical().filter(held_on__isnull=True).count() + 1
    created = []
    participations = programme.participations.active().select_for_update()
    for participation in participations.prefetch_related("instalments"):
        existing = list(participation.instalments.all())
        billed = sum(instalment.amount for instalment in existing)
        parts_left = min(gatherings_left, programme.instalment_count - len(existing))
        owed = programme.fee - billed
        if parts_left <= 0 or owed <= 0:
            continue
        amount = split_fee(owed, parts_left)[0]
        created.append(
            Instalment.objects.create(
                participation=participation,
                event=event,
                number=len(existing) + 1,
                amount=amount,
                due_on=held_on,
            )
        )
        history_add(
            participation=participation,
            actor=actor,
            text=_("Avdrag %(number)s på %(amount)s har forfalt etter %(event)s.")
            % {"number": len(existing) + 1, "amount": kr(amount), "event": event.title},
        )
    return created


@transaction.atomic
def instalments_mark_invoiced(*, instalments, invoiced_on):
    return Instalment.objects.filter(
        pk__in=[i.pk for i in instalments], invoiced_on__isnull=True
    ).update(invoiced_on=invoiced_on)


@transaction.atomic
def instalments_mark_paid(*, instalments, paid_on):
    """Only invoiced instalments can be paid; the others are left as they are."""
    return Instalment.objects.filter(
        pk__in=[i.pk for i in instalments], invoiced_on__isnull=False, paid_on__isnull=True
    ).update(paid_on=paid_on)


# --- Development plan and guidance log ------------------------------------------------


@transaction.atomic
def plan_ensure(*, participation):
    """The participation's development plan; created (focus area from the region's
    development area) for a participation that has none yet."""
    plan = getattr(participation, "plan", None)
    if plan is not None:
        return plan
    area = participation.development_area
    plan = DevelopmentPlan.objects.get_or_create(
        participation=participation, defaults={"focus_area": area.title if area else ""}
    )[0]
    participation.plan = plan
    return plan


@transaction.atomic
def plan_update(*, plan, focus_area, description, version=None):
    """`version` is the one the form was drawn from (raises `EditConflict` if outdated)."""
    claim_version(plan, version)
    plan.focus_area = focus_area.strip()
    plan.description = description.strip()
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_entry_save(
    *,
    plan,
    cycle,
    phase,
    title,
    entry_date,
    description="",
    owner=None,
    due_on=None,
    status="planned",
    entry=None,
):
    """Add or change a dated entry in one phase of one round of the development cycle.

    A new round follows the latest one: round 3 cannot start before round 2 has entries.
    """
    others = plan.entries.all()
    if entry is not None:
        others = others.exclude(pk=entry.pk)
    latest = others.aggregate(latest=Max("cycle"))["latest"] or 0
    errors = {}
    if cycle > latest + 1:
        errors["cycle"] = _("Runde %(cycle)s kan ikke starte før runde %(previous)s.") % {
            "cycle": cycle,
            "previous": latest + 1,
        }
    if due_on and entry_date and due_on < entry_date:
        errors["due_on"] = _("Fristen kan ikke være før datoen.")
    if errors:
        raise ValidationError(errors)
    entry = entry or PlanEntry(plan=plan)
    entry.cycle = cycle
    entry.phase = phase
    entry.title = title.strip()
    entry.description = description.strip()
    entry.owner = owner
    entry.entry_date = entry_date
    entry.due_on = due_on
    entry.status = status
    entry.full_clean()
    entry.save()
    plan.save(update_fields=["updated_at"])
    return entry


@transaction.atomic
def plan_comment_add(*, plan, author, text):
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv en kommentar.")})
    comment = PlanComment(plan=plan, author=author, text=text)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def guidance_save(
    *,
    participation,
    held_on,
    mode,
    adviser=None,
    window=None,
    notes="",
    next_steps="",
    session=None,
    actor=None,
):
    """Log a guidance visit or online meeting. Without a chosen window the session belongs
    to the schedule's guidance-visit window its date falls in (by ISO week)."""
    from .selectors import guidance_window_for  # selectors import this module

    if window is None:
        window = guidance_window_for(participation.programme.events.guidance_windows(), held_on)
    elif window.programme_id != participation.programme_id or (
        window.kind != EventKind.GUIDANCE_VISIT
    ):
        raise ValidationError({"window": _("Velg en veiledningsperiode i programmets tidsplan.")})
    is_new = session is None
    session = session or GuidanceSession(participation=participation)
    session.held_on = held_on
    session.mode = mode
    session.adviser = adviser
    session.window = window
    session.notes = notes.strip()
    session.next_steps = next_steps.strip()
    session.full_clean()
    session.save()
    if is_new:
        history_add(
            participation=participation,
            actor=actor,
            text=_("Veiledning registrert: %(mode)s %(date)s.")
            % {"mode": session.get_mode_display().lower(), "date": held_on.strftime("%d.%m.%Y")},
        )
    return session


# --- Municipal group as the coordinator keeps it --------------------------------------


@transaction.atomic
def group_member_change(
    *,
    participation,
    actor,
    position,
    organisation,
    is_coordinator=False,
    represents_school_owner=False,
    person=None,
    new_person=None,
    member=None,
):
    """Add or change a member of the municipal group.

    `person` is someone registered in the municipality; otherwise `new_person` (first_name,
    last_name, email, phone) is registered there first, with the position as their title.
    The history notes new members and a new coordinator.
    """
    from samspill.members.services import person_save

    if person is None:
        if not new_person:
            raise ValidationError(_("Velg en person i listen, eller legg inn en ny person."))
        person = person_save(municipality=participation.municipality, title=position, **new_person)
    elif person.municipality_id != participation.municipality_id:
        raise ValidationError(_("Personen er ikke registrert i denne kommunen."))
    is_new = member is None
    was_coordinator = bool(member and member.is_coordinator)
    member = group_member_save(
        participation=participation,
        person=person,
        position=position,
        organisation=organisation,
        is_coordinator=is_coordinator,
        represents_school_owner=represents_school_owner,
        member=member,
        actor=actor,
    )
    if is_new:
        history_add(
            participation=participation,
            actor=actor,
            text=_("%(name)s (%(position)s) er med i kommunegruppen.")
            % {"name": person, "position": position},
        )
    if is_coordinator and not was_coordinator:
        history_add(
            participation=participation,
            actor=actor,
            text=_("%(name)s er koordinator for kommunegruppen.") % {"name": person},
        )
    return member


@transaction.atomic
def group_member_remove(*, member, actor):
    """Take someone out of the group; the person stays in the municipality's register."""
    participation = member.participation
    name = str(member.person)
    member.delete()
    history_add(
        participation=participation,
        actor=actor,
        text=_("%(name)s er ikke lenger med i kommunegruppen.") % {"name": name},
    )


# --- Attendance -----------------------------------------------------------------------


@transaction.atomic
def attendance_save(*, event, participation, present_person_ids):
    """Record who of a municipality's group was at an event: everyone in the group gets a
    row, present or not, so that "not there" differs from "not recorded yet".

    People outside the municipality's group are refused.
    """
    if event.programme_id != participation.programme_id:
        raise ValidationError(_("Samlingen hører ikke til dette programmet."))
    members = set(participation.group_members.values_list("person_id", flat=True))
    present = set(present_person_ids)
    if present - members:
        raise ValidationError(_("Bare personer i kommunegruppen kan registreres som til stede."))
    for person_id in sorted(members):
        event.attendances.update_or_create(
            person_id=person_id,
            defaults={"participation": participation, "present": person_id in present},
        )
    return present
