"""Registration pages through real HTTP: members and the public registering, a registrant's
own page, organisers' lists and exports, and the check-in page at the door."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from equalpartners.attendance import services
from equalpartners.attendance.models import Registration, Status
from equalpartners.attendance.tests.builders import future_activity, register
from equalpartners.core.capabilities import Role

pytestmark = pytest.mark.django_db


def _url(name: str, activity: Any, **kwargs: Any) -> str:
    return reverse(
        f"attendance:{name}",
        kwargs={
            "partnership_slug": activity.partnership.slug,
            "activity_id": activity.pk,
            **kwargs,
        },
    )


def test_a_member_registers_themselves_and_sees_their_code(
    partnership: Any, client_as: Any
) -> None:
    activity = future_activity(partnership, capacity=10)
    client = client_as(partnership, Role.STAFF)
    page = client.get(_url("register", activity))
    assert page.status_code == 200
    assert "10 places left" in page.content.decode()
    response = client.post(
        _url("register", activity), {"name": "Someone Else", "sector": "third", "listed": "on"}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(activity=activity)
    # A member registers as themselves, whatever the email box says.
    assert registration.email == registration.person.email
    assert registration.listed is True
    page = client.get(_url("register", activity)).content.decode()
    assert registration.code in page
    assert "You have a place" in page


def test_a_member_cancels_their_own_registration(partnership: Any, client_as: Any) -> None:
    activity = future_activity(partnership)
    client = client_as(partnership, Role.STAFF)
    client.post(_url("register", activity), {"name": "Me"})
    client.post(_url("register-cancel", activity))
    assert Registration.objects.get(activity=activity).status == Status.CANCELLED


def test_the_registration_form_shows_errors_beside_fields(partnership: Any, client_as: Any) -> None:
    activity = future_activity(partnership)
    question = services.question_save(
        actor=None,
        setup=activity.registration_setup,
        label="Which workshop?",
        kind="choice",
        choices="Morning\nAfternoon",
        required=True,
    )
    client = client_as(partnership, Role.STAFF)
    response = client.post(_url("register", activity), {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert f"question_{question.pk}" in html
    assert not Registration.objects.exists()


def test_the_public_link_registers_anyone_and_leads_to_their_page(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    link = reverse("registrant:register", kwargs={"token": activity.registration_setup.link_token})
    client = Client()
    response = client.post(link, {"name": "Pat Doe", "email": "pat@example.org"})
    registration = Registration.objects.get(email="pat@example.org")
    assert response["Location"] == registration.get_absolute_url()
    page = client.get(registration.get_absolute_url()).content.decode()
    assert registration.code in page
    qr = client.get(reverse("registrant:qr", kwargs={"token": registration.token}))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    ics = client.get(reverse("registrant:calendar", kwargs={"token": registration.token}))
    assert b"BEGIN:VEVENT" in ics.content
    assert registration.code.encode() in ics.content
    # Full now: the next person is told they will wait.
    page = client.get(link).content.decode()
    assert "waiting list" in page


def test_the_public_link_does_not_work_for_members_only_registration(partnership: Any) -> None:
    activity = future_activity(partnership)
    services.setup_update(actor=None, setup=activity.registration_setup, audience="members")
    link = reverse("registrant:register", kwargs={"token": activity.registration_setup.link_token})
    assert Client().get(link).status_code == 404
    assert Client().post(link, {"name": "X", "email": "x@example.org"}).status_code == 404


def test_a_new_link_retires_the_old_one(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership)
    old = activity.registration_setup.link_token
    signed_in.post(_url("new-link", activity))
    assert Client().get(reverse("registrant:register", kwargs={"token": old})).status_code == 404


def test_offered_people_confirm_on_their_page(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    holder, waiting = register(activity), register(activity)
    services.cancel(actor=None, registration=holder)
    page = Client().get(waiting.get_absolute_url()).content.decode()
    assert "A place is waiting for you" in page
    Client().post(waiting.get_absolute_url(), {"action": "confirm"})
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_registrants_cancel_on_their_page(partnership: Any) -> None:
    activity = future_activity(partnership)
    registration = register(activity)
    Client().post(registration.get_absolute_url(), {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_an_unknown_token_is_404(db: Any) -> None:
    assert Client().get(reverse("registrant:mine", kwargs={"token": "nope"})).status_code == 404


def test_the_list_filters_and_searches(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership, capacity=1)
    register(activity, "Ann Lee", organisation="Harbour Trust")
    register(activity, "Bo Chan")
    html = signed_in.get(_url("list", activity), {"status": "waiting"}).content.decode()
    assert "Bo Chan" in html
    assert "Ann Lee" not in html
    html = signed_in.get(_url("list", activity), {"q": "harbour"}).content.decode()
    assert "Ann Lee" in html
    assert "Bo Chan" not in html


def test_exports_parse_back(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership)
    question = services.question_save(
        actor=None, setup=activity.registration_setup, label="Topic", kind="short", choices=""
    )
    register(activity, "Ann Lee", organisation="=cmd()", answers={question.pk: "Data"})
    response = signed_in.get(_url("csv", activity))
    text = response.getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["name"], r["organisation"], r["Topic"]) for r in rows] == [
        ("Ann Lee", "'=cmd()", "Data")
    ]
    response = signed_in.get(_url("xlsx", activity))
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    sheet = workbook.active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:2] == ("name", "email")
    assert values[0][-1] == "Topic"
    assert values[1][0] == "Ann Lee"
    assert values[1][-1] == "Data"


def test_check_in_by_code_then_undo(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership)
    registration = register(activity, "Ann Lee")
    response = signed_in.post(_url("check-in", activity), {"code": registration.code.lower()})
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "Checked in: Ann Lee" in page
    assert "Undo" in page
    signed_in.post(_url("check-in-undo", activity, registration_id=registration.pk))
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_a_wrong_code_says_so_beside_the_box(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership)
    response = signed_in.post(_url("check-in", activity), {"code": "QQQQQQ"})
    assert response.status_code == 400
    assert "No registration for this activity has the code QQQQQQ" in response.content.decode()


def test_check_in_by_name_search(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership)
    ann = register(activity, "Ann Lee")
    register(activity, "Bo Chan")
    html = signed_in.get(_url("check-in", activity), {"q": "ann"}).content.decode()
    assert "Ann Lee" in html
    assert "Bo Chan" not in html
    signed_in.post(_url("check-in-person", activity, registration_id=ann.pk))
    ann.refresh_from_db()
    assert ann.checked_in_at is not None


def test_walk_in_through_the_page(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership, capacity=1)
    register(activity)
    response = signed_in.post(
        _url("walk-in", activity), {"name": "Drop In", "email": "drop@example.org"}
    )
    assert response.status_code == 302
    walk_in = Registration.objects.get(email="drop@example.org")
    assert walk_in.checked_in_at is not None
    assert walk_in.status == Status.CONFIRMED


def test_participants_lists_only_those_who_agreed(partnership: Any, client_as: Any) -> None:
    activity = future_activity(partnership)
    register(activity, "Listed Person", listed=True)
    register(activity, "Private Person", listed=False)
    html = client_as(partnership, Role.GUEST).get(_url("participants", activity)).content.decode()
    assert "Listed Person" in html
    assert "Private Person" not in html
    assert "1 other with a place chose not to be listed" in html


def test_the_activity_page_shows_registration_and_the_agenda(
    partnership: Any, client_as: Any
) -> None:
    activity = future_activity(partnership, capacity=5)
    register(activity)
    services.session_save(
        actor=None,
        activity=activity,
        title="Opening plenary",
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        room="Main hall",
    )
    html = client_as(partnership, Role.STAFF).get(activity.get_absolute_url()).content.decode()
    assert "Opening plenary" in html
    assert "Main hall" in html
    assert _url("register", activity) in html
    assert "1</span> has a place of 5" in html


def test_a_guest_can_neither_register_nor_run_registration(
    partnership: Any, client_as: Any
) -> None:
    activity = future_activity(partnership)
    guest = client_as(partnership, Role.GUEST)
    assert guest.post(_url("register", activity), {"name": "G"}).status_code == 403
    assert guest.get(_url("check-in", activity)).status_code == 403
    assert not Registration.objects.exists()


def test_the_agenda_page_adds_and_removes_sessions(partnership: Any, signed_in: Client) -> None:
    activity = future_activity(partnership)
    local = activity.starts_at.astimezone(activity.zone)
    response = signed_in.post(
        _url("agenda", activity),
        {
            "title": "Workshop",
            "day_day": local.day,
            "day_month": local.month,
            "day_year": local.year,
            "starts_time": local.strftime("%H:%M"),
            "ends_time": (local.replace(hour=local.hour + 1)).strftime("%H:%M"),
            "room": "Room 2",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    session = activity.sessions.get()
    assert session.starts_at == activity.starts_at
    signed_in.post(_url("session-delete", activity, session_id=session.pk))
    assert not activity.sessions.exists()
