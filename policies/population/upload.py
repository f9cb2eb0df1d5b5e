"""Reading an uploaded registry (CSV or XLSX) into rows, or refusing it whole.

The first row names the columns: a fact's name (``revenue_latest_year``) or its
label in English or Chinese, with an optional unit in brackets ("营业收入（万元）"
reads bare figures in 万元), plus the enterprise's code (required) and name. Every
cell is read as the check reads answers (``cells``), and every row's profile goes
through ``profile.parse``, the API's own validation. All problems are collected,
each naming its row (as the spreadsheet numbers it) and column, and any problem
refuses the whole file: nothing is stored until every row is good.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..rules.facts import INPUT_FACTS
from ..rules.profile import ProfileError, parse
from ..rules.serialize import json_value
from .cells import CellError, blank, labels, normalize, read_cell
from .codec import Row

CODE = "code"
NAME = "name"
CODE_LABELS = (gettext_noop("Enterprise code"), gettext_noop("Unified credit code"))
NAME_LABELS = (gettext_noop("Enterprise name"),)
MAX_CODE_LENGTH = 100
UNITS = {
    "元": Decimal(1),
    "cny": Decimal(1),
    "yuan": Decimal(1),
    "万元": Decimal(10**4),
    "万": Decimal(10**4),
    "亿元": Decimal(10**8),
    "亿": Decimal(10**8),
    "%": Decimal(1),
}
UNIT_SUFFIX = re.compile(r"^(?P<name>.*?)\s*[(（]\s*(?P<unit>[^()（）]+?)\s*[)）]$")
# A zip whose parts would expand to more than this many times the upload limit is
# not a registry but a bomb.
MAX_EXPANSION = 10


class UploadRefused(Exception):
    """The file is refused; ``problems`` lists every reason, in file order."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


@dataclass(frozen=True)
class Column:
    header: str
    key: str  # CODE, NAME or a fact's name
    unit: Decimal = Decimal(1)


def read_population(upload: UploadedFile) -> tuple[list[Row], list[str]]:
    """The file's rows and the facts its columns give, or ``UploadRefused``."""
    limit = settings.POPULATION_MAX_UPLOAD_MB
    if upload.size > limit * 1024 * 1024:
        raise UploadRefused(
            [_("The file is larger than %(limit)s MB.") % {"limit": limit}]
        )
    data = upload.read()
    if zipfile.is_zipfile(io.BytesIO(data)):
        lines = _xlsx_lines(data)
    elif (upload.name or "").lower().endswith((".csv", ".txt")):
        lines = _csv_lines(data)
    else:
        raise UploadRefused([_("Upload a CSV file or an Excel workbook (.xlsx).")])
    return _rows(lines)


