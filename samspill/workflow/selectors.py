"""Every dated thing in Samspill as one kind of item, for the start page, the calendar,
the iCal feeds and the reminders.

Each area keeps its own models; the functions here read them and say, for one person,
what they may see (`calendar_items`) and what is theirs to do (`due_items`). The rules of
who sees what are the areas' own: a coordinator sees their own municipality's records
and the national ones (programme schedules and calls), never another municipality's.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samspill.accounts.models import Role

#: The areas, in the order the calendar lists them, with their names on screen.
AREAS = {
    "programmes": gettext_lazy("Utviklingsprogram"),
    "agreements": gettext_lazy("Samarbeidsavtaler"),
    "strategy": gettext_lazy("Strategi og vedtak"),
    "grants": gettext_lazy("Tilskudd og stipend"),
}

#: Days ahead that count as "soon" on the start page.
SOON_DAYS = 14
#: Days ahead the start page looks for the person's next events.
EVENTS_AHEAD_DAYS = 60
#: An invoiced instalment unpaid for longer than this is overdue (as in programmes).
PAYMENT_DAYS = 30


@dataclass
class Item:
    """One dated thing: an event (a gathering, a meeting, a call opening) or a deadline."""

    uid: str
    area: str
    label: str
    title: str
    day: datetime.date | None
    url: str
    is_deadline: bool = False
    end_day: datetime.date | None = None
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    context: str = ""
    tentative: bool = False
    municipality_id: int | None = None
    #: What to do, for a deadline on the start page ("Signer kontrakten").
    action: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def area_label(self):
        return AREAS[self.area]

    @property
    def last_day(self):
        return self.end_day or self.day

    def is_overdue(self, today):
        return self.is_deadline and self.day is not None and self.day < today

    def overlaps(self, start, end):
        return self.day is not None and self.day <= end and self.last_day >= start


# --- Who sees what ------------------------------------------------------------------


def _is_nkr(user):
    return user.is_authenticated and user.is_nkr


def _runs_programmes(user):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER}


def _sees_fees(user):
    return user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.ADVISER, Role.LEADER}


def visible_programmes(user):
    """NKR: every programme. A municipal user: the published programmes their municipality
    applied to or takes part in (their schedule is national, the same for all)."""
    from samspill.programmes.models import Programme

    if _is_nkr(user):
        return Programme.objects.all()
    if user.is_municipal:
        return (
            Programme.objects.filter(is_published=True)
            .filter(
                Q(participations__municipality_id=user.municipality_id)
                | Q(applications__municipality_id=user.municipality_id)
            )
            .distinct()
        )
    return Programme.objects.none()


def _callable_programmes(user):
    """Programmes whose call dates a person sees: NKR all, municipal users the published."""
    from samspill.programmes.models import Programme

    if _is_nkr(user):
        return Programme.objects.all()
    if user.is_municipal:
        return Programme.objects.filter(is_published=True)
    return Programme.objects.none()


def _municipality_scope(user, field_name):
    """A Q limiting rows to what the user may see by municipality: NKR everything, a
    municipal user their own municipality, anybody else nothing."""
    if _is_nkr(user):
        return Q()
    if user.is_municipal and user.municipality_id:
        return Q(**{field_name: user.municipality_id})
    return Q(pk__in=[])


# --- Items of each area ----------------------------------------------------------------


def _programme_events(programmes, start, end):
    from samspill.programmes import calendar as programme_calendar
    from samspill.programmes.models import Event

    events = Event.objects.filter(
        programme__in=programmes,
        sort_date__lte=end,
        sort_date__gte=start - datetime.timedelta(days=62),
    ).select_related("programme")
    items = []
    for event in events:
        first, last, tentative = programme_calendar._event_times(event)
        if isinstance(first, datetime.datetime):
            day, starts_at, ends_at = first.date(), first, last
            last_day = (event.ends_on or event.starts_on) if event.ends_on else None
        else:
            day, starts_at, ends_at = first, None, None
            last_day = last - datetime.timedelta(days=1) if last else None
        item = Item(
            uid=f"programme-event-{event.pk}",
            area="programmes",
            label=event.get_kind_display(),
            title=event.title,
            day=day,
            end_day=last_day if last_day and last_day != day else None,
            starts_at=starts_at,
            ends_at=ends_at,
            url=reverse("programmes:schedule", kwargs={"slug": event.programme.slug})
            + f"#samling-{event.pk}",
            context=event.programme.name,
            tentative=tentative,
            extra={"place": event.place or event.digital_link},
        )
        if item.overlaps(start, end):
            items.append(item)
    return items


def _programme_calls(user, start, end):
    items = []
    programmes = _callable_programmes(user).filter(
        Q(call_opens__range=(start, end)) | Q(call_closes__range=(start, end))
    )
    for programme in programmes:
        url = programme.get_absolute_url()
        if programme.call_opens and start <= programme.call_opens <= end:
            items.append(
                Item(
                    uid=f"programme-call-{programme.pk}-opens",
                    area="programmes",
                    label=_("Søknad åpner"),
                    title=_("Søknad åpner: %(name)s") % {"name": programme.name},
                    day=programme.call_opens,
                    url=url,
                )
            )
        if programme.call_closes and start <= programme.call_closes <= end:
            items.append(
                Item(
                    uid=f"programme-call-{programme.pk}-closes",
                    area="programmes",
                    label=_("Søknadsfrist"),
                    title=_("Søknadsfrist: %(name)s") % {"name": programme.name},
                    day=programme.call_closes,
                    url=url,
                )
            )
    return items


def _plan_entry_item(entry):
    participation = entry.plan.participation
    return Item(
        uid=f"programme-plan-entry-{entry.pk}",
        area="programmes",
        label=_("Utviklingsplan"),
        title=entry.title,
        day=entry.due_on,
        url=reverse(
            "programmes:plan_detail",
            kwargs={
                "slug": participation.programme.slug,
                "number": participation.municipality.number,
            },
        )
        + f"#innslag-{entry.pk}",
        is_deadline=True,
        context=participation.municipality.name,
        municipality_id=participation.municipality_id,
        action=_("Frist i utviklingsplanen"),
        extra={"owner_person_id": entry.owner_id},
    )


def _plan_entries():
    from samspill.programmes.models import EntryStatus, ParticipationStatus, PlanEntry

    return (
        PlanEntry.objects.exclude(status=EntryStatus.DONE)
        .filter(due_on__isnull=False, plan__participation__status=ParticipationStatus.ACTIVE)
        .select_related("plan__participation__programme", "plan__participation__municipality")
    )


def _agreement_items(agreements, start=None, end=None, *, person_id=None, events=True):
    """Meetings, open action items, milestones and reports of the given agreements. With
    `person_id`, only the deadlines that person owns (and no meetings)."""
    from samspill.agreements.models import (
        ActionItem,
        Meeting,
        MeetingStatus,
        Milestone,
        ProjectReport,
    )

    items = []

    def dated(queryset, field_name):
        if start is not None:
            queryset = queryset.filter(**{f"{field_name}__range": (start, end)})
        return queryset

    if events and person_id is None:
        meetings = Meeting.objects.filter(agreement__in=agreements).exclude(
            status=MeetingStatus.CANCELLED
        )
        if start is not None:
            meetings = meetings.filter(starts_at__date__range=(start, end))
        for meeting in meetings.select_related("agreement"):
            starts_at = meeting.starts_at
            items.append(
                Item(
                    uid=f"agreement-meeting-{meeting.pk}",
                    area="agreements",
                    label=meeting.get_kind_display(),
                    title=meeting.title,
                    day=_local_date(starts_at),
                    starts_at=starts_at,
                    ends_at=meeting.ends_at,
                    url=meeting.get_absolute_url(),
                    context=meeting.agreement.title,
                    extra={"place": meeting.place or meeting.digital_link},
                )
            )
    action_items = dated(
        ActionItem.objects.open().filter(meeting__agreement__in=agreements), "due_on"
    )
    milestones = dated(Milestone.objects.open().filter(agreement__in=agreements), "due_on")
    reports = dated(
        ProjectReport.objects.filter(submitted_on__isnull=True, project__agreement__in=agreements),
        "due_on",
    )
    if person_id is not None:
        action_items = action_items.filter(owner_id=person_id)
        milestones = milestones.filter(owner_id=person_id)
        reports = reports.filter(project__lead_id=person_id)
    for item in action_items.select_related("meeting__agreement"):
        items.append(
            Item(
                uid=f"agreement-action-item-{item.pk}",
                area="agreements",
                label=_("Oppfølgingspunkt"),
                title=item.text,
                day=item.due_on,
                url=item.meeting.get_absolute_url() + "#oppfolging",
                is_deadline=True,
                context=item.meeting.agreement.title,
                action=_("Oppfølgingspunkt fra møte"),
                extra={"owner_person_id": item.owner_id},
            )
        )
    for milestone in milestones.select_related("agreement"):
        items.append(
            Item(
                uid=f"agreement-milestone-{milestone.pk}",
                area="agreements",
                label=_("Milepæl"),
                title=milestone.title,
                day=milestone.due_on,
                url=milestone.get_absolute_url(),
                is_deadline=True,
                context=milestone.agreement.title,
                action=_("Milepæl i tiltaks- og fremdriftsplanen"),
                extra={"owner_person_id": milestone.owner_id},
            )
        )
    for report in reports.select_related("project__agreement"):
        items.append(
            Item(
                uid=f"agreement-report-{report.pk}",
                area="agreements",
                label=_("Årsrapport"),
                title=_("Årsrapport %(year)s: %(project)s")
                % {"year": report.year, "project": report.project.title},
                day=report.due_on,
                url=report.project.get_absolute_url(),
                is_deadline=True,
                context=report.project.agreement.title,
                action=_("Årsrapport til styringsgruppen"),
                extra={"owner_person_id": report.project.lead_id},
            )
        )
    return items


def _local_date(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()


def _strategy_items(start=None, end=None, *, unit_ids=None):
    from samspill.strategy.models import CLOSED, FollowUp, Measure

    measures = Measure.objects.open().filter(deadline__isnull=False)
    follow_ups = FollowUp.objects.exclude(status__in=CLOSED).filter(due_on__isnull=False)
    if start is not None:
        measures = measures.filter(deadline__range=(start, end))
        follow_ups = follow_ups.filter(due_on__range=(start, end))
    if unit_ids is not None:
        measures = measures.filter(responsible_unit_id__in=unit_ids)
        follow_ups = follow_ups.filter(responsible_unit_id__in=unit_ids)
    items = []
    for measure in measures.select_related("responsible_unit", "responsible_region"):
        items.append(
            Item(
                uid=f"strategy-measure-{measure.pk}",
                area="strategy",
                label=_("Tiltak"),
                title=measure.text[:200],
                day=measure.deadline,
                url=measure.get_absolute_url(),
                is_deadline=True,
                context=str(measure.responsible or ""),
                action=_("Frist for tiltak"),
            )
        )
    for follow_up in follow_ups.select_related(
        "decision", "responsible_unit", "responsible_region"
    ):
        items.append(
            Item(
                uid=f"strategy-follow-up-{follow_up.pk}",
                area="strategy",
                label=_("Oppfølging av vedtak"),
                title=follow_up.point[:200],
                day=follow_up.due_on,
                url=follow_up.get_absolute_url(),
                is_deadline=True,
                context=str(follow_up.responsible or ""),
                action=_("Frist for oppfølgingspunkt"),
            )
        )
    return items


def _grant_calls(start, end):
    from samspill.grants.models import Call

    items = []
    calls = Call.objects.filter(
        Q(opens_on__range=(start, end)) | Q(closes_on__range=(start, end))
    ).select_related("scheme")
    for call in calls:
        if start <= call.opens_on <= end:
            items.append(
                Item(
                    uid=f"grants-call-{call.pk}-opens",
                    area="grants",
                    label=_("Utlysning åpner"),
                    title=_("%(call)s åpner") % {"call": call.title},
                    day=call.opens_on,
                    url=call.get_absolute_url(),
                    context=call.scheme.name,
                )
            )
        if start <= call.closes_on <= end:
            items.append(
                Item(
                    uid=f"grants-call-{call.pk}-closes",
                    area="grants",
                    label=_("Frist for utlysning"),
                    title=_("Frist: %(call)s") % {"call": call.title},
                    day=call.closes_on,
                    url=call.get_absolute_url(),
                    context=call.scheme.name,
                )
            )
    return items


def _grant_reports(scope):
    from samspill.grants.models import ApplicationStatus, GrantApplication

    return (
        GrantApplication.objects.filter(
            status=ApplicationStatus.GRANTED,
            report_due_on__isnull=False,
            report_received_on__isnull=True,
        )
        .filter(scope)
        .select_related("call", "municipality")
    )


def _grant_report_item(application):
    return Item(
        uid=f"grants-application-{application.pk}-report",
        area="grants",
        label=_("Rapport for tilskudd"),
        title=_("Rapport: %(project)s") % {"project": application.project_title},
        day=application.report_due_on,
        url=application.get_absolute_url(),
        is_deadline=True,
        context=f"{application.municipality.name} · {application.call.title}",
        municipality_id=application.municipality_id,
        action=_("Rapporten for tilskuddet skal leveres"),
    )


def _person_units(user):
    from samspill.members.models import StaffUnitMembership

    if not user.person_id:
        return []
    return list(
        StaffUnitMembership.objects.filter(person_id=user.person_id).values_list(
            "unit_id", flat=True
        )
    )


# --- The calendar: everything dated the person may see ---------------------------------


def calendar_items(user, start, end, *, areas=None):
    """Every dated item between `start` and `end` (inclusive) that the user may see,
    in date order. `areas` narrows it to some of AREAS."""
    from samspill.agreements.models import Agreement
    from samspill.grants import permissions as grant_permissions

    areas = set(areas or AREAS)
    items = []
    if "programmes" in areas:
        items += _programme_events(visible_programmes(user), start, end)
        items += _programme_calls(user, start, end)
        entries = _plan_entries().filter(
            _municipality_scope(user, "plan__participation__municipality_id"),
            due_on__range=(start, end),
        )
        items += [_plan_entry_item(entry) for entry in entries]
    if "agreements" in areas:
        items += _agreement_items(Agreement.objects.for_user(user), start, end)
    if "strategy" in areas and _is_nkr(user):
        items += _strategy_items(start, end)
    if "grants" in areas and grant_permissions.can_view_grants(user):
        items += _grant_calls(start, end)
        if grant_permissions.reads_all(user):
            scope = Q()
        else:
            scope = _municipality_scope(user, "municipality_id")
        reports = _grant_reports(scope).filter(report_due_on__range=(start, end))
        items += [_grant_report_item(application) for application in reports]
    return sorted(items, key=_sort_key)


def _sort_key(item):
    return (item.day or datetime.date.max, item.starts_at is None, item.starts_at or 0, item.title)


# --- What is mine to do ------------------------------------------------------------------


def due_items(user, today):
    """The open deadlines that are this person's to meet, or their unit's or their
    municipality's, the overdue first and then by date; items without a date last."""
    from samspill.agreements.models import Agreement
    from samspill.programmes.models import (
        Instalment,
        Participation,
        ParticipationStatus,
    )

    items = []
    # Development plans: the entry's owner, the municipality's coordinator, the adviser.
    mine = Q(pk__in=[])
    if user.person_id:
        mine |= Q(owner_id=user.person_id)
    if user.role == Role.COORDINATOR and user.municipality_id:
        mine |= Q(plan__participation__municipality_id=user.municipality_id)
    if _runs_programmes(user):
        mine |= Q(plan__participation__adviser_id=user.pk)
    entries = (
        _plan_entries()
        .filter(mine)
        .filter(_municipality_scope(user, "plan__participation__municipality_id"))
    )
    items += [_plan_entry_item(entry) for entry in entries]

    # Contracts waiting for signatures: the coordinator and the adviser.
    contracts = Q(pk__in=[])
    if user.role == Role.COORDINATOR and user.municipality_id:
        contracts |= Q(municipality_id=user.municipality_id)
    if _runs_programmes(user):
        contracts |= Q(adviser_id=user.pk)
    participations = (
        Participation.objects.filter(contracts, status=ParticipationStatus.ACTIVE)
        .exclude(
            contract__signed_by_nkr_on__isnull=False,
            contract__signed_by_chief_executive_on__isnull=False,
            contract__signed_by_arts_school_leader_on__isnull=False,
        )
        .select_related("programme", "municipality", "contract")
    )
    for participation in participations:
        items.append(
            Item(
                uid=f"programme-contract-{participation.contract.pk}",
                area="programmes",
                label=_("Kontrakt"),
                title=_("Kontrakten for %(municipality)s er ikke signert av alle parter")
                % {"municipality": participation.municipality.name},
                day=participation.programme.period_start,
                url=reverse(
                    "programmes:contract_edit",
                    kwargs={
                        "slug": participation.programme.slug,
                        "number": participation.municipality.number,
                    },
                ),
                is_deadline=True,
                context=participation.programme.name,
                municipality_id=participation.municipality_id,
                action=_("Kontraktsignaturer mangler"),
            )
        )

    # Fees: instalments to invoice, and invoices not paid in time (leaders, advisers).
    if _sees_fees(user):
        items += _fee_items(Instalment, today)

    # Agreements: what the person owns under agreements they may see.
    if user.person_id:
        items += _agreement_items(
            Agreement.objects.for_user(user), person_id=user.person_id, events=False
        )

    # Strategy: the measures and follow-up points of the person's units.
    if _is_nkr(user):
        units = _person_units(user)
        if units:
            items += _strategy_items(unit_ids=units)

    # Grants: reports due from the coordinator's municipality; drafts before the deadline.
    items += _grant_items(user, today)
    items += _review_items(user)
    return sorted(items, key=lambda item: _due_sort_key(item, today))


