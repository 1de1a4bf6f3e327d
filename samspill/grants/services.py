"""Every write in grants and stipends that encodes a rule.

Keyword-only, atomic, `full_clean()` before save; e-mails and tasks leave after commit.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import loader
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core import audit
from samspill.core.tasks import send_email
from samspill.core.templatetags.samspill import kr

from . import selectors
from .models import (
    ApplicationStatus,
    Award,
    BudgetLine,
    Call,
    ConflictOfInterest,
    Documentation,
    GrantApplication,
    Jury,
    JuryKind,
    Nomination,
    NominationStatus,
    PayoutStatus,
    Round,
    Score,
    WorkSample,
    age_on,
)

# --- E-mail ---------------------------------------------------------------------------


def _mail(*, template, context, to):
    """Render subject and body from `grants/email/<template>_{subject,body}.txt`."""
    to = sorted({address for address in to if address})
    if not to:
        return
    context = {**context, "site_url": settings.SITE_URL}
    subject = "".join(
        loader.render_to_string(f"grants/email/{template}_subject.txt", context).splitlines()
    )
    body = loader.render_to_string(f"grants/email/{template}_body.txt", context)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=to))


def _municipal_recipients(municipality, user=None):
    emails = {u.email for u in municipality.users.filter(role="coordinator")}
    if user is not None and user.email:
        emails.add(user.email)
    return emails


def _date(day):
    return date_format(day, "DATE_FORMAT")


# --- Uploads --------------------------------------------------------------------------


def check_upload(upload, *, category):
    """The file's type by its content (not its name) and its size; returns the MIME type
    or raises ValidationError with a reason a person understands."""
    import filetype

    scheme = category.scheme
    if upload.size > scheme.max_file_mb * 1024 * 1024:
        raise ValidationError(
            _("Filen «%(name)s» er for stor. Filer kan være høyst %(mb)s MB.")
            % {"name": upload.name, "mb": scheme.max_file_mb}
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if kind is None or kind.mime not in category.mime_types:
        raise ValidationError(
            _(
                "Filen «%(name)s» er ikke en filtype som godtas i kategorien %(category)s. "
                "Godtatt: %(kinds)s."
            )
            % {"name": upload.name, "category": category.name, "kinds": category.kinds_label}
        )
    return kind.mime


# --- Calls ---------------------------------------------------------------------------


@transaction.atomic
def call_save(*, call):
    call.full_clean()
    call.save()
    return call


# --- Nominations ----------------------------------------------------------------------

NOMINATION_FIELDS = [
    "category",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "motivation",
    "dream",
    "links",
]


@transaction.atomic
def nomination_save(*, call, municipality, user, nomination=None, **fields):
    """Create or update a draft; nothing is checked for eligibility until it is sent."""
    if nomination is None:
        nomination = Nomination(call=call, municipality=municipality, nominated_by=user)
    elif not nomination.is_draft:
        raise ValidationError(_("En innsendt nominasjon kan ikke endres."))
    for name in NOMINATION_FIELDS:
        if name in fields:
            setattr(nomination, name, fields[name])
    if nomination.category.scheme_id != call.scheme_id:
        raise ValidationError(_("Kategorien hører ikke til denne ordningen."))
    nomination.full_clean()
    nomination.save()
    return nomination


@transaction.atomic
def work_sample_add(*, nomination, upload):
    if not nomination.is_draft:
        raise ValidationError(_("En innsendt nominasjon kan ikke endres."))
    mime = check_upload(upload, category=nomination.category)
    sample = WorkSample(
        nomination=nomination,
        original_name=upload.name[:200],
        content_type=mime,
        size=upload.size,
    )
    sample.file.save(upload.name, upload, save=False)
    sample.full_clean()
    sample.save()
    return sample


@transaction.atomic
def work_sample_remove(*, sample):
    if not sample.nomination.is_draft:
        raise ValidationError(_("En innsendt nominasjon kan ikke endres."))
    sample.file.delete(save=False)
    sample.delete()


def nomination_problems(nomination):
    """Why the nomination cannot be sent, in plain words; empty when it is eligible."""
    problems = []
    call, scheme, category = nomination.call, nomination.call.scheme, nomination.category
    if not nomination.municipality.is_member:
        problems.append(
            _("Bare medlemskommuner kan nominere. %(municipality)s er ikke medlem.")
            % {"municipality": nomination.municipality.name}
        )
    if not (nomination.first_name.strip() and nomination.last_name.strip()):
        problems.append(_("Skriv den nominertes fornavn og etternavn."))
    if nomination.birth_date is None:
        problems.append(_("Skriv den nominertes fødselsdato."))
    else:
        age = age_on(nomination.birth_date, call.age_date)
        too_young = scheme.min_age is not None and age < scheme.min_age
        too_old = scheme.max_age is not None and age > scheme.max_age
        if too_young or too_old:
            problems.append(
                _(
                    "Den nominerte må være mellom %(min)s og %(max)s år den %(date)s, "
                    "men er %(age)s år da."
                )
                % {
                    "min": scheme.min_age,
                    "max": scheme.max_age,
                    "date": _date(call.age_date),
                    "age": age,
                }
            )
    if not (nomination.email.strip() or nomination.phone.strip()):
        problems.append(_("Skriv e-post eller telefon til den nominerte."))
    if not nomination.motivation.strip():
        problems.append(_("Skriv begrunnelsen for nominasjonen."))
    if not nomination.dream.strip():
        problems.append(_("Beskriv drømmen: hva stipendet skal brukes til."))
    has_link = bool(nomination.link_list())
    has_file = nomination.work_samples.exists()
    required = category.documentation
    if required == Documentation.LINK and not has_link:
        problems.append(
            _("Kategorien %(category)s krever en lenke til en arbeidsprøve.")
            % {"category": category.name}
        )
    elif required == Documentation.FILE and not has_file:
        problems.append(
            _("Kategorien %(category)s krever en fil med arbeidsprøve (%(kinds)s).")
            % {"category": category.name, "kinds": category.kinds_label}
        )
    elif required == Documentation.LINK_OR_FILE and not (has_link or has_file):
        problems.append(
            _("Kategorien %(category)s krever en lenke eller en fil med arbeidsprøve.")
            % {"category": category.name}
        )
    for sample in nomination.work_samples.all():
        if sample.content_type not in category.mime_types:
            problems.append(
                _("Filen «%(name)s» godtas ikke i kategorien %(category)s.")
                % {"name": sample.original_name, "category": category.name}
            )
    return problems


@transaction.atomic
def nomination_submit(*, nomination, user, today=None):
    today = today or timezone.localdate()
    if not nomination.is_draft:
        raise ValidationError(_("Nominasjonen er allerede sendt inn."))
    if not nomination.call.is_open(today):
        raise ValidationError(_("Fristen er ute, eller utlysningen er ikke åpnet ennå."))
    problems = nomination_problems(nomination)
    if problems:
        raise ValidationError(problems)
    nomination.status = NominationStatus.SUBMITTED
    nomination.submitted_at = timezone.now()
    nomination.age_at_reference = age_on(nomination.birth_date, nomination.call.age_date)
    nomination.save(update_fields=["status", "submitted_at", "age_at_reference", "updated_at"])
    _mail(
        template="nomination_receipt",
        context={"nomination": nomination},
        to=_municipal_recipients(nomination.municipality, user),
    )
    return nomination


# --- Juries, rounds, conflicts and scores ---------------------------------------------


@transaction.atomic
def jury_save(*, call, name, kind, category=None, jury=None):
    jury = jury or Jury(call=call)
    jury.name, jury.kind = name, kind
    jury.category = category if kind == JuryKind.SUBJECT else None
    if jury.category is not None and jury.category.scheme_id != call.scheme_id:
        raise ValidationError(_("Kategorien hører ikke til denne ordningen."))
    jury.full_clean()
    jury.save()
    return jury


@transaction.atomic
def jury_member_add(*, jury, user):
    jury.members.add(user)


@transaction.atomic
def jury_member_remove(*, jury, user):
    jury.members.remove(user)


@transaction.atomic
def round_start(*, call, jury_kind=JuryKind.SUBJECT):
    """The first round holds every nomination sent in."""
    if call.rounds.exists():
        raise ValidationError(_("Første runde er allerede startet."))
    round_ = Round(call=call, number=1, jury_kind=jury_kind)
    round_.full_clean()
    round_.save()
    round_.nominations.set(call.nominations.submitted())
    return round_


@transaction.atomic
def round_advance(*, round_, nominations, jury_kind):
    """Move the chosen nominations on to the next round and close this one."""
    if not nominations:
        raise ValidationError(_("Velg minst én nominasjon som skal videre."))
    in_round = set(round_.nominations.values_list("pk", flat=True))
    if any(n.pk not in in_round for n in nominations):
        raise ValidationError(_("Bare nominasjoner i denne runden kan gå videre."))
    next_round, _created = Round.objects.get_or_create(
        call=round_.call, number=round_.number + 1, defaults={"jury_kind": jury_kind}
    )
    next_round.nominations.add(*nominations)
    if round_.closed_at is None:
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
    return next_round


@transaction.atomic
def conflict_declare(*, nomination, reviewer, reason=""):
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        nomination=nomination, reviewer=reviewer, defaults={"reason": reason[:300]}
    )
    # Scores given before the declaration no longer count.
    Score.objects.filter(nomination=nomination, reviewer=reviewer).delete()
    return conflict


@transaction.atomic
def scores_save(*, round_, nomination, reviewer, scores, comment=""):
    """`scores` maps each criterion to a whole number from 1 to its highest score."""
    from .permissions import has_conflict

    if has_conflict(reviewer, nomination):
        raise ValidationError(_("Du har meldt deg inhabil for denne nominasjonen."))
    if round_ not in selectors.reviewer_rounds_for(reviewer, nomination):
        raise ValidationError(_("Du vurderer ikke denne nominasjonen i denne runden."))
    for criterion, value in scores.items():
        if not 1 <= value <= criterion.max_score:
            raise ValidationError(
                _("Poeng for «%(criterion)s» må være fra 1 til %(max)s.")
                % {"criterion": criterion.text, "max": criterion.max_score}
            )
        Score.objects.update_or_create(
            round=round_,
            nomination=nomination,
            reviewer=reviewer,
            criterion=criterion,
            defaults={"score": value, "comment": comment},
        )


# --- Awards and letters ---------------------------------------------------------------


def _check_limits(call, *, extra_count, extra_amount):
    limits = selectors.call_limits(call)
    if limits.max_count is not None and limits.count + extra_count > limits.max_count:
        raise ValidationError(
            _(
                "Ordningen har %(max)s tildelinger per utlysning, og %(count)s er allerede "
                "gitt. Det kan ikke tildeles flere."
            )
            % {"max": limits.max_count, "count": limits.count}
        )
    if limits.max_amount is not None and limits.amount + extra_amount > limits.max_amount:
        raise ValidationError(
            _(
                "Rammen er %(budget)s, og %(used)s er allerede tildelt. %(amount)s til går "
                "over rammen."
            )
            % {
                "budget": kr(limits.max_amount),
                "used": kr(limits.amount),
                "amount": kr(extra_amount),
            }
        )


def _lock(call):
    """Serialise awards in one call, so two people cannot pass the limit together."""
    return Call.objects.select_for_update().get(pk=call.pk)


@transaction.atomic
def award_make(*, nomination, user):
    call = _lock(nomination.call)
    if call.is_finalised:
        raise ValidationError(_("Tildelingen er avsluttet."))
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError(_("Bare innsendte nominasjoner kan få stipend."))
    if Award.objects.filter(nomination=nomination).exists():
        raise ValidationError(_("Den nominerte har allerede fått stipend."))
    amount = call.scheme.amount_per_award or 0
    _check_limits(call, extra_count=1, extra_amount=amount)
    award = Award(nomination=nomination, call=call, amount=amount, decided_by=user)
    award.full_clean()
    award.save()
    return award


@transaction.atomic
def award_revoke(*, award):
    if award.call.is_finalised:
        raise ValidationError(_("Tildelingen er avsluttet og kan ikke endres."))
    award.delete()


def letter_content(nomination):
    """Title and paragraphs of the award or rejection letter (e-mail, DOCX and PDF)."""
    call = nomination.call
    awarded = nomination.status == NominationStatus.AWARDED
    context = {
        "name": nomination.nominee_name,
        "call": call.title,
        "category": nomination.category.name,
        "municipality": nomination.municipality.name,
    }
    if awarded:
        amount = nomination.award.amount
        title = _("Tildeling av %(call)s") % context
        paragraphs = [
            _("Kjære %(name)s,") % context,
            _(
                "Vi har gleden av å meddele at du er tildelt %(call)s i kategorien "
                "%(category)s, etter nominasjon fra %(municipality)s kommune."
            )
            % context,
            _("Stipendet er på %(amount)s.") % {"amount": kr(amount)},
            _("Gratulerer, og lykke til med å virkeliggjøre drømmen din!"),
        ]
    else:
        title = _("Svar på nominasjon til %(call)s") % context
        paragraphs = [
            _("Kjære %(name)s,") % context,
            _(
                "Takk for nominasjonen fra %(municipality)s kommune i kategorien "
                "%(category)s. Juryen har vurdert mange sterke kandidater, og du nådde "
                "dessverre ikke opp denne gangen."
            )
            % context,
            _("Vi håper du fortsetter å utvikle deg, og ønsker deg lykke til videre."),
        ]
    paragraphs.append(_("Med vennlig hilsen\nNorsk kulturskoleråd"))
    return title, paragraphs


def decision_letter_content(application):
    """Title and paragraphs of the decision letter to a municipality (DOCX, PDF)."""
    context = {
        "call": application.call.title,
        "municipality": application.municipality.name,
        "project": application.project_title,
    }
    if application.status == ApplicationStatus.GRANTED:
        title = _("Vedtak om tilskudd fra %(call)s") % context
        paragraphs = [
            _(
                "%(municipality)s kommune er innvilget %(amount)s fra %(call)s til "
                "prosjektet «%(project)s»."
            )
            % {**context, "amount": kr(application.amount_granted)},
            application.decision_reason,
            _("Rapport om bruken av midlene skal sendes innen %(date)s.")
            % {"date": _date(application.report_due_on)},
        ]
    else:
        title = _("Svar på søknad til %(call)s") % context
        paragraphs = [
            _(
                "Søknaden fra %(municipality)s kommune om tilskudd til prosjektet "
                "«%(project)s» er dessverre avslått."
            )
            % context,
            application.decision_reason,
        ]
    paragraphs.append(_("Med vennlig hilsen\nNorsk kulturskoleråd"))
    return title, [p for p in paragraphs if p]


@transaction.atomic
def call_finalise(*, call, user):
    """Close the awards: every other nomination sent in is not awarded, letters go to the
    nominees and the nominating municipalities, and the retention task is scheduled."""
    call = _lock(call)
    if call.is_finalised:
        raise ValidationError(_("Tildelingen er allerede avsluttet."))
    if not call.awards.exists():
        raise ValidationError(_("Ingen har fått stipend ennå."))
    now = timezone.now()
    nominations = call.nominations.submitted().select_related(
        "municipality", "category", "call__scheme"
    )
    awarded_ids = set(call.awards.values_list("nomination_id", flat=True))
    for nomination in nominations:
        nomination.status = (
            NominationStatus.AWARDED
            if nomination.pk in awarded_ids
            else NominationStatus.NOT_AWARDED
        )
        nomination.letter_sent_at = now
        nomination.save(update_fields=["status", "letter_sent_at", "updated_at"])
        title, paragraphs = letter_content(nomination)
        _mail(
            template="letter",
            context={"title": title, "paragraphs": paragraphs, "nomination": nomination},
            to={nomination.email} | _municipal_recipients(nomination.municipality),
        )
    call.finalised_at = now
    call.save(update_fields=["finalised_at"])
    retention_schedule(call=call)
    return call


def retention_schedule(*, call):
    """Queue the anonymisation for the day the retention period ends."""
    from .tasks import anonymise_due_nominations

    due = call.retention_due_on
    run_after = timezone.make_aware(datetime.datetime.combine(due, datetime.time(3, 0)))
    transaction.on_commit(lambda: anonymise_due_nominations.using(run_after=run_after).enqueue())


@transaction.atomic
def call_publish(*, call):
    if not call.is_finalised:
        raise ValidationError(_("Avslutt tildelingen før mottakerne publiseres."))
    if call.results_published_at is None:
        call.results_published_at = timezone.now()
        call.save(update_fields=["results_published_at"])
    return call


# --- Retention ------------------------------------------------------------------------

ANONYMISED = "Anonymisert"


@transaction.atomic
def nominations_anonymise_due(*, today=None):
    """Anonymise the personal data of every nominee who got no stipend in a call whose
    retention period has ended. Municipality, category, call, status and age stay, so the
    statistics are unchanged. Running it again changes nothing."""
    today = today or timezone.localdate()
    now = timezone.now()
    count = 0
    for call in Call.objects.select_related("scheme").filter(scheme__kind="stipend"):
        if call.retention_due_on > today:
            continue
        due = (
            call.nominations.personal_data_kept()
            .exclude(status=NominationStatus.AWARDED)
            .select_for_update()
        )
        in_call = 0
        for nomination in due.prefetch_related("work_samples"):
            for sample in nomination.work_samples.all():
                sample.file.delete(save=False)
                sample.delete()
            nomination.first_name = ANONYMISED
            nomination.last_name = ""
            nomination.birth_date = None
            nomination.email = ""
            nomination.phone = ""
            nomination.motivation = ""
            nomination.dream = ""
            nomination.links = ""
            nomination.anonymised_at = now
            nomination.save()
            Score.objects.filter(nomination=nomination).update(comment="")
            ConflictOfInterest.objects.filter(nomination=nomination).update(reason="")
            in_call += 1
        count += in_call
        if in_call:
            # The personal data is gone; the audit trail keeps that it was removed, and when.
            audit.record(
                audit.Action.DELETION,
                target=_("Personopplysninger om nominerte uten stipend i %(call)s")
                % {"call": call.title},
                obj=call,
                details=_("%(count)s anonymisert etter oppbevaringstiden") % {"count": in_call},
            )
    return count


# --- Grant applications ---------------------------------------------------------------


@transaction.atomic
def application_save(
    *,
    call,
    municipality,
    user,
    project_title,
    description="",
    partners="",
    amount_applied=0,
    budget_lines=(),
    application=None,
):
    """Create or update a draft; `budget_lines` is a list of (description, amount)."""
    if application is None:
        application = GrantApplication(call=call, municipality=municipality, created_by=user)
    elif not application.is_draft:
        raise ValidationError(_("En innsendt søknad kan ikke endres."))
    application.project_title = project_title
    application.description = description
    application.partners = partners
    application.amount_applied = amount_applied
    application.full_clean()
    application.save()
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, description=text, amount=amount)
        for text, amount in budget_lines
        if text.strip()
    )
    return application


def application_problems(application):
    problems = []
    if not application.description.strip():
        problems.append(_("Beskriv prosjektet."))
    lines = list(application.budget_lines.all())
    if not lines:
        problems.append(_("Legg inn minst én budsjettpost."))
    if application.amount_applied <= 0:
        problems.append(_("Skriv hvor mye dere søker om."))
    total = sum(line.amount for line in lines)
    if lines and application.amount_applied > total:
        problems.append(
            _("Søknadsbeløpet (%(applied)s) er større enn budsjettet (%(total)s).")
            % {"applied": kr(application.amount_applied), "total": kr(total)}
        )
    if not application.municipality.is_member:
        problems.append(_("Bare medlemskommuner kan søke."))
    return problems


@transaction.atomic
def application_submit(*, application, user, today=None):
    today = today or timezone.localdate()
    if not application.is_draft:
        raise ValidationError(_("Søknaden er allerede sendt inn."))
    if not application.call.is_open(today):
        raise ValidationError(_("Fristen er ute, eller utlysningen er ikke åpnet ennå."))
    problems = application_problems(application)
    if problems:
        raise ValidationError(problems)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    _mail(
        template="application_receipt",
        context={"application": application},
        to=_municipal_recipients(application.municipality, user),
    )
    return application


@transaction.atomic
def application_decide(
    *, application, user, granted, amount_granted=None, reason="", report_due_on=None
):
    if application.is_draft:
        raise ValidationError(_("Et utkast kan ikke få vedtak."))
    if application.status == ApplicationStatus.GRANTED:
        raise ValidationError(_("Søknaden er allerede innvilget."))
    if not reason.strip():
        raise ValidationError(_("Skriv en begrunnelse for vedtaket."))
    call = _lock(application.call)
    if granted:
        if not amount_granted:
            raise ValidationError(_("Skriv beløpet som innvilges."))
        if amount_granted > application.amount_applied:
            raise ValidationError(_("Det kan ikke innvilges mer enn det er søkt om."))
        if report_due_on is None:
            raise ValidationError(_("Sett en frist for rapporten."))
        _check_limits(call, extra_count=1, extra_amount=amount_granted)
        application.status = ApplicationStatus.GRANTED
        application.amount_granted = amount_granted
        application.report_due_on = report_due_on
        application.payout_status = PayoutStatus.PENDING
    else:
        application.status = ApplicationStatus.REJECTED
        application.amount_granted = None
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = user
    application.full_clean()
    application.save()
    _mail(
        template="application_decision",
        context={"application": application},
        to=_municipal_recipients(application.municipality, application.created_by),
    )
    return application


@transaction.atomic
def application_follow_up(*, application, paid_on=None, report_received_on=None):
    if application.status != ApplicationStatus.GRANTED:
        raise ValidationError(_("Bare innvilgede søknader har utbetaling og rapport."))
    application.paid_on = paid_on
    application.payout_status = PayoutStatus.PAID if paid_on else PayoutStatus.PENDING
    application.report_received_on = report_received_on
    application.full_clean()
    application.save()
    return application