def _csv_lines(data: bytes) -> Iterator[tuple[int, list[object]]]:
    if b"\x00" in data:
        raise UploadRefused([_("This is not a CSV file: it holds binary data.")])
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = codecs.decode(data, encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UploadRefused([_("The file is neither UTF-8 nor GB18030 text.")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        message = _("row %(row)s: not valid CSV (%(error)s).")
        raise UploadRefused(
            [message % {"row": reader.line_num, "error": error}]
        ) from None


def _xlsx_lines(data: bytes) -> Iterator[tuple[int, list[object]]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        expanded = sum(info.file_size for info in archive.infolist())
        ceiling = settings.POPULATION_MAX_UPLOAD_MB * 1024 * 1024 * MAX_EXPANSION
        if expanded > ceiling:
            raise UploadRefused([_("The workbook expands to far more than its size.")])
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            yield number, [_xlsx_value(cell) for cell in cells]
    except UploadRefused:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise UploadRefused(
            [_("The workbook cannot be read; save it again as .xlsx.")]
        ) from None


def _xlsx_value(cell) -> object:
    """A cell's value; a formula stays its text ("=A1*2") so it is refused."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f" and not str(value).startswith("="):
        return f"={value}"
    return value


def _columns(header: list[object]) -> tuple[list[Column | None], list[str]]:
    """Each header cell's column (None for a blank one), and the problems."""
    known = _header_index()
    columns: list[Column | None] = []
    problems = []
    seen: dict[str, str] = {}
    for position, cell in enumerate(header, start=1):
        if blank(cell):
            columns.append(None)
            continue
        text = str(cell).strip()
        column = _column(text, known)
        where = _("column %(column)s “%(header)s”") % {
            "column": _letters(position),
            "header": text,
        }
        if column is None:
            problems.append(
                _("%(where)s: not a fact’s name or label (see the fact catalogue).")
                % {"where": where}
            )
        elif column.key in seen:
            problems.append(
                _("%(where)s: gives %(fact)s again, already in “%(other)s”.")
                % {"where": where, "fact": column.key, "other": seen[column.key]}
            )
        else:
            seen[column.key] = text
        columns.append(column)
    if CODE not in seen and not problems:
        problems.append(
            _("No column gives the enterprise’s code (a column named “code”).")
        )
    return columns, problems


def _column(text: str, known: dict[str, str]) -> Column | None:
    key = known.get(normalize(text))
    if key is not None:
        return Column(text, key)
    match = UNIT_SUFFIX.match(text)
    if match:
        key = known.get(normalize(match["name"]))
        unit = UNITS.get(normalize(match["unit"]))
        if key is not None and unit is not None:
            return Column(text, key, unit)
    return None


def _header_index() -> dict[str, str]:
    """Every accepted header, normalized, to the column's key."""
    index = {CODE: CODE, NAME: NAME}
    for label in CODE_LABELS:
        index.update(dict.fromkeys(labels(label), CODE))
    for label in NAME_LABELS:
        index.update(dict.fromkeys(labels(label), NAME))
    for fact in INPUT_FACTS:
        index.update(
            dict.fromkeys(labels(fact.label) | {normalize(fact.name)}, fact.name)
        )
    return index


def _letters(position: int) -> str:
    """A column's spreadsheet letters: 1 is A, 27 is AA."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


FACTS = {fact.name: fact for fact in INPUT_FACTS}


def _rows(lines: Iterator[tuple[int, list[object]]]) -> tuple[list[Row], list[str]]:
    first = next(lines, None)
    if first is None:
        raise UploadRefused([_("The file is empty.")])
    columns, problems = _columns(first[1])
    if problems:
        raise UploadRefused(problems)
    rows: list[Row] = []
    first_row_of: dict[str, int] = {}
    limit = settings.POPULATION_MAX_ROWS
    for number, cells in lines:
        if all(blank(cell) for cell in cells):
            continue
        if len(rows) >= limit:
            problems.append(
                _("The file has more than %(limit)s enterprises.") % {"limit": limit}
            )
            break
        row, row_problems = _row(number, cells, columns, first_row_of)
        problems += row_problems
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append(_("The file has a header but no enterprises."))
    if problems:
        raise UploadRefused(problems)
    given = sorted({c.key for c in columns if c and c.key in FACTS})
    return rows, given


def _problem(number: int, column: str, message: str) -> str:
    return _("row %(row)s, %(column)s: %(message)s") % {
        "row": number,
        "column": column,
        "message": message,
    }


def _row(
    number: int,
    cells: list[object],
    columns: list[Column | None],
    first_row_of: dict[str, int],
) -> tuple[Row | None, list[str]]:
    problems = []
    raw: dict[str, object] = {}
    code = name = ""
    header_of: dict[str, str] = {}
    if any(not blank(cell) for cell in cells[len(columns) :]):
        message = _("more cells than the header has columns.")
        problems.append(_problem(number, _letters(len(columns) + 1), message))
    for column, value in zip(columns, cells, strict=False):
        if column is None or blank(value):
            continue
        header_of[column.key] = column.header
        if column.key in (CODE, NAME):
            text = str(value).strip()
            if text.startswith("="):
                problems.append(
                    _problem(
                        number, column.header, _("a formula; enter the value itself.")
                    )
                )
            elif column.key == CODE:
                code = text
            else:
                name = text[:200]
            continue
        try:
            raw[column.key] = read_cell(FACTS[column.key], value, column.unit)
        except CellError as error:
            problems.append(_problem(number, column.header, str(error)))
    problems += _code_problems(number, code, first_row_of)
    try:
        profile = parse(raw)
    except ProfileError as error:
        for field, texts in error.errors.items():
            problems.append(
                _problem(number, header_of.get(field, field), " ".join(texts))
            )
        return None, problems
    if problems:
        return None, problems
    return Row(code, name, {k: json_value(v) for k, v in profile.items()}), []


def _code_problems(number: int, code: str, first_row_of: dict[str, int]) -> list[str]:
    if not code:
        return [_problem(number, CODE, _("no code; every enterprise needs one."))]
    if len(code) > MAX_CODE_LENGTH:
        message = _("longer than %(limit)s characters.") % {"limit": MAX_CODE_LENGTH}
        return [_problem(number, CODE, message)]
    if code in first_row_of:
        message = _("the same code as row %(row)s.") % {"row": first_row_of[code]}
        return [_problem(number, CODE, message)]
    first_row_of[code] = number
    return []
