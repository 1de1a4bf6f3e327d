"""Schemes and calls, juries, statistics and the public list of recipients."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.accounts.models import User
from samspill.core.documents import CSV, ICS, XLSX, csv_bytes, download, filename, xlsx_bytes
from samspill.core.permissions import require

from .. import permissions, selectors, services
from ..calendar import build_calendar
from ..forms import CallForm, JuryForm, JuryMemberForm
from ..models import ApplicationStatus, Award, GrantApplication, Jury, Scheme


def home(request):
    user = request.user
    require(permissions.can_view_grants(user))
    calls = list(selectors.calls())
    today = timezone.localdate()
    return render(
        request,
        "grants/home.html",
        {
            "calls": calls,
            "schemes": Scheme.objects.select_related("partner").prefetch_related("categories"),
            "today": today,
            "is_reviewer": user.juries.exists(),
            "can_manage": permissions.runs_grants(user),
            "can_view_statistics": permissions.can_view_statistics(user),
        },
    )


def call_detail(request, slug):
    call = selectors.call_by_slug(slug)
    user = request.user
    require(permissions.can_view_grants(user))
    today = timezone.localdate()
    municipality = user.municipality if user.is_municipal else None
    context = {
        "call": call,
        "scheme": call.scheme,
        "today": today,
        "is_open": call.is_open(today),
        "can_manage": permissions.can_manage_call(user, call),
        "reads_all": permissions.reads_all(user),
        "limits": selectors.call_limits(call),
        "rounds": call.rounds.all(),
    }
    if municipality is not None:
        context["municipality"] = municipality
        context["can_nominate"] = permissions.can_nominate(user, call, municipality)
        context["can_apply"] = permissions.can_apply(user, call, municipality)
        if call.scheme.is_stipend:
            context["own_nominations"] = selectors.nominations_for(call, municipality=municipality)
        else:
            context["own_applications"] = selectors.applications_for(
                call, municipality=municipality
            )
    if permissions.reads_all(user):
        context["nomination_count"] = call.nominations.submitted().count()
        context["draft_count"] = call.nominations.filter(status="draft").count()
        context["application_count"] = call.applications.submitted().count()
    return render(request, "grants/call_detail.html", context)


@require_http_methods(["GET", "POST"])
def call_create(request):
    require(permissions.can_manage_call(request.user))
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = services.call_save(call=form.save(commit=False))
        messages.success(request, _("Utlysningen er opprettet."))
        return redirect(call)
    return render(
        request,
        "grants/form.html",
        {
            "form": form,
            "heading": _("Ny utlysning"),
            "cancel_url": reverse("grants:home"),
        },
    )


# --- Juries ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def juries(request, slug):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    jury_form = JuryForm(
        request.POST if "add_jury" in request.POST else None, scheme=call.scheme, prefix="jury"
    )
    member_form = JuryMemberForm(
        request.POST if "add_member" in request.POST else None, prefix="member"
    )
    if request.method == "POST":
        if "add_jury" in request.POST and jury_form.is_valid():
            try:
                services.jury_save(call=call, **jury_form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Juryen er opprettet."))
                return redirect("grants:juries", slug=call.slug)
        elif "add_member" in request.POST and member_form.is_valid():
            jury = get_object_or_404(Jury, call=call, pk=request.POST.get("jury"))
            services.jury_member_add(jury=jury, user=member_form.cleaned_data["user"])
            messages.success(
                request,
                _("%(user)s er med i %(jury)s.")
                % {"user": member_form.cleaned_data["user"], "jury": jury.name},
            )
            return redirect("grants:juries", slug=call.slug)
        elif "remove_member" in request.POST:
            jury = get_object_or_404(Jury, call=call, pk=request.POST.get("jury"))
            member = get_object_or_404(User, pk=request.POST.get("user"))
            services.jury_member_remove(jury=jury, user=member)
            messages.success(request, _("Jurymedlemmet er fjernet."))
            return redirect("grants:juries", slug=call.slug)
    return render(
        request,
        "grants/juries.html",
        {
            "call": call,
            "juries": call.juries.select_related("category").prefetch_related("members"),
            "jury_form": jury_form,
            "member_form": member_form,
        },
    )


def deadlines_ics(request):
    """Every call's opening day and deadline, and the report due dates the person may
    see (NKR: all granted applications; a municipality: its own)."""
    user = request.user
    applications = GrantApplication.objects.filter(
        status=ApplicationStatus.GRANTED, report_due_on__isnull=False
    ).select_related("municipality")
    if not permissions.reads_all(user):
        applications = (
            applications.filter(municipality_id=user.municipality_id)
            if user.is_municipal
            else applications.none()
        )
    content = build_calendar(calls=selectors.calls(), applications=applications)
    return download(content, content_type=ICS, name="tilskudd-frister.ics", inline=True)


# --- Statistics -----------------------------------------------------------------------


def _statistics_rows(stats):
    header = [_("År"), _("Fylke"), _("Nominasjoner"), _("Tildelinger")]
    rows = [
        [
            row["call__year"],
            f"{row['municipality__county__number']} {row['municipality__county__name']}",
            row["nominations"],
            row["awards"],
        ]
        for row in stats["by_county"]
    ]
    rows += [
        [
            row["call__year"],
            _("Kategori: %(name)s") % {"name": row["category__name"]},
            row["nominations"],
            row["awards"],
        ]
        for row in stats["by_category"]
    ]
    return header, rows


def statistics(request):
    require(permissions.can_view_statistics(request.user))
    stats = selectors.statistics()
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        header, rows = _statistics_rows(stats)
        name = filename("drømmestipendet statistikk", extension=export)
        if export == "csv":
            return download(csv_bytes(header, rows), content_type=CSV, name=name)
        return download(
            xlsx_bytes(header, rows, title=_("Statistikk")), content_type=XLSX, name=name
        )
    return render(request, "grants/statistics.html", {"stats": stats})


# --- Public list of recipients --------------------------------------------------------


@login_not_required
def recipients(request, slug):
    """Published recipients: name, municipality and category. 404 until published."""
    call = selectors.call_by_slug(slug)
    if not call.is_published:
        raise Http404
    awards = (
        Award.objects.filter(call=call)
        .select_related("nomination__municipality", "nomination__category")
        .order_by("nomination__category__sort_order", "nomination__last_name")
    )
    return render(request, "grants/recipients.html", {"call": call, "awards": awards})


@require_POST
def publish(request, slug):
    call = selectors.call_by_slug(slug)
    require(permissions.can_manage_call(request.user, call))
    try:
        services.call_publish(call=call)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Listen over mottakere er publisert."))
    return redirect("grants:awards", slug=call.slug)


urlpatterns = [
    path("", home, name="home"),
    path("statistikk/", statistics, name="statistics"),
    path("ny-utlysning/", call_create, name="call_create"),
    path("frister.ics", deadlines_ics, name="deadlines_ics"),
    path("utlysning/<slug:slug>/", call_detail, name="call_detail"),
    path("utlysning/<slug:slug>/juryer/", juries, name="juries"),
    path("utlysning/<slug:slug>/mottakere/", recipients, name="recipients"),
    path("utlysning/<slug:slug>/publiser/", publish, name="publish"),
]
