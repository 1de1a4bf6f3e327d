"""Builds the strategy part of the demo from demo/strategy.toml through the same services
a leader uses. Records already present are left as they are, so loading twice changes
nothing."""

import contextlib

from django.core.exceptions import ValidationError
from django.db import transaction

from samspill.accounts.models import User
from samspill.members.models import Region, StaffUnit

from . import services
from .models import (
    AdditionalDecision,
    BasicGrant,
    Decision,
    FollowUp,
    FollowUpKind,
    Goal,
    GoverningDocument,
    Measure,
    Plan,
    Status,
    StrategyArea,
    SupportResource,
)


def _units():
    return {unit.slug: unit for unit in StaffUnit.objects.all()}


@transaction.atomic
def load(data, *, password=None):
    units = _units()
    author = User.objects.filter(email="leder@samspill.test").first()
    documents = {}
    for order, row in enumerate(data.get("documents", []), start=1):
        document = GoverningDocument.objects.filter(title=row["title"]).first()
        if document is None:
            document = services.record_save(
                record=GoverningDocument(
                    title=row["title"],
                    kind=row["kind"],
                    adopted_by=row.get("adopted_by", ""),
                    adopted_on=row.get("adopted_on"),
                    url=row.get("url", ""),
                    description=row.get("description", "").strip(),
                    sort_order=order,
                )
            )
        documents[document.title] = document
    for row in data.get("basic_grants", []):
        if not BasicGrant.objects.filter(title=row["title"]).exists():
            services.record_save(record=BasicGrant(**row))
    for row in data.get("plans", []):
        if not Plan.objects.filter(slug=row["slug"]).exists():
            _plan(row)
    plan_measures = {}
    for measure in Measure.objects.select_related("goal__area"):
        key = (measure.goal.code, measure.level, measure.position)
        plan_measures[key] = measure
    for row in data.get("measure_details", []):
        measure = plan_measures[tuple(row["measure"])]
        if measure.updates.exists():
            continue
        measure.deadline = row.get("deadline")
        measure.responsible_unit = units.get(row.get("responsible_unit"))
        measure.responsible_region = (
            Region.objects.get(slug=row["responsible_region"])
            if row.get("responsible_region")
            else None
        )
        measure.grant_criterion = row.get("grant_criterion", "")
        services.measure_save(measure=measure)
        for update in row.get("updates", []):
            services.measure_update_status(
                measure=measure,
                user=author,
                status=update["status"],
                progress=update.get("progress"),
                text=update.get("text", ""),
                date=update["date"],
            )
    cases = {}
    for order, row in enumerate(data.get("cases", []), start=1):
        cases[row["key"]] = _case(row, order, cases, documents, units, data["recorded_on"])
    for order, row in enumerate(data.get("resources", []), start=1):
        if SupportResource.objects.filter(title=row["title"]).exists():
            continue
        services.record_save(
            record=SupportResource(
                title=row["title"],
                component=row.get("component", ""),
                target_group=row.get("target_group", ""),
                planned_on=row.get("planned_on"),
                planned_text=row.get("planned_text", ""),
                published_on=row.get("published_on"),
                status=row.get("status", "planned"),
                responsible_unit=units.get(row.get("unit")),
                decision=cases.get(row.get("case")),
                position=order,
            )
        )
    for row in data.get("links", []):
        _link(row, cases, plan_measures)
    return []


def _plan(row):
    plan = services.record_save(
        record=Plan(
            title=row["title"],
            slug=row["slug"],
            kind=row["kind"],
            period_start=row["period_start"],
            period_end=row["period_end"],
            description=row.get("description", ""),
        )
    )
    for area_row in row.get("areas", []):
        area = services.record_save(
            record=StrategyArea(plan=plan, number=area_row["number"], title=area_row["title"])
        )
        for number, goal_row in enumerate(area_row.get("goals", []), start=1):
            goal = services.record_save(
                record=Goal(area=area, number=number, text=goal_row["text"])
            )
            for level in ("national", "regional"):
                for position, text in enumerate(goal_row.get(level, []), start=1):
                    services.measure_save(
                        measure=Measure(goal=goal, level=level, position=position, text=text)
                    )
    return plan


def _case(row, order, cases, documents, units, recorded_on):
    parent = cases.get(row.get("parent"))
    existing = Decision.objects.filter(title=row["title"], parent=parent).first()
    if existing is not None:
        return existing
    decision = services.record_save(
        record=Decision(
            kind=row["kind"],
            case_number=row.get("case_number", ""),
            title=row["title"],
            report_heading=row.get("report_heading", ""),
            text=row.get("text", ""),
            note=row.get("note", ""),
            done_intro=row.get("done_intro", ""),
            planned_intro=row.get("planned_intro", ""),
            meeting=row.get("meeting", ""),
            governing_document=documents.get(row.get("document")),
            parent=parent,
            grant_criterion=row.get("grant_criterion", ""),
            sort_order=order,
        )
    )
    decision.responsible_units.set([units[slug] for slug in row.get("units", [])])
    for item in row.get("additional", []):
        services.record_save(
            record=AdditionalDecision(
                decision=decision,
                number=item["number"],
                text=item["text"],
                follow_up=item.get("follow_up", ""),
            )
        )
    for kind in (FollowUpKind.DONE, FollowUpKind.PLANNED):
        for position, entry in enumerate(row.get(kind.value, []), start=1):
            if isinstance(entry, str):
                entry = {"text": entry}
            default = Status.DONE if kind == FollowUpKind.DONE else Status.NOT_STARTED
            region = entry.get("region")
            services.record_save(
                record=FollowUp(
                    decision=decision,
                    kind=kind,
                    position=position,
                    text=entry["text"],
                    status=entry.get("status", default),
                    recorded_on=recorded_on,
                    due_on=entry.get("due_on"),
                    responsible_unit=units.get(entry.get("unit")),
                    responsible_region=Region.objects.get(slug=region) if region else None,
                )
            )
    return decision


def _link(row, cases, plan_measures):
    from samspill.agreements.models import Project
    from samspill.programmes.models import Programme
    from samspill.seminars.models import Point

    if "measure" in row:
        subject = plan_measures.get(tuple(row["measure"]))
    else:
        subject = (
            cases[row["case"]].follow_ups.filter(kind="planned", position=row["planned"]).first()
        )
    if "programme" in row:
        target = Programme.objects.order_by("pk").first()
    elif "project" in row:
        target = Project.objects.order_by("pk").first()
    else:
        target = (
            Point.objects.visible()
            .filter(text__contains=row["seminar_point"])
            .order_by("pk")
            .first()
        )
    if subject is None or target is None:
        return
    with contextlib.suppress(ValidationError):  # already there
        services.trace_link_save(subject=subject, relation=row["relation"], target=target)
