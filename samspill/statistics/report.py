"""The price study's tables and charts, and its report as DOCX (python-docx) and PDF
(`statistics/price_study_pdf.html` through WeasyPrint). The page, the downloads and the
report all show the same tables."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.core import documents

from . import charts, study
from .models import school_year_label
from .tables import StatTable, show


def caveat():
    return _(
        "En sammenheng (korrelasjon) viser bare at to tall varierer sammen mellom kommunene. "
        "Den viser ikke at prisen er årsaken. Kommunestørrelse, geografi, økonomi, "
        "bosettingsmønster og tilbudet selv henger sammen med både pris og deltakelse. "
        "Intervallet viser usikkerheten: går det over null, kan vi ikke si om sammenhengen "
        "er positiv eller negativ."
    )


def method():
    return _(
        "Pearsons korrelasjonskoeffisient r mellom årlig elevbetaling for standardtilbudet "
        "og hvert utfall, med 95 prosent konfidensintervall fra Fishers z-transformasjon. "
        "Deltakelse er elever 6–15 år per 100 barn 6–15 år der begge tallene finnes, ellers "
        "SSBs publiserte andel. Kommuner uten registrert elevbetaling er ikke med."
    )


def _interval(correlation):
    if correlation.low is None:
        return "–"
    return f"{show(correlation.low, 2)} – {show(correlation.high, 2)}"


def study_tables(the_study):
    if the_study.school_year is None:
        return []
    year = school_year_label(the_study.school_year)
    groups = [str(label) for _lower, label in study.SIZE_GROUPS]
    tables = []
    for name, label in study.OUTCOMES:
        table = StatTable(
            slug=f"pris-{name}",
            title=_("Elevbetaling og %(outcome)s, %(year)s")
            % {"outcome": str(label)[:1].lower() + str(label)[1:], "year": year},
            columns=[
                _("Kommune"),
                _("Fylke"),
                _("Innbyggere"),
                _("Årlig elevbetaling (kr)"),
                str(label),
            ],
            rows=[
                [p.municipality.name, p.county, p.municipality.population, p.fee, getattr(p, name)]
                for p in the_study.points
                if getattr(p, name) is not None
            ],
        )
        table.chart = charts.scatter_chart(
            title=table.title,
            description=_(
                "Punktdiagram med én prikk per kommune; formen viser kommunestørrelsen. "
                "Tallene står i tabellen under."
            ),
            points=[(p.fee, getattr(p, name), p.size_group) for p in the_study.points],
            x_label=_("Årlig elevbetaling (kr)"),
            y_label=str(label),
            groups=groups,
        )
        tables.append(table)
    bands = StatTable(
        slug="prisband",
        title=_("Prisbånd, %(year)s (medianer)") % {"year": year},
        columns=[_("Elevbetaling"), _("Kommuner"), *(str(label) for _n, label in study.OUTCOMES)],
        rows=[[b.label, b.count, b.participation, b.subjects, b.waiting] for b in the_study.bands],
    )
    bands.chart = charts.bar_chart(
        title=_("Deltakelse (median) per prisbånd, %(year)s") % {"year": year},
        description=_("Stolpediagram. Tallene står i tabellen under."),
        items=[(b.label, b.participation) for b in the_study.bands],
    )
    correlations = StatTable(
        slug="korrelasjon",
        title=_("Sammenheng mellom elevbetaling og utfall, etter kommunestørrelse, %(year)s")
        % {"year": year},
        columns=[
            _("Utfall"),
            _("Kommunestørrelse"),
            _("Kommuner (n)"),
            _("r"),
            _("95 % konfidensintervall"),
            _("Lesning"),
        ],
        rows=[],
    )
    for label, _name, per_size, overall in the_study.correlations:
        for size_label, corr in [(_("alle"), overall), *per_size]:
            correlations.rows.append(
                [
                    label,
                    size_label,
                    corr.n,
                    None if corr.r is None else round(corr.r, 2),
                    _interval(corr),
                    corr.reading,
                ]
            )
    return [*tables, bands, correlations]


def _cell(value):
    shown = show(value)
    if shown is True:
        return _("ja")
    if shown is False:
        return _("nei")
    return str(shown)


def summary(the_study):
    return _(
        "Skoleåret %(year)s har %(count)s kommuner registrert elevbetaling; "
        "%(without)s kommuner med tall mangler elevbetaling og er ikke med."
    ) % {
        "year": school_year_label(the_study.school_year),
        "count": len(the_study.points),
        "without": the_study.without_fee,
    }


def _example_note(the_study):
    if not the_study.examples:
        return ""
    return _("Merk: %(count)s av kommunene har genererte eksempeldata (demo), ikke ekte tall.") % {
        "count": the_study.examples
    }


def study_docx(the_study):
    from docx import Document

    document = Document()
    document.add_heading(_("Prisstudie: elevbetaling og deltakelse i kulturskolen"), level=0)
    document.add_paragraph(
        _("Landstingsvedtak 5.13. Laget i Samspill %(date)s.")
        % {"date": date_format(timezone.localdate(), "DATE_FORMAT")}
    )
    if the_study.school_year is None:
        document.add_paragraph(_("Ingen kommuner har registrert elevbetaling ennå."))
        return documents.docx_bytes(document)
    document.add_paragraph(summary(the_study))
    if _example_note(the_study):
        document.add_paragraph(_example_note(the_study))
    document.add_heading(_("Korrelasjon er ikke årsak"), level=1)
    document.add_paragraph(caveat())
    document.add_heading(_("Metode"), level=1)
    document.add_paragraph(method())
    tables = study_tables(the_study)
    for table in tables[-2:]:
        _docx_table(document, table)
    document.add_heading(_("Kommunene"), level=1)
    document.add_paragraph(_("Punktdiagrammene ligger i PDF-utgaven; her er tallene bak dem."))
    _docx_table(document, tables[0])
    return documents.docx_bytes(document)


def _docx_table(document, table):
    document.add_heading(str(table.title), level=1)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = str(text)
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _cell(value)


def study_pdf(the_study, request=None):
    tables = study_tables(the_study)
    return documents.render_pdf(
        "statistics/price_study_pdf.html",
        {
            "study": the_study,
            "tables": tables,
            "summary": summary(the_study) if the_study.school_year else "",
            "example_note": _example_note(the_study) if the_study.school_year else "",
            "caveat": caveat(),
            "method": method(),
            "today": timezone.localdate(),
        },
        request=request,
    )
