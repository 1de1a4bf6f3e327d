"""The municipality's development plan (seed 001: focus area and the five-phase cycle, round
after round, with the adviser's comments; as DOCX and PDF) and the adviser's guidance log."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core import documents
from samspill.core.concurrency import save_or_show_errors

from .. import permissions, plan_document, selectors, services
from ..forms import GuidanceForm, PlanCommentForm, PlanEntryForm, PlanForm
from ..models import Phase
from . import participation_or_403

PLAN_PREFIX = "<slug:slug>/kommuner/<str:number>/utviklingsplan"
GUIDANCE_PREFIX = "<slug:slug>/kommuner/<str:number>/veiledning"


def _plan_url(participation):
    return reverse(
        "programmes:plan_detail",
        kwargs={"slug": participation.programme.slug, "number": participation.municipality.number},
    )


def _latest_cycle(plan):
    return max((entry.cycle for entry in plan.entries.all()), default=0)


# --- Development plan -----------------------------------------------------------------


def _plan_context(request, participation, comment_form=None):
    plan = services.plan_ensure(participation=participation)
    entries = plan.entries.all()
    latest = _latest_cycle(plan)
    rounds = selectors.plan_rounds(entries)
    return {
        "programme": participation.programme,
        "participation": participation,
        "municipality": participation.municipality,
        "plan": plan,
        "rounds": rounds,
        "latest_round": rounds[-1],
        "progress": selectors.plan_progress(plan),
        "latest_cycle": max(latest, 1),
        "next_cycle": latest + 1,
        "has_entries": latest > 0,
        "comments": selectors.plan_comments(plan),
        "comment_form": comment_form or PlanCommentForm(),
        "can_edit": permissions.can_edit_participation(request.user, participation),
        "can_comment": permissions.can_comment_plan(request.user, participation),
        "phases": Phase.choices,
    }


def plan_detail(request, slug, number):
    participation = participation_or_403(request, slug, number, permissions.can_view_participation)
    return render(request, "programmes/plan_detail.html", _plan_context(request, participation))


@require_http_methods(["GET", "POST"])
def plan_edit(request, slug, number):
    participation = participation_or_403(request, slug, number, permissions.can_edit_participation)
    plan = services.plan_ensure(participation=participation)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.plan_update(plan=plan, **form.cleaned_data),
            theirs=lambda current: {
                "focus_area": current.focus_area,
                "description": current.description,
            },
        )
        if saved:
            messages.success(request, _("Utviklingsplanen er lagret."))
            return redirect(_plan_url(participation))
    return render(
        request,
        "programmes/plan_form.html",
        {
            "form": form,
            "participation": participation,
            "programme": participation.programme,
            "municipality": participation.municipality,
            "cancel_url": _plan_url(participation),
        },
    )


def _entry_initial(request, next_cycle):
    """`?runde=N` starts an entry in round N (N = the next round starts a new one);
    `?fase=...` picks the phase."""
    initial = {"entry_date": timezone.localdate(), "cycle": max(next_cycle - 1, 1)}
    try:
        cycle = int(request.GET.get("runde", ""))
    except ValueError:
        cycle = None
    if cycle is not None and 1 <= cycle <= next_cycle:
        initial["cycle"] = cycle
    if request.GET.get("fase") in Phase.values:
        initial["phase"] = request.GET["fase"]
    return initial


@require_http_methods(["GET", "POST"])
def plan_entry_edit(request, slug, number, pk=None):
    participation = participation_or_403(request, slug, number, permissions.can_edit_participation)
    plan = services.plan_ensure(participation=participation)
    entry = get_object_or_404(plan.entries.select_related("owner"), pk=pk) if pk else None
    title = entry.title if entry else ""  # the form changes the entry while it validates
    next_cycle = _latest_cycle(plan) + 1
    form = PlanEntryForm(
        request.POST or None,
        instance=entry,
        participation=participation,
        next_cycle=next_cycle,
        initial=None if entry else _entry_initial(request, next_cycle),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form, lambda: services.plan_entry_save(plan=plan, entry=entry, **form.cleaned_data)
        )
        if saved:
            if entry:
                messages.success(request, _("Innslaget er lagret."))
            else:
                messages.success(request, _("Innslaget er lagt til i utviklingsplanen."))
            return redirect(_plan_url(participation) + f"#runde-{saved.cycle}")
    return render(
        request,
        "programmes/plan_entry_form.html",
        {
            "form": form,
            "entry": entry,
            "entry_title": title,
            "participation": participation,
            "programme": participation.programme,
            "municipality": participation.municipality,
            "cancel_url": _plan_url(participation),
        },
    )


@require_POST
def plan_comment(request, slug, number):
    participation = participation_or_403(request, slug, number, permissions.can_comment_plan)
    plan = services.plan_ensure(participation=participation)
    form = PlanCommentForm(request.POST)
    if form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.plan_comment_add(
                plan=plan, author=request.user, text=form.cleaned_data["text"]
            ),
        )
        if saved:
            messages.success(request, _("Kommentaren er lagret."))
            return redirect(_plan_url(participation) + "#kommentarer")
    return render(
        request,
        "programmes/plan_detail.html",
        _plan_context(request, participation, comment_form=form),
    )


def _document_parts(participation):
    plan = services.plan_ensure(participation=participation)
    return {
        "participation": participation,
        "programme": participation.programme,
        "municipality": participation.municipality,
        "plan": plan,
        "rounds": selectors.plan_rounds(plan.entries.all()),
        "comments": list(selectors.plan_comments(plan)),
        "today": timezone.localdate(),
    }


def _document_name(participation, extension):
    return documents.filename(
        _("Utviklingsplan"),
        participation.municipality.name,
        participation.programme.slug,
        extension=extension,
    )


def plan_docx(request, slug, number):
    participation = participation_or_403(request, slug, number, permissions.can_view_participation)
    content = plan_document.plan_docx(**_document_parts(participation))
    return documents.download(
        content, content_type=documents.DOCX, name=_document_name(participation, "docx")
    )


def plan_pdf(request, slug, number):
    participation = participation_or_403(request, slug, number, permissions.can_view_participation)
    content = plan_document.plan_pdf(**_document_parts(participation), request=request)
    return documents.download(
        content, content_type=documents.PDF, name=_document_name(participation, "pdf")
    )


# --- Guidance log ---------------------------------------------------------------------


def _guidance_initial(request, programme):
    """The date (today, or `?dato=YYYY-MM-DD`) and the guidance-visit window it falls in."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("dato", ""))
    except ValueError:
        day = timezone.localdate()
    window = selectors.guidance_window_for(programme.events.guidance_windows(), day)
    return {
        "held_on": day,
        "mode": "visit",
        "adviser": request.user.pk,
        "window": window.pk if window else None,
        "suggested_window": window.pk if window else None,
    }


