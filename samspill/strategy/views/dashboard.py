"""The area's start page (the dashboard for leaders and board members), the governing
documents, and each competence community's own list."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.concurrency import save_or_show_errors
from samspill.members.models import StaffUnit, StaffUnitKind

from .. import permissions, selectors, services
from ..forms import GoverningDocumentForm
from ..models import GoverningDocument
from ..progress import Tally
from . import require_manage, require_view


def home(request):
    require_view(request)
    today = timezone.localdate()
    priorities, decisions = selectors.priorities_and_decisions()
    tally = Tally()
    for case in priorities + decisions:
        for follow_up in case.follow_ups.all():
            if follow_up.kind == "planned":
                tally.add(follow_up.status)
    return render(
        request,
        "strategy/home.html",
        {
            "priorities": priorities,
            "decisions": decisions,
            "tally": tally,
            "overdue_measures": selectors.overdue_measures(today),
            "overdue_follow_ups": selectors.overdue_follow_ups(today),
            "recent_updates": selectors.recent_updates(),
            "plans": selectors.plans(),
            "units": StaffUnit.objects.filter(kind=StaffUnitKind.COMPETENCE_COMMUNITY),
            "can_manage": permissions.can_manage_strategy(request.user),
        },
    )


def unit_detail(request, slug):
    require_view(request)
    unit = get_object_or_404(StaffUnit, slug=slug)
    today = timezone.localdate()
    work = selectors.unit_work(unit)
    return render(
        request,
        "strategy/unit_detail.html",
        {"unit": unit, "today": today, **work, "crumbs": [(unit.name, request.path)]},
    )


def document_list(request):
    require_view(request)
    return render(
        request,
        "strategy/document_list.html",
        {
            "documents": selectors.documents(),
            "can_manage": permissions.can_manage_strategy(request.user),
            "crumbs": [(_("Styringsdokumenter"), request.path)],
        },
    )


@require_http_methods(["GET", "POST"])
def document_edit(request, pk=None):
    require_manage(request)
    document = get_object_or_404(GoverningDocument, pk=pk) if pk else None
    form = GoverningDocumentForm(request.POST or None, instance=document)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show_errors(form, lambda: services.record_save(record=form.instance))
    ):
        messages.success(request, _("Styringsdokumentet er lagret."))
        return redirect("strategy:document_list")
    heading = _("Endre styringsdokument") if document else _("Nytt styringsdokument")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "crumbs": [
                (_("Styringsdokumenter"), reverse("strategy:document_list")),
                (heading, request.path),
            ],
            "cancel_url": reverse("strategy:document_list"),
        },
    )


def deadlines_ics(request):
    require_view(request)
    from samspill.core import documents

    from ..calendar import deadlines_calendar

    content = deadlines_calendar(base_url=request.build_absolute_uri("/").rstrip("/"))
    return documents.download(
        content, content_type=documents.ICS, name="frister-strategi.ics", inline=True
    )


urlpatterns = [
    path("", home, name="home"),
    path("frister.ics", deadlines_ics, name="deadlines_ics"),
    path("enheter/<slug:slug>/", unit_detail, name="unit_detail"),
    path("dokumenter/", document_list, name="document_list"),
    path("dokumenter/ny/", document_edit, name="document_create"),
    path("dokumenter/<int:pk>/rediger/", document_edit, name="document_edit"),
]
