"""Importing an attendee list through the pages: upload, columns, preview, import, done; and
who may do it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from equalpartners.attendance.import_models import PendingImport
from equalpartners.attendance.models import Registration, Status
from equalpartners.attendance.tests.builders import future_activity, register
from equalpartners.core.capabilities import Role
from equalpartners.testing import factories as f

pytestmark = pytest.mark.django_db


def csv_file(rows: Sequence[Sequence[Any]], name: str = "attendees.csv") -> SimpleUploadedFile:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(), content_type="text/csv")


def xlsx_file(sheets: dict[str, Sequence[Sequence[Any]]]) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("export.xlsx", out.getvalue())


def url(name: str, activity: Any, **kwargs: Any) -> str:
    return reverse(
        f"attendance:{name}",
        kwargs={
            "partnership_slug": activity.partnership.slug,
            "activity_id": activity.pk,
            **kwargs,
        },
    )


def upload(client: Client, activity: Any, file: SimpleUploadedFile, sheet: str = "") -> Any:
    return client.post(url("import", activity), {"file": file, "sheet": sheet})


def started(client: Client, activity: Any, file: SimpleUploadedFile) -> PendingImport:
    response = upload(client, activity, file)
    assert response.status_code == 302, response.content.decode()
    pending = PendingImport.objects.latest("id")
    assert response["Location"] == url("import-map", activity, import_id=pending.pk)
    return pending


def text(response: Any) -> str:
    return " ".join(response.content.decode().split())


def words(response: Any) -> str:
    """What the page says, without its markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


EVENTBRITE = [
    ["Order #", "First Name", "Last Name", "Email", "Ticket Type", "Job Title", "Company"],
    ["1001", "Ada", "Lovelace", "ada@example.org", "Speaker", "Analyst", "Engines Ltd"],
    ["1002", "Grace", "Hopper", "grace@example.org", "Delegate", "Admiral", "Navy"],
]


def test_an_organiser_imports_a_list_in_four_steps(signed_in: Client, partnership: Any) -> None:
    activity = future_activity(partnership)
    first = signed_in.get(url("import", activity))
    assert first.status_code == 200
    assert 'enctype="multipart/form-data"' in first.content.decode()
    assert "Eventbrite" in text(first)

    pending = started(signed_in, activity, csv_file(EVENTBRITE))

    # Step 2: the columns, recognised and shown with a value from the file.
    response = signed_in.get(url("import-map", activity, import_id=pending.pk))
    assert "We read 2 rows of people from attendees.csv ," in words(response)
    page = text(response)
    assert '<option value="3" selected>Email, for example ‘ada@example.org’</option>' in page
    assert '<option value="1" selected>First Name, for example ‘Ada’</option>' in page
    assert "We chose this column from its heading; it starts ‘Engines Ltd’." in page
    mapping = {
        "name": "",
        "first_name": "1",
        "last_name": "2",
        "email": "3",
        "organisation": "6",
        "sector": "",
        "job_title": "5",
        "ticket_type": "4",
        "access_needs": "",
        "dietary_needs": "",
    }
    response = signed_in.post(url("import-map", activity, import_id=pending.pk), mapping)
    assert response["Location"] == url("import-preview", activity, import_id=pending.pk)

    # Step 3: the preview; nothing saved yet.
    page = text(signed_in.get(url("import-preview", activity, import_id=pending.pk)))
    assert "Nothing has been saved yet" in page
    assert "Import 2 people" in page
    assert Registration.objects.filter(activity=activity).count() == 0

    # Step 4: the import, and the page that says what happened.
    response = signed_in.post(
        url("import-preview", activity, import_id=pending.pk), {"expected": "2"}
    )
    assert response["Location"] == url("import-done", activity)
    registrations = Registration.objects.filter(activity=activity).order_by("name")
    assert [(r.name, r.job_title, r.organisation, r.source) for r in registrations] == [
        ("Ada Lovelace", "Analyst", "Engines Ltd", "import"),
        ("Grace Hopper", "Admiral", "Navy", "import"),
    ]
    page = text(signed_in.get(url("import-done", activity)))
    assert "2 people imported" in page
    assert "2 people have a place" in page
    assert "Nobody was emailed" in page
    assert f'href="{url("list", activity)}"' in page
    # The result is shown once; the pending import is gone.
    assert signed_in.get(url("import-done", activity))["Location"] == url("list", activity)
    assert not PendingImport.objects.filter(pk=pending.pk).exists()


