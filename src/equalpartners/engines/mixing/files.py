"""The command line's files: PEOPLE.csv, pairs files (who met before, who to keep apart), and
the plan and introductions written back.

Every complaint names the file, the row (as a spreadsheet numbers it: the header is row 1) and
the column, so an organiser can go straight to the cell. Files may come from Excel, so a byte
order mark is accepted and lists inside a cell are separated by semicolons.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from equalpartners.engines.files import FileProblem as FileProblem

from .people import Person

PEOPLE_COLUMNS = (
    "id", "name", "organisation", "sector", "role", "facilitator", "fixed_table",
    "assets", "interests", "needs",
)  # fmt: skip
TRUE = {"yes", "y", "true", "1", "x"}
FALSE = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class PeopleFile:
    people: tuple[Person, ...]
    rows: dict[str, int]  # person id -> the row it is on, for later complaints


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None:
                raise FileProblem(
                    str(path), None, None, "the file is empty; it needs a header row."
                )
            reader.fieldnames = [(name or "").strip().casefold() for name in reader.fieldnames]
            for number, row in enumerate(reader, start=2):
                yield number, {k: (v or "").strip() for k, v in row.items() if k is not None}
    except UnicodeDecodeError as error:
        raise FileProblem(str(path), None, None, f"is not UTF-8 text ({error.reason}).") from error
    except OSError as error:
        raise FileProblem(str(path), None, None, f"cannot be read: {error.strerror}.") from error


def _header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = next(csv.reader(handle), None)
    except UnicodeDecodeError as error:
        raise FileProblem(str(path), None, None, f"is not UTF-8 text ({error.reason}).") from error
    except OSError as error:
        raise FileProblem(str(path), None, None, f"cannot be read: {error.strerror}.") from error
    if not first:
        raise FileProblem(str(path), None, None, "the file is empty; it needs a header row.")
    return [name.strip().casefold() for name in first]


def read_people(path: Path) -> PeopleFile:
    """PEOPLE.csv: a header with at least `id`; the other columns in PEOPLE_COLUMNS are
    optional and any others are ignored."""
    name = str(path)
    if "id" not in _header(path):
        raise FileProblem(name, 1, None, "the header needs an id column.")
    people: list[Person] = []
    rows: dict[str, int] = {}
    for number, row in _rows(path):
        if not any(row.values()):
            continue  # a blank line, as spreadsheets often leave at the end
        pid = row.get("id", "")
        if not pid:
            raise FileProblem(name, number, "id", "the id is missing.")
        if pid in rows:
            raise FileProblem(name, number, "id", f"{pid} is already used on row {rows[pid]}.")
        rows[pid] = number
        people.append(
            Person(
                id=pid,
                name=row.get("name", ""),
                organisation=row.get("organisation", ""),
                sector=row.get("sector", ""),
                role=row.get("role", ""),
                facilitator=_yes_no(row.get("facilitator", ""), name, number),
                fixed_table=_table(row.get("fixed_table", ""), name, number),
                assets=_list(row.get("assets", "")),
                interests=_list(row.get("interests", "")),
                needs=_list(row.get("needs", "")),
            )
        )
    if not people:
        raise FileProblem(name, None, None, "there is nobody in the file, only a header.")
    return PeopleFile(tuple(people), rows)


def check_fixed(people: PeopleFile, path: str, capacities: Sequence[int]) -> None:
    """Fixed tables that do not exist, or that more people are fixed to than they seat."""
    fixed: dict[int, int] = {}
    for person in people.people:
        table = person.fixed_table
        if table is None:
            continue
        row = people.rows[person.id]
        if table > len(capacities):
            raise FileProblem(
                path, row, "fixed_table", f"there is no table {table}; there are {len(capacities)}."
            )
        fixed[table] = fixed.get(table, 0) + 1
        if fixed[table] > capacities[table - 1]:
            raise FileProblem(
                path,
                row,
                "fixed_table",
                f"more people are fixed to table {table} than it seats ({capacities[table - 1]}).",
            )


def read_pairs(path: Path, known: PeopleFile, people_path: str) -> list[tuple[str, str]]:
    """A pairs file: a header naming two columns (person_a and person_b, or the first two
    columns whatever they are called), one pair per row, both people in PEOPLE.csv."""
    name = str(path)
    header = _header(path)
    if len(header) < 2:
        raise FileProblem(name, 1, None, "the header needs two columns: person_a,person_b.")
    first, second = ("person_a", "person_b") if "person_a" in header else header[:2]
    found: list[tuple[str, str]] = []
    for number, row in _rows(path):
        if not any(row.values()):
            continue
        pair = []
        for column in (first, second):
            pid = row.get(column, "")
            if not pid:
                raise FileProblem(name, number, column, "the person's id is missing.")
            if pid not in known.rows:
                raise FileProblem(name, number, column, f"{pid} is not in {people_path}.")
            pair.append(pid)
        found.append((pair[0], pair[1]))
    return found


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def _yes_no(cell: str, path: str, row: int) -> bool:
    value = cell.casefold()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise FileProblem(path, row, "facilitator", f"write yes or no, not {cell!r}.")


def _table(cell: str, path: str, row: int) -> int | None:
    if not cell:
        return None
    try:
        table = int(cell)
    except ValueError:
        table = 0
    if table < 1:
        raise FileProblem(path, row, "fixed_table", f"a table number from 1, not {cell!r}.")
    return table
