"""The call, the applications and their assessment (seed 001, "Utvelgelse av
deltakerkommuner"): a member municipality applies while the call is open, advisers score
each selection criterion, and a decision accepts, wait-lists or rejects the application."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.permissions import require
from samspill.members.models import DevelopmentArea, Municipality, Region

from .. import permissions, selectors, services
from ..forms import (
    ApplicantMunicipalityForm,
    ApplicationFilterForm,
    ApplicationForm,
    AssessmentForm,
    DecisionForm,
)
from ..models import Application, ApplicationStatus, CriterionScore

# --- Helpers --------------------------------------------------------------------------


def _application(programme, pk):
    queryset = Application.objects.select_related(
        "programme", "municipality__county", "development_area__region", "decided_by"
    ).prefetch_related(
        "answers",
        Prefetch(
            "scores",
            queryset=CriterionScore.objects.select_related("adviser").order_by(
                "adviser__first_name", "adviser__last_name", "adviser_id"
            ),
        ),
    )
    return get_object_or_404(queryset, programme=programme, pk=pk)


def _development_areas(municipality):
    """The development areas of the regions that cover the municipality's county."""
    return (
        DevelopmentArea.objects.filter(region__counties=municipality.county_id)
        .select_related("region")
        .distinct()
        .order_by("region__name", "-period_start")
    )


def _current_development_area(municipality, today):
    for region in Region.objects.filter(counties=municipality.county_id).order_by("name"):
        area = region.current_development_area(today)
        if area is not None:
            return area
    return None


def _edit_url(programme, municipality, user):
    url = reverse("programmes:application_edit", kwargs={"slug": programme.slug})
    if not (user.is_municipal and user.municipality_id == municipality.pk):
        url += "?" + urlencode({"kommune": municipality.number})
    return url


def _applicant_municipality(request):
    """The municipality an application is written for: the user's own, or for NKR staff
    the one named by `?kommune=NNNN`. None when NKR staff have not chosen yet."""
    number = request.GET.get("kommune", "").strip()
    if number:
        return get_object_or_404(Municipality.objects.select_related("county"), number=number)
    if request.user.is_municipal:
        return request.user.municipality
    return None


def _missing_with_anchors(form, missing):
    """Pair the service's list of what is missing with the field to jump to.

    `application_missing` lists unanswered criteria in order, then the development area,
    the mapping and the group; the anchors are worked out the same way from the form.
    When the lists do not line up the summary shows the messages without links.
    """
    data = form.cleaned_data
    anchors = [
        form[form.answer_field(criterion)].id_for_label
        for criterion in form.criteria
        if not data.get(form.answer_field(criterion), "").strip()
    ]
    if data.get("development_area") is None:
        anchors.append(form["development_area"].id_for_label)
    for name in ("roles_mapping", "proposed_group"):
        if not data.get(name, "").strip():
            anchors.append(form[name].id_for_label)
    if len(anchors) != len(missing):
        anchors = [None] * len(missing)
    return list(zip(missing, anchors, strict=True))


# --- Writing and sending the application -----------------------------------------------