def _due_sort_key(item, today):
    return (item.day is None, item.day or datetime.date.max, item.title)


def _fee_items(instalment_model, today):
    items = []
    by_programme = {}
    to_invoice = instalment_model.objects.not_invoiced().select_related("participation__programme")
    for instalment in to_invoice:
        programme = instalment.participation.programme
        entry = by_programme.setdefault(programme.pk, [programme, [], []])
        entry[1].append(instalment)
    unpaid = (
        instalment_model.objects.unpaid()
        .filter(
            invoiced_on__isnull=False,
            invoiced_on__lt=today - datetime.timedelta(days=PAYMENT_DAYS),
        )
        .select_related("participation__programme")
    )
    for instalment in unpaid:
        programme = instalment.participation.programme
        entry = by_programme.setdefault(programme.pk, [programme, [], []])
        entry[2].append(instalment)
    for programme, not_invoiced, overdue in by_programme.values():
        url = reverse("programmes:invoice_basis", kwargs={"slug": programme.slug})

        def invoice_item(kind, label, title, day, status, programme=programme, url=url):
            return Item(
                uid=f"programme-{kind}-{programme.pk}",
                area="programmes",
                label=label,
                title=title,
                day=day,
                url=f"{url}?status={status}",
                is_deadline=True,
                context=programme.name,
                action=_("Deltakeravgift"),
            )

        if not_invoiced:
            count = len(not_invoiced)
            title = ngettext(
                "%(count)s avdrag skal faktureres", "%(count)s avdrag skal faktureres", count
            ) % {"count": count}
            day = min(i.due_on for i in not_invoiced)
            items.append(invoice_item("invoice", _("Fakturering"), title, day, "not_invoiced"))
        if overdue:
            count = len(overdue)
            title = ngettext(
                "%(count)s faktura er ikke betalt", "%(count)s fakturaer er ikke betalt", count
            ) % {"count": count}
            day = min(i.invoiced_on for i in overdue) + datetime.timedelta(days=PAYMENT_DAYS)
            items.append(invoice_item("unpaid", _("Betaling"), title, day, "invoiced"))
    return items


