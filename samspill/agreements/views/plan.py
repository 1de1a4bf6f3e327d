"""The action and progress plan (tiltaks- og fremdriftsplan): milestones per year with
owner and due date, linked to meetings, projects and reports; done or overdue."""

from itertools import groupby

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.concurrency import save_or_show_errors
from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..compliance import deadline_state
from ..forms import MilestoneForm
from ..models import Milestone
from . import agreement_or_403


def _plan_url(agreement):
    return reverse("agreements:plan", kwargs={"slug": agreement.slug})


def _milestones(agreement):
    return (
        Milestone.objects.filter(agreement=agreement)
        .select_related("owner", "meeting", "project", "report__project")
        .order_by("year", "due_on", "pk")
    )


def plan(request, slug):
    agreement = agreement_or_403(request, slug)
    today = timezone.localdate()
    milestones = list(_milestones(agreement))
    for milestone in milestones:
        milestone.agreement = agreement
        milestone.state = deadline_state(milestone.due_on, milestone.done_on, today)
    years = [
        {"year": year, "milestones": list(rows)}
        for year, rows in groupby(milestones, key=lambda m: m.year)
    ]
    return render(
        request,
        "agreements/plan.html",
        {
            "agreement": agreement,
            "years": years,
            "done_count": sum(1 for m in milestones if m.is_done),
            "overdue_count": sum(1 for m in milestones if m.state == "broken"),
            "total": len(milestones),
            "today": today,
            "can_manage": permissions.can_manage_agreements(request.user, agreement),
            "crumbs": [(_("Tiltaks- og fremdriftsplan"), _plan_url(agreement))],
        },
    )


@require_http_methods(["GET", "POST"])
def milestone_edit(request, slug, pk=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    milestone = get_object_or_404(_milestones(agreement), pk=pk) if pk else None
    title = milestone.title if milestone else ""
    initial = None if milestone else {"year": timezone.localdate().year}
    form = MilestoneForm(
        request.POST or None,
        instance=milestone,
        initial=initial,
        agreement=agreement,
        people=selectors.people_of_parties(agreement),
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.milestone_save(
                agreement=agreement, milestone=milestone, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Milepælen er lagret."))
            return redirect(f"{_plan_url(agreement)}#milepael-{saved.pk}")
    heading = _("Endre «%(title)s»") % {"title": title} if milestone else _("Ny milepæl")
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _(
                "Tiltaks- og fremdriftsplanen fordeler ansvar og arbeidsoppgaver. Hver milepæl "
                "har en ansvarlig og en frist."
            ),
            "crumbs": [
                (_("Tiltaks- og fremdriftsplan"), _plan_url(agreement)),
                (_("Endre milepæl") if milestone else _("Ny milepæl"), request.path),
            ],
            "cancel_url": _plan_url(agreement),
        },
    )


@require_POST
def milestone_mark(request, slug, pk):
    agreement = agreement_or_403(request, slug)
    require(permissions.can_manage_agreements(request.user, agreement))
    milestone = get_object_or_404(Milestone.objects.filter(agreement=agreement), pk=pk)
    done = request.POST.get("utfort", "1") != "0"
    services.milestone_mark(milestone=milestone, done=done)
    if done:
        messages.success(request, _("Milepælen er markert som utført."))
    else:
        messages.success(request, _("Milepælen er åpnet igjen."))
    return redirect(f"{_plan_url(agreement)}#milepael-{milestone.pk}")


urlpatterns = [
    path("<slug:slug>/plan/", plan, name="plan"),
    path("<slug:slug>/plan/ny/", milestone_edit, name="milestone_create"),
    path("<slug:slug>/plan/<int:pk>/", milestone_edit, name="milestone_edit"),
    path("<slug:slug>/plan/<int:pk>/utfort/", milestone_mark, name="milestone_mark"),
]
