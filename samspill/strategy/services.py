"""Every write in strategy that touches more than one row or encodes a rule.

Keyword-only, atomic, `full_clean()` before save; rule violations are ValidationErrors in
plain Norwegian, which the views show on the form.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.concurrency import claim_version

from .models import (
    CLOSED,
    FollowUp,
    Measure,
    Status,
    StatusUpdate,
    TraceLink,
)


@transaction.atomic
def record_save(*, record):
    """Save a plain record (a document, plan, area, goal, case, point or resource) after
    validating it."""
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def follow_up_save(*, follow_up, user, status_changed):
    """Save a point from its form. A status changed there gets its dated entry in the
    point's timeline too, as through "Oppdater status", so the history stays whole."""
    record_save(record=follow_up)
    if status_changed:
        StatusUpdate.objects.create(
            follow_up=follow_up,
            date=timezone.localdate(),
            status=follow_up.status,
            text=_("Status endret i skjemaet for punktet."),
            author=user,
        )
    return follow_up


@transaction.atomic
def decision_save(*, decision, responsible_units):
    """Save a case with its responsible competence communities. A part of a case cannot
    itself have parts."""
    if decision.parent_id and decision.parent.parent_id:
        raise ValidationError(_("En del av en sak kan ikke ha egne deler."))
    decision.full_clean()
    decision.save()
    decision.responsible_units.set(responsible_units)
    return decision


@transaction.atomic
def measure_save(*, measure, version=None):
    """A new or changed measure. `version` is the one the edit form was drawn from
    (raises `EditConflict` when someone saved in between)."""
    if measure.pk is not None:
        claim_version(measure, version)
    if measure.status == Status.DONE:
        measure.progress = 100
    measure.full_clean()
    measure.save()
    return measure


def _check_update(*, status, progress, date, today):
    if date > today:
        raise ValidationError(_("Datoen for en oppdatering kan ikke være i fremtiden."))
    if progress is not None and not 0 <= progress <= 100:
        raise ValidationError(_("Fremdriften må være mellom 0 og 100 %."))
    if status == Status.DONE and progress is not None and progress < 100:
        raise ValidationError(_("Et gjennomført tiltak har fremdrift 100 %."))


@transaction.atomic
def measure_update_status(*, measure, user, status, progress=None, text="", date=None, today=None):
    """Record a dated update on the measure's timeline and move the measure to the new
    status and progress. Done means 100 %; a progress left empty is kept."""
    today = today or timezone.localdate()
    date = date or today
    _check_update(status=status, progress=progress, date=date, today=today)
    if status == Status.DONE:
        progress = 100
    update = StatusUpdate(
        measure=measure,
        date=date,
        status=status,
        progress=progress,
        text=text.strip(),
        author=user,
    )
    update.full_clean()
    update.save()
    # The measure shows its latest update; an update back-dated behind a newer one goes
    # into the timeline without changing the current state.
    latest = measure.updates.order_by("-date", "-created_at", "-pk").first()
    if latest.pk == update.pk:
        measure.status = status
        if progress is not None:
            measure.progress = progress
        measure.full_clean()
        measure.save()
    return update


@transaction.atomic
def follow_up_update_status(*, follow_up, user, status, text="", date=None, today=None):
    today = today or timezone.localdate()
    date = date or today
    _check_update(status=status, progress=None, date=date, today=today)
    update = StatusUpdate(
        follow_up=follow_up, date=date, status=status, text=text.strip(), author=user
    )
    update.full_clean()
    update.save()
    latest = follow_up.updates.order_by("-date", "-created_at", "-pk").first()
    if latest.pk == update.pk:
        follow_up.status = status
        follow_up.full_clean()
        follow_up.save()
    return update


@transaction.atomic
def measures_bulk_update(*, measures, user, status, progress=None, text="", date=None, today=None):
    """Give many measures the same new status at once, each with its own entry in its
    timeline. All or nothing: one measure that cannot take the update stops them all."""
    measures = list(measures)
    if not measures:
        raise ValidationError(_("Velg minst ett tiltak."))
    return [
        measure_update_status(
            measure=measure,
            user=user,
            status=status,
            progress=progress,
            text=text,
            date=date,
            today=today,
        )
        for measure in measures
    ]


