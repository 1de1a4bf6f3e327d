"""Meetings under an agreement: plan a meeting with its agenda, record the minutes with
attendance and decisions, action items with owner and due date, partners' comments on the
minutes, the minutes as DOCX and PDF, and the meetings as an iCal feed."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core import documents
from samspill.core.concurrency import save_or_show_errors
from samspill.core.permissions import require

from .. import calendar, minutes_document, permissions, selectors, services
from ..forms import ActionItemForm, CommentForm, MeetingForm, MinutesForm
from . import agreement_or_403

PREFIX = "<slug:slug>/moter/<int:pk>"


def _meeting_or_403(request, slug, pk, check=None):
    agreement = agreement_or_403(request, slug)
    meeting = selectors.meeting_detail(agreement, pk)
    if check is not None:
        require(check(request.user, meeting))
    return agreement, meeting


def _manage(user, meeting):
    return permissions.can_manage_agreements(user, meeting.agreement)


def _meeting_context(request, agreement, meeting, comment_form=None):
    user = request.user
    items = list(meeting.action_items.all())
    for item in items:
        item.meeting = meeting
        item.can_mark = permissions.can_mark_action_item(user, item)
    return {
        "agreement": agreement,
        "meeting": meeting,
        "action_items": items,
        "today": timezone.localdate(),
        "comment_form": comment_form or CommentForm(),
        "can_manage": permissions.can_manage_agreements(user, agreement),
        "can_comment": permissions.can_comment_minutes(user, meeting) and meeting.is_held,
        "crumbs": [(meeting.title, meeting.get_absolute_url())],
    }


def meeting_detail(request, slug, pk):
    agreement, meeting = _meeting_or_403(request, slug, pk)
    return render(
        request,
        "agreements/meeting_detail.html",
        _meeting_context(request, agreement, meeting),
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    meeting = selectors.meeting_detail(agreement, pk) if pk else None
    title = meeting.title if meeting else ""
    form = MeetingForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.meeting_save(
                agreement=agreement, meeting=meeting, **form.service_arguments()
            ),
        )
        if saved:
            messages.success(request, _("Møtet er lagret."))
            return redirect(saved)
    if meeting:
        heading = _("Endre %(title)s") % {"title": title}
        crumbs = [(title, meeting.get_absolute_url()), (_("Endre"), request.path)]
        cancel_url = meeting.get_absolute_url()
    else:
        heading = _("Nytt møte")
        crumbs = [(heading, request.path)]
        cancel_url = agreement.get_absolute_url() + "#moter"
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _("Partene har to samarbeidsmøter i året, og det skal føres referat."),
            "crumbs": crumbs,
            "cancel_url": cancel_url,
        },
    )


def _minutes_as_saved(meeting):
    """The saved minutes in the minutes form's terms, to show beside a conflicting edit."""
    return {
        "minutes": meeting.minutes,
        "present": [attendance.person for attendance in meeting.attendances.all()],
        "decisions": "\n".join(decision.text for decision in meeting.decisions.all()),
    }


@require_http_methods(["GET", "POST"])
def minutes_edit(request, slug, pk):
    agreement, meeting = _meeting_or_403(request, slug, pk, _manage)
    form = MinutesForm(
        request.POST or None, meeting=meeting, people=selectors.people_of_parties(agreement)
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.meeting_record_minutes(
                meeting=meeting, user=request.user, **form.service_arguments()
            ),
            theirs=_minutes_as_saved,
        )
        if saved:
            messages.success(request, _("Referatet er lagret, og møtet er markert som holdt."))
            return redirect(meeting)
    heading = _("Referat fra %(title)s") % {"title": meeting.title}
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "meeting": meeting,
            "heading": heading,
            "intro": _("Når referatet lagres, markeres møtet som holdt."),
            "crumbs": [
                (meeting.title, meeting.get_absolute_url()),
                (_("Referat"), request.path),
            ],
            "cancel_url": meeting.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
