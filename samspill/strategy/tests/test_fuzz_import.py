"""Fuzzing the measures import (issue 12): any file is refused with a Norwegian message
or imported line by line, all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from samspill.strategy import exports, services
from samspill.strategy.models import Measure

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADER = "ID;Mål;Nivå;Tiltak;Ansvarlig;Frist;Status;Fremdrift (%);Kommentar"
cell = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["1.1", "2.1", "9.9", "nasjonalt", "regionalt", "2025-13-40", "31.12.2025",
                     "Pågår", "Gjennomført", "150", "-5", "=1+1", "\r", "\x00", '"']),
)  # fmt: skip
row = st.lists(cell, min_size=0, max_size=10).map(";".join)
content = st.one_of(
    st.lists(row, max_size=20).map(lambda rows: "\r\n".join([HEADER, *rows]).encode()),
    st.binary(max_size=300),
)


def _state():
    return sorted(Measure.objects.values_list("pk", "text", "status", "progress"))


@FUZZ
@given(data=content, name=st.sampled_from(["tiltak.csv", "tiltak.xlsx", "tiltak.txt"]))
def test_any_measures_file_is_refused_or_imported_whole(plan, personas, data, name):
    before = _state()
    try:
        rows = exports.read_table(SimpleUploadedFile(name, data))
        report = services.measures_import(plan=plan, rows=rows, user=personas.leader)
    except exports.UnreadableFile as error:
        assert str(error)  # a message for the person, in Norwegian
        assert _state() == before
    except services.ImportFailed as failure:
        assert all(message for line in failure.report.lines for message in line.errors)
        assert _state() == before  # all or nothing
    else:
        assert report.ok
