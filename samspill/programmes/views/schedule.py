"""The schedule: events by date or by ISO week, iCal and PDF, the events themselves,
marking a gathering held (which makes fee instalments fall due) and attendance."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core import documents
from samspill.core.permissions import require

from .. import calendar, permissions, selectors, services
from ..forms import AttendanceForm, EventForm, MarkHeldForm
from ..models import Event, EventKind, GroupMember, Participation, ParticipationStatus


@dataclass
class ScheduleRow:
    """One event as the schedule shows it."""

    event: Event
    when: str
    duration: str
    weeks: str
    iso_weeks: list
    suggested_held_on: datetime.date

    @classmethod
    def of(cls, event, today=None):
        today = today or timezone.localdate()
        last_day = event.ends_on or event.starts_on
        when = calendar.when_text(event)
        duration = calendar.duration_text(event.duration_minutes)
        return cls(
            event=event,
            when=when,
            # The plan's own words often say the duration already: "August 25 (2,5 timer)".
            duration="" if duration in when else duration,
            weeks=calendar.weeks_text(event),
            iso_weeks=calendar.iso_weeks(event),
            # What the "held on" field offers: the event's last day, if that has passed.
            suggested_held_on=last_day if last_day and last_day <= today else today,
        )


def _viewable_programme(request, slug):
    """NKR sees every programme; a municipal user only the published ones."""
    programme = selectors.programme_by_slug(slug)
    require(permissions.can_view_programmes(request.user))
    if not request.user.is_nkr and not programme.is_published:
        raise Http404
    return programme


def _managed_programme(request, slug):
    programme = selectors.programme_by_slug(slug)
    require(permissions.can_manage_programme(request.user, programme))
    return programme


def _rows(programme):
    today = timezone.localdate()
    return [ScheduleRow.of(event, today) for event in programme.events.all()]


def _by_week(rows):
    """The rows under each ISO week they may fall in; rows without any known week last."""
    groups = {}
    unplaced = []
    for row in rows:
        if not row.iso_weeks:
            unplaced.append(row)
        for key in row.iso_weeks:
            groups.setdefault(key, []).append(row)
    weeks = []
    for (year, week), week_rows in sorted(groups.items()):
        monday = datetime.date.fromisocalendar(year, week, 1)
        weeks.append(
            {
                "key": f"{year}-{week}-",
                "year": year,
                "week": week,
                "monday": monday,
                "sunday": datetime.date.fromisocalendar(year, week, 7),
                "rows": week_rows,
            }
        )
    return weeks, unplaced


def _attendance_rates(programme, user):
    """Per municipality the user may see: the share of held gatherings attended."""
    held = selectors.counted_events(programme)
    participations = (
        Participation.objects.filter(programme=programme)
        .for_user(user)
        .select_related("municipality")
        .prefetch_related("attendances")
    )
    rates = []
    for participation in participations:
        rate = selectors.attendance_rate(participation, held)
        rates.append(
            {
                "participation": participation,
                "percent": None if rate is None else round(rate * 100),
            }
        )
    return rates, len(held)


def schedule(request, slug):
    programme = _viewable_programme(request, slug)
    user = request.user
    rows = _rows(programme)
    by_week = request.GET.get("visning") == "uke"
    rates, held_count = _attendance_rates(programme, user)
    own_participation = None
    if user.is_municipal:
        own_participation = next((rate["participation"] for rate in rates), None)
    context = {
        "programme": programme,
        "rows": rows,
        "by_week": by_week,
        "can_manage": permissions.can_manage_programme(user, programme),
        "can_view_fees": permissions.can_view_fees(user, programme),
        "rates": rates,
        "held_count": held_count,
        "own_participation": own_participation,
        "show_attendance": user.is_nkr or own_participation is not None,
        "today": timezone.localdate(),
    }
    if by_week:
        context["weeks"], context["unplaced"] = _by_week(rows)
    return render(request, "programmes/schedule_detail.html", context)


def schedule_pdf(request, slug):
    programme = _viewable_programme(request, slug)
    content = documents.render_pdf(
        "programmes/schedule_pdf.html",
        {"programme": programme, "rows": _rows(programme), "today": timezone.localdate()},
        request=request,
    )
    return documents.download(
        content,
        content_type=documents.PDF,
        name=documents.filename("tidsplan", programme.slug, extension="pdf"),
    )


@login_not_required
def schedule_ics(request, slug):
    """The programme's calendar feed. A published programme's feed is public, so that a
    calendar can subscribe to it; an unpublished one only NKR may fetch."""
    programme = selectors.programme_by_slug(slug)
    user = request.user
    if not programme.is_published and not (user.is_authenticated and user.is_nkr):
        raise Http404
    content = calendar.build_calendar(name=programme.name, events=programme.events.all())
    return documents.download(
        content,
        content_type=documents.ICS,
        name=documents.filename("tidsplan", programme.slug, extension="ics"),
    )


def participation_ics(request, slug, number):
    """One municipality's calendar: the programme's events and its own guidance sessions."""
    programme = selectors.programme_by_slug(slug)
    participation = get_object_or_404(
        Participation.objects.select_related("municipality"),
        programme=programme,
        municipality__number=number,
    )
    require(permissions.can_view_participation(request.user, participation))
    content = calendar.build_calendar(
        name=f"{programme.name} – {participation.municipality.name}",
        events=programme.events.all(),
        guidance_sessions=participation.guidance_sessions.select_related(
            "participation__municipality"
        ),
    )
    return documents.download(
        content,
        content_type=documents.ICS,
        name=documents.filename(
            "tidsplan", programme.slug, participation.municipality.name, extension="ics"
        ),
    )


@require_http_methods(["GET", "POST"])
def event_edit(request, slug, pk=None):
    programme = _managed_programme(request, slug)
    event = get_object_or_404(Event, programme=programme, pk=pk) if pk else None
    form = EventForm(request.POST or None, event=event, programme=programme)
    if request.method == "POST" and form.is_valid():
        target = event or Event(programme=programme)
        for name, value in form.cleaned_data.items():
            setattr(target, name, value)
        try:
            services.event_save(event=target)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Samlingen er lagret."))
            return redirect(reverse("programmes:schedule", args=[programme.slug]))
    return render(
        request,
        "programmes/event_form.html",
        {"programme": programme, "event": event, "form": form},
    )


@require_POST
def event_mark_held(request, slug, pk):
    """Mark an event held; a physical plenary gathering makes instalments fall due."""
    programme = _managed_programme(request, slug)
    event = get_object_or_404(Event, programme=programme, pk=pk)
    back = reverse("programmes:schedule", args=[programme.slug])
    if request.POST.get("visning") == "uke":
        back += "?visning=uke"
    form = MarkHeldForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        created = services.event_mark_held(
            event=event, held_on=form.cleaned_data["held_on"], actor=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    if event.triggers_instalment:
        messages.success(
            request,
            ngettext(
                "%(event)s er markert som gjennomført. %(count)s avdrag har forfalt og står "
                "i fakturagrunnlaget.",
                "%(event)s er markert som gjennomført. %(count)s avdrag har forfalt og står "
                "i fakturagrunnlaget.",
                len(created),
            )
            % {"event": event.title, "count": len(created)},
        )
    else:
        messages.success(
            request, _("%(event)s er markert som gjennomført.") % {"event": event.title}
        )
    return redirect(back)


def _attendance_participations(programme, event, user):
    """The municipalities whose people are listed: NKR every participation that was still
    running when the event took place; a municipal user only their own."""
    day = event.held_on or event.sort_date
    participations = (
        Participation.objects.filter(programme=programme)
        .for_user(user)
        .select_related("municipality")
    )
    return [
        participation
        for participation in participations
        if participation.status != ParticipationStatus.TERMINATED
        or (participation.terminated_on and day <= participation.terminated_on)
    ]


@require_http_methods(["GET", "POST"])
def attendance(request, slug, pk):
    """Who from each municipality was at an event. NKR's managers edit every municipality;
    a coordinator edits, and sees, only their own."""
    programme = _viewable_programme(request, slug)
    user = request.user
    event = get_object_or_404(Event, programme=programme, pk=pk)
    participations = _attendance_participations(programme, event, user)
    # A municipal user whose municipality takes no part has nothing to see here.
    require(user.is_nkr or bool(participations))
    members = GroupMember.objects.filter(participation__in=participations).select_related("person")
    present = set(
        event.attendances.filter(present=True, participation__in=participations).values_list(
            "person_id", flat=True
        )
    )
    recorded = set(
        event.attendances.filter(participation__in=participations).values_list(
            "person_id", flat=True
        )
    )
    sections = []
    for participation in participations:
        group = [member for member in members if member.participation_id == participation.pk]
        sections.append(
            {
                "participation": participation,
                "members": group,
                "can_edit": permissions.can_edit_participation(user, participation),
                "present": present,
                "recorded": recorded,
                "present_count": sum(1 for member in group if member.person_id in present),
            }
        )
    editable = [section for section in sections if section["can_edit"]]
    form = AttendanceForm(
        request.POST or None,
        people=[member.person for section in editable for member in section["members"]],
    )
    if request.method == "POST":
        require(bool(editable))
        if form.is_valid():
            chosen = set(form.cleaned_data["present"])
            for section in editable:
                services.attendance_save(
                    event=event,
                    participation=section["participation"],
                    present_person_ids=sorted(
                        chosen & {member.person_id for member in section["members"]}
                    ),
                )
            messages.success(request, _("Oppmøtet er lagret."))
            return redirect(reverse("programmes:attendance", args=[programme.slug, event.pk]))
    return render(
        request,
        "programmes/attendance_form.html",
        {
            "programme": programme,
            "event": event,
            "row": ScheduleRow.of(event),
            "sections": sections,
            "can_edit": bool(editable),
            "form": form,
            "counted": event.kind != EventKind.GUIDANCE_VISIT,
        },
    )


urlpatterns = [
    path("<slug:slug>/tidsplan/", schedule, name="schedule"),
    path("<slug:slug>/tidsplan.ics", schedule_ics, name="schedule_ics"),
    path("<slug:slug>/tidsplan.pdf", schedule_pdf, name="schedule_pdf"),
    path(
        "<slug:slug>/kommuner/<str:number>/tidsplan.ics",
        participation_ics,
        name="participation_ics",
    ),
    path("<slug:slug>/samlinger/ny/", event_edit, name="event_create"),
    path("<slug:slug>/samlinger/<int:pk>/", event_edit, name="event_edit"),
    path("<slug:slug>/samlinger/<int:pk>/gjennomfort/", event_mark_held, name="event_mark_held"),
    path("<slug:slug>/samlinger/<int:pk>/oppmote/", attendance, name="attendance"),
]
