"""Writes to the statistics: imports (all or nothing), a coordinator's entry, and the
Rammeplan adoption. Every function is atomic."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import importing
from .fields import FIGURE_NAMES, FIGURES_BY_NAME
from .models import (
    AnnualStatistics,
    FrameworkPlanAdoption,
    ImportStatus,
    Source,
    StatisticsImport,
)


@dataclass
class ImportResult:
    ok: bool
    dry_run: bool
    created: int = 0
    updated: int = 0
    values: int = 0
    lines: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # [(line or None, message)]
    notices: list = field(default_factory=list)

    def as_report(self):
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "created": self.created,
            "updated": self.updated,
            "values": self.values,
            "lines": self.lines,
            "skipped": self.skipped,
            "errors": [[line, message] for line, message in self.errors],
            "notices": self.notices,
        }


def import_table(*, table, mapping, dry_run, source_note="", user=None) -> ImportResult:
    """Check every line, then write all of it or nothing. A dry run only checks."""
    plan = importing.plan_import(table, mapping)
    result = ImportResult(
        ok=plan.ok,
        dry_run=dry_run,
        lines=plan.lines,
        skipped=plan.skipped,
        errors=plan.errors,
        notices=plan.notices,
        values=sum(len(values) for values in plan.values.values()),
    )
    existing = {
        (row.municipality_id, row.school_year): row
        for row in AnnualStatistics.objects.filter(
            municipality_id__in={key[0] for key in plan.values},
            school_year__in={key[1] for key in plan.values},
        )
    }
    result.created = sum(1 for key in plan.values if key not in existing)
    result.updated = len(plan.values) - result.created
    if not plan.ok or dry_run:
        return result
    with transaction.atomic():
        new, changed, changed_fields = [], [], {"source", "source_note", "updated_by"}
        for (municipality_id, year), values in plan.values.items():
            row = existing.get((municipality_id, year))
            if row is None:
                row = AnnualStatistics(municipality_id=municipality_id, school_year=year)
                new.append(row)
            else:
                changed.append(row)
                changed_fields |= set(values)
            for name, value in values.items():
                setattr(row, name, value)
            row.source = Source.IMPORT
            row.source_note = source_note[:200]
            row.updated_by = user
        AnnualStatistics.objects.bulk_create(new, batch_size=500)
        if changed:
            AnnualStatistics.objects.bulk_update(
                changed, sorted(changed_fields | {"updated_at"}), batch_size=500
            )
    return result


def statistics_import_upload(*, file_name, content, encoding, user) -> StatisticsImport:
    """Keep an uploaded file for mapping; reject what cannot be read at all."""
    table = importing.read_table(content, file_name, encoding)
    upload = StatisticsImport(
        file_name=file_name[:200],
        content=content,
        encoding=encoding,
        mapping=importing.guess_mapping(table.headers),
        created_by=user,
    )
    upload.full_clean(exclude=["content"])
    upload.save()
    return upload


def statistics_import_run(*, upload, mapping, dry_run, user) -> ImportResult:
    table = importing.read_table(bytes(upload.content), upload.file_name, upload.encoding)
    result = import_table(
        table=table,
        mapping=mapping,
        dry_run=dry_run,
        source_note=_("Import av %(file)s") % {"file": upload.file_name},
        user=user,
    )
    upload.mapping = mapping
    upload.report = result.as_report()
    if not result.ok:
        upload.status = ImportStatus.FAILED
    elif dry_run:
        upload.status = ImportStatus.CHECKED
    else:
        upload.status = ImportStatus.IMPORTED
        upload.imported_at = timezone.now()
    upload.save(update_fields=["mapping", "report", "status", "imported_at"])
    return result


def plausibility_warnings(*, values, previous):
    """Figures that are possible but unlikely, for the person entering them to look at
    again before saving: a waiting list far above the places, a fee changed by more than
    50 % from the year before."""
    warnings = []
    waiting, places = values.get("waiting"), values.get("places") or values.get("pupils")
    if waiting and places and waiting > 2 * places:
        warnings.append(
            _(
                "Ventelisten (%(waiting)s) er mer enn dobbelt så lang som antall elevplasser "
                "(%(places)s). Stemmer det?"
            )
            % {"waiting": waiting, "places": places}
        )
    fee = values.get("yearly_fee")
    old_fee = previous.yearly_fee if previous else None
    if fee is not None and old_fee:
        change = (fee - old_fee) / old_fee
        if abs(change) > 0.5:
            warnings.append(
                _(
                    "Elevbetalingen er endret med %(change)s %% fra året før (%(old)s kr → "
                    "%(new)s kr). Stemmer det?"
                )
                % {"change": round(change * 100), "old": old_fee, "new": fee}
            )
    old_pupils = previous.pupils if previous else None
    pupils = values.get("pupils")
    if pupils is not None and old_pupils and abs(pupils - old_pupils) / old_pupils > 0.5:
        warnings.append(
            _("Elevtallet er endret med mer enn 50 %% fra året før (%(old)s → %(new)s).")
            % {"old": old_pupils, "new": pupils}
        )
    return warnings


@transaction.atomic
def annual_statistics_save(
    *, municipality, school_year, values, user, arts_school=None
) -> AnnualStatistics:
    """A coordinator's (or NKR's) figures for one school year of one municipality."""
    row = AnnualStatistics.objects.filter(
        municipality=municipality, school_year=school_year
    ).first() or AnnualStatistics(municipality=municipality, school_year=school_year)
    for name in FIGURE_NAMES:
        if name in values:
            setattr(row, name, values[name])
    problems = importing.impossible({name: getattr(row, name) for name in FIGURE_NAMES})
    if problems:
        raise ValidationError([p[:1].upper() + p[1:] + "." for p in problems])
    if arts_school is not None and not municipality.arts_schools.filter(pk=arts_school.pk).exists():
        raise ValidationError(_("Kulturskolen hører ikke til kommunen."))
    row.arts_school = arts_school
    row.source = Source.ENTRY
    row.source_note = ""
    row.updated_by = user
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def framework_plan_save(*, municipality, adopted_on, decision_reference="", source=Source.ENTRY):
    """Record (or, with no date, remove) the political adoption of the Rammeplan."""
    if adopted_on is None:
        FrameworkPlanAdoption.objects.filter(municipality=municipality).delete()
        return None
    adoption = FrameworkPlanAdoption.objects.filter(municipality=municipality).first()
    adoption = adoption or FrameworkPlanAdoption(municipality=municipality)
    adoption.adopted_on = adopted_on
    adoption.decision_reference = decision_reference.strip()
    adoption.source = source
    adoption.full_clean()
    adoption.save()
    return adoption


def figure_label(name):
    return FIGURES_BY_NAME[name].label