@require_http_methods(["GET", "POST"])
def guidance_edit(request, slug, number, pk=None):
    participation = participation_or_403(request, slug, number, permissions.can_log_guidance)
    programme = participation.programme
    session = get_object_or_404(participation.guidance_sessions.all(), pk=pk) if pk else None
    form = GuidanceForm(
        request.POST or None,
        instance=session,
        programme=programme,
        initial=None if session else _guidance_initial(request, programme),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "suggested_window"}
        saved = save_or_show_errors(
            form,
            lambda: services.guidance_save(
                participation=participation, session=session, actor=request.user, **data
            ),
        )
        if saved:
            messages.success(request, _("Veiledningen er registrert."))
            return redirect(participation)
    return render(
        request,
        "programmes/guidance_form.html",
        {
            "form": form,
            "session": session,
            "participation": participation,
            "programme": programme,
            "municipality": participation.municipality,
            "cancel_url": participation.get_absolute_url(),
        },
    )


urlpatterns = [
    path(f"{PLAN_PREFIX}/", plan_detail, name="plan_detail"),
    path(f"{PLAN_PREFIX}/rediger/", plan_edit, name="plan_edit"),
    path(f"{PLAN_PREFIX}/innslag/ny/", plan_entry_edit, name="plan_entry_create"),
    path(f"{PLAN_PREFIX}/innslag/<int:pk>/", plan_entry_edit, name="plan_entry_edit"),
    path(f"{PLAN_PREFIX}/kommentar/", plan_comment, name="plan_comment"),
    path(f"{PLAN_PREFIX}.docx", plan_docx, name="plan_docx"),
    path(f"{PLAN_PREFIX}.pdf", plan_pdf, name="plan_pdf"),
    path(f"{GUIDANCE_PREFIX}/ny/", guidance_edit, name="guidance_create"),
    path(f"{GUIDANCE_PREFIX}/<int:pk>/", guidance_edit, name="guidance_edit"),
]
