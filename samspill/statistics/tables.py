"""A chart and the table behind it: the same rows are shown on the page, downloaded as
CSV or XLSX, and written into the price study's report."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format

from samspill.core import documents


@dataclass
class StatTable:
    slug: str
    title: str
    columns: list
    rows: list  # [[cell, ...]]; the first cell of a row is its heading
    chart: str = ""
    note: str = ""
    links: dict = field(default_factory=dict)  # first cell → URL

    def download(self, fmt, name_parts):
        header = [str(c) for c in self.columns]
        rows = [[_plain(cell) for cell in row] for row in self.rows]
        name = documents.filename(*name_parts, self.slug, extension=fmt)
        if fmt == "xlsx":
            return documents.download(
                documents.xlsx_bytes(header, rows, title=str(self.title)),
                content_type=documents.XLSX,
                name=name,
            )
        return documents.download(
            documents.csv_bytes(header, [["" if c is None else c for c in r] for r in rows]),
            content_type=documents.CSV,
            name=name,
        )


class Fixed:
    """A number shown with a fixed number of decimals (a correlation: −0,31)."""

    def __init__(self, value, decimals):
        self.value, self.decimals = value, decimals

    def __str__(self):
        return show(self.value, self.decimals)


def is_number(cell):
    return isinstance(cell, int | float | Decimal | Fixed) and not isinstance(cell, bool)


def _plain(cell):
    if isinstance(cell, Fixed):
        return None if cell.value is None else round(cell.value, cell.decimals)
    if isinstance(cell, Decimal):
        return float(cell)
    if isinstance(cell, float):
        return round(cell, 2)
    if cell is None:
        return None
    return cell if isinstance(cell, int) else str(cell)


def show(value, decimals=1):
    """A cell for the page: grouped integers, one decimal for rates, – for unknown."""
    if value is None or value == "":
        return "–"
    if isinstance(value, Fixed):
        return str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, float | Decimal):
        return number_format(
            round(float(value), decimals), decimal_pos=decimals, force_grouping=True
        )
    return value


def respond(request, tables, *name_parts):
    """The download a `?tabell=…&format=csv|xlsx` link asks for, or None."""
    slug, fmt = request.GET.get("tabell"), request.GET.get("format")
    if not slug or fmt not in {"csv", "xlsx"}:
        return None
    for table in tables:
        if table.slug == slug:
            return table.download(fmt, name_parts)
    return None