def test_an_xlsx_file_is_imported_from_the_sheet_named(signed_in: Client, partnership: Any) -> None:
    activity = future_activity(partnership)
    file = xlsx_file(
        {
            "Summary": [["Sold", 1]],
            "Attendees": [
                ["Ticket First Name", "Ticket Last Name", "Ticket Email", "Ticket"],
                ["Ada", "Lovelace", "ada@example.org", "Early bird"],
            ],
        }
    )
    response = upload(signed_in, activity, file, sheet="Attendees")
    pending = PendingImport.objects.get()
    assert response["Location"] == url("import-map", activity, import_id=pending.pk)
    page = text(signed_in.get(url("import-map", activity, import_id=pending.pk)))
    assert "sheet ‘Attendees’" in page
    assert "The workbook has 2 sheets: Summary, Attendees" in page
    assert "Ticket Email (column C), for example ‘ada@example.org’" in page
    signed_in.post(url("import-preview", activity, import_id=pending.pk), {"expected": "1"})
    registration = Registration.objects.get(activity=activity)
    assert (registration.name, registration.ticket_type) == ("Ada Lovelace", "Early bird")


def test_an_upload_that_cannot_be_read_is_explained_beside_the_file_input(
    signed_in: Client, partnership: Any
) -> None:
    activity = future_activity(partnership)
    page = text(signed_in.post(url("import", activity), {}))
    assert "There is a problem" in page
    assert '<a href="#id_file">Choose the file with your attendee list</a>' in page
    old_excel = SimpleUploadedFile("list.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old")
    page = text(upload(signed_in, activity, old_excel))
    assert "older Excel file (.xls)" in page
    assert 'id="id_file_error"' in page
    page = text(upload(signed_in, activity, xlsx_file({"People": EVENTBRITE}), sheet="Nope"))
    assert "The workbook has no sheet called ‘Nope’; its sheets are ‘People’" in page
    assert not PendingImport.objects.exists()


def test_the_columns_must_include_an_email_and_a_name(signed_in: Client, partnership: Any) -> None:
    activity = future_activity(partnership)
    pending = started(signed_in, activity, csv_file(EVENTBRITE))
    response = signed_in.post(
        url("import-map", activity, import_id=pending.pk),
        {"email": "", "first_name": "", "name": "", "organisation": "1", "job_title": "1"},
    )
    page = text(response)
    assert response.status_code == 200
    assert '<a href="#id_email">Choose the column that holds email addresses</a>' in page
    assert "Choose the column with people’s full names" in page
    assert "This column is already chosen for Organisation" in page


def test_the_preview_lists_rows_with_errors_first_and_offers_only_the_rest(
    signed_in: Client, partnership: Any
) -> None:
    activity = future_activity(partnership)
    register(activity, "Grace Hopper", email="grace@example.org", notify=False)
    rows = [
        EVENTBRITE[0],
        EVENTBRITE[1],
        ["1003", "Alan", "Turing", "alan@", "Delegate", "", ""],
        EVENTBRITE[2],
        ["1004", "Katherine", "Johnson", "kj@example.org", "Delegate", "", ""],
    ]
    pending = started(signed_in, activity, csv_file(rows))
    preview = url("import-preview", activity, import_id=pending.pk)
    response = signed_in.get(preview)
    assert "2 rows with errors" in words(response)
    assert "2 ready to import" in words(response)
    page = text(response)
    assert "Row 3, column ‘Email’: ‘alan@’ is not an email address" in page
    assert "Row 4, column ‘Email’: grace@example.org is already registered" in page
    assert page.index("Row 3, column") < page.index("Lovelace")  # errors first
    assert "Import 2 people" not in page
    assert "Import only the 2 rows without errors" in page

    # Importing everything is refused while there are errors; nothing is saved.
    before = Registration.objects.count()
    response = signed_in.post(preview, {"expected": "2"})
    assert response.status_code == 200
    assert "Nothing was imported, as some rows have errors" in text(response)
    assert Registration.objects.count() == before

    response = signed_in.post(preview, {"expected": "2", "only_valid": "on"})
    assert response.status_code == 302
    assert Registration.objects.count() == before + 2
    page = text(signed_in.get(url("import-done", activity)))
    assert "2 rows were left out because of errors" in page


