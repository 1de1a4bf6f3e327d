"""The figures of AnnualStatistics as one list, shared by the entry form, the importer
and the downloads: name, kind and the column headings an import file may use for it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import AnnualStatistics

COUNT, DECIMAL, PERCENT, BOOLEAN = "count", "decimal", "percent", "boolean"


@dataclass(frozen=True)
class Figure:
    name: str
    kind: str
    group: str
    aliases: tuple = ()

    @property
    def label(self):
        return AnnualStatistics._meta.get_field(self.name).verbose_name

    @property
    def help_text(self):
        return AnnualStatistics._meta.get_field(self.name).help_text


CORE = _("Kjernetilbudet (GSI)")
SUBJECTS = _("Elever per fag (GSI)")
WAITING = _("Venteliste per fag (GSI)")
AGE = _("Elever etter alder og kjønn (GSI)")
POPULATION = _("Befolkning og SSBs andel")
BREADTH = _("Breddetilbud (Kulturskolerådets egne tall)")
PRICE = _("Pris, moderasjon og friplasser")
COOPERATION = _("Samarbeid")

FIGURES = [
    Figure("pupils", COUNT, CORE, ("elever", "antall elever", "elever totalt")),
    Figure("places", COUNT, CORE, ("elevplasser", "elevplasser i kommunens kulturskole")),
    Figure("waiting", COUNT, CORE, ("venteliste", "ventelister", "på venteliste")),
    Figure("pupils_other_municipalities", COUNT, CORE, ("elever fra andre kommuner",)),
    Figure("course_participants", COUNT, CORE, ("kursdeltakere", "kursdeltagere")),
    Figure("teaching_hours", COUNT, CORE, ("undervisningstimer", "timer per uke")),
    Figure("full_time_equivalents", DECIMAL, CORE, ("årsverk", "arsverk")),
    Figure("pupils_music", COUNT, SUBJECTS, ("musikk", "elever musikk")),
    Figure("pupils_visual_arts", COUNT, SUBJECTS, ("visuell kunst", "elever visuell kunst")),
    Figure("pupils_theatre", COUNT, SUBJECTS, ("teater", "elever teater")),
    Figure("pupils_dance", COUNT, SUBJECTS, ("dans", "elever dans")),
    Figure("pupils_sami", COUNT, SUBJECTS, ("samiske kulturfag", "elever samiske kulturfag")),
    Figure("pupils_other", COUNT, SUBJECTS, ("andre fag", "elever andre fag")),
    Figure("waiting_music", COUNT, WAITING, ("venteliste musikk",)),
    Figure("waiting_visual_arts", COUNT, WAITING, ("venteliste visuell kunst",)),
    Figure("waiting_theatre", COUNT, WAITING, ("venteliste teater",)),
    Figure("waiting_dance", COUNT, WAITING, ("venteliste dans",)),
    Figure("waiting_sami", COUNT, WAITING, ("venteliste samiske kulturfag",)),
    Figure("waiting_other", COUNT, WAITING, ("venteliste andre fag",)),
    Figure("pupils_age_0_5", COUNT, AGE, ("elever 0-5 år", "0-5 år")),
    Figure("pupils_age_6_15", COUNT, AGE, ("elever 6-15 år", "6-15 år")),
    Figure("pupils_age_16_19", COUNT, AGE, ("elever 16-19 år", "16-19 år")),
    Figure("pupils_age_20_plus", COUNT, AGE, ("elever 20 år og eldre", "20 år og eldre")),
    Figure("pupils_girls", COUNT, AGE, ("jenter", "elever jenter")),
    Figure("pupils_boys", COUNT, AGE, ("gutter", "elever gutter")),
    Figure("population_6_15", COUNT, POPULATION, ("innbyggere 6-15 år", "befolkning 6-15 år")),
    Figure("ssb_share_6_15", PERCENT, POPULATION, ("andel 6-15 år", "prosent 6-15 år")),
    Figure("breadth_kulturkarusell", COUNT, BREADTH, ("kulturkarusell",)),
    Figure("breadth_sfo", COUNT, BREADTH, ("sfo", "deltakere sfo")),
    Figure("breadth_school", COUNT, BREADTH, ("skolesamarbeid", "samarbeid med skolen deltakere")),
    Figure("breadth_other", COUNT, BREADTH, ("andre breddetilbud",)),
    Figure("yearly_fee", COUNT, PRICE, ("elevbetaling", "årlig elevbetaling", "pris")),
    Figure("sibling_discount_percent", PERCENT, PRICE, ("søskenmoderasjon",)),
    Figure("free_places", COUNT, PRICE, ("friplasser",)),
    Figure("cooperates_kindergarten", BOOLEAN, COOPERATION, ("samarbeid barnehage",)),
    Figure("cooperates_sfo", BOOLEAN, COOPERATION, ("samarbeid sfo",)),
    Figure("cooperates_school", BOOLEAN, COOPERATION, ("samarbeid skole",)),
]
FIGURES_BY_NAME = {figure.name: figure for figure in FIGURES}
FIGURE_NAMES = [figure.name for figure in FIGURES]
SUBJECT_FIELDS = [f.name for f in FIGURES if f.group == SUBJECTS]
WAITING_SUBJECT_FIELDS = [f.name for f in FIGURES if f.group == WAITING]
BREADTH_FIELDS = [f.name for f in FIGURES if f.group == BREADTH]


def groups():
    """[(group label, [Figure, ...]), ...] in the order above, for forms and tables."""
    result = []
    for figure in FIGURES:
        if not result or result[-1][0] != figure.group:
            result.append((figure.group, []))
        result[-1][1].append(figure)
    return result