def _grant_items(user, today):
    from samspill.grants.models import Nomination, NominationStatus

    items = []
    if user.role == Role.COORDINATOR and user.municipality_id:
        reports = _grant_reports(Q(municipality_id=user.municipality_id))
        items += [_grant_report_item(application) for application in reports]
        drafts = Nomination.objects.filter(
            municipality_id=user.municipality_id,
            status=NominationStatus.DRAFT,
            call__closes_on__gte=today,
            anonymised_at__isnull=True,
        ).select_related("call")
        for nomination in drafts:
            items.append(
                Item(
                    uid=f"grants-nomination-{nomination.pk}-draft",
                    area="grants",
                    label=_("Nominasjon"),
                    title=_("Send inn nominasjonen før fristen: %(call)s")
                    % {"call": nomination.call.title},
                    day=nomination.call.closes_on,
                    url=nomination.get_absolute_url(),
                    is_deadline=True,
                    context=nomination.call.title,
                    municipality_id=nomination.municipality_id,
                    action=_("Utkast til nominasjon"),
                )
            )
        from samspill.grants.models import GrantApplication

        application_drafts = GrantApplication.objects.filter(
            municipality_id=user.municipality_id,
            status="draft",
            call__closes_on__gte=today,
        ).select_related("call", "municipality")
        for application in application_drafts:
            items.append(
                Item(
                    uid=f"grants-application-{application.pk}-draft",
                    area="grants",
                    label=_("Søknad om tilskudd"),
                    title=_("Send inn søknaden før fristen: %(project)s")
                    % {"project": application.project_title},
                    day=application.call.closes_on,
                    url=application.get_absolute_url(),
                    is_deadline=True,
                    context=application.call.title,
                    municipality_id=application.municipality_id,
                    action=_("Utkast til søknad"),
                )
            )
    return items


