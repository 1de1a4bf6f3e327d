"""Fuzzing the statistics importer (issue 12): any bytes named .csv or .xlsx are either
refused with a Norwegian message or planned line by line; a file with any error writes
nothing, and a clean one writes exactly its lines."""

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samspill.statistics import importing, services
from samspill.statistics.models import AnnualStatistics

from .builders import stats

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = ["kommunenummer", "skoleår", "elever", "venteliste", "elevplasser", "årspris"]
cell = st.one_of(
    st.sampled_from(["4640", "3905", "0301", "9999", "1508", "", "-", "2023", "2023-2024"]),
    st.integers(-1000, 10**7).map(str),
    st.text(max_size=30),
    st.sampled_from(["=1+1", "1e9", "NaN", "1 234", "12,5", "\x00", '"', ";"]),
)
csv_file = st.tuples(
    st.lists(st.sampled_from([*HEADERS, "ukjent", ""]), max_size=8),
    st.lists(st.lists(cell, max_size=8), max_size=25),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "cp1252"]),
)


def _content(header, rows, delimiter, encoding):
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return "\r\n".join(lines).encode(encoding, errors="replace")


def _state():
    return list(AnnualStatistics.objects.order_by("pk").values_list())


def _check(content, name):
    before = _state()
    try:
        table = importing.read_table(content, name)
    except importing.FileError as error:
        assert str(error)  # refused with a message
        assert _state() == before
        return
    result = services.import_table(
        table=table, mapping=importing.guess_mapping(table.headers), dry_run=False
    )
    if not result.ok:
        assert result.errors and all(isinstance(m, str) and m for _line, m in result.errors)
        assert _state() == before  # all or nothing
    else:
        assert AnnualStatistics.objects.count() == len(before) + result.created


@FUZZ
@given(parts=csv_file)
def test_any_csv_is_refused_or_imported_whole(parts):
    stats("4640", 2023, pupils=250)  # a row that a bad file must leave alone
    _check(_content(*parts), "fil.csv")


@FUZZ
@given(content=st.binary(max_size=400), name=st.sampled_from(["fil.csv", "fil.xlsx"]))
def test_any_bytes_are_refused_or_imported_whole(content, name):
    _check(content, name)
