"""A plan's measures as a table (CSV with semicolons and BOM, XLSX), and the same table
read back for import: an exported file, edited in Excel, imports without changes."""

import csv
import datetime
import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samspill.members.models import Region, StaffUnit

from .models import Goal, Measure, MeasureLevel, Status


def columns():
    return [
        _("ID"),
        _("Mål"),
        _("Nivå"),
        _("Tiltak"),
        _("Ansvarlig"),
        _("Frist"),
        _("Status"),
        _("Fremdrift (%)"),
        _("Kommentar"),
    ]


def measure_rows(measures):
    for m in measures:
        yield [
            m.pk,
            m.goal.code,
            m.get_level_display(),
            m.text,
            str(m.responsible or ""),
            date_format(m.deadline, "SHORT_DATE_FORMAT") if m.deadline else "",
            m.get_status_display(),
            m.progress,
            "",
        ]


MAX_UPLOAD = 2 * 1024 * 1024


class UnreadableFile(Exception):
    pass


def read_table(upload):
    """(line number, {column: value}) for every non-empty row of an uploaded CSV or XLSX
    file; line numbers as the user sees them in the file (the header is line 1)."""
    name = (upload.name or "").lower()
    if upload.size > MAX_UPLOAD:
        raise UnreadableFile(_("Filen er for stor (høyst 2 MB)."))
    content = upload.read()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif name.endswith(".csv") or name.endswith(".txt"):
        rows = _csv_rows(content)
    else:
        raise UnreadableFile(_("Last opp en CSV-fil eller en Excel-fil (.xlsx)."))
    if not rows:
        raise UnreadableFile(_("Filen er tom."))
    header = [str(cell or "").strip() for cell in rows[0]]
    missing = [c for c in columns()[:8] if c not in header]
    if missing:
        raise UnreadableFile(
            _("Filen mangler kolonnene %(columns)s. Bruk eksportfilen som mal.")
            % {"columns": ", ".join(missing)}
        )
    table = []
    for number, row in enumerate(rows[1:], start=2):
        values = {
            header[i]: ("" if cell is None else cell)
            for i, cell in enumerate(row)
            if i < len(header)
        }
        if any(str(v).strip() for v in values.values()):
            table.append((number, values))
    return table


def _csv_rows(content):
    if b"\x00" in content:
        # A text file never holds NUL (UTF-16 files do), and PostgreSQL refuses it in text.
        raise UnreadableFile(_("Filen kan ikke leses som tekst. Lagre den som CSV (UTF-8)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableFile(_("Filen kan ikke leses som tekst.")) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        # newline="": line breaks in quoted cells and stray carriage returns are read as
        # the csv module expects (the fuzzer found the crash without it).
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableFile(
            _("Filen kan ikke leses som CSV (%(reason)s).") % {"reason": error}
        ) from error


def _xlsx_rows(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(_("Filen kan ikke leses som en Excel-fil.")) from error
    sheet = workbook.active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _date(value):
    if value in ("", None):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


class ImportContext:
    """Looks up goals, responsible units and statuses by what the file says."""

    def __init__(self, plan):
        self.plan = plan
        self.goals = {
            g.code: g for g in Goal.objects.filter(area__plan=plan).select_related("area")
        }
        self.measures = {m.pk: m for m in Measure.objects.filter(goal__area__plan=plan)}
        self.units = {u.name.lower(): u for u in StaffUnit.objects.all()}
        self.regions = {r.name.lower(): r for r in Region.objects.all()}
        self.statuses = {}
        for status in Status:
            self.statuses[str(status.label).lower()] = status
            self.statuses[status.value] = status
        self.levels = {}
        for level in MeasureLevel:
            self.levels[str(level.label).lower()] = level
            self.levels[level.value] = level
        self.levels[_("nasjonalt").lower()] = MeasureLevel.NATIONAL
        self.levels[_("regionalt").lower()] = MeasureLevel.REGIONAL

    def parse(self, row, errors):
        c = columns()
        get = lambda name: str(row.get(name, "") or "").strip()  # noqa: E731
        parsed = {"measure": None}
        ident = get(c[0])
        if ident:
            try:
                number = int(float(ident))
            except ValueError:
                number = None
            parsed["measure"] = self.measures.get(number)
            if parsed["measure"] is None:
                errors.append(_("Fant ikke tiltak med ID %(id)s i denne planen.") % {"id": ident})
        goal_code = get(c[1])
        parsed["goal"] = self.goals.get(goal_code)
        if parsed["goal"] is None:
            errors.append(
                _("Planen har ikke noe mål «%(code)s» (skriv f.eks. 1.2 for område 1, mål 2).")
                % {"code": goal_code}
            )
        parsed["level"] = self.levels.get(get(c[2]).lower())
        if parsed["level"] is None:
            errors.append(
                _("Ukjent nivå «%(value)s»; skriv Nasjonalt eller Regionalt.")
                % {"value": get(c[2])}
            )
        parsed["text"] = get(c[3])
        if not parsed["text"]:
            errors.append(_("Tiltaket mangler tekst."))
        responsible = get(c[4]).lower()
        parsed["unit"] = self.units.get(responsible)
        parsed["region"] = None if parsed["unit"] else self.regions.get(responsible)
        if responsible and not (parsed["unit"] or parsed["region"]):
            errors.append(
                _(
                    "Ukjent ansvarlig «%(value)s»; skriv navnet på et kompetansefellesskap "
                    "eller en region."
                )
                % {"value": get(c[4])}
            )
        try:
            parsed["deadline"] = _date(row.get(c[5]))
        except ValueError:
            errors.append(
                _("Ugyldig frist «%(value)s»; skriv dato som dd.mm.åååå.") % {"value": get(c[5])}
            )
        status_text = get(c[6]).lower()
        parsed["status"] = self.statuses.get(status_text) if status_text else Status.NOT_STARTED
        if parsed["status"] is None:
            errors.append(
                _("Ukjent status «%(value)s»; bruk en av: %(choices)s.")
                % {"value": get(c[6]), "choices": ", ".join(str(s.label) for s in Status)}
            )
        progress = get(c[7]).replace("%", "").strip()
        parsed["progress"] = None
        if progress:
            try:
                parsed["progress"] = int(float(progress.replace(",", ".")))
            except ValueError:
                errors.append(_("Fremdriften «%(value)s» er ikke et tall.") % {"value": progress})
            else:
                if not 0 <= parsed["progress"] <= 100:
                    errors.append(_("Fremdriften må være mellom 0 og 100 %."))
        parsed["comment"] = get(c[8])
        return parsed
