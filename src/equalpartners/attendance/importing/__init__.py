"""Reading and checking an attendee list: a CSV or XLSX file in, rows of our fields out.

No views and no database here. ``read_table`` turns an uploaded file into a ``Table`` (the
headings and the non-blank rows, each with the row number a spreadsheet shows, heading = 1);
``recognise`` guesses which column holds which of our fields from the headings of common
ticketing exports (Eventbrite, Tito, Ticket Tailor, Humanitix, Meetup and our own
registrations CSV); ``check_rows`` checks every row against a mapping and says, for each
problem, the row and the column to look at.

One idea a module, all re-exported here so callers write ``importing.read_table``:

- ``fields``: our fields and the headings that mean them, sectors, the organiser's questions;
- ``table``: the ``Table`` read from a file;
- ``reading``: reading CSV and XLSX files, and the limits on what is read;
- ``columns``: which column holds which field (recognising headings, checking a mapping);
- ``checking``: checking each row against a mapping;
- ``places``: how many people get a place and how many wait.
"""

from equalpartners.attendance.importing.checking import (
    NO,
    YES,
    Check,
    CheckedRow,
    RowError,
    check_rows,
)
from equalpartners.attendance.importing.columns import (
    ColumnMap,
    mapping_problems,
    recognise,
    recognise_questions,
)
from equalpartners.attendance.importing.fields import (
    NAME_PARTS,
    SECTORS,
    TARGET_KEYS,
    TARGET_LABELS,
    TARGETS,
    QuestionSpec,
    Target,
    normalise_heading,
    question_key,
    sector_from,
)
from equalpartners.attendance.importing.places import Places, places_for
from equalpartners.attendance.importing.reading import (
    ACCEPTED_NAMES,
    CSV_NAMES,
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TOTAL_CHARS,
    XLSX_NAMES,
    read_table,
    unreadable,
)
from equalpartners.attendance.importing.table import CSV, XLSX, Table, column_letter

__all__ = [
    "ACCEPTED_NAMES",
    "CSV",
    "CSV_NAMES",
    "MAX_BYTES",
    "MAX_CELL_CHARS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_TOTAL_CHARS",
    "NAME_PARTS",
    "NO",
    "SECTORS",
    "TARGETS",
    "TARGET_KEYS",
    "TARGET_LABELS",
    "XLSX",
    "XLSX_NAMES",
    "YES",
    "Check",
    "CheckedRow",
    "ColumnMap",
    "Places",
    "QuestionSpec",
    "RowError",
    "Table",
    "Target",
    "check_rows",
    "column_letter",
    "mapping_problems",
    "normalise_heading",
    "places_for",
    "question_key",
    "read_table",
    "recognise",
    "recognise_questions",
    "sector_from",
    "unreadable",
]
