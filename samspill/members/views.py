from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.agreements.selectors import municipality_projects
from samspill.core.permissions import require
from samspill.grants.permissions import can_open_municipality_grants
from samspill.grants.selectors import municipality_grants
from samspill.programmes.selectors import municipality_programmes
from samspill.seminars.selectors import municipality_seminars
from samspill.statistics.selectors import municipality_summary

from . import permissions, selectors, services
from .forms import ArtsSchoolForm, MunicipalityFilterForm, PersonForm
from .models import Municipality, Organisation, Person, Region


def _municipality(number):
    try:
        return selectors.municipality_detail(number)
    except Municipality.DoesNotExist:
        raise Http404 from None


def municipality_list(request):
    form = MunicipalityFilterForm(request.GET or None)
    filters = selectors.MunicipalityFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.MunicipalityFilter(
            text=data["q"],
            county=data["county"],
            region=data["region"],
            membership=data["membership"],
            sort=data["sort"] or "number",
        )
    page = Paginator(selectors.municipality_list(filters), 100).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "query": query,
        "sort_columns": [
            ("number", _("Nr."), False),
            ("name", _("Navn"), False),
            ("county", _("Fylke"), False),
            ("population", _("Innbyggere"), True),
        ],
    }
    template = "members/municipality_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def municipality_detail(request, number):
    municipality = _municipality(number)
    show_details = permissions.can_view_municipality_details(request.user, municipality)
    context = {
        "municipality": municipality,
        "show_details": show_details,
        "can_edit": permissions.can_edit_municipality(request.user, municipality),
        "regions": municipality.county.regions.all(),
        "people": selectors.municipality_people(municipality) if show_details else [],
        "programmes": municipality_programmes(municipality) if show_details else None,
        "seminars": municipality_seminars(municipality) if show_details else None,
        "agreement_projects": municipality_projects(municipality) if show_details else None,
        "can_open_projects": request.user.is_nkr,  # partners never see this page's details
        "stat_summary": municipality_summary(municipality, request.user),
        "grants": municipality_grants(municipality, request.user) if show_details else None,
        "can_open_grants": can_open_municipality_grants(request.user, municipality),
    }
    return render(request, "members/municipality_detail.html", context)


@require_http_methods(["GET", "POST"])
def arts_school_edit(request, number):
    municipality = _municipality(number)
    require(permissions.can_edit_municipality(request.user, municipality))
    arts_school = municipality.arts_schools.first()
    form = ArtsSchoolForm(request.POST or None, instance=arts_school, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        services.arts_school_save(
            municipality=municipality, arts_school=arts_school, **form.cleaned_data
        )
        messages.success(request, _("Kulturskolen er lagret."))
        return redirect(municipality)
    return render(
        request, "members/arts_school_form.html", {"form": form, "municipality": municipality}
    )


@require_http_methods(["GET", "POST"])
def person_edit(request, number, pk=None):
    municipality = _municipality(number)
    require(permissions.can_edit_municipality(request.user, municipality))
    person = None
    initial = {}
    if pk is not None:
        person = get_object_or_404(Person, pk=pk, municipality=municipality)
        require(permissions.can_edit_person(request.user, person))
        position = person.positions.filter(municipality=municipality).first()
        initial = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "phone": person.phone,
            "title": position.title if position else "",
        }
    form = PersonForm(request.POST or None, initial=initial, person=person)
    if request.method == "POST" and form.is_valid():
        services.person_save(municipality=municipality, person=person, **form.cleaned_data)
        messages.success(request, _("Personen er lagret."))
        return redirect(municipality)
    context = {"form": form, "municipality": municipality, "person": person}
    return render(request, "members/person_form.html", context)


def region_list(request):
    return render(request, "members/region_list.html", {"regions": selectors.regions()})


def region_detail(request, slug):
    try:
        region = selectors.region_detail(slug)
    except Region.DoesNotExist:
        raise Http404 from None
    municipalities = Municipality.objects.filter(county__in=region.counties.all()).select_related(
        "county"
    )
    return render(
        request,
        "members/region_detail.html",
        {"region": region, "municipalities": municipalities},
    )


def organisation_list(request):
    require(permissions.can_view_people_directory(request.user))
    return render(
        request, "members/organisation_list.html", {"organisations": selectors.organisation_list()}
    )


def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    require(permissions.can_view_organisation(request.user, organisation))
    organisation = selectors.organisation_detail(pk)
    return render(request, "members/organisation_detail.html", {"organisation": organisation})


def person_list(request):
    require(permissions.can_view_people_directory(request.user))
    text = request.GET.get("q", "")
    page = Paginator(selectors.person_list(text), 50).get_page(request.GET.get("side"))
    return render(request, "members/person_list.html", {"page": page, "q": text})


def person_detail(request, pk):
    person = get_object_or_404(Person, pk=pk)
    require(permissions.can_view_person(request.user, person))
    return render(request, "members/person_detail.html", {"person": selectors.person_detail(pk)})


def staff_unit_list(request):
    require(permissions.can_view_staff_units(request.user))
    return render(request, "members/staff_unit_list.html", {"units": selectors.staff_units()})


def staff_unit_detail(request, slug):
    require(permissions.can_view_staff_units(request.user))
    unit = get_object_or_404(selectors.staff_units(), slug=slug)
    return render(request, "members/staff_unit_detail.html", {"unit": unit})
