"""Small helpers to put statistics in the database for tests."""

from samspill.members.models import Municipality
from samspill.statistics.models import AnnualStatistics, Source


def stats(number, year, source=Source.IMPORT, **values):
    municipality = Municipality.objects.get(number=number)
    row, _ = AnnualStatistics.objects.update_or_create(
        municipality=municipality,
        school_year=year,
        defaults={"source": source, **values},
    )
    return row


def csv_bytes(text, encoding="utf-8"):
    return text.replace("\n", "\r\n").encode(encoding)
