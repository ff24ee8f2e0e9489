"""Reading an uploaded attendee list, CSV or XLSX, into a ``Table``.

``read_table`` tells the two kinds apart by their contents (names can mislead), enforces the
limits on size, rows, columns and text, and raises ``ValidationError`` with a message to show
beside the file input when a file cannot be read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from equalpartners.attendance.importing.table import CSV, XLSX, Table

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2_000  # each row is registered one by one: ~15 ms a row on PostgreSQL
MAX_COLUMNS = 250
MAX_CELL_CHARS = 5_000
MAX_TOTAL_CHARS = 20_000_000
CSV_NAMES = (".csv", ".tsv", ".txt")
XLSX_NAMES = (".xlsx", ".xlsm")
ACCEPTED_NAMES = CSV_NAMES + XLSX_NAMES


def unreadable(message: str) -> ValidationError:
    return ValidationError(message, code="unreadable")


def read_table(data: bytes, *, file_name: str, sheet: str = "") -> Table:
    """Read a CSV or XLSX file (told apart by their contents, as names can mislead).

    Raises ``ValidationError`` with a message to show beside the file input.
    """
    lower = file_name.lower()
    if not lower.endswith(ACCEPTED_NAMES):
        if lower.endswith(".xls"):
            raise unreadable(
                "This is an older Excel file (.xls); open it in Excel and save it as an "
                ".xlsx workbook or a CSV file"
            )
        raise unreadable("Choose a CSV file or an Excel (.xlsx) file")
    if len(data) > MAX_BYTES:
        raise unreadable(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise unreadable("The file is empty")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise unreadable(
            "This is an older Excel file (.xls); open it in Excel and save it as an .xlsx "
            "workbook or a CSV file"
        )
    is_zip = data.startswith(b"PK\x03\x04")  # an .xlsx workbook is a zip of XML files
    table = _read_xlsx(data, sheet=sheet) if is_zip else _read_csv(data)
    if not table.rows:
        raise unreadable(
            "The file has column headings but no people below them"
            if any(table.headings)
            else "The file has no rows"
        )
    return table


def _text_of(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise unreadable(
        "We could not read the text in this file. Save it from your spreadsheet program as "
        "‘CSV UTF-8’ or as an Excel (.xlsx) workbook, and try again"
    )


def _delimiter(text: str) -> str:
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {delimiter: first.count(delimiter) for delimiter in ",;\t|"}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    text = _text_of(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _table(CSV, enumerate(reader, start=1))
    except csv.Error as error:
        raise unreadable(
            f"We could not read this file as CSV ({error}). Check it opens in a spreadsheet "
            "program, save it as ‘CSV UTF-8’ and try again"
        ) from error


def _read_xlsx(data: bytes, *, sheet: str) -> Table:
    import openpyxl  # here, so reading a CSV does not load openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise unreadable(
            "We could not open this file as an Excel workbook. Check it opens in Excel, save "
            "it as .xlsx and try again"
        ) from error
    try:
        names = [worksheet.title for worksheet in workbook.worksheets]
        if not names:
            raise unreadable("The workbook has no sheets of cells")
        chosen = sheet.strip()
        if chosen and chosen not in names:
            matches = [name for name in names if name.casefold() == chosen.casefold()]
            if not matches:
                raise unreadable(
                    f"The workbook has no sheet called ‘{chosen}’; its sheets are "
                    + ", ".join(f"‘{name}’" for name in names)
                )
            chosen = matches[0]
        worksheet = workbook[chosen] if chosen else workbook.worksheets[0]
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # exports often record the wrong size; read all cells
        rows = enumerate(worksheet.iter_rows(values_only=True), start=1)
        try:
            table = _table(XLSX, rows)
        except ValidationError:
            raise
        except Exception as error:
            raise unreadable(
                "We could not read the cells of this workbook. Check it opens in Excel, save "
                "it as .xlsx and try again"
            ) from error
        table.sheet = worksheet.title
        table.sheets = names
        return table
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\x00", "").strip()
    # Our own exports put an apostrophe before a leading =, +, - or @ so spreadsheet programs
    # do not run it as a formula; take it off again.
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return text[:MAX_CELL_CHARS]


def _table(kind: str, numbered: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    headings: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    total = 0
    for number, raw in numbered:
        if len(raw) > MAX_COLUMNS and any(v not in (None, "") for v in raw[MAX_COLUMNS:]):
            raise unreadable(f"The file has more than {MAX_COLUMNS} columns")
        cells = [_cell_text(value) for value in raw[:MAX_COLUMNS]]
        if not any(cells):
            continue  # a blank row: skipped, but the numbering still counts it
        while cells and not cells[-1]:
            cells.pop()
        if headings is None:
            headings = cells
            continue
        if len(rows) >= MAX_ROWS:
            raise unreadable(
                f"The file has more than {MAX_ROWS:,} people; split it into smaller files "
                "and import them one at a time"
            )
        total += sum(len(cell) for cell in cells)
        if total > MAX_TOTAL_CHARS:
            raise unreadable("The file holds too much text to import at once; split it up")
        rows.append((number, cells))
    width = max([len(headings or []), *(len(cells) for _number, cells in rows)])
    headings = (headings or []) + [""] * (width - len(headings or []))
    return Table(kind=kind, headings=headings, rows=rows)
