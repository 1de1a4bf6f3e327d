"""Plans with strategy areas, goals and measures; a measure's timeline and its links; bulk
update; export and import of measures."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core import documents
from samspill.core.concurrency import save_or_show_errors

from .. import exports, permissions, selectors, services
from ..forms import BulkUpdateForm, ImportForm, MeasureForm, StatusUpdateForm, TraceLinkForm
from ..models import Measure, Plan, TraceLink
from . import require_manage, require_view


def plan_list(request):
    require_view(request)
    plans = list(selectors.plans())
    from ..progress import roll_up

    for plan in plans:
        roll_up(plan)
    return render(
        request,
        "strategy/plan_list.html",
        {"plans": plans, "crumbs": [(_("Planer"), request.path)]},
    )


def plan_detail(request, slug):
    require_view(request)
    plan = selectors.plan_with_measures(slug)
    return render(
        request,
        "strategy/plan_detail.html",
        {
            "plan": plan,
            "today": timezone.localdate(),
            "can_manage": permissions.can_manage_strategy(request.user),
            "crumbs": [(_("Planer"), reverse("strategy:plan_list")), (plan.title, request.path)],
        },
    )


def _plan_crumbs(plan):
    return [(_("Planer"), reverse("strategy:plan_list")), (plan.title, plan.get_absolute_url())]


def measure_detail(request, pk):
    require_view(request)
    measure = selectors.measure_detail(pk)
    plan = measure.goal.area.plan
    can_manage = permissions.can_manage_strategy(request.user)
    return render(
        request,
        "strategy/measure_detail.html",
        {
            "measure": measure,
            "plan": plan,
            "can_manage": can_manage,
            "form": StatusUpdateForm(
                initial={"status": measure.status, "progress": measure.progress}
            )
            if can_manage
            else None,
            "crumbs": [*_plan_crumbs(plan), (_("Tiltak"), request.path)],
        },
    )


@require_http_methods(["GET", "POST"])
def measure_edit(request, slug=None, pk=None):
    require_manage(request)
    measures = Measure.objects.select_related("goal__area__plan")
    measure = get_object_or_404(measures, pk=pk) if pk else None
    plan = measure.goal.area.plan if measure else get_object_or_404(Plan, slug=slug)
    form = MeasureForm(request.POST or None, instance=measure, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.measure_save(
                measure=form.instance, version=form.cleaned_data.get("version")
            ),
            theirs=lambda current: {
                name: getattr(current, name) for name in form.fields if name != "version"
            },
        )
        if saved:
            messages.success(request, _("Tiltaket er lagret."))
            return redirect(saved)
    heading = _("Endre tiltak") if measure else _("Nytt tiltak")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "crumbs": [*_plan_crumbs(plan), (heading, request.path)],
            "cancel_url": measure.get_absolute_url() if measure else plan.get_absolute_url(),
        },
    )


@require_POST
def measure_update(request, pk):
    require_manage(request)
    measure = selectors.measure_detail(pk)
    form = StatusUpdateForm(request.POST)
    if form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: services.measure_update_status(
                measure=measure, user=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("Oppdateringen er lagret."))
            return redirect(measure)
    plan = measure.goal.area.plan
    return render(
        request,
        "strategy/measure_detail.html",
        {
            "measure": measure,
            "plan": plan,
            "can_manage": True,
            "form": form,
            "crumbs": [*_plan_crumbs(plan), (_("Tiltak"), request.path)],
        },
        status=400,
    )


@require_http_methods(["GET", "POST"])
def bulk_update(request, slug):
    require_manage(request)
    plan = get_object_or_404(Plan, slug=slug)
    measures = selectors.plan_measures(plan)
    form = BulkUpdateForm(request.POST or None, measures=measures)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_or_show_errors(
            form,
            lambda: services.measures_bulk_update(
                measures=data["measures"],
                user=request.user,
                status=data["status"],
                progress=data["progress"],
                text=data["text"],
            ),
        )
        if saved:
            messages.success(request, _("%(count)s tiltak er oppdatert.") % {"count": len(saved)})
            return redirect(plan)
    return render(
        request,
        "strategy/bulk_update.html",
        {
            "plan": plan,
            "form": form,
            "measures": measures,
            "selected": {str(v) for v in form["measures"].value() or []},
            "crumbs": [*_plan_crumbs(plan), (_("Oppdater mange"), request.path)],
        },
        status=400 if form.errors else 200,
    )


def measures_export(request, slug, extension):
    require_view(request)
    plan = get_object_or_404(Plan, slug=slug)
    rows = list(exports.measure_rows(selectors.plan_measures(plan)))
    name = documents.filename(_("tiltak"), plan.title, extension=extension)
    if extension == "xlsx":
        content = documents.xlsx_bytes(exports.columns(), rows, title=_("Tiltak"))
        return documents.download(content, content_type=documents.XLSX, name=name)
    content = documents.csv_bytes(exports.columns(), rows)
    return documents.download(content, content_type=documents.CSV, name=name)


@require_http_methods(["GET", "POST"])
def measures_import(request, slug):
    require_manage(request)
    plan = get_object_or_404(Plan, slug=slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            rows = exports.read_table(form.cleaned_data["file"])
            report = services.measures_import(plan=plan, rows=rows, user=request.user)
        except exports.UnreadableFile as error:
            form.add_error("file", str(error))
            status = 400
        except services.ImportFailed as failure:
            report = failure.report
            status = 400
        else:
            messages.success(
                request,
                _("Importen er fullført: %(created)s nye og %(updated)s oppdaterte tiltak.")
                % {"created": report.created, "updated": report.updated},
            )
    return render(
        request,
        "strategy/import.html",
        {
            "plan": plan,
            "form": form,
            "report": report,
            "columns": exports.columns(),
            "crumbs": [*_plan_crumbs(plan), (_("Importer tiltak"), request.path)],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def link_create(request, kind, pk):
    """Link a measure ("tiltak") or a follow-up ("oppfolging") to where it came from or
    what answered it."""
    require_manage(request)
    if kind == "tiltak":
        subject = get_object_or_404(Measure, pk=pk)
    else:
        from ..models import FollowUp

        subject = get_object_or_404(FollowUp, pk=pk)
    form = TraceLinkForm(request.POST or None, targets=selectors.link_targets())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = save_or_show_errors(
            form,
            lambda: services.trace_link_save(
                subject=subject, relation=data["relation"], target=data["target"], note=data["note"]
            ),
        )
        if saved:
            messages.success(request, _("Lenken er lagret."))
            return redirect(subject.get_absolute_url() + "#sporbarhet")
    heading = _("Ny sporbarhetslenke")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "intro": _(
                "Velg hvor tiltaket eller punktet kommer fra, eller hva som besvarte det: et "
                "punkt en gruppe skrev på et dialogseminar, et utviklingsprogram eller et "
                "prosjekt under en samarbeidsavtale. Siden det lenkes til, viser lenken tilbake."
            ),
            "crumbs": [(str(subject)[:60], subject.get_absolute_url()), (heading, request.path)],
            "cancel_url": subject.get_absolute_url(),
        },
    )


@require_POST
def link_delete(request, pk):
    require_manage(request)
    link = get_object_or_404(TraceLink.objects.select_related("measure", "follow_up"), pk=pk)
    subject = link.subject
    link.delete()
    messages.success(request, _("Lenken er fjernet."))
    return redirect(subject.get_absolute_url() + "#sporbarhet")


urlpatterns = [
    path("planer/", plan_list, name="plan_list"),
    path("planer/<slug:slug>/", plan_detail, name="plan_detail"),
    path("planer/<slug:slug>/tiltak/ny/", measure_edit, name="measure_create"),
    path("planer/<slug:slug>/oppdater-mange/", bulk_update, name="bulk_update"),
    path("planer/<slug:slug>/tiltak.csv", measures_export, {"extension": "csv"}, "measures_csv"),
    path("planer/<slug:slug>/tiltak.xlsx", measures_export, {"extension": "xlsx"}, "measures_xlsx"),
    path("planer/<slug:slug>/import/", measures_import, name="measures_import"),
    path("tiltak/<int:pk>/", measure_detail, name="measure_detail"),
    path("tiltak/<int:pk>/rediger/", measure_edit, name="measure_edit"),
    path("tiltak/<int:pk>/oppdater/", measure_update, name="measure_update"),
    path("tiltak/<int:pk>/lenker/ny/", link_create, {"kind": "tiltak"}, name="measure_link_create"),
    path(
        "oppfolging/<int:pk>/lenker/ny/",
        link_create,
        {"kind": "oppfolging"},
        name="follow_up_link_create",
    ),
    path("lenker/<int:pk>/slett/", link_delete, name="link_delete"),
]
