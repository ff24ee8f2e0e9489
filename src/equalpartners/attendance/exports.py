"""Registration and attendance lists as CSV (streamed row by row) and XLSX (openpyxl's
write-only workbook, which keeps one row in memory at a time and spools to a temporary file).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from equalpartners.attendance.models import Question, Registration

BASE_HEADER = [
    "name",
    "email",
    "organisation",
    "sector",
    "job_title",
    "ticket_type",
    "status",
    "source",
    "code",
    "registered_at",
    "checked_in_at",
    "access_needs",
    "dietary_needs",
    "listed",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def safe_cell(value: str) -> str:
    """Stop spreadsheet programs reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def header(questions: list[Question]) -> list[str]:
    return BASE_HEADER + [question.label for question in questions]


def row(registration: Registration, questions: list[Question], zone: Any) -> list[str]:
    answers = {answer.question_id: answer.text for answer in registration.answers.all()}
    checked_in = registration.checked_in_at
    values = [
        registration.name,
        registration.email,
        registration.organisation,
        registration.sector,
        registration.job_title,
        registration.ticket_type,
        registration.status,
        registration.source,
        registration.code,
        registration.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z"),
        checked_in.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z") if checked_in else "",
        registration.access_needs,
        registration.dietary_needs,
        "yes" if registration.listed else "no",
    ]
    values += [answers.get(question.pk, "") for question in questions]
    return [safe_cell(value) for value in values]


def registrations_csv(
    registrations: Iterable[Registration], *, questions: list[Question], zone: Any
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
    yield writer.writerow(header(questions))
    for registration in registrations:
        yield writer.writerow(row(registration, questions, zone))


def registrations_xlsx(
    registrations: Iterable[Registration], *, questions: list[Question], zone: Any, title: str
) -> IO[bytes]:
    """The list as a workbook in a temporary file, rewound for reading."""
    # Loaded when a spreadsheet is asked for, not by every worker at start.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    bold = Font(bold=True)
    cells = []
    for label in header(questions):
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for registration in registrations:
        sheet.append(row(registration, questions, zone))
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the response, which closes it
    workbook.save(spool)
    spool.seek(0)
    return spool


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "Registrations")[:31]