@require_http_methods(["GET", "POST"])
def application_edit(request, slug):
    """Write or continue the municipality's draft while the call is open, and send it."""
    programme = selectors.programme_by_slug(slug)
    user = request.user
    require(permissions.can_view_programmes(user))
    if not user.is_nkr and not programme.is_published:
        raise Http404
    municipality = _applicant_municipality(request)
    if municipality is None:
        # NKR staff fill in an application on a municipality's behalf: choose which.
        require(permissions.can_manage_programme(user, programme))
        return render(
            request,
            "programmes/application_choose.html",
            {"programme": programme, "form": ApplicantMunicipalityForm()},
        )
    own_municipality = user.is_municipal and user.municipality_id == municipality.pk
    if not municipality.is_member and (
        own_municipality or permissions.can_manage_programme(user, programme)
    ):
        return render(
            request,
            "programmes/application_unavailable.html",
            {
                "programme": programme,
                "municipality": municipality,
                "reason": _(
                    "Bare medlemskommuner i Norsk kulturskoleråd kan søke om å delta i "
                    "programmet. %(municipality)s er ikke registrert som medlem."
                )
                % {"municipality": municipality.name},
            },
            status=403,
        )
    require(permissions.can_apply(user, programme, municipality))

    application = Application.objects.filter(programme=programme, municipality=municipality).first()
    if application is not None and not application.is_draft:
        messages.info(request, _("Søknaden er sendt inn og kan ikke endres lenger."))
        return redirect(application)
    today = timezone.localdate()
    if not programme.call_is_open(today):
        return render(
            request,
            "programmes/application_unavailable.html",
            {
                "programme": programme,
                "municipality": municipality,
                "application": application,
                "reason": _call_closed_reason(programme, today),
            },
        )

    criteria = list(programme.criteria.all())
    areas = _development_areas(municipality)
    if application is not None:
        answers = {answer.criterion_id: answer.text for answer in application.answers.all()}
        initial = {
            "development_area": application.development_area_id,
            "roles_mapping": application.roles_mapping,
            "proposed_group": application.proposed_group,
        }
        for criterion in criteria:
            initial[ApplicationForm.answer_field(criterion)] = answers.get(criterion.pk, "")
    else:
        current = _current_development_area(municipality, today)
        initial = {"development_area": current.pk if current else None}
    form = ApplicationForm(
        request.POST or None, initial=initial, criteria=criteria, development_areas=areas
    )
    missing = []
    if request.method == "POST" and form.is_valid():
        application = services.application_save(
            programme=programme,
            municipality=municipality,
            user=user,
            application=application,
            development_area=form.cleaned_data["development_area"],
            roles_mapping=form.cleaned_data["roles_mapping"].strip(),
            proposed_group=form.cleaned_data["proposed_group"].strip(),
            answers=form.answers(),
        )
        if "send" not in request.POST:
            messages.success(request, _("Utkastet er lagret. Du kan fortsette senere."))
            return redirect(_edit_url(programme, municipality, user))
        try:
            services.application_submit(application=application, user=user, today=today)
        except ValidationError as error:
            missing = _missing_with_anchors(form, error.messages)
        else:
            messages.success(request, _("Søknaden er sendt inn. En kvittering er sendt på e-post."))
            return redirect(application)
    return render(
        request,
        "programmes/application_form.html",
        {
            "programme": programme,
            "municipality": municipality,
            "application": application,
            "form": form,
            "missing": missing,
            "has_areas": areas.exists(),
        },
    )


def _call_closed_reason(programme, today):
    if programme.call_opens is None or programme.call_closes is None:
        return _("Programmet har ingen åpen utlysning. Det kan ikke søkes nå.")
    if today < programme.call_opens:
        return _("Utlysningen åpner %(date)s. Du kan søke fra da av.") % {
            "date": programme.call_opens.strftime("%d.%m.%Y")
        }
    return _("Søknadsfristen var %(date)s. Det kan ikke søkes lenger.") % {
        "date": programme.call_closes.strftime("%d.%m.%Y")
    }


@require_POST
def application_submit(request, slug, pk):
    """Send a draft as it was saved (the same as the form's send button)."""
    programme = selectors.programme_by_slug(slug)
    application = _application(programme, pk)
    require(permissions.can_view_application(request.user, application))
    if not application.is_draft:
        messages.info(request, _("Søknaden er allerede sendt inn."))
        return redirect(application)
    require(permissions.can_edit_application(request.user, application))
    try:
        services.application_submit(application=application, user=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("Søknaden er ikke sendt inn: %(reasons)s") % {"reasons": " ".join(error.messages)},
        )
    else:
        messages.success(request, _("Søknaden er sendt inn. En kvittering er sendt på e-post."))
    return redirect(application)


# --- Reading one application ----------------------------------------------------------


