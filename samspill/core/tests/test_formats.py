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


# --- Spreadsheets never run what a user wrote (CSV/formula injection, issue 12) -------

ATTACKS = ['=HYPERLINK("http://evil.example","Klikk")', "+1+1", "-2+3", "@SUM(A1)", "=1+1"]


def test_csv_cells_that_would_start_a_formula_get_an_apostrophe():
    import csv
    import io

    from samspill.core.documents import csv_bytes

    content = csv_bytes(
        ["tekst", "tall"], [[attack, -5] for attack in ATTACKS] + [["-5", "+47 22"]]
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:-1]] == ["'" + attack for attack in ATTACKS]
    assert rows[1][1] == "-5"  # a number stays a number
    assert rows[-1] == ["-5", "+47 22"]  # and so does text that is only a number


def test_xlsx_keeps_formula_like_text_as_text():
    import io

    from openpyxl import load_workbook

    from samspill.core.documents import xlsx_bytes

    content = xlsx_bytes(["tekst"], [[attack] for attack in ATTACKS], title="Punkter")
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == ATTACKS
    assert {cell.data_type for cell in cells} == {"s"}
