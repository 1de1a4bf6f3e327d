"""Reports generated from the records, as DOCX (python-docx) and PDF (WeasyPrint):

(a) the board status report in the structure of seed 004 — governing documents; per
    priority of the political platform and per decision its text, "Hva som har vært
    gjort", "Hva som er planlagt gjort videre" and the responsible unit; the support-
    resource publication plan; and the measures updated or overdue in the period;
(b) the report for the state basic grant, mapping the work to its two criteria.

Both are built as a list of `Block`s, which the DOCX and the PDF lay out the same way.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samspill.core import documents

from . import selectors
from .models import (
    CLOSED,
    BasicGrant,
    DecisionKind,
    FollowUpKind,
    GoverningDocumentKind,
    GrantCriterion,
    Measure,
    Status,
    StatusUpdate,
)


@dataclass
class Block:
    kind: str  # "h1", "h2", "h3", "h4", "p", "bullet", "bullet2", "quote", "meta", "table"
    text: str = ""
    rows: list = field(default_factory=list)


@dataclass
class Period:
    start: datetime.date | None = None
    end: datetime.date | None = None

    def __contains__(self, day):
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def label(self):
        if self.start and self.end:
            return _("%(start)s–%(end)s") % {"start": _d(self.start), "end": _d(self.end)}
        if self.start:
            return _("fra %(start)s") % {"start": _d(self.start)}
        if self.end:
            return _("til og med %(end)s") % {"end": _d(self.end)}
        return _("hele perioden")


def _d(day):
    return date_format(day, "DATE_FORMAT") if day else ""


def _month(day):
    return date_format(day, "F Y") if day else ""


def _paragraphs(text):
    return [" ".join(p.split()) for p in (text or "").split("\n\n") if p.strip()]


@dataclass
class Report:
    title: str
    subtitle: str
    blocks: list


def _responsible(decision):
    names = [str(unit) for unit in decision.responsible_units.all()]
    for follow_up in decision.follow_ups.all():
        name = str(follow_up.responsible or "")
        if name and name not in names:
            names.append(name)
    return names


def _case_blocks(decision, period, level, updates):
    blocks = []
    heading = decision.report_heading or decision.heading
    blocks.append(Block(level, heading))
    if decision.text:
        blocks += [Block("quote", p) for p in _paragraphs(decision.text)]
    blocks += [Block("p", p) for p in _paragraphs(decision.note)]
    responsible = _responsible(decision)
    if responsible:
        blocks.append(Block("meta", _("Ansvarlig: %(names)s") % {"names": ", ".join(responsible)}))
    sub = "h4" if level == "h3" else "h3"
    done, planned = _split(decision, period, updates)
    if done or decision.done_intro or decision.additional_decisions.all():
        blocks.append(Block(sub, str(FollowUpKind.DONE.label)))
        blocks += [Block("p", p) for p in _paragraphs(decision.done_intro)]
        blocks += _points(done)
        additional = list(decision.additional_decisions.all())
        if additional:
            blocks.append(Block("meta", _("Tilleggsvedtak og oppfølgingen av dem:")))
            for item in additional:
                blocks.append(Block("quote", f"{item.number}. «{' '.join(item.text.split())}»"))
                blocks += [Block("p", p) for p in _paragraphs(item.follow_up)]
    if planned or decision.planned_intro:
        blocks.append(Block(sub, str(FollowUpKind.PLANNED.label)))
        blocks += [Block("p", p) for p in _paragraphs(decision.planned_intro)]
        blocks += _points(planned)
    changes = [u for u in updates if u.follow_up and u.follow_up.decision_id == decision.pk]
    if changes:
        blocks.append(Block("meta", _("Oppdateringer i perioden:")))
        for update in changes:
            blocks.append(Block("bullet", _update_line(update, update.follow_up.point)))
    return blocks


def _split(decision, period, updates):
    """The case's points for "what has been done" and "what is planned". A planned point
    that has been carried out moves to what has been done, in the period it was marked
    done (any time, when the report has no period); a stopped one leaves the report."""
    unbounded = period.start is None and period.end is None
    done_in_period = {u.follow_up_id for u in updates if u.status == Status.DONE}
    done, planned = [], []
    for f in decision.follow_ups.all():
        if f.kind == FollowUpKind.DONE:
            if f.recorded_on in period:
                done.append(f)
        elif f.status == Status.DONE:
            if unbounded or f.pk in done_in_period:
                done.append(f)
        elif f.status not in CLOSED:
            planned.append(f)
    return done, planned


def _points(follow_ups):
    blocks = []
    for follow_up in follow_ups:
        blocks.append(Block("bullet", " ".join(follow_up.point.split())))
        blocks += [Block("bullet2", " ".join(s.split())) for s in follow_up.sub_points]
    return blocks


def _update_line(update, subject):
    line = _("%(date)s – %(subject)s: %(status)s") % {
        "date": _d(update.date),
        "subject": " ".join(str(subject).split())[:120],
        "status": update.get_status_display().lower(),
    }
    if update.progress is not None:
        line += f" ({update.progress}\u00a0%)"
    if update.text:
        line += f". {' '.join(update.text.split())}"
    return line


def _updates(period):
    updates = StatusUpdate.objects.select_related("measure__goal__area__plan", "follow_up")
    return [u for u in updates.order_by("date", "pk") if u.date in period]


#: The governing documents grouped as in seed 004.
DOCUMENT_GROUPS = [
    (GoverningDocumentKind.OVERARCHING, _lazy("Overordnede styringsdokumenter")),
    (GoverningDocumentKind.STATUTES, _lazy("Vedtekter")),
    (GoverningDocumentKind.STRATEGY, _lazy("Strategier")),
    (GoverningDocumentKind.POLICY, _lazy("Policyer")),
]


def board_report(*, meeting="", period=None, today=None):
    period = period or Period()
    today = today or timezone.localdate()
    updates = _updates(period)
    priorities, decisions = selectors.priorities_and_decisions()
    blocks = []

    blocks.append(Block("h1", _("Styringsdokumenter")))
    documents_by_kind = {}
    for document in selectors.documents():
        documents_by_kind.setdefault(document.kind, []).append(document)
    for kind, heading in DOCUMENT_GROUPS:
        if kind not in documents_by_kind:
            continue
        blocks.append(Block("h2", str(heading)))
        for document in documents_by_kind[kind]:
            facts = ", ".join(
                part
                for part in [
                    _("vedtatt av %(body)s") % {"body": document.adopted_by}
                    if document.adopted_by
                    else "",
                    _d(document.adopted_on),
                ]
                if part
            )
            blocks.append(
                Block("bullet", f"{document.title} ({facts})" if facts else document.title)
            )

    blocks.append(Block("h1", _("Kulturskolerådets arbeid med Landstingets saker")))
    if priorities:
        blocks.append(Block("h2", _("Politisk plattform")))
        for priority in priorities:
            blocks += _case_blocks(priority, period, "h3", updates)
    general_assembly = [d for d in decisions if d.kind == DecisionKind.GENERAL_ASSEMBLY]
    board = [d for d in decisions if d.kind == DecisionKind.BOARD]
    # A decision with parts has its own chapter, as the Rammeplan has in seed 004; the
    # others follow under "Andre vedtak fra landstinget".
    with_parts = [d for d in general_assembly if d.parts.all()]
    others = [d for d in general_assembly if not d.parts.all()]
    for decision in with_parts:
        blocks += _case_blocks(decision, period, "h2", updates)
        for part in decision.parts.all():
            blocks += _case_blocks(part, period, "h3", updates)
            if part.support_resources.exists():
                blocks.append(_resource_table(part.support_resources.all()))
    if others:
        blocks.append(Block("h2", _("Andre vedtak fra landstinget")))
        for decision in others:
            blocks += _case_blocks(decision, period, "h3", updates)
    if board:
        blocks.append(Block("h2", _("Vedtak i hovedstyret")))
        for decision in board:
            blocks += _case_blocks(decision, period, "h3", updates)

    resources = list(selectors.support_resources())
    if resources:
        blocks.append(Block("h1", _("Publiseringsplan for støtteressurser")))
        blocks.append(_resource_table(resources))

    blocks.append(Block("h1", _("Tiltak i planene")))
    measure_updates = [u for u in updates if u.measure_id]
    if measure_updates:
        blocks.append(Block("h2", _("Tiltak oppdatert i perioden")))
        for update in measure_updates:
            blocks.append(Block("bullet", _update_line(update, update.measure.text)))
    overdue = list(selectors.overdue_measures(today))
    blocks.append(Block("h2", _("Tiltak på overtid")))
    if overdue:
        for measure in overdue:
            blocks.append(
                Block(
                    "bullet",
                    _("%(text)s – frist %(date)s, %(status)s (%(plan)s)")
                    % {
                        "text": " ".join(measure.text.split()),
                        "date": _d(measure.deadline),
                        "status": measure.get_status_display().lower(),
                        "plan": measure.goal.area.plan,
                    },
                )
            )
    else:
        blocks.append(Block("p", _("Ingen tiltak er på overtid.")))
    if not measure_updates:
        blocks.append(Block("p", _("Ingen tiltak er oppdatert i perioden.")))

    subtitle = _("Statusrapport til hovedstyret, %(period)s") % {"period": period.label()}
    if meeting:
        subtitle = f"{meeting}. {subtitle}"
    return Report(_("Kulturskolerådets langsiktige arbeid"), subtitle, blocks)


def _resource_table(resources):
    rows = [
        [
            _("Tema støtteressurs"),
            _("Delkomponent"),
            _("Målgruppe"),
            _("Planlagt"),
            _("Publisert"),
        ]
    ]
    for resource in resources:
        rows.append(
            [
                resource.title,
                resource.component,
                resource.target_group,
                resource.planned_text or _month(resource.planned_on),
                _month(resource.published_on) or resource.get_status_display(),
            ]
        )
    return Block("table", rows=rows)


def grant_report(*, period=None, today=None):
    """Report for the state basic grant: what was done and what measures were worked on,
    under each of the grant's two criteria."""
    period = period or Period()
    today = today or timezone.localdate()
    rows = selectors.decisions()
    measures = list(
        Measure.objects.exclude(grant_criterion="")
        .select_related("goal__area__plan", "responsible_unit", "responsible_region")
        .order_by("goal__area__plan", "goal__area__number", "goal__number", "position")
    )
    updates = _updates(period)
    blocks = []
    grant = BasicGrant.objects.first()
    if grant:
        facts = _(
            "%(title)s: %(amount)s kr for perioden %(start)s–%(end)s, forvaltet av %(body)s."
        ) % {
            "title": grant.title,
            "amount": number_format(grant.amount, force_grouping=True),
            "start": _d(grant.period_start),
            "end": _d(grant.period_end),
            "body": grant.administered_by or "–",
        }
        if grant.report_due:
            facts += " " + _("Rapporten skal leveres innen %(date)s.") % {
                "date": _d(grant.report_due)
            }
        blocks.append(Block("meta", facts))
        blocks += [Block("p", p) for p in _paragraphs(grant.note)]
    blocks += [
        Block(
            "p",
            _(
                "Grunnstøtten til organisasjoner forvaltes av Utdanningsdirektoratet og skal "
                "bidra til å nå målene Kunnskapsdepartementet har satt for grunnopplæringen. "
                "Rapporten viser Kulturskolerådets arbeid under de to kriteriene søknaden "
                "bygger på."
            ),
        )
    ]
    for criterion in (GrantCriterion.EDUCATION, GrantCriterion.INTEREST_GROUPS):
        matches = {criterion, GrantCriterion.BOTH}
        blocks.append(Block("h1", str(criterion.label)))
        cases = [d for d in rows if d.grant_criterion in matches]
        for case in cases:
            blocks.append(Block("h2", case.report_heading or case.heading))
            responsible = _responsible(case)
            if responsible:
                blocks.append(
                    Block("meta", _("Ansvarlig: %(names)s") % {"names": ", ".join(responsible)})
                )
            done, _planned = _split(case, period, updates)
            blocks += _points(done)
            changes = [u for u in updates if u.follow_up and u.follow_up.decision_id == case.pk]
            for update in changes:
                blocks.append(Block("bullet", _update_line(update, update.follow_up.point)))
        case_measures = [m for m in measures if m.grant_criterion in matches]
        if case_measures:
            blocks.append(Block("h2", _("Tiltak")))
            for measure in case_measures:
                blocks.append(
                    Block(
                        "bullet",
                        _("%(text)s – %(status)s, %(progress)s %%")
                        % {
                            "text": " ".join(measure.text.split()),
                            "status": measure.get_status_display().lower(),
                            "progress": measure.progress,
                        },
                    )
                )
        if not cases and not case_measures:
            blocks.append(Block("p", _("Ingen saker eller tiltak er knyttet til kriteriet.")))
    return Report(
        _("Rapport om grunnstøtte"),
        _("Kulturskolerådets arbeid, %(period)s") % {"period": period.label()},
        blocks,
    )


# --- Layout ---------------------------------------------------------------------------

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}


def report_docx(report):
    from docx import Document

    document = Document()
    document.core_properties.title = report.title
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    for block in report.blocks:
        if block.kind in HEADING_LEVELS:
            document.add_heading(block.text, level=HEADING_LEVELS[block.kind])
        elif block.kind == "bullet":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "bullet2":
            document.add_paragraph(block.text, style="List Bullet 2")
        elif block.kind == "quote":
            document.add_paragraph(block.text, style="Quote")
        elif block.kind == "meta":
            paragraph = document.add_paragraph()
            paragraph.add_run(block.text).italic = True
        elif block.kind == "table":
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for index, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = str(value or "")
                    if index == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            document.add_paragraph(block.text)
    return documents.docx_bytes(document)


def report_pdf(report, request=None):
    return documents.render_pdf("strategy/report_pdf.html", {"report": report}, request=request)
