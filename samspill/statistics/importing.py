"""Reading statistics files (CSV or XLSX, UTF-8 or Windows-1252) through a column mapping
into per-municipality, per-school-year figures, with a line-by-line report in Norwegian.

Two shapes of file are understood:

* wide: one line per municipality and school year, one column per figure (GSI exports,
  NKR's own spreadsheets);
* long: one line per municipality, year and variable, with the value in one column and
  the variable's name (or SSB code) and unit in others (SSB StatBank extracts, such as the
  Vestfold and Telemark file in data/).

Parsing never writes; `services.statistics_import_run` applies a clean plan in one
transaction, so a file with any error changes nothing."""

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.members.models import Municipality

from .fields import BOOLEAN, COUNT, DECIMAL, FIGURES, FIGURES_BY_NAME, PERCENT
from .models import FIRST_SCHOOL_YEAR, LAST_SCHOOL_YEAR

DATA_DIR = Path(__file__).resolve().parent / "data"
MEMBERS_DATA_DIR = Path(__file__).resolve().parent.parent / "members" / "data"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_COUNT = 1_000_000

# Mapping targets besides the figures themselves.
IGNORE = ""
MUNICIPALITY = "municipality"
MUNICIPALITY_2024 = "municipality_2024"
SCHOOL_YEAR = "school_year"
LEVEL = "level"
VARIABLE = "variable"
VARIABLE_CODE = "variable_code"
VALUE = "value"
UNIT = "unit"

KEY_TARGETS = [
    (IGNORE, gettext_lazy("– ikke bruk –")),
    (MUNICIPALITY, gettext_lazy("Kommunenummer")),
    (MUNICIPALITY_2024, gettext_lazy("Kommunenummer 2024 (brukes når det er fylt ut)")),
    (SCHOOL_YEAR, gettext_lazy("Skoleår eller år")),
    (LEVEL, gettext_lazy("Nivå (kommune/fylke)")),
    (VARIABLE, gettext_lazy("Variabel (langt format)")),
    (VARIABLE_CODE, gettext_lazy("Variabelkode (langt format)")),
    (VALUE, gettext_lazy("Verdi (langt format)")),
    (UNIT, gettext_lazy("Enhet (langt format)")),
]

GUESSES = {
    MUNICIPALITY: ("kommunenummer", "kommunenr", "knr", "region_kode_kilde", "region", "kommune"),
    MUNICIPALITY_2024: ("kommunenummer_2024", "kommunenummer 2024"),
    SCHOOL_YEAR: ("skoleår", "skolear", "år", "aar", "year", "tid"),
    LEVEL: ("nivå", "nivaa", "niva"),
    VARIABLE: ("statistikkvariabel", "variabel"),
    VARIABLE_CODE: ("statistikkvariabel_kode", "contentscode", "variabelkode"),
    VALUE: ("verdi", "value"),
    UNIT: ("enhet", "unit"),
}

#: SSB's variables in long files: (variable code or name, unit) → figure.
SSB_VARIABLES = {
    ("kosmusikkelevpla0000", "antall"): "places",
    ("elevplasser i kommunens kulturskole", "antall"): "places",
    ("kosmusikkandelba0000", "prosent"): "ssb_share_6_15",
    ("barn 6-15 år i kommunens kulturskole", "prosent"): "ssb_share_6_15",
    ("barn 6-15 år i kommunens kulturskole", "antall"): "pupils_age_6_15",
    ("07459_sum_6-15", "personer"): "population_6_15",
    ("befolkning 6-15 år (sum av ettårige aldre 6-15, per 1.1.)", "personer"): "population_6_15",
    ("befolkning 6-15 år", "personer"): "population_6_15",
}
MUNICIPAL_LEVELS = {"kommune", "kommuner", "municipality", "k"}
MISSING = {"", ".", "..", ":", "-", "–", "x"}
TRUE = {"ja", "j", "yes", "y", "1", "true", "sann", "x"}
FALSE = {"nei", "n", "no", "0", "false", "usann"}


class FileError(Exception):
    """The file as a whole cannot be read."""


def _normal(text):
    text = str(text or "").strip().lower().replace("–", "-").replace("_", " ")
    return re.sub(r"\s+", " ", text)


