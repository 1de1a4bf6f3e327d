"""Projects under an agreement, each with its project agreement (competence, hours,
budget), its project or reference group, the municipalities involved and yearly reports."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.concurrency import save_or_show_errors

from .. import permissions, selectors, services
from ..compliance import deadline_state
from ..forms import ProjectForm, ProjectMemberForm, ProjectReportForm
from ..models import ProjectGroup
from . import agreement_or_403

PREFIX = "<slug:slug>/prosjekter/<int:pk>"


def project_detail(request, slug, pk):
    agreement = agreement_or_403(request, slug)
    project = selectors.project_detail(agreement, pk)
    today = timezone.localdate()
    members = list(project.members.all())
    reports = list(project.reports.all())
    for report in reports:
        report.state = deadline_state(report.due_on, report.submitted_on, today)
    return render(
        request,
        "agreements/project_detail.html",
        {
            "agreement": agreement,
            "project": project,
            "project_group": [m for m in members if m.group == ProjectGroup.PROJECT_GROUP],
            "reference_group": [m for m in members if m.group == ProjectGroup.REFERENCE_GROUP],
            "reports": reports,
            "milestones": project.milestones.all(),
            "can_manage": permissions.can_manage_agreements(request.user, agreement),
            "crumbs": [(project.title, project.get_absolute_url())],
        },
    )


@require_http_methods(["GET", "POST"])
def project_edit(request, slug, pk=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    project = selectors.project_detail(agreement, pk) if pk else None
    title = project.title if project else ""
    form = ProjectForm(
        request.POST or None, instance=project, people=selectors.people_of_parties(agreement)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = data.pop("municipalities")
        saved = save_or_show_errors(
            form,
            lambda: services.project_save(
                agreement=agreement, project=project, municipalities=municipalities, **data
            ),
        )
        if saved:
            messages.success(request, _("Prosjektet er lagret."))
            return redirect(saved)
    if project:
        heading = _("Endre %(title)s") % {"title": title}
        crumbs = [(title, project.get_absolute_url()), (_("Endre"), request.path)]
        cancel_url = project.get_absolute_url()
    else:
        heading = _("Nytt prosjekt")
        crumbs = [(heading, request.path)]
        cancel_url = agreement.get_absolute_url() + "#prosjekter"
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _(
                "I hver prosjektavtale avklares hvilken fagkompetanse som trengs, hvor mye tid "
                "som skal brukes og hvilke økonomiske midler som kreves."
            ),
            "crumbs": crumbs,
            "cancel_url": cancel_url,
        },
    )


@require_http_methods(["GET", "POST"])
def project_member_edit(request, slug, pk, member=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    project = selectors.project_detail(agreement, pk)
    existing = get_object_or_404(project.members.all(), pk=member) if member else None
    initial = {}
    if existing:
        initial = {"person": existing.person_id, "group": existing.group, "role": existing.role}
    form = ProjectMemberForm(
        request.POST or None, initial=initial, people=selectors.people_of_parties(agreement)
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.project_member_save(
                project=project, member=existing, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Medlemmet er lagret."))
            return redirect(project.get_absolute_url() + "#grupper")
    heading = _("Endre medlem") if existing else _("Nytt medlem i prosjekt- eller referansegruppen")
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _(
                "Partene utnevner aktuelle fagpersoner som prosjekt- eller "
                "referansegruppemedlemmer."
            ),
            "crumbs": [(project.title, project.get_absolute_url()), (heading, request.path)],
            "cancel_url": project.get_absolute_url() + "#grupper",
        },
    )


@require_http_methods(["GET", "POST"])
def project_report_edit(request, slug, pk, report=None):
    agreement = agreement_or_403(request, slug, permissions.can_manage_agreements)
    project = selectors.project_detail(agreement, pk)
    existing = get_object_or_404(project.reports.all(), pk=report) if report else None
    year = existing.year if existing else None
    initial = None
    if existing is None:
        this_year = timezone.localdate().year
        initial = {"year": this_year, "due_on": f"{this_year}-12-01"}
    form = ProjectReportForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.project_report_save(
                project=project, report=existing, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Rapporten er lagret."))
            return redirect(project.get_absolute_url() + "#rapporter")
    heading = _("Årsrapport %(year)s") % {"year": year} if existing else _("Ny årsrapport")
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": heading,
            "intro": _("Ansvarlige fagpersoner rapporterer til styringsgruppen innen 1. desember."),
            "crumbs": [(project.title, project.get_absolute_url()), (heading, request.path)],
            "cancel_url": project.get_absolute_url() + "#rapporter",
        },
    )


urlpatterns = [
    path("<slug:slug>/prosjekter/ny/", project_edit, name="project_create"),
    path(f"{PREFIX}/", project_detail, name="project_detail"),
    path(f"{PREFIX}/rediger/", project_edit, name="project_edit"),
    path(f"{PREFIX}/medlemmer/ny/", project_member_edit, name="project_member_create"),
    path(f"{PREFIX}/medlemmer/<int:member>/", project_member_edit, name="project_member_edit"),
    path(f"{PREFIX}/rapporter/ny/", project_report_edit, name="project_report_create"),
    path(f"{PREFIX}/rapporter/<int:report>/", project_report_edit, name="project_report_edit"),
]
