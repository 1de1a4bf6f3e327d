"""The priorities of the political platform and the decisions of the Landsting and the
board, with their follow-up points, each point's timeline and links."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.concurrency import save_or_show_errors

from .. import permissions, selectors, services
from ..forms import AdditionalDecisionForm, DecisionForm, FollowUpForm, StatusUpdateForm
from ..models import AdditionalDecision, Decision, DecisionKind, FollowUp
from . import require_manage, require_view


def _crumbs():
    return [(_("Saker og vedtak"), reverse("strategy:decision_list"))]


def decision_list(request):
    require_view(request)
    priorities, decisions = selectors.decision_list_rows()
    return render(
        request,
        "strategy/decision_list.html",
        {
            "priorities": priorities,
            "decisions": decisions,
            "can_manage": permissions.can_manage_strategy(request.user),
            "crumbs": _crumbs(),
        },
    )


def decision_detail(request, pk):
    require_view(request)
    decision = selectors.decision_detail(pk)
    follow_ups = list(decision.follow_ups.all())
    return render(
        request,
        "strategy/decision_detail.html",
        {
            "decision": decision,
            "done": [f for f in follow_ups if f.kind == "done"],
            "planned": [f for f in follow_ups if f.kind == "planned"],
            "can_manage": permissions.can_manage_strategy(request.user),
            "crumbs": [*_crumbs(), (decision.heading[:60], request.path)],
        },
    )


@require_http_methods(["GET", "POST"])
def decision_edit(request, pk=None):
    require_manage(request)
    decision = get_object_or_404(Decision, pk=pk) if pk else None
    initial = None if decision else {"kind": DecisionKind.GENERAL_ASSEMBLY}
    form = DecisionForm(request.POST or None, instance=decision, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.decision_save(
                decision=form.instance,
                responsible_units=form.cleaned_data["responsible_units"],
            ),
        )
        if saved:
            messages.success(request, _("Saken er lagret."))
            return redirect(saved)
    heading = _("Endre sak") if decision else _("Ny sak")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "crumbs": [*_crumbs(), (heading, request.path)],
            "cancel_url": decision.get_absolute_url()
            if decision
            else reverse("strategy:decision_list"),
        },
    )


def follow_up_detail(request, pk):
    require_view(request)
    follow_up = selectors.follow_up_detail(pk)
    can_manage = permissions.can_manage_strategy(request.user)
    return render(
        request,
        "strategy/follow_up_detail.html",
        {
            "follow_up": follow_up,
            "can_manage": can_manage,
            "form": StatusUpdateForm(initial={"status": follow_up.status}, with_progress=False)
            if can_manage
            else None,
            "crumbs": _follow_up_crumbs(follow_up, request.path),
        },
    )


def _follow_up_crumbs(follow_up, path):
    decision = follow_up.decision
    return [
        *_crumbs(),
        (decision.heading[:60], decision.get_absolute_url()),
        (_("Punkt"), path),
    ]


@require_http_methods(["GET", "POST"])
def follow_up_edit(request, decision=None, pk=None):
    require_manage(request)
    follow_up = get_object_or_404(FollowUp, pk=pk) if pk else None
    case = follow_up.decision if follow_up else get_object_or_404(Decision, pk=decision)
    initial = None
    if follow_up is None:
        initial = {
            "kind": request.GET.get("type", "planned"),
            "position": case.follow_ups.count() + 1,
        }
    form = FollowUpForm(request.POST or None, instance=follow_up, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.decision = case
        status_changed = follow_up is not None and "status" in form.changed_data
        saved = save_or_show_errors(
            form,
            lambda: services.follow_up_save(
                follow_up=form.instance, user=request.user, status_changed=status_changed
            ),
        )
        if saved:
            messages.success(request, _("Punktet er lagret."))
            return redirect(case)
    heading = _("Endre punkt") if follow_up else _("Nytt oppfølgingspunkt")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "intro": case.heading,
            "crumbs": [
                *_crumbs(),
                (case.heading[:60], case.get_absolute_url()),
                (heading, request.path),
            ],
            "cancel_url": case.get_absolute_url(),
        },
    )


@require_POST
def follow_up_update(request, pk):
    require_manage(request)
    follow_up = selectors.follow_up_detail(pk)
    form = StatusUpdateForm(request.POST, with_progress=False)
    if form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.follow_up_update_status(
                follow_up=follow_up, user=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Oppdateringen er lagret."))
            return redirect(follow_up)
    return render(
        request,
        "strategy/follow_up_detail.html",
        {
            "follow_up": follow_up,
            "can_manage": True,
            "form": form,
            "crumbs": _follow_up_crumbs(follow_up, request.path),
        },
        status=400,
    )


@require_http_methods(["GET", "POST"])
def additional_decision_edit(request, decision, pk=None):
    require_manage(request)
    case = get_object_or_404(Decision, pk=decision)
    item = get_object_or_404(case.additional_decisions.all(), pk=pk) if pk else None
    initial = None if item else {"number": case.additional_decisions.count() + 1}
    form = AdditionalDecisionForm(
        request.POST or None, instance=item or AdditionalDecision(decision=case), initial=initial
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show_errors(form, lambda: services.record_save(record=form.instance))
    ):
        messages.success(request, _("Tilleggsvedtaket er lagret."))
        return redirect(case)
    heading = _("Endre tilleggsvedtak") if item else _("Nytt tilleggsvedtak")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "intro": case.heading,
            "crumbs": [
                *_crumbs(),
                (case.heading[:60], case.get_absolute_url()),
                (heading, request.path),
            ],
            "cancel_url": case.get_absolute_url(),
        },
    )


urlpatterns = [
    path("saker/", decision_list, name="decision_list"),
    path("saker/ny/", decision_edit, name="decision_create"),
    path("saker/<int:pk>/", decision_detail, name="decision_detail"),
    path("saker/<int:pk>/rediger/", decision_edit, name="decision_edit"),
    path("saker/<int:decision>/punkter/ny/", follow_up_edit, name="follow_up_create"),
    path(
        "saker/<int:decision>/tilleggsvedtak/ny/",
        additional_decision_edit,
        name="additional_decision_create",
    ),
    path(
        "saker/<int:decision>/tilleggsvedtak/<int:pk>/",
        additional_decision_edit,
        name="additional_decision_edit",
    ),
    path("oppfolging/<int:pk>/", follow_up_detail, name="follow_up_detail"),
    path("oppfolging/<int:pk>/rediger/", follow_up_edit, name="follow_up_edit"),
    path("oppfolging/<int:pk>/oppdater/", follow_up_update, name="follow_up_update"),
]
