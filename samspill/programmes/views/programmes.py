"""The programme itself: list, public page, the adviser's overview, create and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.permissions import require

from .. import permissions, selectors
from ..forms import CriterionFormSet, ProgrammeForm
from ..models import Application, Participation, Programme


def programme_list(request):
    require(permissions.can_view_programmes(request.user))
    programmes = Programme.objects.all()
    if not request.user.is_nkr:
        programmes = programmes.filter(is_published=True)
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": programmes,
            "can_manage": permissions.can_manage_programme(request.user),
            "today": timezone.localdate(),
        },
    )


@login_not_required
def programme_public(request, slug):
    """What a municipality reads before applying. No login; only published programmes."""
    programme = selectors.programme_by_slug(slug)
    if not programme.is_published:
        raise Http404
    return render(
        request,
        "programmes/programme_public.html",
        {
            "programme": programme,
            "criteria": programme.criteria.all(),
            "events": programme.events.all(),
            "call_open": programme.call_is_open(timezone.localdate()),
        },
    )


def programme_detail(request, slug):
    """NKR sees the overview of every municipality, problems first; a municipal user
    sees their own municipality's application or participation."""
    programme = selectors.programme_by_slug(slug)
    user = request.user
    require(permissions.can_view_programmes(user))
    today = timezone.localdate()
    context = {
        "programme": programme,
        "today": today,
        "call_open": programme.call_is_open(today),
        "can_manage": permissions.can_manage_programme(user, programme),
        "can_view_fees": permissions.can_view_fees(user, programme),
    }
    if permissions.can_view_overview(user, programme):
        context["rows"] = selectors.programme_overview(programme, today)
        context["application_count"] = programme.applications.submitted().count()
        context["undecided_count"] = programme.applications.filter(status="submitted").count()
    else:
        if not programme.is_published:
            raise Http404
        municipality = user.municipality
        context["municipality"] = municipality
        context["own_participation"] = Participation.objects.filter(
            programme=programme, municipality=municipality
        ).first()
        context["own_application"] = Application.objects.filter(
            programme=programme, municipality=municipality
        ).first()
        context["can_apply"] = permissions.can_apply(user, programme, municipality)
    return render(request, "programmes/programme_detail.html", context)


def adviser_overview(request):
    """The adviser's own municipalities across every programme."""
    require(permissions.can_manage_programme(request.user))
    today = timezone.localdate()
    sections = []
    for programme in Programme.objects.filter(participations__adviser=request.user).distinct():
        rows = selectors.programme_overview(programme, today, adviser=request.user)
        sections.append({"programme": programme, "rows": rows})
    return render(request, "programmes/adviser_overview.html", {"sections": sections})


@require_http_methods(["GET", "POST"])
def programme_edit(request, slug=None):
    require(permissions.can_manage_programme(request.user))
    programme = selectors.programme_by_slug(slug) if slug else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    criteria = CriterionFormSet(request.POST or None, instance=programme, prefix="kriterier")
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        with transaction.atomic():
            programme = form.save()
            criteria.instance = programme
            criteria.save()
        messages.success(request, _("Programmet er lagret."))
        return redirect(programme)
    cancel_url = programme.get_absolute_url() if programme else reverse("programmes:programme_list")
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "criteria": criteria, "programme": programme, "cancel_url": cancel_url},
    )


urlpatterns = [
    path("", programme_list, name="programme_list"),
    path("ny/", programme_edit, name="programme_create"),
    path("mine-kommuner/", adviser_overview, name="adviser_overview"),
    path("<slug:slug>/", programme_detail, name="programme_detail"),
    path("<slug:slug>/rediger/", programme_edit, name="programme_edit"),
    path("<slug:slug>/om/", programme_public, name="programme_public"),
]