# --- Reading the file ------------------------------------------------------------------


@dataclass
class Table:
    headers: list
    rows: list  # [(line number, [cell, ...]), ...]
    encoding: str = ""


def decode(content, encoding):
    """Bytes → text. "auto" tries UTF-8 (with or without BOM) and falls back to
    Windows-1252, the encoding Excel in Norway writes CSV files in."""
    if encoding in ("auto", "utf-8"):
        try:
            return content.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            if encoding == "utf-8":
                raise FileError(
                    _(
                        "Filen er ikke gyldig UTF-8. Velg Windows-1252 som tegnkoding, "
                        "eller lagre filen som «CSV UTF-8»."
                    )
                ) from None
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise FileError(_("Filen kan ikke leses som Windows-1252 heller.")) from None


def read_table(content, file_name, encoding="auto"):
    if len(content) > MAX_FILE_BYTES:
        raise FileError(_("Filen er større enn 10 MB."))
    if not content.strip():
        raise FileError(_("Filen er tom."))
    suffix = Path(file_name).suffix.lower()
    if suffix == ".xlsx" or content[:2] == b"PK":
        return _read_xlsx(content)
    if suffix not in {".csv", ".txt", ""}:
        raise FileError(_("Bare CSV- og XLSX-filer kan importeres."))
    if b"\x00" in content:
        # A text file never holds NUL; UTF-16 files do (and PostgreSQL refuses it in text).
        raise FileError(
            _("Filen inneholder ugyldige tegn. Lagre den som «CSV UTF-8» og prøv igjen.")
        )
    text, used = decode(content, encoding)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = [(number, row) for number, row in enumerate(reader, start=1)]
    return _table(lines, used)