@transaction.atomic
def trace_link_save(*, subject, relation, target, note=""):
    """Link a measure or a follow-up to the seminar point, programme or project it came
    from or that answered it."""
    from samspill.agreements.models import Project
    from samspill.programmes.models import Programme
    from samspill.seminars.models import Point

    link = TraceLink(relation=relation, note=note.strip())
    if isinstance(subject, Measure):
        link.measure = subject
    elif isinstance(subject, FollowUp):
        link.follow_up = subject
    else:
        raise ValidationError(_("Bare tiltak og oppfølgingspunkter kan lenkes."))
    if isinstance(target, Point):
        link.point = target
    elif isinstance(target, Programme):
        link.programme = target
    elif isinstance(target, Project):
        link.project = target
    else:
        raise ValidationError(
            _("Velg nøyaktig én kilde: et seminarpunkt, et program eller et prosjekt.")
        )
    duplicate = TraceLink.objects.filter(
        measure=link.measure,
        follow_up=link.follow_up,
        relation=relation,
        point=link.point,
        programme=link.programme,
        project=link.project,
    )
    if duplicate.exists():
        raise ValidationError(_("Denne lenken finnes allerede."))
    link.full_clean()
    link.save()
    return link


# --- Import of measures ---------------------------------------------------------------


@dataclass
class ImportLine:
    line: int
    action: str = ""
    errors: list = field(default_factory=list)


@dataclass
class ImportReport:
    lines: list = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return bool(self.lines) and all(not line.errors for line in self.lines)

    @property
    def error_count(self):
        return sum(len(line.errors) for line in self.lines)


class ImportFailed(Exception):
    def __init__(self, report):
        super().__init__("import failed")
        self.report = report


def measures_import(*, plan, rows, user, today=None):
    """Create and update the plan's measures from rows of the export format (see
    `exports.MEASURE_COLUMNS`), all or nothing. Returns an ImportReport line by line;
    raises ImportFailed with the same report when any line is wrong, and then nothing is
    saved."""
    from . import exports

    today = today or timezone.localdate()
    report = ImportReport()
    try:
        with transaction.atomic():
            context = exports.ImportContext(plan)
            for number, row in rows:
                line = ImportLine(line=number)
                report.lines.append(line)
                parsed = context.parse(row, line.errors)
                if line.errors:
                    continue
                try:
                    line.action = _import_row(parsed, user=user, today=today, report=report)
                except ValidationError as error:
                    line.errors.extend(error.messages)
            if not report.lines:
                raise ImportFailed(report)
            if not report.ok:
                raise ImportFailed(report)
    except ImportFailed:
        report.created = report.updated = 0
        raise
    return report


def _import_row(parsed, *, user, today, report):
    measure = parsed["measure"]
    if measure is None:
        measure = Measure(
            goal=parsed["goal"],
            level=parsed["level"],
            position=parsed["goal"].measures.filter(level=parsed["level"]).count() + 1,
            text=parsed["text"],
            responsible_unit=parsed["unit"],
            responsible_region=parsed["region"],
            deadline=parsed["deadline"],
            status=parsed["status"],
            progress=100 if parsed["status"] == Status.DONE else parsed["progress"] or 0,
        )
        measure_save(measure=measure)
        report.created += 1
        return _("Nytt tiltak")
    changed_state = measure.status != parsed["status"] or (
        parsed["progress"] is not None and measure.progress != parsed["progress"]
    )
    measure.goal = parsed["goal"]
    measure.level = parsed["level"]
    measure.text = parsed["text"]
    measure.responsible_unit = parsed["unit"]
    measure.responsible_region = parsed["region"]
    measure.deadline = parsed["deadline"]
    measure_save(measure=measure)
    if changed_state or parsed["comment"]:
        measure_update_status(
            measure=measure,
            user=user,
            status=parsed["status"],
            progress=parsed["progress"],
            text=parsed["comment"] or _("Oppdatert ved import."),
            today=today,
        )
    report.updated += 1
    return _("Oppdatert")


def open_statuses():
    return [status for status in Status if status not in CLOSED]
