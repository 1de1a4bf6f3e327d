"""The importer: the real SSB file imports cleanly, and a file with errors changes
nothing and lists every bad line, in Norwegian."""

import contextlib
import io

import pytest
from openpyxl import Workbook

from samspill.statistics import importing, services
from samspill.statistics.demo import SSB_FILE, import_ssb_file
from samspill.statistics.models import AnnualStatistics, Source

from .builders import csv_bytes, stats

pytestmark = pytest.mark.django_db


def run(content, name="fil.csv", encoding="auto", dry_run=False, mapping=None):
    table = importing.read_table(content, name, encoding)
    return services.import_table(
        table=table,
        mapping=mapping or importing.guess_mapping(table.headers),
        dry_run=dry_run,
    )


def test_the_ssb_file_for_vestfold_and_telemark_imports_cleanly():
    result = import_ssb_file()

    assert result.ok, result.errors
    assert result.errors == []
    assert result.created == 63
    porsgrunn = {
        row.school_year: row
        for row in AnnualStatistics.objects.filter(municipality__number="4001")  # was 3806
    }
    assert [porsgrunn[y].places for y in (2020, 2021, 2022)] == [762, 755, 761]
    assert str(porsgrunn[2020].ssb_share_6_15) == "14.2"
    tonsberg_2021 = AnnualStatistics.objects.get(municipality__number="3905", school_year=2021)
    assert (tonsberg_2021.pupils_age_6_15, tonsberg_2021.population_6_15) == (572, 6761)
    assert all(row.source == Source.IMPORT for row in AnnualStatistics.objects.all())
    # County rows and the codes from before 2020 are skipped, and the report says so.
    assert result.skipped == 33 + 148
    assert any("fra før 2020" in notice for notice in result.notices)
    assert any("«fylke»" in notice for notice in result.notices)


def test_importing_the_ssb_file_twice_changes_nothing_more():
    import_ssb_file()
    before = list(AnnualStatistics.objects.order_by("pk").values())
    again = import_ssb_file()
    assert again.ok and again.created == 0 and again.updated == 63
    after = list(AnnualStatistics.objects.order_by("pk").values())
    for row in before + after:
        row.pop("updated_at")
    assert before == after


BAD_FILE = """kommunenummer;skoleår;elever;jenter;gutter;venteliste;årlig elevbetaling
4640;2023;300;180;120;40;3200
9999;2023;100;;;;
4644;2023;-5;;;;
4640;2023;310;;;;
4601;2023-25;100;;;;
4602;2023;12,5;;;;
4603;2023;100;80;40;;
1507;2023;100;;;;
0301;2023;1000;;;;4 100
;2023;100;;;;
4645;2023;100;;;nei;
"""


def test_a_file_with_errors_changes_nothing_and_lists_every_bad_line():
    existing = stats("4640", 2023, pupils=250, yearly_fee=3000)

    result = run(csv_bytes(BAD_FILE))

    assert not result.ok
    lines = [line for line, _message in result.errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 11, 12]
    messages = dict(result.errors)
    assert "ukjent kommunenummer «9999»" in messages[3]
    assert "kan ikke være negativ" in messages[4]
    assert "samme kommune og skoleår som linje 2 (duplikat)" in messages[5]
    assert "er ikke et skoleår" in messages[6]
    assert "må være et helt tall" in messages[7]
    assert "flere jenter og gutter enn elever i alt" in messages[8]
    assert "ble delt i 1508, 1580" in messages[9]
    assert "kommunenummer mangler" in messages[11]
    assert "er ikke et tall" in messages[12]
    # Nothing was written: the good lines (2 and 10) wait for a clean file.
    existing.refresh_from_db()
    assert (existing.pupils, existing.yearly_fee) == (250, 3000)
    assert AnnualStatistics.objects.count() == 1


def test_a_clean_file_writes_every_line_and_a_dry_run_writes_nothing():
    content = csv_bytes(
        "kommunenummer;skoleår;elever;venteliste;årlig elevbetaling\n"
        "4640;2023–24;300;40;3 200\n"
        "301;2023;5000;900;4100\n"
    )
    checked = run(content, dry_run=True)
    assert checked.ok and checked.created == 2
    assert AnnualStatistics.objects.count() == 0

    result = run(content)

    assert result.ok
    oslo = AnnualStatistics.objects.get(municipality__number="0301", school_year=2023)
    assert (oslo.pupils, oslo.waiting, oslo.yearly_fee) == (5000, 900, 4100)
    assert AnnualStatistics.objects.get(municipality__number="4640").yearly_fee == 3200


def test_windows_1252_files_are_read_and_utf8_must_be_chosen_right():
    text = "Kommunenummer;Skoleår;Elever;Søskenmoderasjon\n4640;2022;280;30\n"
    content = csv_bytes(text, "cp1252")

    table = importing.read_table(content, "gsi.csv", "auto")
    assert table.encoding == "cp1252"
    assert table.headers == ["Kommunenummer", "Skoleår", "Elever", "Søskenmoderasjon"]
    assert run(content).ok
    row = AnnualStatistics.objects.get(municipality__number="4640", school_year=2022)
    assert row.sibling_discount_percent == 30

    with pytest.raises(importing.FileError, match="ikke gyldig UTF-8"):
        importing.read_table(content, "gsi.csv", "utf-8")
    assert importing.read_table(content, "gsi.csv", "cp1252").headers[1] == "Skoleår"