def application_detail(request, slug, pk):
    programme = selectors.programme_by_slug(slug)
    application = _application(programme, pk)
    user = request.user
    require(permissions.can_view_application(user, application))
    criteria = list(programme.criteria.all())
    answers = {answer.criterion_id: answer.text for answer in application.answers.all()}
    show_scores = permissions.can_view_overview(user, programme)
    scores = list(application.scores.all()) if show_scores else []
    sections = []
    for criterion in criteria:
        criterion_scores = [score for score in scores if score.criterion_id == criterion.pk]
        sections.append(
            {
                "criterion": criterion,
                "answer": answers.get(criterion.pk, ""),
                "scores": criterion_scores,
                "average": _average([score.score for score in criterion_scores]),
            }
        )
    can_edit = permissions.can_edit_application(user, application)
    today = timezone.localdate()
    context = {
        "programme": programme,
        "application": application,
        "sections": sections,
        "show_scores": show_scores,
        "total_average": _average([score.score for score in scores]),
        "adviser_count": len({score.adviser_id for score in scores}),
        "can_edit": can_edit,
        "call_open": programme.call_is_open(today),
        "missing": services.application_missing(application) if application.is_draft else [],
        "can_assess": permissions.can_assess(user, application) and not application.is_draft,
        "participation": getattr(application, "participation", None),
        "edit_url": _edit_url(programme, application.municipality, user) if can_edit else "",
    }
    return render(request, "programmes/application_detail.html", context)


def _average(values):
    return sum(values) / len(values) if values else None


# --- The overview of all applications ---------------------------------------------------


@dataclass
class ApplicationRow:
    application: Application
    averages: list
    total: float | None
    adviser_count: int
    sort_values: dict = field(default_factory=dict)


def _rows(programme, applications, criteria):
    status_order = list(ApplicationStatus.values)
    rows = []
    for application in applications:
        application.programme = programme  # for get_absolute_url without a query per row
        scores = list(application.scores.all())
        averages = [
            _average([s.score for s in scores if s.criterion_id == criterion.pk])
            for criterion in criteria
        ]
        row = ApplicationRow(
            application=application,
            averages=averages,
            total=_average([s.score for s in scores]),
            adviser_count=len({s.adviser_id for s in scores}),
        )
        row.sort_values = {
            "kommune": application.municipality.name,
            "fylke": application.municipality.county.name,
            "innsendt": application.submitted_at,
            "snitt": row.total,
            "vurdert": row.adviser_count,
            "status": status_order.index(application.status),
            **{
                f"kriterium{criterion.number}": average
                for criterion, average in zip(criteria, averages, strict=True)
            },
        }
        rows.append(row)
    return rows


def _sorted(rows, key, descending):
    """Sort on one column; rows without a value (no scores yet) always come last."""
    present = [row for row in rows if row.sort_values[key] is not None]
    absent = [row for row in rows if row.sort_values[key] is None]
    by_name = sorted(present, key=lambda row: row.application.municipality.name)
    ordered = sorted(by_name, key=lambda row: row.sort_values[key], reverse=descending)
    return ordered + sorted(absent, key=lambda row: row.application.municipality.name)


def application_list(request, slug):
    """Every submitted application with its average scores, sortable by any column."""
    programme = selectors.programme_by_slug(slug)
    require(permissions.can_view_overview(request.user, programme))
    criteria = list(programme.criteria.all())
    form = ApplicationFilterForm(request.GET or None)
    status = ""
    sort = "kommune"
    if form.is_valid():
        status = form.cleaned_data["status"]
        sort = form.cleaned_data["sorter"] or sort
    applications = selectors.applications(programme)
    if status:
        applications = applications.filter(status=status)
    columns = [
        ("kommune", _("Kommune"), False),
        ("fylke", _("Fylke"), False),
        ("innsendt", _("Sendt inn"), False),
        *[
            (
                f"kriterium{criterion.number}",
                _("Kriterium %(number)s") % {"number": criterion.number},
                True,
            )
            for criterion in criteria
        ],
        ("snitt", _("Snitt totalt"), True),
        ("vurdert", _("Veiledere som har vurdert"), True),
        ("status", _("Status"), False),
    ]
    key = sort.removeprefix("-")
    if key not in {column[0] for column in columns}:
        key, sort = "kommune", "kommune"
    rows = _sorted(_rows(programme, applications, criteria), key, descending=sort.startswith("-"))
    headers = []
    for column_key, label, numeric in columns:
        active = key == column_key
        descending = active and sort.startswith("-")
        query = {"sorter": f"-{column_key}" if active and not descending else column_key}
        if status:
            query["status"] = status
        headers.append(
            {
                "label": label,
                "numeric": numeric,
                "url": "?" + urlencode(query),
                "aria_sort": ("descending" if descending else "ascending") if active else "",
            }
        )
    return render(
        request,
        "programmes/application_list.html",
        {
            "programme": programme,
            "criteria": criteria,
            "form": form,
            "rows": rows,
            "headers": headers,
            "status": status,
            "sort": sort,
        },
    )