def _review_items(user):
    """Open jury rounds the person scores in (no fixed date: the round closes when NKR
    closes it)."""
    from samspill.grants import selectors as grant_selectors

    items = []
    for row in grant_selectors.start_page_reviews(user):
        round_ = row["round"]
        if row["total"] and row["scored"] >= row["total"]:
            continue
        items.append(
            Item(
                uid=f"grants-round-{round_.pk}-review",
                area="grants",
                label=_("Juryvurdering"),
                title=_("Gi poeng i %(call)s, runde %(number)s (%(scored)s av %(total)s)")
                % {
                    "call": round_.call.title,
                    "number": round_.number,
                    "scored": row["scored"],
                    "total": row["total"],
                },
                day=None,
                url=reverse("grants:review_queue"),
                is_deadline=True,
                context=round_.call.title,
                action=_("Juryvurdering"),
                extra={"owner_user_id": user.pk},
            )
        )
    return items


def next_events(user, today, *, limit=8):
    """The person's next gatherings, meetings and call dates (not deadlines)."""
    end = today + datetime.timedelta(days=EVENTS_AHEAD_DAYS)
    items = [
        item
        for item in calendar_items(user, today, end, areas={"programmes", "agreements", "grants"})
        if not item.is_deadline
    ]
    return items[:limit]