def action_item_edit(request, slug, pk, item=None):
    agreement, meeting = _meeting_or_403(request, slug, pk, _manage)
    action_item = get_object_or_404(meeting.action_items.all(), pk=item) if item else None
    initial = {}
    if action_item:
        initial = {
            "text": action_item.text,
            "owner": action_item.owner_id,
            "due_on": action_item.due_on,
        }
    form = ActionItemForm(
        request.POST or None, initial=initial, people=selectors.people_of_parties(agreement)
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.action_item_save(
                meeting=meeting, item=action_item, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Oppfølgingspunktet er lagret."))
            return redirect(meeting.get_absolute_url() + "#oppfolging")
    heading = _("Endre oppfølgingspunkt") if action_item else _("Nytt oppfølgingspunkt")
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _("Hva møtet ble enige om at noen skal gjøre, hvem og innen når."),
            "crumbs": [(meeting.title, meeting.get_absolute_url()), (heading, request.path)],
            "cancel_url": meeting.get_absolute_url() + "#oppfolging",
        },
    )


@require_POST
def action_item_mark(request, slug, pk, item):
    """Mark an action item done, or open again (`utfort=0`). With htmx the list of action
    items is returned; otherwise back to the meeting."""
    agreement, meeting = _meeting_or_403(request, slug, pk)
    action_item = get_object_or_404(meeting.action_items.all(), pk=item)
    action_item.meeting = meeting
    require(permissions.can_mark_action_item(request.user, action_item))
    done = request.POST.get("utfort", "1") != "0"
    services.action_item_mark(item=action_item, user=request.user, done=done)
    if request.htmx:
        meeting = selectors.meeting_detail(agreement, pk)
        return render(
            request,
            "agreements/meeting_detail.html#action_items",
            _meeting_context(request, agreement, meeting),
        )
    if done:
        messages.success(request, _("Oppfølgingspunktet er markert som utført."))
    else:
        messages.success(request, _("Oppfølgingspunktet er åpnet igjen."))
    return redirect(meeting.get_absolute_url() + "#oppfolging")


@require_POST
def minutes_comment(request, slug, pk):
    agreement, meeting = _meeting_or_403(request, slug, pk, permissions.can_comment_minutes)
    form = CommentForm(request.POST)
    if form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.minutes_comment_add(
                meeting=meeting, author=request.user, text=form.cleaned_data["text"]
            ),
        )
        if saved:
            messages.success(request, _("Kommentaren er lagret."))
            return redirect(meeting.get_absolute_url() + "#kommentarer")
    return render(
        request,
        "agreements/meeting_detail.html",
        _meeting_context(request, agreement, meeting, comment_form=form),
    )


def _minutes_name(meeting, extension):
    day = timezone.localdate(meeting.starts_at)
    return documents.filename(
        _("Referat"), meeting.agreement.slug, day.isoformat(), extension=extension
    )


def minutes_docx(request, slug, pk):
    _agreement, meeting = _meeting_or_403(request, slug, pk)
    content = minutes_document.minutes_docx(meeting=meeting)
    return documents.download(
        content, content_type=documents.DOCX, name=_minutes_name(meeting, "docx")
    )


def minutes_pdf(request, slug, pk):
    _agreement, meeting = _meeting_or_403(request, slug, pk)
    content = minutes_document.minutes_pdf(meeting=meeting, request=request)
    return documents.download(
        content, content_type=documents.PDF, name=_minutes_name(meeting, "pdf")
    )


def meetings_ics(request, slug):
    agreement = agreement_or_403(request, slug)
    content = calendar.build_calendar(
        name=agreement.title, meetings=agreement.meetings.prefetch_related("agenda_items")
    )
    return documents.download(
        content,
        content_type=documents.ICS,
        name=documents.filename(_("Møter"), agreement.slug, extension="ics"),
        inline=True,
    )


urlpatterns = [
    path("<slug:slug>/moter/ny/", meeting_edit, name="meeting_create"),
    path("<slug:slug>/moter.ics", meetings_ics, name="meetings_ics"),
    path(f"{PREFIX}/", meeting_detail, name="meeting_detail"),
    path(f"{PREFIX}/rediger/", meeting_edit, name="meeting_edit"),
    path(f"{PREFIX}/referat/", minutes_edit, name="minutes_edit"),
    path(f"{PREFIX}/referat.docx", minutes_docx, name="minutes_docx"),
    path(f"{PREFIX}/referat.pdf", minutes_pdf, name="minutes_pdf"),
    path(f"{PREFIX}/kommentar/", minutes_comment, name="minutes_comment"),
    path(f"{PREFIX}/oppfolging/ny/", action_item_edit, name="action_item_create"),
    path(f"{PREFIX}/oppfolging/<int:item>/", action_item_edit, name="action_item_edit"),
    path(f"{PREFIX}/oppfolging/<int:item>/utfort/", action_item_mark, name="action_item_mark"),
]
