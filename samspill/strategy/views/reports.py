"""The reports generated from the records: the board status report and the report for
the state basic grant, as DOCX and PDF, for a chosen board meeting and period."""

from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from samspill.core import documents

from .. import reports
from ..forms import ReportForm
from . import require_view


def report_form(request):
    require_view(request)
    form = ReportForm(request.GET or None)
    return render(
        request,
        "strategy/reports.html",
        {"form": form, "crumbs": [(_("Rapporter"), request.path)]},
    )


def _period(request):
    form = ReportForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return data.get("meeting", ""), reports.Period(data.get("start"), data.get("end")), form
    return "", reports.Period(), form


def board_report(request, extension):
    require_view(request)
    meeting, period, form = _period(request)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "strategy/reports.html",
            {"form": form, "crumbs": [(_("Rapporter"), request.path)]},
            status=400,
        )
    report = reports.board_report(meeting=meeting, period=period)
    return _download(request, report, _("statusrapport hovedstyret"), extension)


def grant_report(request, extension):
    require_view(request)
    _meeting, period, form = _period(request)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "strategy/reports.html",
            {"form": form, "crumbs": [(_("Rapporter"), request.path)]},
            status=400,
        )
    report = reports.grant_report(period=period)
    return _download(request, report, _("rapport grunnstøtte"), extension)


def _download(request, report, name, extension):
    filename = documents.filename(name, extension=extension)
    if extension == "pdf":
        content = reports.report_pdf(report, request=request)
        return documents.download(content, content_type=documents.PDF, name=filename)
    content = reports.report_docx(report)
    return documents.download(content, content_type=documents.DOCX, name=filename)


urlpatterns = [
    path("rapporter/", report_form, name="reports"),
    path("rapporter/hovedstyret.docx", board_report, {"extension": "docx"}, name="board_docx"),
    path("rapporter/hovedstyret.pdf", board_report, {"extension": "pdf"}, name="board_pdf"),
    path("rapporter/grunnstotte.docx", grant_report, {"extension": "docx"}, name="grant_docx"),
    path("rapporter/grunnstotte.pdf", grant_report, {"extension": "pdf"}, name="grant_pdf"),
]