def group_due(items, today):
    """The start page's groups: overdue, within SOON_DAYS, later, and without a date."""
    soon = today + datetime.timedelta(days=SOON_DAYS)
    groups = {"overdue": [], "soon": [], "later": [], "undated": []}
    for item in items:
        if item.day is None:
            groups["undated"].append(item)
        elif item.day < today:
            groups["overdue"].append(item)
        elif item.day <= soon:
            groups["soon"].append(item)
        else:
            groups["later"].append(item)
    return groups


# --- Leaders' and board members' status overview ------------------------------------------


def sees_status_overview(user):
    return user.is_authenticated and (
        user.is_superuser or user.role in {Role.ADMINISTRATOR, Role.LEADER, Role.BOARD_MEMBER}
    )


@dataclass
class StatusLine:
    area: str
    label: str
    count: int
    url: str

    @property
    def area_label(self):
        return AREAS[self.area]


def status_overview(user, today):
    """What needs attention across the areas, in numbers, each linking to its overview."""
    from samspill.agreements import selectors as agreement_selectors
    from samspill.grants.models import Call
    from samspill.programmes import selectors as programme_selectors
    from samspill.programmes.models import Programme
    from samspill.strategy import selectors as strategy_selectors

    lines = []
    for programme in Programme.objects.filter(
        period_end__gte=today - datetime.timedelta(days=180)
    ).order_by("period_start"):
        rows = programme_selectors.programme_overview(programme, today)
        lines.append(
            StatusLine(
                "programmes",
                _("%(programme)s: kommuner med problemer") % {"programme": programme.name},
                sum(1 for row in rows if row.problems),
                programme.get_absolute_url(),
            )
        )
    agreements = agreement_selectors.agreement_overview(user, today)
    lines.append(
        StatusLine(
            "agreements",
            _("Avtaler med løfter som ikke er holdt"),
            sum(1 for row in agreements if row.problems),
            reverse("agreements:agreement_list"),
        )
    )
    lines.append(
        StatusLine(
            "strategy",
            _("Tiltak på overtid"),
            strategy_selectors.overdue_measures(today).count(),
            reverse("strategy:home"),
        )
    )
    lines.append(
        StatusLine(
            "strategy",
            _("Oppfølgingspunkter på overtid"),
            strategy_selectors.overdue_follow_ups(today).count(),
            reverse("strategy:home"),
        )
    )
    lines.append(
        StatusLine(
            "grants",
            _("Rapporter for tilskudd som ikke er levert i tide"),
            _grant_reports(Q(report_due_on__lt=today)).count(),
            reverse("grants:home"),
        )
    )
    lines.append(
        StatusLine(
            "grants",
            _("Åpne utlysninger"),
            Call.objects.filter(opens_on__lte=today, closes_on__gte=today).count(),
            reverse("grants:home"),
        )
    )
    return lines


