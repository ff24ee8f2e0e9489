"""Reading and checking an attendee list: a CSV or XLSX file in, rows of our fields out.

No views and no database here. ``read_table`` turns an uploaded file into a ``Table`` (the
headings and the non-blank rows, each with the row number a spreadsheet shows, heading = 1);
``recognise`` guesses which column holds which of our fields from the headings of common
ticketing exports (Eventbrite, Tito, Ticket Tailor, Humanitix, Meetup and our own
registrations CSV); ``check_rows`` checks every row against a mapping and says, for each
problem, the row and the column to look at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from equalpartners.partnerships.models import Sector

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2_000  # each row is registered one by one: ~15 ms a row on PostgreSQL
MAX_COLUMNS = 250
MAX_CELL_CHARS = 5_000
MAX_TOTAL_CHARS = 20_000_000
CSV_NAMES = (".csv", ".tsv", ".txt")
XLSX_NAMES = (".xlsx", ".xlsm")
ACCEPTED_NAMES = CSV_NAMES + XLSX_NAMES

CSV = "csv"
XLSX = "xlsx"


# --- Our fields, and the headings that mean them --------------------------------------------


@dataclass(frozen=True)
class Target:
    """One of our fields a column can fill."""

    key: str
    label: str
    max_length: int
    headings: tuple[str, ...]  # normalised (see ``normalise_heading``), best first


TARGETS: tuple[Target, ...] = (
    Target(
        "name",
        "Full name",
        200,
        (
            "name",
            "fullname",
            "attendeename",
            "attendeefullname",
            "ticketfullname",
            "ticketholdername",
            "ticketholder",
            "participantname",
            "delegatename",
            "guestname",
            "contactname",
            "yourname",
        ),
    ),
    Target(
        "first_name",
        "First name",
        200,
        (
            "firstname",
            "ticketfirstname",
            "attendeefirstname",
            "ticketholderfirstname",
            "forename",
            "forenames",
            "givenname",
            "first",
        ),
    ),
    Target(
        "last_name",
        "Last name",
        200,
        (
            "lastname",
            "ticketlastname",
            "attendeelastname",
            "ticketholderlastname",
            "surname",
            "familyname",
            "last",
        ),
    ),
    Target(
        "email",
        "Email",
        254,
        (
            "email",
            "emailaddress",
            "ticketemail",
            "ticketemailaddress",
            "attendeeemail",
            "attendeeemailaddress",
            "ticketholderemail",
            "participantemail",
            "delegateemail",
            "guestemail",
            "youremail",
            "youremailaddress",
        ),
    ),
    Target(
        "organisation",
        "Organisation",
        200,
        (
            "organisation",
            "organization",
            "company",
            "companyname",
            "ticketcompanyname",
            "ticketcompany",
            "attendeecompany",
            "attendeeorganisation",
            "attendeeorganization",
            "organisationname",
            "organizationname",
            "employer",
            "org",
        ),
    ),
    Target("sector", "Sector", 100, ("sector", "organisationsector", "organizationsector")),
    Target(
        "job_title",
        "Job title",
        200,
        (
            "jobtitle",
            "ticketjobtitle",
            "attendeejobtitle",
            "jobrole",
            "position",
            "role",
            "job",
        ),
    ),
    Target(
        "ticket_type",
        "Ticket type",
        100,
        (
            "tickettype",
            "ticket",
            "tickettypename",
            "ticketname",
            "tickettier",
            "ticketclass",
            "release",
        ),
    ),
    Target(
        "access_needs",
        "Access needs",
        2000,
        (
            "accessneeds",
            "accessibilityneeds",
            "accessrequirements",
            "accessibilityrequirements",
            "accessibility",
        ),
    ),
    Target(
        "dietary_needs",
        "Dietary needs",
        300,
        (
            "dietaryneeds",
            "dietaryrequirements",
            "dietaryrestrictions",
            "dietary",
            "diet",
        ),
    ),
)
TARGET_KEYS = tuple(target.key for target in TARGETS)
TARGET_LABELS = {target.key: target.label for target in TARGETS}
NAME_PARTS = ("name", "first_name", "last_name")

# Sectors by what people write: our values, our labels, the labels without "sector", and a few
# common names for the same thing.
_SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    Sector.THIRD: ("voluntary", "voluntarysector", "charity", "vcse", "vcs", "nonprofit"),
    Sector.PUBLIC: (),
    Sector.GOVERNMENT: ("govt",),
    Sector.PRIVATE: ("business", "commercial"),
    Sector.ACADEMIC: ("academia", "university", "research"),
    Sector.COMMUNITY: ("communitygroup",),
}


def normalise_heading(text: str) -> str:
    """A heading as compared: lower case, letters and digits only ("E-mail" -> "email")."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _sector_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in Sector.choices:
        words = {value, label, label.lower().removesuffix(" sector"), *_SECTOR_WORDS[value]}
        for word in words:
            lookup[normalise_heading(word)] = value
    return lookup