def test_the_preview_says_who_gets_a_place_and_who_waits(
    signed_in: Client, partnership: Any, django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership, capacity=1)
    pending = started(signed_in, activity, csv_file(EVENTBRITE))
    preview = url("import-preview", activity, import_id=pending.pk)
    page = text(signed_in.get(preview))
    assert "This activity has 1 place, 1 still free" in page
    assert "Will get a place" in page
    assert "Will wait" in page
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(preview, {"expected": "2", "notify": "on"})
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"ada@example.org": Status.CONFIRMED, "grace@example.org": Status.WAITING}
    page = text(signed_in.get(url("import-done", activity)))
    assert "1 person is on the waiting list" in page
    assert "being emailed" in page


def test_a_list_changed_since_the_preview_is_not_imported(
    signed_in: Client, partnership: Any
) -> None:
    activity = future_activity(partnership)
    pending = started(signed_in, activity, csv_file(EVENTBRITE))
    register(activity, "Ada Lovelace", email="ada@example.org", notify=False)
    before = Registration.objects.count()
    response = signed_in.post(
        url("import-preview", activity, import_id=pending.pk), {"expected": "2"}
    )
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert Registration.objects.count() == before


def test_the_preview_page_makes_a_bounded_number_of_queries(
    signed_in: Client, partnership: Any, django_assert_max_num_queries: Any
) -> None:
    activity = future_activity(partnership, capacity=50)
    rows = [["Name", "Email"]] + [[f"Person {n}", f"p{n}@example.org"] for n in range(300)]
    pending = started(signed_in, activity, csv_file(rows))
    with django_assert_max_num_queries(20):
        page = signed_in.get(url("import-preview", activity, import_id=pending.pk))
    assert "and 100 more people ready to import" in text(page)


# --- Who may import ---------------------------------------------------------------------------


def test_a_guest_may_not_import(partnership: Any, client_as: Any) -> None:
    activity = future_activity(partnership)
    pending = PendingImport.objects.create(
        partnership=partnership,
        activity=activity,
        created_by=f.UserFactory(),
        file_name="x.csv",
        kind="csv",
        headings=["Name", "Email"],
        rows=[[2, ["Ada", "ada@example.org"]]],
        mapping={"name": 0, "email": 1},
    )
    guest = client_as(partnership, Role.GUEST)
    assert guest.get(url("import", activity)).status_code == 403
    assert upload(guest, activity, csv_file(EVENTBRITE)).status_code == 403
    for name in ("import-map", "import-preview"):
        assert guest.get(url(name, activity, import_id=pending.pk)).status_code == 403
    response = guest.post(url("import-preview", activity, import_id=pending.pk), {"expected": "1"})
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_staff_may_import(partnership: Any, client_as: Any) -> None:
    activity = future_activity(partnership)
    staff = client_as(partnership, Role.STAFF)
    assert staff.get(url("import", activity)).status_code == 200


def test_another_partnerships_activity_is_404(signed_in: Client, other_partnership: Any) -> None:
    theirs = other_partnership_activity(other_partnership)
    assert signed_in.get(url("import", theirs)).status_code == 404
    assert upload(signed_in, theirs, csv_file(EVENTBRITE)).status_code == 404
    assert signed_in.get(url("import-done", theirs)).status_code == 404
    assert not PendingImport.objects.exists()


def other_partnership_activity(other: Any) -> Any:
    from equalpartners.programme.models import Activity

    return Activity.objects.filter(partnership=other).get()


def test_someone_elses_import_is_404(signed_in: Client, partnership: Any, client_as: Any) -> None:
    activity = future_activity(partnership)
    pending = started(signed_in, activity, csv_file(EVENTBRITE))
    colleague = client_as(partnership, Role.COORDINATOR)
    for name in ("import-map", "import-preview"):
        assert colleague.get(url(name, activity, import_id=pending.pk)).status_code == 404
    response = colleague.post(
        url("import-preview", activity, import_id=pending.pk), {"expected": "2"}
    )
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_an_import_is_found_only_under_its_own_activity_and_for_a_day(
    signed_in: Client, partnership: Any
) -> None:
    activity = future_activity(partnership)
    another = future_activity(partnership)
    pending = started(signed_in, activity, csv_file(EVENTBRITE))
    assert signed_in.get(url("import-map", another, import_id=pending.pk)).status_code == 404
    PendingImport.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - dt.timedelta(days=2)
    )
    assert signed_in.get(url("import-map", activity, import_id=pending.pk)).status_code == 404