# --- Recent changes in what the person follows --------------------------------------------


@dataclass
class Change:
    at: datetime.datetime
    text: str
    url: str
    context: str


def recent_changes(user, *, limit=8, days=60):
    """The latest events in what the person follows: their municipality's (or advised
    municipalities') programme participation, and the status updates of their units'
    measures and follow-up points (all of them for leaders and board members)."""
    from django.utils import timezone

    from samspill.programmes.models import HistoryEntry
    from samspill.strategy.models import StatusUpdate

    since = timezone.now() - datetime.timedelta(days=days)
    changes = []
    history = HistoryEntry.objects.filter(at__gte=since).select_related(
        "participation__programme", "participation__municipality"
    )
    if user.is_municipal and user.municipality_id:
        history = history.filter(participation__municipality_id=user.municipality_id)
    elif _runs_programmes(user) and not user.is_superuser and user.role == Role.ADVISER:
        history = history.filter(participation__adviser_id=user.pk)
    elif not _is_nkr(user):
        history = history.none()
    for entry in history.order_by("-at")[:limit]:
        changes.append(
            Change(
                at=entry.at,
                text=entry.text,
                url=entry.participation.get_absolute_url(),
                context=str(entry.participation),
            )
        )
    if _is_nkr(user):
        updates = StatusUpdate.objects.filter(created_at__gte=since).select_related(
            "measure", "follow_up__decision"
        )
        if not sees_status_overview(user):
            units = _person_units(user)
            updates = updates.filter(
                Q(measure__responsible_unit_id__in=units)
                | Q(follow_up__responsible_unit_id__in=units)
            )
        for update in updates.order_by("-created_at")[:limit]:
            subject = update.measure or update.follow_up
            changes.append(
                Change(
                    at=update.created_at,
                    text=_("%(status)s: %(text)s")
                    % {
                        "status": update.get_status_display(),
                        "text": update.text or str(subject),
                    },
                    url=subject.get_absolute_url(),
                    context=str(subject),
                )
            )
    changes += _tracked_changes(user, since, limit)
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit]


