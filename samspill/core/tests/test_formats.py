import datetime

from django.template import Context, Template
from django.utils import translation

from samspill.core.templatetags.samspill import kr, number, week


def test_money_is_shown_with_space_separated_thousands_and_kr():
    with translation.override("nb"):
        assert kr(20000) == "20\xa0000\xa0kr"
        assert kr("86400000") == "86\xa0400\xa0000\xa0kr"
        assert kr(None) == ""


def test_numbers_use_norwegian_grouping():
    with translation.override("nb"):
        assert number(5550203) == "5\xa0550\xa0203"


def test_week_is_the_iso_week_as_in_nkr_schedules():
    with translation.override("nb"):
        assert week(datetime.date(2024, 9, 24)) == "uke 39"
    with translation.override("en"):
        assert week(datetime.date(2024, 9, 24)) == "week 39"


def test_dates_are_written_dd_mm_yyyy_in_bokmal_and_nynorsk():
    template = Template('{{ day|date:"DATE_FORMAT" }}')
    for language in ("nb", "nn"):
        with translation.override(language):
            rendered = template.render(Context({"day": datetime.date(2025, 2, 12)}))
        assert rendered == "12.02.2025"