# --- Assessment and decision ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def application_assess(request, slug, pk):
    """The adviser's own score and comment for each criterion."""
    programme = selectors.programme_by_slug(slug)
    application = _application(programme, pk)
    require(permissions.can_assess(request.user, application))
    if application.is_draft:
        messages.error(request, _("Et utkast kan ikke vurderes før det er sendt inn."))
        return redirect(application)
    criteria = list(programme.criteria.all())
    own = {
        score.criterion_id: score
        for score in application.scores.all()
        if score.adviser_id == request.user.pk
    }
    initial = {}
    for criterion in criteria:
        if criterion.pk in own:
            initial[AssessmentForm.score_field(criterion)] = own[criterion.pk].score
            initial[AssessmentForm.comment_field(criterion)] = own[criterion.pk].comment
    form = AssessmentForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for criterion, score, comment in form.scores():
                    services.application_score(
                        application=application,
                        criterion=criterion,
                        adviser=request.user,
                        score=score,
                        comment=comment,
                    )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Vurderingen din er lagret."))
            return redirect(application)
    answers = {answer.criterion_id: answer.text for answer in application.answers.all()}
    sections = [
        {"criterion": criterion, "answer": answers.get(criterion.pk, ""), "score": s, "comment": c}
        for criterion, s, c in form.sections()
    ]
    return render(
        request,
        "programmes/application_assess.html",
        {
            "programme": programme,
            "application": application,
            "form": form,
            "sections": sections,
            "has_scored": bool(own),
        },
    )


@require_http_methods(["GET", "POST"])
def application_decide(request, slug, pk):
    """Accept, wait-list or reject, with a reason the municipality is told by e-mail."""
    programme = selectors.programme_by_slug(slug)
    application = _application(programme, pk)
    require(permissions.can_assess(request.user, application))
    if application.is_draft:
        messages.error(request, _("Et utkast kan ikke få vedtak før det er sendt inn."))
        return redirect(application)
    initial = {}
    if application.is_decided:
        initial = {"status": application.status, "reason": application.decision_reason}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application=application,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"].strip(),
                user=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            name = application.municipality.name
            if application.status == ApplicationStatus.ACCEPTED:
                messages.success(
                    request,
                    _("%(municipality)s er tatt opp. Kontrakten er klar til signering.")
                    % {"municipality": name},
                )
                return redirect(application.participation.get_absolute_url())
            messages.success(
                request,
                _("Vedtaket er lagret, og %(municipality)s får beskjed på e-post.")
                % {"municipality": name},
            )
            return redirect(application)
    return render(
        request,
        "programmes/application_decide.html",
        {"programme": programme, "application": application, "form": form},
    )


urlpatterns = [
    path("<slug:slug>/soknad/", application_edit, name="application_edit"),
    path("<slug:slug>/soknader/", application_list, name="application_list"),
    path("<slug:slug>/soknader/<int:pk>/", application_detail, name="application_detail"),
    path("<slug:slug>/soknader/<int:pk>/send/", application_submit, name="application_submit"),
    path("<slug:slug>/soknader/<int:pk>/vurdering/", application_assess, name="application_assess"),
    path("<slug:slug>/soknader/<int:pk>/vedtak/", application_decide, name="application_decide"),
]