#: How many items of each group of deadlines the start page lists before "Vis alle":
#: an adviser of 60 municipalities can have hundreds open, and the first are the urgent.
DUE_SHOWN = 10


def start_page(user, today, *, shown=DUE_SHOWN):
    """Everything "Mine oppgaver" shows from across the areas; `shown` items of each
    group of deadlines (None: all of them)."""
    due = due_items(user, today)
    groups = group_due(due, today)
    headings = {
        "overdue": _("Forfalt"),
        "soon": _("De neste to ukene"),
        "later": _("Senere"),
        "undated": _("Uten fast frist"),
    }
    return {
        "due_count": len(due),
        "due_groups": [
            {
                "key": key,
                "heading": headings[key],
                "items": items[:shown],
                "count": len(items),
                "hidden": len(items) - len(items[:shown]),
            }
            for key, items in groups.items()
        ],
        "next_events": next_events(user, today),
        "status_lines": status_overview(user, today) if sees_status_overview(user) else [],
        "recent_changes": recent_changes(user),
    }


def _followed(user):
    """(model, queryset of the records the person follows, or None for all, how to link
    one) for each record with a change history (samspill.core.history)."""
    from samspill.agreements.models import Agreement, Meeting
    from samspill.grants import permissions as grant_permissions
    from samspill.grants.models import GrantApplication
    from samspill.programmes.models import Contract, DevelopmentPlan
    from samspill.strategy.models import Decision, Measure

    everything = sees_status_overview(user)
    followed = []
    if user.is_municipal and user.municipality_id:
        mine = Q(participation__municipality_id=user.municipality_id)
    elif user.role == Role.ADVISER:
        mine = Q(participation__adviser_id=user.pk)
    else:
        mine = None
    if everything:
        followed += [(Contract, None), (DevelopmentPlan, None)]
    elif mine is not None:
        followed += [
            (Contract, Contract.objects.filter(mine)),
            (DevelopmentPlan, DevelopmentPlan.objects.filter(mine)),
        ]
    agreements = Agreement.objects.for_user(user)
    if everything:
        followed += [(Agreement, None), (Meeting, None)]
    elif user.role == Role.PARTNER_CONTACT or _is_nkr(user):
        followed += [
            (Agreement, agreements),
            (Meeting, Meeting.objects.filter(agreement__in=agreements)),
        ]
    if everything:
        followed += [(Measure, None), (Decision, None)]
    elif _is_nkr(user):
        units = _person_units(user)
        followed += [
            (Measure, Measure.objects.filter(responsible_unit_id__in=units)),
            (Decision, Decision.objects.filter(responsible_units__in=units)),
        ]
    if grant_permissions.reads_all(user):
        followed.append((GrantApplication, None))
    elif user.is_municipal and user.municipality_id:
        followed.append(
            (
                GrantApplication,
                GrantApplication.objects.filter(municipality_id=user.municipality_id),
            )
        )
    return followed