SECTORS = _sector_lookup()


def sector_from(text: str) -> str | None:
    """Our sector value for what a file says ("Third sector", "third", "Charity"), or None."""
    return SECTORS.get(normalise_heading(text))


# --- The table read from the file -----------------------------------------------------------


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


# --- Which column holds which field -----------------------------------------------------------

ColumnMap = dict[str, int | None]


def recognise(headings: Sequence[str]) -> ColumnMap:
    """Our field -> the index of the column that holds it (or None), from the headings."""
    normalised = [normalise_heading(heading) for heading in headings]
    used: set[int] = set()
    mapping: ColumnMap = {}
    for target in TARGETS:
        mapping[target.key] = None
        for wanted in target.headings:
            index = next(
                (i for i, name in enumerate(normalised) if name == wanted and i not in used),
                None,
            )
            if index is not None:
                mapping[target.key] = index
                used.add(index)
                break
    return mapping


def question_key(question_id: int) -> str:
    return f"question_{question_id}"


def recognise_questions(
    headings: Sequence[str], questions: Sequence[QuestionSpec], mapping: ColumnMap
) -> ColumnMap:
    """Columns whose heading is a question's label (as our own export writes them)."""
    normalised = [normalise_heading(heading) for heading in headings]
    used = {index for index in mapping.values() if index is not None}
    found: ColumnMap = {}
    for question in questions:
        label = normalise_heading(question.label)
        index = next(
            (i for i, name in enumerate(normalised) if label and name == label and i not in used),
            None,
        )
        found[question_key(question.pk)] = index
        if index is not None:
            used.add(index)
    return found


def mapping_problems(
    mapping: Mapping[str, int | None], labels: Mapping[str, str]
) -> dict[str, str]:
    """What is wrong with a mapping, by field: what must be chosen, and columns chosen twice."""
    problems: dict[str, str] = {}
    if mapping.get("email") is None:
        problems["email"] = "Choose the column that holds email addresses"
    if mapping.get("name") is None and mapping.get("first_name") is None:
        problems["name"] = (
            "Choose the column with people’s full names, or the columns with first and last names"
        )
    seen: dict[int, str] = {}
    for key, index in mapping.items():
        if index is None:
            continue
        if index in seen:
            problems.setdefault(
                key,
                f"This column is already chosen for {labels.get(seen[index], seen[index])}; "
                "choose each column once",
            )
        else:
            seen[index] = key
    return problems


# --- Checking the rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionSpec:
    """An organiser's question, as far as checking an answer needs it."""

    pk: int
    label: str
    kind: str
    choices: tuple[str, ...]
    required: bool


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


@dataclass(frozen=True)
class Places:
    """How many of the people to import will get a place, and how many will wait."""

    places: int
    waiting: int


def places_for(count: int, places_left: int | None) -> Places:
    if places_left is None:
        return Places(places=count, waiting=0)
    places = min(count, max(0, places_left))
    return Places(places=places, waiting=count - places)