def test_xlsx_files_import_with_a_column_mapping_of_ones_own():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Knr", "Periode", "Antall elever i alt", "Pris per år"])
    sheet.append(["4640", 2021, 270, 2900])
    sheet.append([301, "2021/22", 4800, 3900.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    table = importing.read_table(content, "tall.xlsx")
    mapping = {
        "Knr": "municipality",
        "Periode": "school_year",
        "Antall elever i alt": "pupils",
        "Pris per år": "yearly_fee",
    }

    result = services.import_table(table=table, mapping=mapping, dry_run=False)

    assert result.ok, result.errors
    oslo = AnnualStatistics.objects.get(municipality__number="0301", school_year=2021)
    assert (oslo.pupils, oslo.yearly_fee) == (4800, 3900)


def test_old_municipality_numbers_are_put_on_the_2024_numbers():
    result = run(csv_bytes("kommunenummer;skoleår;elever\n3806;2022;700\n3001;2022;900\n"))

    assert result.ok, result.errors
    assert AnnualStatistics.objects.get(municipality__number="4001").pupils == 700  # Porsgrunn
    assert AnnualStatistics.objects.get(municipality__number="3101").pupils == 900  # Halden
    assert any("3806 er ført på 4001 Porsgrunn" in n for n in result.notices)


def test_a_mapping_without_municipality_or_year_is_refused_before_any_line():
    content = csv_bytes("kommune;elever\n4640;300\n")
    result = run(content, mapping={"kommune": "", "elever": "pupils"})
    assert not result.ok
    assert [m for _, m in result.errors] == [
        "Ingen kolonne er koblet til kommunenummer.",
        "Ingen kolonne er koblet til skoleår.",
    ]


def test_long_files_with_conflicting_values_for_the_same_figure_are_refused():
    content = csv_bytes(
        "kommunenummer,aar,statistikkvariabel,verdi,enhet\n"
        "4001,2021,Elevplasser i kommunens kulturskole,755,antall\n"
        "4001,2021,Elevplasser i kommunens kulturskole,760,antall\n"
        "4001,2021,Elevplasser i kommunens kulturskole,755,antall\n"
        "4001,2021,Ukjent tall,1,antall\n"
    )
    result = run(content)
    assert not result.ok
    messages = dict(result.errors)
    assert "er 760 her, men 755 på linje 2" in messages[3]
    assert "samme linje som linje 2 (duplikat)" in messages[4]
    assert "ukjent variabel «Ukjent tall»" in messages[5]
    assert AnnualStatistics.objects.count() == 0


def test_empty_and_foreign_files_are_refused_whole():
    with pytest.raises(importing.FileError, match="tom"):
        importing.read_table(b"  ", "tom.csv")
    with pytest.raises(importing.FileError, match="Bare CSV- og XLSX"):
        importing.read_table(b"hei", "brev.docx")
    with pytest.raises(importing.FileError, match="Excel"):
        importing.read_table(b"PK\x03\x04broken", "tall.xlsx")


def test_the_ssb_file_in_the_repository_is_the_shared_one():
    assert SSB_FILE.read_bytes().startswith(b"kilde_tabell,region_kode_kilde")


def test_the_command_imports_the_ssb_file_and_refuses_a_bad_one(tmp_path, capsys):
    from django.core.management import CommandError, call_command

    call_command("import_statistics", str(SSB_FILE))
    assert "154 tall for 63 nye og 0 eksisterende kommuneår er importert" in (
        capsys.readouterr().out
    )
    bad = tmp_path / "feil.csv"
    bad.write_bytes(csv_bytes(BAD_FILE))
    with pytest.raises(CommandError, match="9 feil – ingenting er endret"):
        call_command("import_statistics", str(bad))
    assert "Linje 3: ukjent kommunenummer «9999»" in capsys.readouterr().err
    assert AnnualStatistics.objects.count() == 63


def test_odd_files_and_cells_give_a_report_never_a_crash():
    import random

    rng = random.Random(8)
    cells = ["", " ", "-1", "1e9", "NaN", "Infinity", "12,5", "ja", "x", ".."]
    cells += ["2023/24", "99999", "0301", "=SUM(A1)", "<script>", "½", "3806 Porsgrunn"]
    cells += ["1 234", "2023–2025", "\u00a0"]
    for _ in range(200):
        header = "kommunenummer;skoleår;elever;årlig elevbetaling;samarbeid med sfo;årsverk"
        lines = [";".join(rng.choice(cells) for _ in range(6)) for _ in range(rng.randint(0, 5))]
        content = "\n".join([header, *lines]).encode(rng.choice(["utf-8", "cp1252"]))
        try:
            table = importing.read_table(content, "fil.csv")
        except importing.FileError:
            continue
        plan = importing.plan_import(table, importing.guess_mapping(table.headers))
        assert all(isinstance(message, str) and message for _, message in plan.errors)
    for _ in range(100):
        content = bytes(rng.randrange(256) for _ in range(rng.randint(1, 80)))
        with contextlib.suppress(importing.FileError):
            importing.read_table(content, rng.choice(["fil.csv", "fil.xlsx"]))
