"""A municipality's application for a grant: project, budget lines, amount and partners;
NKR's decision with the amount granted and the report's due date; payout and report."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.documents import (
    CSV,
    DOCX,
    PDF,
    XLSX,
    csv_bytes,
    download,
    filename,
    render_pdf,
    xlsx_bytes,
)
from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..forms import ApplicationForm, BudgetLineFormSet, DecisionForm, FollowUpForm
from ..letters import letter_docx
from ..models import ApplicationStatus, GrantApplication


def _application(pk):
    return get_object_or_404(
        GrantApplication.objects.select_related(
            "call__scheme__partner", "municipality__county", "decided_by"
        ).prefetch_related("budget_lines"),
        pk=pk,
    )


def application_list(request, slug):
    call = selectors.call_by_slug(slug)
    user = request.user
    if permissions.reads_all(user):
        applications = selectors.applications_for(call)
    elif user.is_municipal:
        applications = selectors.applications_for(call, municipality=user.municipality)
    else:
        raise Http404
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        return _export(call, applications, export)
    return render(
        request,
        "grants/application_list.html",
        {"call": call, "applications": applications, "limits": selectors.call_limits(call)},
    )


def _export(call, applications, extension):
    header = [
        _("Kommune"),
        _("Prosjekt"),
        _("Status"),
        _("Søkt (kr)"),
        _("Innvilget (kr)"),
        _("Frist for rapport"),
        _("Rapport mottatt"),
        _("Utbetaling"),
        _("Utbetalt"),
    ]
    rows = [
        [
            a.municipality.name,
            a.project_title,
            a.get_status_display(),
            a.amount_applied,
            a.amount_granted or "",
            a.report_due_on.strftime("%d.%m.%Y") if a.report_due_on else "",
            a.report_received_on.strftime("%d.%m.%Y") if a.report_received_on else "",
            a.get_payout_status_display(),
            a.paid_on.strftime("%d.%m.%Y") if a.paid_on else "",
        ]
        for a in applications
    ]
    name = filename(call.title, _("søknader"), extension=extension)
    if extension == "csv":
        return download(csv_bytes(header, rows), content_type=CSV, name=name)
    return download(xlsx_bytes(header, rows, title=_("Søknader")), content_type=XLSX, name=name)


@require_http_methods(["GET", "POST"])
def application_edit(request, slug):
    call = selectors.call_by_slug(slug)
    user = request.user
    if call.scheme.is_stipend or not user.is_municipal:
        raise Http404
    municipality = user.municipality
    require(permissions.can_apply(user, call, municipality))
    application = GrantApplication.objects.filter(call=call, municipality=municipality).first()
    if application is not None and not application.is_draft:
        messages.info(request, _("Søknaden er sendt inn og kan ikke endres lenger."))
        return redirect(application)
    today = timezone.localdate()
    if not call.is_open(today):
        return render(
            request,
            "grants/unavailable.html",
            {"call": call, "reason": _("Utlysningen er ikke åpen for søknader nå.")},
        )
    initial, lines = {}, []
    if application is not None:
        initial = {
            "project_title": application.project_title,
            "description": application.description,
            "partners": application.partners,
            "amount_applied": application.amount_applied,
        }
        lines = [
            {"description": line.description, "amount": line.amount}
            for line in application.budget_lines.all()
        ]
    form = ApplicationForm(request.POST or None, initial=initial)
    # Bound forms read every row from the data: an unchanged row is still a budget line.
    formset = BudgetLineFormSet(
        request.POST or None,
        initial=None if request.method == "POST" else lines,
        prefix="budsjett",
    )
    problems = []
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        budget = [
            (row["description"], row["amount"] or 0)
            for row in formset.cleaned_data
            if row.get("description")
        ]
        application = services.application_save(
            call=call,
            municipality=municipality,
            user=user,
            application=application,
            budget_lines=budget,
            **form.cleaned_data,
        )
        if "send" not in request.POST:
            messages.success(request, _("Utkastet er lagret. Du kan fortsette senere."))
            return redirect("grants:application_edit", slug=call.slug)
        try:
            services.application_submit(application=application, user=user, today=today)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("Søknaden er sendt inn. En kvittering er sendt på e-post."))
            return redirect(application)
    return render(
        request,
        "grants/application_form.html",
        {
            "call": call,
            "form": form,
            "formset": formset,
            "application": application,
            "municipality": municipality,
            "problems": problems,
        },
        status=422 if problems else 200,
    )


@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    application = _application(pk)
    user = request.user
    require(permissions.can_view_application(user, application))
    can_decide = permissions.can_decide(user, application)
    decision_form = follow_up_form = None
    if can_decide and not application.is_draft:
        decision_form = DecisionForm(
            request.POST if "decide" in request.POST else None,
            initial={"amount_granted": application.amount_applied},
            prefix="vedtak",
        )
        follow_up_form = FollowUpForm(
            request.POST if "follow_up" in request.POST else None,
            initial={
                "paid_on": application.paid_on,
                "report_received_on": application.report_received_on,
            },
            prefix="oppfolging",
        )
    if request.method == "POST":
        require(can_decide)
        if "decide" in request.POST and decision_form.is_valid():
            data = decision_form.cleaned_data
            try:
                services.application_decide(
                    application=application,
                    user=user,
                    granted=data["decision"] == "granted",
                    amount_granted=data["amount_granted"],
                    report_due_on=data["report_due_on"],
                    reason=data["reason"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Vedtaket er lagret og sendt til kommunen."))
                return redirect(application)
        elif "follow_up" in request.POST and follow_up_form.is_valid():
            try:
                services.application_follow_up(
                    application=application, **follow_up_form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Utbetaling og rapport er oppdatert."))
                return redirect(application)
    return render(
        request,
        "grants/application_detail.html",
        {
            "call": application.call,
            "application": application,
            "budget_total": sum(line.amount for line in application.budget_lines.all()),
            "can_edit": permissions.can_edit_application(user, application),
            "decision_form": decision_form,
            "follow_up_form": follow_up_form,
            "limits": selectors.call_limits(application.call) if can_decide else None,
        },
    )


def decision_letter(request, pk, extension):
    if extension not in {"docx", "pdf"}:
        raise Http404
    application = _application(pk)
    require(permissions.can_view_application(request.user, application))
    if application.status not in {ApplicationStatus.GRANTED, ApplicationStatus.REJECTED}:
        raise Http404
    title, paragraphs = services.decision_letter_content(application)
    recipient = _("%(municipality)s kommune") % {"municipality": application.municipality.name}
    name = filename(title, application.municipality.name, extension=extension)
    if extension == "pdf":
        content = render_pdf(
            "grants/letter_pdf.html",
            {"title": title, "paragraphs": paragraphs, "recipient": recipient},
            request=request,
        )
        return download(content, content_type=PDF, name=name)
    return download(
        letter_docx(title, paragraphs, recipient=recipient), content_type=DOCX, name=name
    )


urlpatterns = [
    path("utlysning/<slug:slug>/soknader/", application_list, name="application_list"),
    path("utlysning/<slug:slug>/sok/", application_edit, name="application_edit"),
    path("soknad/<int:pk>/", application_detail, name="application_detail"),
    path("soknad/<int:pk>/vedtak.<str:extension>", decision_letter, name="decision_letter"),
]