def _link(instance):
    from samspill.programmes.models import Contract, DevelopmentPlan

    if isinstance(instance, Contract):
        return instance.participation.get_absolute_url()
    if isinstance(instance, DevelopmentPlan):
        participation = instance.participation
        return reverse(
            "programmes:plan_detail",
            kwargs={
                "slug": participation.programme.slug,
                "number": participation.municipality.number,
            },
        )
    return instance.get_absolute_url()


#: For the changes list: the related rows `_link` and `str()` read, by model.
_CHANGE_RELATED = {
    "programmes.Contract": ("participation__programme", "participation__municipality"),
    "programmes.DevelopmentPlan": ("participation__programme", "participation__municipality"),
    "agreements.Meeting": ("agreement",),
    "strategy.Measure": ("goal__area__plan",),
    "grants.GrantApplication": ("call", "municipality"),
}


def _tracked_changes(user, since, limit):
    """Field changes (who changed what) on the records the person follows."""
    from django.contrib.contenttypes.models import ContentType

    from samspill.core.models import ChangeEntry

    changes = []
    for model, followed in _followed(user):
        entries = ChangeEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), at__gte=since
        )
        if followed is not None:
            ids = [str(pk) for pk in followed.values_list("pk", flat=True)]
            entries = entries.filter(object_id__in=ids)
        entries = list(entries.select_related("actor").order_by("-at")[:limit])
        if not entries:
            continue
        # What the link and the name of each record need, in the same query (issue 11).
        records = model._default_manager.all()
        if model._meta.label in _CHANGE_RELATED:
            records = records.select_related(*_CHANGE_RELATED[model._meta.label])
        objects = records.in_bulk([int(entry.object_id) for entry in entries])
        for entry in entries:
            instance = objects.get(int(entry.object_id))
            if instance is None:
                continue
            fields = ", ".join(change["label"] for change in entry.changes[:4])
            who = str(entry.actor) if entry.actor else (entry.actor_label or _("systemet"))
            text = (
                _("%(model)s opprettet av %(who)s")
                if entry.created
                else _("%(model)s endret av %(who)s: %(fields)s")
            ) % {"model": str(model._meta.verbose_name).capitalize(), "who": who, "fields": fields}
            changes.append(
                Change(at=entry.at, text=text, url=_link(instance), context=str(instance))
            )
    return changes
