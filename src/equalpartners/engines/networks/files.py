"""The command line's files: PEOPLE.csv (id,organisation,sector) and TIES.csv
(person_a,person_b,date[,source]).

Every complaint names the file, the row (as a spreadsheet numbers it: the header is row 1) and
the column, so whoever keeps the files can go straight to the cell. Files may come from Excel,
so a byte order mark is accepted, headers are read without regard to case or spaces, and blank
lines are skipped.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from equalpartners.engines.files import FileProblem as FileProblem

from .model import Member, Tie

PEOPLE_COLUMNS = ("id", "organisation", "sector")
TIES_COLUMNS = ("person_a", "person_b", "date")  # and `source`, which may be left out


@dataclass(frozen=True)
class PeopleFile:
    people: tuple[Member, ...]
    rows: dict[str, int]  # person id -> the row it is on


def read_people(path: Path) -> PeopleFile:
    """PEOPLE.csv: every person with an id, organisation and sector; other columns ignored."""
    name = str(path)
    people: list[Member] = []
    rows: dict[str, int] = {}
    for number, row in _rows(path, PEOPLE_COLUMNS):
        cells = [row[column] for column in PEOPLE_COLUMNS]
        for column, cell in zip(PEOPLE_COLUMNS, cells, strict=True):
            if not cell:
                raise FileProblem(name, number, column, f"the {column} is missing.")
        pid = cells[0]
        if pid in rows:
            raise FileProblem(name, number, "id", f"{pid} is already used on row {rows[pid]}.")
        rows[pid] = number
        people.append(Member(id=pid, organisation=cells[1], sector=cells[2]))
    if not people:
        raise FileProblem(name, None, None, "there is nobody in the file, only a header.")
    return PeopleFile(tuple(people), rows)


def read_ties(path: Path, known: PeopleFile, people_path: str) -> list[Tie]:
    """TIES.csv: one dated tie per row between two people of PEOPLE.csv. A pair may appear on
    many rows (they met more than once); a file with no ties is a network of isolates."""
    name = str(path)
    ties: list[Tie] = []
    for number, row in _rows(path, TIES_COLUMNS):
        ends = []
        for column in ("person_a", "person_b"):
            pid = row[column]
            if not pid:
                raise FileProblem(name, number, column, "the person's id is missing.")
            if pid not in known.rows:
                raise FileProblem(name, number, column, f"{pid} is not in {people_path}.")
            ends.append(pid)
        if ends[0] == ends[1]:
            raise FileProblem(name, number, "person_b", f"the tie joins {ends[0]} to themself.")
        on = parse_date(row["date"])
        if on is None:
            raise FileProblem(
                name, number, "date", f"write the date as YYYY-MM-DD, not {row['date']!r}."
            )
        ties.append(Tie(ends[0], ends[1], on, row.get("source", "")))
    return ties


def parse_date(text: str) -> datetime.date | None:
    """An ISO date (2024-03-01), or the date part of an ISO date and time; None if neither."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _rows(path: Path, needed: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    name = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [cell.strip().casefold() for cell in next(reader, [])]
            if not any(header):
                raise FileProblem(name, None, None, "the file is empty; it needs a header row.")
            missing = [column for column in needed if column not in header]
            if missing:
                raise FileProblem(
                    name, 1, None,
                    f"the header has no {_listed(missing)} column (it has {', '.join(header)}).",
                )  # fmt: skip
            for number, cells in enumerate(reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue  # a blank line, as spreadsheets often leave at the end
                padded = [*cells, *[""] * (len(header) - len(cells))]
                yield number, {k: v.strip() for k, v in zip(header, padded, strict=False)}
    except UnicodeDecodeError as error:
        raise FileProblem(name, None, None, f"is not UTF-8 text ({error.reason}).") from error
    except OSError as error:
        raise FileProblem(name, None, None, f"cannot be read: {error.strerror}.") from error


def _listed(columns: list[str]) -> str:
    return columns[0] if len(columns) == 1 else ", ".join(columns[:-1]) + " or " + columns[-1]
