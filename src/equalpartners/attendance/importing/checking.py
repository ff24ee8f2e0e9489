"""Checking the rows of a table against a mapping, before anyone is registered.

``check_rows`` gives a ``Check``: every row as a ``CheckedRow`` with our fields' values, the
answers to the organiser's questions, and each problem (``RowError``) named with its row and
the column to look at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from equalpartners.attendance.importing.fields import (
    NAME_PARTS,
    TARGET_KEYS,
    TARGETS,
    QuestionSpec,
    question_key,
    sector_from,
)
from equalpartners.attendance.importing.table import Table
from equalpartners.partnerships.models import Sector


@dataclass(frozen=True)
class RowError:
    column: str  # as a message names it, e.g. "column C (Email)"; "" for the row as a whole
    message: str

    def text(self, number: int) -> str:
        where = f"Row {number}, {self.column}" if self.column else f"Row {number}"
        return f"{where}: {self.message}"


@dataclass
class CheckedRow:
    number: int  # as the spreadsheet shows it; the heading row is 1
    values: dict[str, str]
    answers: dict[int, str]
    errors: list[RowError]

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    @property
    def email(self) -> str:
        return self.values.get("email", "")

    def messages(self) -> list[str]:
        return [error.text(self.number) for error in self.errors]


@dataclass
class Check:
    rows: list[CheckedRow]

    @property
    def ready(self) -> list[CheckedRow]:
        return [row for row in self.rows if not row.errors]

    @property
    def with_errors(self) -> list[CheckedRow]:
        return [row for row in self.rows if row.errors]

    def messages(self) -> list[str]:
        return [message for row in self.with_errors for message in row.messages()]


YES = {"yes", "y", "true", "1", "ticked", "x"}
NO = {"no", "n", "false", "0"}


def check_rows(
    table: Table,
    mapping: Mapping[str, int | None],
    *,
    already_registered: Iterable[str] = (),
    questions: Sequence[QuestionSpec] = (),
) -> Check:
    """Every row checked against the mapping: each problem named with its row and column.

    ``already_registered`` holds the emails (any case) of people already registered for the
    activity; a row for one of them is an error, as they cannot be registered twice.
    """
    registered = {email.strip().casefold() for email in already_registered}
    first_row_of: dict[str, int] = {}
    checked: list[CheckedRow] = []
    for number, cells in table.rows:

        def cell(key: str, cells: list[str] = cells) -> str:
            index = mapping.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        def where(key: str) -> str:
            index = mapping.get(key)
            return table.column_name(index) if index is not None else ""

        errors: list[RowError] = []
        values = {key: cell(key) for key in TARGET_KEYS if key not in NAME_PARTS}
        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        name = " ".join(name.split())
        name_column = where("name") if mapping.get("name") is not None else where("first_name")
        if not name:
            errors.append(RowError(name_column, "enter the person’s name"))
        elif len(name) > 200:
            errors.append(RowError(name_column, "the name must be 200 characters or fewer"))
        values["name"] = name

        email = values["email"]
        if not email:
            errors.append(RowError(where("email"), "enter an email address"))
        elif len(email) > 254:
            errors.append(RowError(where("email"), "the email address is too long"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    RowError(
                        where("email"),
                        f"‘{email}’ is not an email address, like name@example.org",
                    )
                )
            else:
                folded = email.casefold()
                if folded in registered:
                    errors.append(
                        RowError(where("email"), f"{email} is already registered for this activity")
                    )
                elif folded in first_row_of:
                    errors.append(
                        RowError(
                            where("email"),
                            f"{email} is also on row {first_row_of[folded]}; "
                            "each person can be registered once",
                        )
                    )
                else:
                    first_row_of[folded] = number

        if values["sector"]:
            sector = sector_from(values["sector"])
            if sector is None:
                errors.append(
                    RowError(
                        where("sector"),
                        f"‘{values['sector']}’ is not a sector we know; use one of "
                        + ", ".join(label for _value, label in Sector.choices)
                        + ", or leave it empty",
                    )
                )
            else:
                values["sector"] = sector

        for target in TARGETS:
            if target.key in NAME_PARTS or target.key in ("email", "sector"):
                continue
            if len(values[target.key]) > target.max_length:
                errors.append(
                    RowError(
                        where(target.key),
                        f"{target.label} must be {target.max_length:,} characters or fewer",
                    )
                )

        answers: dict[int, str] = {}
        for question in questions:
            key = question_key(question.pk)
            text = cell(key)
            if not text:
                if question.required:
                    column = where(key)
                    errors.append(
                        RowError(column, f"answer ‘{question.label}’")
                        if column
                        else RowError(
                            "", f"‘{question.label}’ must be answered, and no column holds it"
                        )
                    )
                continue
            if question.kind == "yes_no":
                folded = text.casefold()
                if folded in YES or folded in NO:
                    text = "yes" if folded in YES else "no"
                else:
                    errors.append(RowError(where(key), f"answer yes or no to ‘{question.label}’"))
                    continue
            elif question.kind == "choice":
                match = next((c for c in question.choices if c.casefold() == text.casefold()), None)
                if match is None:
                    errors.append(
                        RowError(
                            where(key),
                            f"‘{text}’ is not one of the answers to ‘{question.label}’: "
                            + ", ".join(question.choices),
                        )
                    )
                    continue
                text = match
            if len(text) > 2000:
                errors.append(
                    RowError(
                        where(key), f"keep the answer to ‘{question.label}’ to 2,000 characters"
                    )
                )
                continue
            answers[question.pk] = text

        checked.append(CheckedRow(number=number, values=values, answers=answers, errors=errors))
    return Check(rows=checked)
