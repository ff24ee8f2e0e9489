"""Actions as CSV (streamed row by row) and as an Excel workbook (written in openpyxl's
write-only mode, so rows are not all held as cell objects at once).

Times are given in the partnership's time zone, named in their own column; due dates are dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Iterable, Iterator
from typing import Any

# openpyxl has no type hints of its own; the stubs (types-openpyxl) may or may not be installed.
from equalpartners.programme.action_models import Action
from equalpartners.programme.exports import _Echo, _safe_cell

HEADER = [
    "what",
    "status",
    "overdue",
    "scale",
    "person",
    "partner",
    "due by",
    "activity",
    "challenge",
    "recorded",
    "done",
    "time zone",
    "link",
]


def _local(moment: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    return moment.astimezone(zone).replace(tzinfo=None) if moment is not None else None


def _values(action: Action, *, today: dt.date, zone: zoneinfo.ZoneInfo, base_url: str) -> list[Any]:
    """One row: text, the due date, and times in the partnership's zone (without offset)."""
    return [
        action.what,
        action.get_status_display(),
        "yes" if action.is_overdue_on(today) else "no",
        action.get_scale_display(),
        action.owner_person.name if action.owner_person is not None else "",
        action.owner_partner.organisation.name if action.owner_partner is not None else "",
        action.due_on,
        action.activity.title if action.activity is not None else "",
        action.challenge.text if action.challenge is not None else "",
        _local(action.created_at, zone),
        _local(action.completed_at, zone),
        zone.key,
        base_url + action.get_absolute_url(),
    ]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _safe_cell(str(value))


def actions_csv(
    actions: Iterable[Action], *, today: dt.date, zone: zoneinfo.ZoneInfo, base_url: str
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
    yield writer.writerow(HEADER)
    for action in actions:
        values = _values(action, today=today, zone=zone, base_url=base_url)
        yield writer.writerow([_text(value) for value in values])


def actions_xlsx(
    actions: Iterable[Action],
    *,
    today: dt.date,
    zone: zoneinfo.ZoneInfo,
    base_url: str,
    title: str,
) -> bytes:
    """A workbook with one sheet of actions. Text is always text, never a formula."""
    # Loaded when a spreadsheet is asked for, not by every worker at start.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Actions")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in HEADER:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for action in actions:
        row = []
        for value in _values(action, today=today, zone=zone, base_url=base_url):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=..." is someone's words, not a formula to run
            elif isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            row.append(cell)
        sheet.append(row)
    workbook.properties.title = title[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
