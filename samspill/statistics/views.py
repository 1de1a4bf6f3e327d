"""Statistics pages: national, county, region and municipality over time, the Rammeplan
tracker, the price study of decision 5.13, a coordinator's entry and the import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core import documents
from samspill.core.permissions import require
from samspill.members.models import County, Municipality, Region

from . import charts, importing, permissions, report, selectors, services, study
from .fields import FIGURES_BY_NAME, groups
from .forms import EntryForm, ImportUploadForm, MappingForm, YearForm
from .models import FIRST_SCHOOL_YEAR, StatisticsImport, school_year_label
from .tables import StatTable, respond


def _adopted_by_year(lines):
    """Municipalities with the Rammeplan adopted by the end of each line's school year's
    first calendar year."""
    per_year = selectors.framework_by_year()
    result = {}
    for line in lines:
        result[line.school_year] = sum(c for y, c in per_year.items() if y <= line.school_year)
    return result


def _over_time_tables(lines, scope_name, *, adopted=None):
    labels = [school_year_label(line.school_year) for line in lines]
    rates = StatTable(
        slug="deltakelse",
        title=_("Deltakelse over tid – %(scope)s") % {"scope": scope_name},
        columns=[
            _("Skoleår"),
            _("Elever 6–15 år per 100 barn 6–15 år"),
            _("Kommuner med befolkning 6–15 år"),
            _("Elever per 100 innbyggere"),
            _("Venteliste per 100 elever"),
        ],
        rows=[
            [
                label,
                line.rate_6_15,
                line.with_age_population,
                line.rate_population,
                line.waiting_per_100_pupils,
            ]
            for label, line in zip(labels, lines, strict=True)
        ],
        note=_(
            "Elever 6–15 år per 100 barn 6–15 år regnes bare for kommuner der begge tallene "
            "finnes. Elever per 100 innbyggere bruker folketallet 1.1.2024 for alle år og er "
            "et grovere mål."
        ),
    )
    rates.chart = charts.line_chart(
        title=rates.title,
        description=_("Linjediagram. Tallene står i tabellen under."),
        labels=labels,
        series=[
            (_("per 100 barn 6–15 år"), [line.rate_6_15 for line in lines]),
            (_("per 100 innbyggere"), [line.rate_population for line in lines]),
            (_("venteliste per 100 elever"), [line.waiting_per_100_pupils for line in lines]),
        ],
    )
    columns = [
        _("Skoleår"),
        _("Kommuner med tall"),
        _("Kommuner med elevtall"),
        _("Elever"),
        _("Elevplasser"),
        _("Venteliste"),
        _("Deltakere i breddetilbud"),
        _("Friplasser"),
        _("Årsverk"),
    ]
    if adopted is not None:
        columns.append(_("Kommuner med vedtatt rammeplan"))
    counts = StatTable(
        slug="elevtall",
        title=_("Elever, plasser, venteliste og breddetilbud – %(scope)s") % {"scope": scope_name},
        columns=columns,
        rows=[
            [
                label,
                line.municipalities,
                line.with_pupils,
                line.pupils,
                line.places,
                line.waiting,
                line.breadth,
                line.free_places,
                line.fte,
            ]
            + ([adopted.get(line.school_year, 0)] if adopted is not None else [])
            for label, line in zip(labels, lines, strict=True)
        ],
        note=_("Summene gjelder kommunene som har tall for året; antallet står i egen kolonne."),
    )
    counts.chart = charts.line_chart(
        title=counts.title,
        description=_("Linjediagram. Tallene står i tabellen under."),
        labels=labels,
        series=[
            (_("elever"), [line.pupils for line in lines]),
            (_("elevplasser"), [line.places for line in lines]),
            (_("venteliste"), [line.waiting for line in lines]),
            (_("breddetilbud"), [line.breadth for line in lines]),
        ],
    )
    subjects = StatTable(
        slug="fag",
        title=_("Elever per fag – %(scope)s") % {"scope": scope_name},
        columns=[_("Skoleår")] + [capfirst(FIGURES_BY_NAME[n].label) for n in _subject_names()],
        rows=[
            [label] + [line.get(name) for name in _subject_names()]
            for label, line in zip(labels, lines, strict=True)
        ],
    )
    return [rates, counts, subjects]


def _subject_names():
    from .fields import SUBJECT_FIELDS

    return SUBJECT_FIELDS


def _example_warning(lines):
    return any(line.examples for line in lines)


def _base_context(request):
    return {
        "can_import": permissions.can_import_statistics(request.user),
        "can_view_price_study": permissions.can_view_price_study(request.user),
    }


def national(request):
    require(permissions.can_view_statistics(request.user))
    lines = selectors.over_time(selectors.scope())
    tables = _over_time_tables(lines, _("hele landet"), adopted=_adopted_by_year(lines))
    latest = lines[-1].school_year if lines else None
    if latest is not None:
        county_lines = selectors.by_county(latest)
        table = StatTable(
            slug="fylker",
            title=_("Fylkene %(year)s") % {"year": school_year_label(latest)},
            columns=[
                _("Fylke"),
                _("Kommuner med tall"),
                _("Elever"),
                _("Venteliste"),
                _("Elever 6–15 år per 100 barn 6–15 år"),
                _("Elever per 100 innbyggere"),
            ],
            rows=[
                [
                    county["name"],
                    line.municipalities,
                    line.pupils,
                    line.waiting,
                    line.rate_6_15,
                    line.rate_population,
                ]
                for county, line in county_lines
            ],
        )
        table.chart = charts.bar_chart(
            title=_("Elever 6–15 år per 100 barn 6–15 år, per fylke, %(year)s")
            % {"year": school_year_label(latest)},
            description=_("Stolpediagram. Tallene står i tabellen under."),
            items=[(county["name"], line.rate_6_15) for county, line in county_lines],
        )
        table.links = {
            county["name"]: reverse("statistics:county", args=[county["number"]])
            for county, _line in county_lines
        }
        tables.append(table)
    download = respond(request, tables, "statistikk", "nasjonalt")
    if download:
        return download
    return render(
        request,
        "statistics/overview.html",
        {
            **_base_context(request),
            "heading": _("Kulturskolestatistikk for hele landet"),
            "scope_kind": "national",
            "tables": tables,
            "has_examples": _example_warning(lines),
            "latest": latest,
            "counties": selectors.counties(),
            "regions": selectors.regions(),
        },
    )


def county(request, number):
    require(permissions.can_view_statistics(request.user))
    the_county = get_object_or_404(County, number=number)
    return _area(
        request,
        the_county.name,
        selectors.scope(county=the_county),
        "fylke",
        number,
        crumb=the_county.name,
    )


def region(request, slug):
    require(permissions.can_view_statistics(request.user))
    the_region = get_object_or_404(Region, slug=slug)
    return _area(
        request,
        the_region.name,
        selectors.scope(region=the_region),
        "region",
        slug,
        crumb=the_region.name,
    )


def _area(request, name, queryset, kind, key, *, crumb):
    lines = selectors.over_time(queryset)
    tables = _over_time_tables(lines, name)
    latest = lines[-1].school_year if lines else None
    if latest is not None:
        rows = selectors.municipalities_in_year(queryset, latest)
        table = StatTable(
            slug="kommuner",
            title=_("Kommunene %(year)s") % {"year": school_year_label(latest)},
            columns=[
                _("Kommune"),
                _("Elever"),
                _("Venteliste"),
                _("Deltakelse"),
                _("Grunnlag for deltakelsen"),
                _("Årlig elevbetaling (kr)"),
            ],
            rows=[],
        )
        bars = []
        for row in rows:
            rate, basis = selectors.participation(row)
            table.rows.append(
                [
                    row.municipality.name,
                    row.pupils,
                    row.waiting,
                    rate,
                    _basis_label(basis),
                    row.yearly_fee,
                ]
            )
            if basis in ("6_15", "ssb"):
                bars.append((row.municipality.name, rate))
        table.chart = charts.bar_chart(
            title=_("Elever 6–15 år per 100 barn 6–15 år, per kommune, %(year)s")
            % {"year": school_year_label(latest)},
            description=_("Stolpediagram. Tallene står i tabellen under."),
            items=bars,
        )
        table.links = {
            row.municipality.name: reverse(
                "statistics:municipality", args=[row.municipality.number]
            )
            for row in rows
        }
        tables.append(table)
    download = respond(request, tables, "statistikk", kind, key)
    if download:
        return download
    return render(
        request,
        "statistics/overview.html",
        {
            **_base_context(request),
            "heading": _("Kulturskolestatistikk for %(name)s") % {"name": name},
            "scope_kind": kind,
            "crumb": crumb,
            "tables": tables,
            "has_examples": _example_warning(lines),
            "latest": latest,
        },
    )


def _basis_label(basis):
    return str(selectors.BASIS_LABELS.get(basis, "–"))


def _municipality(number):
    try:
        return Municipality.objects.select_related("county").get(number=number)
    except Municipality.DoesNotExist:
        raise Http404 from None


def municipality_comparison(municipality, rows_of_year):
    """How the municipality compares with the ten most similar in size, in one year."""
    own = next((r for r in rows_of_year if r.municipality_id == municipality.pk), None)
    similar = selectors.similar_municipalities(municipality, rows_of_year)
    table = StatTable(
        slug="sammenligning",
        title="",
        columns=[
            _("Kommune"),
            _("Innbyggere"),
            _("Deltakelse"),
            _("Grunnlag for deltakelsen"),
            _("Venteliste per 100 elever"),
            _("Fag i tilbudet"),
            _("Årlig elevbetaling (kr)"),
        ],
        rows=[],
    )
    for row in ([own] if own else []) + similar:
        rate, basis = selectors.participation(row)
        waiting = 100 * row.waiting / row.pupils if row.pupils and row.waiting is not None else None
        table.rows.append(
            [
                row.municipality.name,
                row.municipality.population,
                rate,
                _basis_label(basis),
                waiting,
                selectors.subjects_offered(row) or None,
                row.yearly_fee,
            ]
        )
    return own, table


def municipality(request, number):
    require(permissions.can_view_statistics(request.user))
    the_municipality = _municipality(number)
    series = selectors.municipality_series(the_municipality)
    labels = [row.school_year_label for row in series]
    rates = []
    for row in series:
        rates.append(selectors.participation(row))
    development = StatTable(
        slug="utvikling",
        title=_("%(name)s over tid") % {"name": the_municipality.name},
        columns=[
            _("Skoleår"),
            _("Elever"),
            _("Elevplasser"),
            _("Venteliste"),
            _("Deltakere i breddetilbud"),
            _("Deltakelse"),
            _("Grunnlag for deltakelsen"),
            _("Årlig elevbetaling (kr)"),
            _("Kilde"),
        ],
        rows=[
            [
                row.school_year_label,
                row.pupils,
                row.places,
                row.waiting,
                _sum_or_none(
                    row,
                    ("breadth_kulturkarusell", "breadth_sfo", "breadth_school", "breadth_other"),
                ),
                rate,
                _basis_label(basis),
                row.yearly_fee,
                row.get_source_display(),
            ]
            for row, (rate, basis) in zip(series, rates, strict=True)
        ],
    )
    development.chart = charts.line_chart(
        title=_("Deltakelse i %(name)s over tid") % {"name": the_municipality.name},
        description=_("Linjediagram. Tallene står i tabellen under."),
        labels=labels,
        series=[(_("deltakelse"), [rate for rate, _b in rates])],
    )
    tables = [development]
    comparison = None
    if series:
        year = series[-1].school_year
        _own, comparison = municipality_comparison(
            the_municipality, selectors.year_rows(year, only=study.FIELDS)
        )
        comparison.title = _(
            "%(name)s sammenlignet med kommuner av lignende størrelse, %(year)s"
        ) % {
            "name": the_municipality.name,
            "year": school_year_label(year),
        }
        tables.append(comparison)
    download = respond(request, tables, "statistikk", the_municipality.name)
    if download:
        return download
    adoption = getattr(the_municipality, "framework_plan_adoption", None)
    return render(
        request,
        "statistics/municipality.html",
        {
            **_base_context(request),
            "municipality": the_municipality,
            "series": series,
            "latest": series[-1] if series else None,
            "tables": tables,
            "adoption": adoption,
            "has_examples": any(row.source == "example" for row in series),
            "can_enter": permissions.can_enter_statistics(request.user, the_municipality),
            "groups": groups(),
        },
    )


def _sum_or_none(row, names):
    values = [getattr(row, name) for name in names if getattr(row, name) is not None]
    return sum(values) if values else None


@require_http_methods(["GET", "POST"])
def entry(request, number):
    the_municipality = _municipality(number)
    require(permissions.can_enter_statistics(request.user, the_municipality))
    this_year = timezone.localdate().year
    default_year = this_year if timezone.localdate().month >= 10 else this_year - 1
    year_form = YearForm(request.GET or None, first=FIRST_SCHOOL_YEAR, last=this_year)
    year = year_form.cleaned_data["school_year"] if year_form.is_valid() else default_year
    if request.method == "POST":
        try:
            year = int(request.POST.get("school_year", year))
        except ValueError:
            year = default_year
    existing = the_municipality.annual_statistics.filter(school_year=year).first()
    previous = the_municipality.annual_statistics.filter(school_year=year - 1).first()
    adoption = getattr(the_municipality, "framework_plan_adoption", None)
    form = EntryForm(
        request.POST or None,
        instance=existing,
        municipality=the_municipality,
        school_year=year,
        adoption=adoption,
        previous=previous,
    )
    warnings = []
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in FIGURES_BY_NAME}
        warnings = services.plausibility_warnings(values=values, previous=previous)
        if warnings and not form.cleaned_data.get("confirmed"):
            form.ask_to_confirm()
        else:
            try:
                services.annual_statistics_save(
                    municipality=the_municipality,
                    school_year=year,
                    values=values,
                    user=request.user,
                    arts_school=form.cleaned_data.get("arts_school"),
                )
                services.framework_plan_save(
                    municipality=the_municipality,
                    adopted_on=form.cleaned_data["framework_plan_adopted_on"],
                    decision_reference=form.cleaned_data["framework_plan_decision"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Tallene for %(year)s er lagret.") % {"year": school_year_label(year)},
                )
                return redirect("statistics:municipality", number=the_municipality.number)
    return render(
        request,
        "statistics/entry.html",
        {
            "municipality": the_municipality,
            "form": form,
            "year_form": year_form,
            "school_year": year,
            "school_year_label": school_year_label(year),
            "warnings": warnings,
            "previous": previous,
            "field_groups": form.field_groups(),
        },
    )


def framework_plan(request):
    require(permissions.can_view_statistics(request.user))
    adoptions = selectors.framework_adoptions()
    totals = selectors.municipality_counts_by_county()
    counties = selectors.counties()
    per_county = {}
    for adoption in adoptions:
        per_county[adoption.municipality.county_id] = (
            per_county.get(adoption.municipality.county_id, 0) + 1
        )
    county_table = StatTable(
        slug="fylker",
        title=_("Andel kommuner med vedtatt rammeplan, per fylke"),
        columns=[_("Fylke"), _("Kommuner"), _("Med vedtatt rammeplan"), _("Andel (prosent)")],
        rows=[
            [
                c.name,
                totals.get(c.pk, 0),
                per_county.get(c.pk, 0),
                100 * per_county.get(c.pk, 0) / totals[c.pk] if totals.get(c.pk) else None,
            ]
            for c in counties
        ],
    )
    county_table.chart = charts.bar_chart(
        title=county_table.title,
        description=_("Stolpediagram. Tallene står i tabellen under."),
        items=[(row[0], row[3]) for row in county_table.rows],
        unit=" %",
    )
    regions = selectors.regions()
    region_rows = []
    for the_region in regions:
        ids = [c.pk for c in the_region.counties.all()]
        total = sum(totals.get(i, 0) for i in ids)
        adopted = sum(per_county.get(i, 0) for i in ids)
        region_rows.append(
            [the_region.name, total, adopted, 100 * adopted / total if total else None]
        )
    region_table = StatTable(
        slug="regioner",
        title=_("Andel kommuner med vedtatt rammeplan, per region"),
        columns=[_("Region"), _("Kommuner"), _("Med vedtatt rammeplan"), _("Andel (prosent)")],
        rows=region_rows,
    )
    by_year = selectors.framework_by_year()
    all_municipalities = sum(totals.values())
    years = list(range(min(by_year), timezone.localdate().year + 1)) if by_year else []
    running, time_rows = 0, []
    for year in years:
        running += by_year.get(year, 0)
        time_rows.append(
            [
                str(year),  # a label, not a number to group as «2 017»
                by_year.get(year, 0),
                running,
                100 * running / all_municipalities if all_municipalities else None,
            ]
        )
    time_table = StatTable(
        slug="over-tid",
        title=_("Kommuner med vedtatt rammeplan over tid"),
        columns=[_("År"), _("Vedtatt dette året"), _("Vedtatt i alt"), _("Andel (prosent)")],
        rows=time_rows,
    )
    time_table.chart = charts.line_chart(
        title=time_table.title,
        description=_("Linjediagram. Tallene står i tabellen under."),
        labels=[str(y) for y in years],
        series=[(_("andel kommuner (prosent)"), [row[3] for row in time_rows])],
    )
    county_years = StatTable(
        slug="fylker-over-tid",
        title=_("Andel kommuner med vedtatt rammeplan per fylke over tid (prosent)"),
        columns=[_("Fylke"), *(str(y) for y in years)],
        rows=[],
    )
    adopted_years = {}
    for adoption in adoptions:
        adopted_years.setdefault(adoption.municipality.county_id, []).append(
            adoption.adopted_on.year
        )
    for c in counties:
        total = totals.get(c.pk, 0)
        done = adopted_years.get(c.pk, [])
        county_years.rows.append(
            [c.name]
            + [100 * sum(1 for y in done if y <= year) / total if total else None for year in years]
        )
    list_table = StatTable(
        slug="kommuner",
        title=_("Kommuner som har vedtatt rammeplanen"),
        columns=[_("Kommune"), _("Fylke"), _("Vedtatt"), _("Vedtak"), _("Kilde")],
        rows=[
            [
                a.municipality.name,
                a.municipality.county.name,
                a.adopted_on.strftime("%d.%m.%Y"),
                a.decision_reference,
                a.get_source_display(),
            ]
            for a in adoptions
        ],
    )
    tables = [time_table, county_table, county_years, region_table, list_table]
    download = respond(request, tables, "rammeplan")
    if download:
        return download
    return render(
        request,
        "statistics/framework_plan.html",
        {
            **_base_context(request),
            "tables": tables,
            "adopted": len(adoptions),
            "all_municipalities": all_municipalities,
            "has_examples": any(a.source == "example" for a in adoptions),
        },
    )


def _study_year(request):
    try:
        return int(request.GET.get("skolear", ""))
    except ValueError:
        return None


def price_study(request):
    require(permissions.can_view_price_study(request.user))
    the_study = study.build(_study_year(request))
    tables = report.study_tables(the_study)
    download = respond(request, tables, "prisstudie", the_study.school_year or "")
    if download:
        return download
    return render(
        request,
        "statistics/price_study.html",
        {
            **_base_context(request),
            "study": the_study,
            "tables": tables,
            "year_label": school_year_label(the_study.school_year) if the_study.school_year else "",
            "years": [(y, school_year_label(y)) for y in the_study.years],
            "year_query": str(the_study.school_year or ""),
            "caveat": report.caveat(),
            "method": report.method(),
            "summary": report.summary(the_study) if the_study.school_year else "",
        },
    )


def price_study_document(request, fmt):
    require(permissions.can_view_price_study(request.user))
    the_study = study.build(_study_year(request))
    name = documents.filename("prisstudie", the_study.school_year or "", extension=fmt)
    if fmt == "pdf":
        return documents.download(
            report.study_pdf(the_study, request), content_type=documents.PDF, name=name
        )
    return documents.download(report.study_docx(the_study), content_type=documents.DOCX, name=name)


@require_http_methods(["GET", "POST"])
def import_upload(request):
    require(permissions.can_import_statistics(request.user))
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = services.statistics_import_upload(
                file_name=upload.name,
                content=upload.read(),
                encoding=form.cleaned_data["encoding"],
                user=request.user,
            )
        except importing.FileError as error:
            form.add_error("file", str(error))
        else:
            return redirect(saved)
    return render(
        request,
        "statistics/import_upload.html",
        {"form": form, "imports": StatisticsImport.objects.select_related("created_by")[:20]},
    )


@require_http_methods(["GET", "POST"])
def import_detail(request, pk):
    require(permissions.can_import_statistics(request.user))
    upload = get_object_or_404(StatisticsImport.objects.defer("content"), pk=pk)
    file_error = None
    try:
        table = importing.read_table(
            bytes(StatisticsImport.objects.values_list("content", flat=True).get(pk=pk)),
            upload.file_name,
            upload.encoding,
        )
    except importing.FileError as error:
        table, file_error = None, str(error)
    form = MappingForm(
        request.POST or None, headers=table.headers if table else [], initial=upload.mapping
    )
    result = None
    if request.method == "POST" and table and upload.status != "imported" and form.is_valid():
        dry_run = "import" not in request.POST
        result = services.statistics_import_run(
            upload=upload, mapping=form.mapping(), dry_run=dry_run, user=request.user
        )
        if result.ok and not dry_run:
            messages.success(
                request,
                _("Importen er fullført: %(created)s nye og %(updated)s oppdaterte årstall.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect(upload)
    return render(
        request,
        "statistics/import_detail.html",
        {
            "upload": upload,
            "form": form,
            "file_error": file_error,
            "report": result.as_report() if result else upload.report,
            "sample": table.rows[:5] if table else [],
            "headers": table.headers if table else [],
            "encoding_used": table.encoding if table else "",
        },
    )
