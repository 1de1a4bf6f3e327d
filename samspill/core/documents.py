"""Documents people keep: PDF from an HTML template (WeasyPrint), DOCX (python-docx),
tables as CSV and XLSX (openpyxl), dates as iCal. Each area builds the content; these
helpers turn it into a download with a safe file name."""

import csv
import io
import re

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar; charset=utf-8"
CSV = "text/csv; charset=utf-8"


def filename(*parts, extension):
    """`Kontrakt Sogndal 2024` → `kontrakt-sogndal-2024.pdf` (ASCII, for every browser)."""
    return f"{slugify(' '.join(str(part) for part in parts)) or 'dokument'}.{extension}"


def download(content, *, content_type, name, inline=False):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def render_pdf(template_name, context, request=None):
    """Render a template extending `documents/base.html` to PDF bytes."""
    from weasyprint import HTML  # imported here: loading pango costs time at start-up

    html = render_to_string(template_name, context, request=request)
    return HTML(string=html).write_pdf()


def warm_up():
    """Load WeasyPrint, pango and the fonts the documents use now (about 1 s and 45 MB),
    so that the first PDF a person asks for in a worker does not wait for them: called
    when a worker starts."""
    render_pdf("documents/warm_up.html", {})


def docx_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


#: A text cell starting with one of these is a formula to Excel and LibreOffice
#: ("=HYPERLINK(...)" in a seminar point would run when the export is opened).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d\s.,]*")


def spreadsheet_safe(value):
    """A text value as a spreadsheet shows it but never runs it (OWASP's advice on CSV
    injection): a leading apostrophe when it would start a formula. Numbers, also as
    text like "-5" or "+47 22 00 00 00", stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(header, rows):
    """Semicolon-separated with a byte-order mark: what Excel in Norway opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([spreadsheet_safe(value) for value in header])
    writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, *, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text that openpyxl took for a formula: keep it text
                cell.data_type = "s"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