def _read_xlsx(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise FileError(_("Filen kan ikke leses som et Excel-regneark (XLSX).")) from None
    sheet = workbook.worksheets[0]
    lines = [
        (number, ["" if cell is None else cell for cell in row])
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
    workbook.close()
    return _table(lines, "xlsx")


def _table(lines, encoding):
    lines = [(n, row) for n, row in lines if any(str(cell).strip() for cell in row)]
    if not lines:
        raise FileError(_("Filen har ingen rader."))
    (_line, header), *rows = lines
    headers = [str(cell).strip() for cell in header]
    if len(set(filter(None, headers))) != len([h for h in headers if h]):
        raise FileError(_("To kolonner har samme overskrift."))
    return Table(headers=headers, rows=rows, encoding=encoding)


# --- The mapping -----------------------------------------------------------------------


def target_choices():
    return KEY_TARGETS + [(figure.name, figure.label) for figure in FIGURES]


def guess_mapping(headers):
    """A first suggestion: each heading → the target whose name or alias it matches."""
    aliases = {}
    for target, names in GUESSES.items():
        for name in names:
            aliases.setdefault(_normal(name), target)
    for figure in FIGURES:
        aliases.setdefault(_normal(figure.name), figure.name)
        aliases.setdefault(_normal(figure.label), figure.name)
        for alias in figure.aliases:
            aliases.setdefault(_normal(alias), figure.name)
    mapping, used = {}, set()
    for header in headers:
        target = aliases.get(_normal(header), IGNORE)
        if target in used:
            target = IGNORE
        mapping[header] = target
        if target:
            used.add(target)
    return mapping


def mapping_problems(mapping):
    """What is wrong with a mapping as a whole (no line numbers)."""
    problems = []
    targets = [t for t in mapping.values() if t]
    for target, count in Counter(targets).items():
        if count > 1:
            problems.append(
                _("Flere kolonner er koblet til «%(target)s».") % {"target": _target_label(target)}
            )
    if MUNICIPALITY not in targets and MUNICIPALITY_2024 not in targets:
        problems.append(_("Ingen kolonne er koblet til kommunenummer."))
    if SCHOOL_YEAR not in targets:
        problems.append(_("Ingen kolonne er koblet til skoleår."))
    long = VALUE in targets
    if long and VARIABLE not in targets and VARIABLE_CODE not in targets:
        problems.append(_("Langt format trenger en kolonne med variabelen eller variabelkoden."))
    figures = [t for t in targets if t in FIGURES_BY_NAME]
    if not long and not figures:
        problems.append(_("Ingen kolonne er koblet til et tall som skal importeres."))
    if long and figures:
        problems.append(
            _("Velg enten langt format (verdi og variabel) eller én kolonne per tall, ikke begge.")
        )
    return problems


def _target_label(target):
    return str(dict(target_choices()).get(target, target))


# --- Municipality numbers --------------------------------------------------------------


@cache
def _crosswalk():
    """2023 number → [2024 numbers] (kommune_overgang_2023_2024.csv)."""
    result = defaultdict(list)
    with open(MEMBERS_DATA_DIR / "kommune_overgang_2023_2024.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            result[row["kommunenummer_2023"]].append(row["kommunenummer_2024"])
    return dict(result)


@cache
def _before_2020():
    with open(DATA_DIR / "kommunenummer_for_2020.txt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip()[:1].isdigit())


def _clean_number(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = re.match(r"^\D{0,3}?(\d{1,4})(?:\D.*)?$", str(value).strip())
    return match.group(1).zfill(4) if match else None


class MunicipalityResolver:
    """Finds the 2024 municipality for a number, mapping old numbers as it goes."""

    def __init__(self):
        self.by_number = dict(Municipality.objects.values_list("number", "pk"))
        self.names = dict(Municipality.objects.values_list("number", "name"))
        self.mapped = Counter()  # (old, new) → lines
        self.before_2020 = Counter()  # old number → lines skipped

    def resolve(self, raw, raw_2024=""):
        """(municipality id, None) or (None, error message) or (None, "") to skip."""
        number_2024 = _clean_number(raw_2024) if str(raw_2024 or "").strip() else None
        if number_2024:
            if number_2024 in self.by_number:
                return self.by_number[number_2024], None
            return None, _("ukjent kommunenummer 2024 «%(value)s»") % {"value": raw_2024}
        if not str(raw or "").strip():
            return None, _("kommunenummer mangler")
        number = _clean_number(raw)
        if number is None:
            return None, _("«%(value)s» er ikke et kommunenummer") % {"value": raw}
        if number in self.by_number:
            return self.by_number[number], None
        targets = _crosswalk().get(number)
        if targets and len(targets) == 1 and targets[0] in self.by_number:
            self.mapped[(number, targets[0])] += 1
            return self.by_number[targets[0]], None
        if targets:
            return None, _(
                "kommunenummer %(number)s ble delt i %(targets)s fra 2024, og tallene kan ikke "
                "fordeles automatisk"
            ) % {"number": number, "targets": ", ".join(targets)}
        if number in _before_2020():
            self.before_2020[number] += 1
            return None, ""
        return None, _("ukjent kommunenummer «%(value)s»") % {"value": raw}


# --- Values ----------------------------------------------------------------------------


def parse_school_year(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    match = re.match(r"^\s*(\d{4})(?:\s*[-–/]\s*(\d{2}|\d{4}))?\s*$", str(value))
    if not match:
        raise ValueError(
            _("«%(value)s» er ikke et skoleår (f.eks. 2023 eller 2023–24)") % {"value": value}
        )
    year = int(match.group(1))
    if match.group(2) and int(match.group(2)[-2:]) != (year + 1) % 100:
        raise ValueError(
            _("«%(value)s» er ikke et skoleår (f.eks. 2023 eller 2023–24)") % {"value": value}
        )
    if not FIRST_SCHOOL_YEAR <= year <= LAST_SCHOOL_YEAR:
        raise ValueError(_("skoleåret %(year)s er utenfor det mulige") % {"year": year})
    return year


def parse_value(figure, value):
    """The cell as the figure's Python value; None when empty; ValueError when wrong."""
    if isinstance(value, bool):
        value = "ja" if value else "nei"
    text = str(value).strip().replace("\xa0", "").replace(" ", "")
    if text.lower() in MISSING:
        return None
    label = figure.label
    if figure.kind == BOOLEAN:
        if text.lower() in TRUE:
            return True
        if text.lower() in FALSE:
            return False
        raise ValueError(
            _("«%(label)s» må være ja eller nei, ikke «%(value)s»")
            % {"label": label, "value": value}
        )
    try:
        number = Decimal(text.replace(",", "."))
        if not number.is_finite():  # "NaN", "Infinity"
            raise InvalidOperation
    except InvalidOperation:
        raise ValueError(
            _("«%(label)s» er ikke et tall: «%(value)s»") % {"label": label, "value": value}
        ) from None
    if number < 0:
        raise ValueError(
            _("«%(label)s» kan ikke være negativ (%(value)s)") % {"label": label, "value": value}
        )
    if figure.kind == COUNT or figure.name == "sibling_discount_percent":
        if number != number.to_integral_value():
            raise ValueError(
                _("«%(label)s» må være et helt tall, ikke %(value)s")
                % {"label": label, "value": value}
            )
        number = int(number)
        limit = 100 if figure.name == "sibling_discount_percent" else MAX_COUNT
        if number > limit:
            raise ValueError(
                _("«%(label)s» er umulig høy (%(value)s)") % {"label": label, "value": value}
            )
        return number
    if figure.kind == PERCENT and number > 200:
        raise ValueError(
            _("«%(label)s» er umulig høy (%(value)s)") % {"label": label, "value": value}
        )
    if figure.kind == DECIMAL and number > 100_000:
        raise ValueError(
            _("«%(label)s» er umulig høy (%(value)s)") % {"label": label, "value": value}
        )
    places = 1 if figure.kind == PERCENT else 2
    return number.quantize(Decimal(1).scaleb(-places))


def impossible(values):
    """Figures that cannot all be true together (the same line or municipality-year)."""
    problems = []

    def given(*names):
        return all(values.get(name) is not None for name in names)

    if given("pupils_girls", "pupils_boys", "pupils") and (
        values["pupils_girls"] + values["pupils_boys"] > values["pupils"]
    ):
        problems.append(_("flere jenter og gutter enn elever i alt"))
    ages = [
        values.get(n)
        for n in ("pupils_age_0_5", "pupils_age_6_15", "pupils_age_16_19", "pupils_age_20_plus")
    ]
    if values.get("pupils") is not None and sum(a or 0 for a in ages) > values["pupils"]:
        problems.append(_("flere elever i aldersgruppene enn elever i alt"))
    if given("places", "pupils") and values["places"] < values["pupils"]:
        problems.append(_("færre elevplasser enn elever (hver elev har minst én plass)"))
    if given("pupils_age_6_15", "population_6_15") and (
        values["pupils_age_6_15"] > values["population_6_15"]
    ):
        problems.append(_("flere elever 6–15 år enn innbyggere 6–15 år"))
    return problems


# --- The plan --------------------------------------------------------------------------


@dataclass
class Plan:
    """What an import would do: values per (municipality id, school year), and the report."""

    values: dict = field(default_factory=dict)  # (municipality_id, year) → {figure: value}
    errors: list = field(default_factory=list)  # [(line, message)]
    notices: list = field(default_factory=list)
    lines: int = 0
    skipped: int = 0
    format: str = "wide"

    @property
    def ok(self):
        return not self.errors

    def error(self, line, message):
        self.errors.append((line, message))


def plan_import(table, mapping):
    plan = Plan(lines=len(table.rows))
    for problem in mapping_problems(mapping):
        plan.error(None, problem)
    if plan.errors:
        return plan
    column = {
        target: table.headers.index(header)
        for header, target in mapping.items()
        if target and header in table.headers
    }
    plan.format = "long" if VALUE in column else "wide"
    resolver = MunicipalityResolver()
    seen = {}  # key → (line, raw row, value)
    lines_of = defaultdict(list)  # (municipality, year) → lines

    def cell(row, target):
        index = column.get(target)
        if index is None or index >= len(row):
            return ""
        return row[index]

    other_levels = Counter()
    for line, row in table.rows:
        if LEVEL in column:
            level = _normal(cell(row, LEVEL))
            if level and level not in MUNICIPAL_LEVELS:
                other_levels[level] += 1
                plan.skipped += 1
                continue
        municipality_id, problem = resolver.resolve(
            cell(row, MUNICIPALITY), cell(row, MUNICIPALITY_2024)
        )
        if problem == "":
            plan.skipped += 1
            continue
        problems = [problem] if problem else []
        try:
            year = parse_school_year(cell(row, SCHOOL_YEAR))
        except ValueError as error:
            problems.append(str(error))
            year = None
        found = _long_value(row, cell) if plan.format == "long" else _wide_values(row, column)
        if isinstance(found, str):
            problems.append(found)
            found = {}
        values = {}
        for name, raw in found.items():
            try:
                value = parse_value(FIGURES_BY_NAME[name], raw)
            except ValueError as error:
                problems.append(str(error))
                continue
            if value is not None:
                values[name] = value
        if plan.format == "wide":
            problems.extend(impossible(values))
        if problems:
            plan.error(line, "; ".join(problems))
            continue
        key = (municipality_id, year)
        if plan.format == "wide":
            if key in seen:
                plan.error(
                    line,
                    _("samme kommune og skoleår som linje %(line)s (duplikat)")
                    % {"line": seen[key][0]},
                )
                continue
            seen[key] = (line, row, None)
            plan.values[key] = values
        else:
            for name, value in values.items():
                long_key = (*key, name)
                if long_key in seen:
                    earlier, earlier_row, earlier_value = seen[long_key]
                    if earlier_value != value:
                        plan.error(
                            line,
                            _(
                                "«%(label)s» for samme kommune og år er %(value)s her, men "
                                "%(earlier_value)s på linje %(earlier)s"
                            )
                            % {
                                "label": FIGURES_BY_NAME[name].label,
                                "value": value,
                                "earlier_value": earlier_value,
                                "earlier": earlier,
                            },
                        )
                    elif earlier_row == row:
                        plan.error(
                            line, _("samme linje som linje %(line)s (duplikat)") % {"line": earlier}
                        )
                    else:
                        plan.notices.append(
                            _(
                                "Linje %(line)s gir samme verdi som linje %(earlier)s (fra en "
                                "annen kilde); tatt med én gang."
                            )
                            % {"line": line, "earlier": earlier}
                        )
                    continue
                seen[long_key] = (line, row, value)
                plan.values.setdefault(key, {})[name] = value
        lines_of[key].append(line)
    if plan.format == "long":
        for key, values in plan.values.items():
            for problem in impossible(values):
                plan.error(
                    lines_of[key][0],
                    problem
                    + " "
                    + _("(linje %(lines)s)") % {"lines": ", ".join(str(n) for n in lines_of[key])},
                )
    _explain(plan, resolver, other_levels)
    plan.errors.sort(key=lambda item: item[0] or 0)
    return plan


def _wide_values(row, column):
    return {
        target: row[index] if index < len(row) else ""
        for target, index in column.items()
        if target in FIGURES_BY_NAME
    }


def _long_value(row, cell):
    unit = _normal(cell(row, UNIT))
    for key in (_normal(cell(row, VARIABLE_CODE)), _normal(cell(row, VARIABLE))):
        if not key:
            continue
        name = SSB_VARIABLES.get((key, unit)) or SSB_VARIABLES.get((key, ""))
        if name is None:
            for figure in FIGURES:
                if key in {_normal(figure.name), _normal(figure.label)} | {
                    _normal(a) for a in figure.aliases
                }:
                    name = figure.name
                    break
        if name:
            return {name: cell(row, VALUE)}
    return _("ukjent variabel «%(variable)s» (%(unit)s)") % {
        "variable": cell(row, VARIABLE) or cell(row, VARIABLE_CODE),
        "unit": cell(row, UNIT) or "–",
    }


def _explain(plan, resolver, other_levels):
    for (old, new), count in sorted(resolver.mapped.items()):
        plan.notices.append(
            _("Kommunenummer %(old)s er ført på %(new)s %(name)s (2024) – %(count)s linjer.")
            % {"old": old, "new": new, "name": resolver.names[new], "count": count}
        )
    if resolver.before_2020:
        plan.notices.append(
            _(
                "%(count)s linjer med kommunenumre fra før 2020 er hoppet over, fordi de ikke kan "
                "føres på én kommune i 2024: %(numbers)s."
            )
            % {
                "count": sum(resolver.before_2020.values()),
                "numbers": ", ".join(sorted(resolver.before_2020)),
            }
        )
    for level, count in sorted(other_levels.items()):
        plan.notices.append(
            _("%(count)s linjer på nivået «%(level)s» er hoppet over (bare kommunetall lagres).")
            % {"count": count, "level": level}
        )
