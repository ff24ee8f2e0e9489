"""Reading attendee lists (CSV and XLSX, as ticketing sites export them), checking their rows,
and the import itself: all rows or none, places first and then the waiting list."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from equalpartners.attendance import exports, import_services, importing, services
from equalpartners.attendance.import_models import PendingImport
from equalpartners.attendance.importing import reading
from equalpartners.attendance.models import Answer, Registration, Status
from equalpartners.attendance.tests.builders import future_activity, register
from equalpartners.partnerships.models import Person
from equalpartners.testing import factories as f

# --- Builders ---------------------------------------------------------------------------------


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[Any]]]) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read(data: bytes, name: str = "list.csv", sheet: str = "") -> importing.Table:
    return importing.read_table(data, file_name=name, sheet=sheet)


def checked(
    rows: Sequence[Sequence[Any]], *, registered: Sequence[str] = (), **kwargs: Any
) -> importing.Check:
    table = read(csv_bytes(rows))
    return importing.check_rows(
        table, importing.recognise(table.headings), already_registered=registered, **kwargs
    )


def all_messages(check: importing.Check) -> list[str]:
    return check.messages()


def message_of(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


# --- Recognising the columns of common exports ------------------------------------------------

EXPORTS = {
    "eventbrite": [
        "Order #",
        "Order Date",
        "First Name",
        "Last Name",
        "Email",
        "Quantity",
        "Ticket Type",
        "Attendee #",
        "Job Title",
        "Company",
    ],
    "tito": [
        "Number",
        "Ticket Created Date",
        "Ticket First Name",
        "Ticket Last Name",
        "Ticket Email",
        "Ticket Company Name",
        "Ticket Phone Number",
        "Event",
        "Ticket",
        "Ticket Reference",
    ],
    "ticket tailor": [
        "Ticket ID",
        "Barcode",
        "Ticket type",
        "First name",
        "Last name",
        "Email",
        "Company",
        "Job title",
    ],
    "humanitix": [
        "Order ID",
        "Ticket Type",
        "First Name",
        "Last Name",
        "Email",
        "Mobile",
        "Organisation",
        "Dietary Requirements",
        "Accessibility Requirements",
    ],
}


@pytest.mark.parametrize("source", EXPORTS)
def test_the_columns_of_common_exports_are_recognised(source: str) -> None:
    headings = EXPORTS[source]
    mapping = importing.recognise(headings)

    def heading(key: str) -> str | None:
        index = mapping[key]
        return None if index is None else headings[index]

    assert heading("first_name") in ("First Name", "Ticket First Name", "First name")
    assert heading("last_name") in ("Last Name", "Ticket Last Name", "Last name")
    assert heading("email") in ("Email", "Ticket Email")
    assert heading("ticket_type") in ("Ticket Type", "Ticket", "Ticket type")
    assert mapping["name"] is None
    if source != "humanitix":
        assert heading("organisation") in ("Company", "Ticket Company Name")
    else:
        assert heading("organisation") == "Organisation"
        assert heading("dietary_needs") == "Dietary Requirements"
        assert heading("access_needs") == "Accessibility Requirements"
    if source in ("eventbrite", "ticket tailor"):
        assert heading("job_title") in ("Job Title", "Job title")


def test_a_meetup_list_has_names_in_one_column_and_no_email() -> None:
    headings = ["Name", "User ID", "Title", "Event Host", "RSVP", "Guests", "RSVPed on"]
    mapping = importing.recognise(headings)
    assert mapping["name"] == 0
    assert mapping["email"] is None
    assert mapping["job_title"] is None  # Meetup's "Title" is not a job title
    assert "email" in importing.mapping_problems(mapping, importing.TARGET_LABELS)


def test_our_own_registrations_csv_is_recognised() -> None:
    mapping = importing.recognise(exports.BASE_HEADER)
    for key in (
        "name",
        "email",
        "organisation",
        "sector",
        "job_title",
        "ticket_type",
        "access_needs",
        "dietary_needs",
    ):
        assert exports.BASE_HEADER[mapping[key] or 0] == key, key


def test_headings_are_matched_whatever_their_case_and_punctuation() -> None:
    mapping = importing.recognise(["E-MAIL ADDRESS", "first_name", "Last name:", "Full name"])
    assert mapping == {**mapping, "email": 0, "first_name": 1, "last_name": 2, "name": 3}
    assert importing.mapping_problems(mapping, importing.TARGET_LABELS) == {}


# --- Reading files ----------------------------------------------------------------------------

PEOPLE = [
    ["First Name", "Last Name", "Email", "Company"],
    ["Ada", "Lovelace", "ada@example.org", "Analytical Engines"],
    ["Zoë", "Brontë", "zoe@example.org", "Café Society"],
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_csv_delimiter_is_sniffed(delimiter: str) -> None:
    table = read(csv_bytes(PEOPLE, delimiter=delimiter))
    assert table.headings == PEOPLE[0]
    assert [cells for _n, cells in table.rows] == PEOPLE[1:]


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_heading() -> None:
    table = read(csv_bytes(PEOPLE, bom=True))
    assert table.headings[0] == "First Name"
    assert importing.recognise(table.headings)["first_name"] == 0


def test_a_windows_1252_file_is_read() -> None:
    table = read(csv_bytes(PEOPLE, encoding="cp1252"))
    assert table.rows[1][1][:2] == ["Zoë", "Brontë"]
    assert table.rows[1][1][3] == "Café Society"


def test_a_utf16_file_is_read() -> None:
    table = read(csv_bytes(PEOPLE, delimiter="\t", encoding="utf-16"))
    assert table.rows[1][1][0] == "Zoë"


def test_blank_rows_are_skipped_but_keep_their_numbers() -> None:
    rows = [PEOPLE[0], [], PEOPLE[1], ["", "", "", ""], PEOPLE[2]]
    table = read(csv_bytes(rows))
    assert [number for number, _cells in table.rows] == [3, 5]


def test_a_quoted_cell_may_hold_a_new_line() -> None:
    rows = [["Name", "Email", "Access needs"], ["Ada", "ada@example.org", "Step-free\naccess"]]
    table = read(csv_bytes(rows))
    assert table.rows == [(2, ["Ada", "ada@example.org", "Step-free\naccess"])]


def test_our_own_exports_formula_guard_is_taken_off() -> None:
    table = read(csv_bytes([["Name", "Email", "Organisation"], ["Ada", "a@x.org", "'=Org"]]))
    assert table.rows[0][1][2] == "=Org"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "list.csv", "The file is empty"),
        (b"Name,Email\r\n", "list.csv", "no people below them"),
        (b"\x00\x01\x02binary\x00" * 10, "list.csv", "could not read the text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "list.xls", "older Excel file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "list.csv", "older Excel file"),
        (b"%PDF-1.4", "list.pdf", "Choose a CSV file or an Excel (.xlsx) file"),
        (b"PK\x03\x04not really a zip", "list.xlsx", "could not open this file"),
    ],
)
def test_an_unreadable_file_gets_a_clear_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        read(data, name)
    assert message in message_of(error)


def test_a_file_over_the_size_limit_is_refused(monkeypatch: Any) -> None:
    monkeypatch.setattr(reading, "MAX_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        read(b"Name,Email\r\n" + b"Ada,ada@example.org\r\n" * 10)
    assert "smaller than" in message_of(error)


def test_a_file_over_the_row_limit_is_refused(monkeypatch: Any) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows = [["Name", "Email"]] + [[f"P{n}", f"p{n}@example.org"] for n in range(4)]
    with pytest.raises(ValidationError) as error:
        read(csv_bytes(rows))
    assert "more than 3 people" in message_of(error)
    assert len(read(csv_bytes(rows[:4])).rows) == 3


def test_an_xlsx_file_is_read_from_its_first_sheet_skipping_blank_rows() -> None:
    data = xlsx_bytes(
        {
            "Attendees": [
                ["Name", "Email", "Phone", "Registered"],
                ["Ada Lovelace", "ada@example.org", 7700900123, dt.date(2026, 3, 1)],
                [None, None, None, None],
                ["Grace Hopper", "grace@example.org", 2.5, None],
            ],
            "Other": [["Nothing", "here"]],
        }
    )
    table = read(data, "export.xlsx")
    assert table.kind == importing.XLSX
    assert table.sheet == "Attendees"
    assert table.sheets == ["Attendees", "Other"]
    assert table.rows == [
        (2, ["Ada Lovelace", "ada@example.org", "7700900123", "2026-03-01"]),
        (4, ["Grace Hopper", "grace@example.org", "2.5"]),
    ]


def test_a_chosen_sheet_is_read_and_an_unknown_one_is_named() -> None:
    data = xlsx_bytes(
        {"Summary": [["Total", 2]], "People": [["Name", "Email"], ["Ada", "ada@example.org"]]}
    )
    assert read(data, "export.xlsx", sheet="people").rows == [(2, ["Ada", "ada@example.org"])]
    with pytest.raises(ValidationError) as error:
        read(data, "export.xlsx", sheet="Guests")
    assert "no sheet called ‘Guests’; its sheets are ‘Summary’, ‘People’" in message_of(error)


def test_a_sheet_whose_list_starts_lower_down_keeps_its_row_numbers() -> None:
    data = xlsx_bytes({"Sheet": [[None], [None], ["Name", "Email"], ["Ada", "bad-email"]]})
    table = read(data, "list.xlsx")
    check = importing.check_rows(table, importing.recognise(table.headings))
    assert check.messages() == [
        "Row 4, column B (Email): ‘bad-email’ is not an email address, like name@example.org"
    ]


# --- Checking rows ----------------------------------------------------------------------------


def test_every_row_is_checked_and_each_error_names_its_row_and_column() -> None:
    check = checked(
        [
            ["First Name", "Last Name", "Email", "Sector"],
            ["Ada", "Lovelace", "ada@example.org", "Third sector"],  # row 2: fine
            ["", "", "nobody@example.org", ""],  # row 3: no name
            ["Grace", "Hopper", "", "public"],  # row 4: no email
            ["Alan", "Turing", "not an email", "Charities"],  # row 5: two errors
            ["Ada", "Again", "ADA@example.org", ""],  # row 6: same email as row 2
        ]
    )
    assert [row.number for row in check.ready] == [2]
    assert check.messages() == [
        "Row 3, column ‘First Name’: enter the person’s name",
        "Row 4, column ‘Email’: enter an email address",
        "Row 5, column ‘Email’: ‘not an email’ is not an email address, like name@example.org",
        "Row 5, column ‘Sector’: ‘Charities’ is not a sector we know; use one of Third "
        "sector, Public sector, Government, Private sector, Academic, Community, or leave it "
        "empty",
        "Row 6, column ‘Email’: ADA@example.org is also on row 2; each person can be "
        "registered once",
    ]
    assert check.ready[0].values["name"] == "Ada Lovelace"
    assert check.ready[0].values["sector"] == "third"


@pytest.mark.parametrize(
    ("written", "sector"),
    [
        ("Third sector", "third"),
        ("third", "third"),
        ("THIRD SECTOR", "third"),
        ("Charity", "third"),
        ("Public", "public"),
        ("Private sector", "private"),
        ("government", "government"),
        ("Academic", "academic"),
        ("community", "community"),
    ],
)
def test_sectors_are_accepted_by_value_or_label(written: str, sector: str) -> None:
    assert importing.sector_from(written) == sector


def test_a_full_name_column_wins_over_first_and_last_names() -> None:
    check = checked(
        [
            ["Full Name", "First Name", "Last Name", "Email"],
            ["Dr Ada King", "Ada", "King", "ada@example.org"],
            ["", "Grace", "Hopper", "grace@example.org"],
        ]
    )
    assert [row.name for row in check.ready] == ["Dr Ada King", "Grace Hopper"]


def test_people_already_registered_are_errors() -> None:
    check = checked(
        [["Name", "Email"], ["Ada", "Ada@Example.org"], ["Grace", "grace@example.org"]],
        registered=["ada@example.org"],
    )
    assert check.messages() == [
        "Row 2, column ‘Email’: Ada@Example.org is already registered for this activity"
    ]


def test_xlsx_errors_name_the_column_by_letter_and_heading() -> None:
    data = xlsx_bytes({"Sheet": [["Ticket", "Email", "Name"], ["VIP", "ada@example.org", ""]]})
    table = read(data, "list.xlsx")
    check = importing.check_rows(table, importing.recognise(table.headings))
    assert check.messages() == ["Row 2, column C (Name): enter the person’s name"]


def test_text_longer_than_we_keep_is_an_error() -> None:
    check = checked([["Name", "Email", "Ticket type"], ["Ada", "ada@example.org", "x" * 101]])
    assert check.messages() == [
        "Row 2, column ‘Ticket type’: Ticket type must be 100 characters or fewer"
    ]


def test_answers_to_the_organisers_questions_are_checked() -> None:
    questions = [
        importing.QuestionSpec(1, "Coming to dinner?", "yes_no", (), True),
        importing.QuestionSpec(2, "Workshop", "choice", ("Morning", "Afternoon"), False),
    ]
    headings = ["Name", "Email", "Coming to dinner?", "Workshop"]
    mapping = importing.recognise(headings)
    mapping.update(importing.recognise_questions(headings, questions, mapping))
    assert mapping["question_1"] == 2
    assert mapping["question_2"] == 3
    table = read(
        csv_bytes(
            [
                headings,
                ["Ada", "ada@example.org", "Yes", "morning"],
                ["Grace", "grace@example.org", "", "Evening"],
            ]
        )
    )
    check = importing.check_rows(table, mapping, questions=questions)
    assert check.rows[0].answers == {1: "yes", 2: "Morning"}
    assert check.messages() == [
        "Row 3, column ‘Coming to dinner?’: answer ‘Coming to dinner?’",
        "Row 3, column ‘Workshop’: ‘Evening’ is not one of the answers to ‘Workshop’: "
        "Morning, Afternoon",
    ]


def test_a_mapping_must_name_the_email_and_a_name_and_use_each_column_once() -> None:
    labels = importing.TARGET_LABELS
    assert importing.mapping_problems({"email": None, "name": None}, labels) == {
        "email": "Choose the column that holds email addresses",
        "name": "Choose the column with people’s full names, or the columns with first and "
        "last names",
    }
    assert importing.mapping_problems({"email": 0, "name": 0}, labels) == {
        "name": "This column is already chosen for Email; choose each column once"
    }


def test_places_go_in_order_until_they_run_out() -> None:
    assert importing.places_for(5, None) == importing.Places(places=5, waiting=0)
    assert importing.places_for(5, 2) == importing.Places(places=2, waiting=3)
    assert importing.places_for(1, 0) == importing.Places(places=0, waiting=1)


# --- The import -------------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


def pending_for(activity: Any, rows: Sequence[Sequence[Any]], user: Any = None) -> PendingImport:
    return import_services.pending_import_create(
        actor=user or f.UserFactory(),
        activity=activity,
        table=read(csv_bytes(rows)),
        file_name="list.csv",
    )


ROWS = [
    ["First Name", "Last Name", "Email", "Company", "Ticket Type", "Sector"],
    ["Ada", "Lovelace", "ada@example.org", "Engines Ltd", "Speaker", "Private sector"],
    ["Grace", "Hopper", "grace@example.org", "Navy", "Delegate", "Government"],
    ["Alan", "Turing", "alan@example.org", "", "Delegate", ""],
]


@pytestmark_db
def test_an_import_registers_everyone_without_emailing_them(
    partnership: Any, django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership)
    pending = pending_for(activity, ROWS)
    with django_capture_on_commit_callbacks(execute=True):
        result = import_services.import_run(actor=None, pending=pending, expected=3)
    assert result == import_services.ImportResult(places=3, waiting=0, skipped=0)
    registrations = Registration.objects.filter(activity=activity).order_by("id")
    assert [(r.name, r.email, r.source, r.status) for r in registrations] == [
        ("Ada Lovelace", "ada@example.org", "import", Status.CONFIRMED),
        ("Grace Hopper", "grace@example.org", "import", Status.CONFIRMED),
        ("Alan Turing", "alan@example.org", "import", Status.CONFIRMED),
    ]
    assert registrations[0].organisation == "Engines Ltd"
    assert registrations[0].ticket_type == "Speaker"
    assert registrations[0].sector == "private"
    assert mail.outbox == []
    assert not PendingImport.objects.filter(pk=pending.pk).exists()


@pytestmark_db
def test_an_import_can_email_people_their_places(
    partnership: Any, django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership)
    pending = pending_for(activity, ROWS[:2])
    with django_capture_on_commit_callbacks(execute=True):
        import_services.import_run(actor=None, pending=pending, expected=1, notify=True)
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]


@pytestmark_db
def test_a_failed_import_saves_nothing(partnership: Any, monkeypatch: Any) -> None:
    activity = future_activity(partnership)
    register(activity, "Already Here")
    pending = pending_for(activity, ROWS)
    before = (Registration.objects.count(), Person.objects.count(), Answer.objects.count())
    real_register = services.register
    calls = []

    def failing_on_the_third(**kwargs: Any) -> Registration:
        calls.append(kwargs["email"])
        if len(calls) == 3:
            raise ValidationError({"email": "Something went wrong"})
        return real_register(**kwargs)

    monkeypatch.setattr(services, "register", failing_on_the_third)
    with pytest.raises(ValidationError) as error:
        import_services.import_run(actor=None, pending=pending, expected=3)
    assert error.value.messages == ["Nothing was imported. Row 4: Something went wrong"]
    assert len(calls) == 3  # two people were registered, then rolled back
    after = (Registration.objects.count(), Person.objects.count(), Answer.objects.count())
    assert after == before
    assert PendingImport.objects.filter(pk=pending.pk).exists()  # to try again


@pytestmark_db
def test_rows_with_errors_stop_the_import_unless_left_out_on_purpose(partnership: Any) -> None:
    activity = future_activity(partnership)
    pending = pending_for(activity, [*ROWS, ["Bad", "Row", "not-an-email", "", "", ""]])
    before = Registration.objects.count()
    with pytest.raises(ValidationError) as error:
        import_services.import_run(actor=None, pending=pending, expected=3)
    assert error.value.messages == [
        "Nothing was imported, as some rows have errors:",
        "Row 5, column ‘Email’: ‘not-an-email’ is not an email address, like name@example.org",
    ]
    assert Registration.objects.count() == before
    result = import_services.import_run(actor=None, pending=pending, expected=3, only_valid=True)
    assert result == import_services.ImportResult(places=3, waiting=0, skipped=1)
    assert Registration.objects.count() == before + 3


@pytestmark_db
def test_an_import_stops_when_the_list_changed_since_the_preview(partnership: Any) -> None:
    activity = future_activity(partnership)
    pending = pending_for(activity, ROWS)
    register(activity, "Grace Hopper", email="grace@example.org")  # registered meanwhile
    before = Registration.objects.count()
    with pytest.raises(ValidationError) as error:
        import_services.import_run(actor=None, pending=pending, expected=3, only_valid=True)
    assert "now has 2 people ready to import, not 3" in message_of(error)
    assert Registration.objects.count() == before


@pytestmark_db
def test_people_beyond_the_capacity_join_the_waiting_list(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=2)
    register(activity, "First Come")
    pending = pending_for(activity, ROWS)
    preview = import_services.preview(pending=pending)
    assert (preview.ready, preview.places.places, preview.places.waiting) == (3, 1, 2)
    assert Registration.objects.filter(activity=activity).count() == 1  # nothing saved
    result = import_services.import_run(actor=None, pending=pending, expected=3)
    assert (result.places, result.waiting) == (1, 2)
    statuses = dict(Registration.objects.filter(activity=activity).values_list("email", "status"))
    assert statuses["ada@example.org"] == Status.CONFIRMED
    assert statuses["grace@example.org"] == Status.WAITING
    assert statuses["alan@example.org"] == Status.WAITING


@pytestmark_db
def test_a_cancelled_activity_takes_no_import(partnership: Any) -> None:
    activity = future_activity(partnership)
    pending = pending_for(activity, ROWS)
    activity.status = "cancelled"
    activity.save()
    preview = import_services.preview(pending=pending)
    assert "cancelled" in preview.refusal
    with pytest.raises(ValidationError):
        import_services.import_run(actor=None, pending=pending, expected=3)
    assert not Registration.objects.filter(activity=activity).exists()


@pytestmark_db
def test_answers_to_questions_are_imported(partnership: Any) -> None:
    activity = future_activity(partnership)
    setup = services.setup_for(actor=None, activity=activity)
    question = services.question_save(
        actor=None, setup=setup, label="Dinner?", kind="yes_no", choices="", required=True
    )
    pending = pending_for(activity, [["Name", "Email", "Dinner?"], ["Ada", "ada@example.org", "Y"]])
    assert pending.mapping[importing.question_key(question.pk)] == 2
    import_services.import_run(actor=None, pending=pending, expected=1)
    answer = Answer.objects.get(registration__activity=activity)
    assert (answer.question_id, answer.text) == (question.pk, "yes")


@pytestmark_db
def test_the_mapping_can_be_changed_but_must_stay_usable(partnership: Any) -> None:
    activity = future_activity(partnership)
    pending = pending_for(activity, ROWS)
    mapping = import_services.mapping_of(pending)
    import_services.pending_import_map(
        actor=None, pending=pending, mapping={**mapping, "organisation": None}
    )
    pending.refresh_from_db()
    assert pending.mapping["organisation"] is None
    with pytest.raises(ValidationError) as error:
        import_services.pending_import_map(
            actor=None, pending=pending, mapping={**mapping, "email": None}
        )
    assert error.value.message_dict == {"email": ["Choose the column that holds email addresses"]}
    with pytest.raises(ValidationError):
        import_services.pending_import_map(
            actor=None, pending=pending, mapping={**mapping, "email": 99}
        )


@pytestmark_db
def test_imports_left_for_a_day_are_deleted(partnership: Any) -> None:
    activity = future_activity(partnership)
    old = pending_for(activity, ROWS)
    PendingImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=1, minutes=1)
    )
    assert (
        import_services.pending_import_in(activity=activity, user=old.created_by, import_id=old.pk)
        is None
    )
    new = pending_for(activity, ROWS)  # starting an import tidies up
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [new.pk]
    assert import_services.tidy_source(timezone.now() + dt.timedelta(days=2)) == 0
    assert not PendingImport.objects.exists()
