"""The table read from an attendee list: its headings and its non-blank rows.

``Table`` keeps each row with the row number a spreadsheet shows (heading = 1), and names a
column the way a message should (``column_name``, with ``column_letter`` for spreadsheets).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CSV = "csv"
XLSX = "xlsx"


@dataclass
class Table:
    """What was read: headings, and each non-blank row with its spreadsheet row number."""

    kind: str  # CSV or XLSX
    headings: list[str]
    rows: list[tuple[int, list[str]]]
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)

    def column_name(self, index: int) -> str:
        """How a message names a column: its heading, and its letter in a spreadsheet."""
        heading = self.headings[index] if index < len(self.headings) else ""
        letter = column_letter(index)
        if self.kind == XLSX:
            return f"column {letter} ({heading})" if heading else f"column {letter}"
        return f"column ‘{heading}’" if heading else f"column {index + 1}"

    def sample(self, index: int) -> str:
        """The first value in a column, to show beside it when choosing columns."""
        for _number, cells in self.rows:
            if index < len(cells) and cells[index]:
                return cells[index]
        return ""


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
