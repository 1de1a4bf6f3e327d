"""The invoice basis: every fee instalment of a programme, for accounting, with CSV and
XLSX exports and marking instalments invoiced and paid."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from samspill.core import documents
from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..forms import INSTALMENT_STATUSES, InstalmentFilterForm, InstalmentMarkForm


def _fees_programme(request, slug):
    programme = selectors.programme_by_slug(slug)
    require(permissions.can_view_fees(request.user, programme))
    return programme


def _filtered(request, programme):
    form = InstalmentFilterForm(request.GET or None)
    return form, list(selectors.instalments(programme, status=form.selected()))


def _totals(instalments):
    return {
        "count": len(instalments),
        "amount": sum(i.amount for i in instalments),
        "not_invoiced": sum(i.amount for i in instalments if i.invoiced_on is None),
        "invoiced": sum(i.amount for i in instalments if i.invoiced_on and not i.paid_on),
        "paid": sum(i.amount for i in instalments if i.paid_on),
    }


def invoice_basis(request, slug):
    programme = _fees_programme(request, slug)
    form, rows = _filtered(request, programme)
    status = form.cleaned_data.get("status", "") if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "programmes/invoice_basis.html",
        {
            "programme": programme,
            "form": form,
            "status": status,
            "rows": rows,
            "totals": _totals(rows),
            "all_totals": _totals(list(selectors.instalments(programme))),
            "can_mark": permissions.can_manage_programme(request.user, programme),
            "mark_form": InstalmentMarkForm(programme=programme, initial={"status": status}),
            "export_query": f"?status={status}" if status else "",
        },
    )


HEADER = [
    gettext_lazy("Kommune"),
    gettext_lazy("Kommunenummer"),
    gettext_lazy("Avdrag nr."),
    gettext_lazy("Beløp (kr)"),
    gettext_lazy("Samling"),
    gettext_lazy("Forfalt"),
    gettext_lazy("Fakturert"),
    gettext_lazy("Betalt"),
]


def _header():
    # Translated when the export is made, in the language of the request.
    return [str(label) for label in HEADER]


def _export_rows(instalments, *, as_text):
    def day(value):
        if value is None:
            return ""
        return date_format(value, "DATE_FORMAT") if as_text else value

    return [
        [
            instalment.participation.municipality.name,
            instalment.participation.municipality.number,
            instalment.number,
            instalment.amount,
            instalment.event.title,
            day(instalment.due_on),
            day(instalment.invoiced_on),
            day(instalment.paid_on),
        ]
        for instalment in instalments
    ]


def invoice_basis_csv(request, slug):
    programme = _fees_programme(request, slug)
    _form, rows = _filtered(request, programme)
    return documents.download(
        documents.csv_bytes(_header(), _export_rows(rows, as_text=True)),
        content_type=documents.CSV,
        name=documents.filename("fakturagrunnlag", programme.slug, extension="csv"),
    )


def invoice_basis_xlsx(request, slug):
    programme = _fees_programme(request, slug)
    _form, rows = _filtered(request, programme)
    return documents.download(
        documents.xlsx_bytes(
            _header(), _export_rows(rows, as_text=False), title=_("Fakturagrunnlag")
        ),
        content_type=documents.XLSX,
        name=documents.filename("fakturagrunnlag", programme.slug, extension="xlsx"),
    )


@require_POST
def instalments_mark(request, slug):
    """Mark the chosen instalments invoiced or paid, today or on a chosen date."""
    programme = _fees_programme(request, slug)
    require(permissions.can_manage_programme(request.user, programme))
    form = InstalmentMarkForm(request.POST, programme=programme)
    back = reverse("programmes:invoice_basis", args=[programme.slug])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        status = request.POST.get("status", "")
        return redirect(back + (f"?status={status}" if status in INSTALMENT_STATUSES else ""))
    data = form.cleaned_data
    if data["status"]:
        back += f"?status={data['status']}"
    chosen = list(data["instalments"])
    day = data["on"] or timezone.localdate()
    if data["action"] == "invoiced":
        count = services.instalments_mark_invoiced(instalments=chosen, invoiced_on=day)
        message = ngettext(
            "%(count)s avdrag er merket som fakturert %(date)s.",
            "%(count)s avdrag er merket som fakturert %(date)s.",
            count,
        )
    else:
        count = services.instalments_mark_paid(instalments=chosen, paid_on=day)
        message = ngettext(
            "%(count)s avdrag er merket som betalt %(date)s.",
            "%(count)s avdrag er merket som betalt %(date)s.",
            count,
        )
    messages.success(request, message % {"count": count, "date": date_format(day, "DATE_FORMAT")})
    skipped = len(chosen) - count
    if skipped:
        if data["action"] == "invoiced":
            note = _("%(count)s av de valgte var allerede fakturert og ble ikke endret.")
        else:
            note = _(
                "%(count)s av de valgte var ikke fakturert eller allerede betalt, "
                "og ble ikke endret."
            )
        messages.warning(request, note % {"count": skipped})
    return redirect(back)


urlpatterns = [
    path("<slug:slug>/fakturagrunnlag/", invoice_basis, name="invoice_basis"),
    path("<slug:slug>/fakturagrunnlag.csv", invoice_basis_csv, name="invoice_basis_csv"),
    path("<slug:slug>/fakturagrunnlag.xlsx", invoice_basis_xlsx, name="invoice_basis_xlsx"),
    path("<slug:slug>/fakturagrunnlag/merk/", instalments_mark, name="instalments_mark"),
]
