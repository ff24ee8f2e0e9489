"""Calendar invitations parsed back with the icalendar library: the time zone, the same UID
with a higher SEQUENCE when the time or place changes, and METHOD:CANCEL on cancellation."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import icalendar
import pytest

from equalpartners.attendance.tests.builders import future_activity, register
from equalpartners.programme import services as programme

pytestmark = pytest.mark.django_db


def _calendar(message: Any) -> icalendar.Calendar:
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def _event(calendar: icalendar.Calendar) -> Any:
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_place_sends_an_invitation_in_the_activity_zone(
    partnership: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership, time_zone="America/New_York")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(activity, "Ann Lee", email="ann@example.org")
    (message,) = mailoutbox
    assert message.to == ["ann@example.org"]
    calendar = _calendar(message)
    assert calendar["METHOD"] == "REQUEST"
    event = _event(calendar)
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None
    assert str(start.tzinfo) == "America/New_York"
    assert start == activity.starts_at
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert int(event["SEQUENCE"]) == 0
    assert registration.code in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(activity.get_absolute_url())


def test_a_new_time_sends_the_same_event_with_a_higher_sequence(
    partnership: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        register(activity, "Ann Lee", email="ann@example.org")
        register(activity, "Bo Chan", email="bo@example.org")
    first_uid = str(_event(_calendar(mailoutbox[0]))["UID"])
    mailoutbox.clear()
    later = activity.starts_at + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        programme.activity_update(
            actor=None,
            activity=activity,
            starts_at=later,
            ends_at=later + dt.timedelta(hours=2),
        )
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.org", "bo@example.org"]
    event = _event(_calendar(mailoutbox[0]))
    assert str(event["UID"]) == first_uid
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == later.astimezone(zoneinfo.ZoneInfo("Europe/London"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        programme.activity_update(actor=None, activity=activity, venue="The Lighthouse")
    assert int(_event(_calendar(mailoutbox[0]))["SEQUENCE"]) == 2
    assert str(_event(_calendar(mailoutbox[0]))["LOCATION"]) == "The Lighthouse"


def test_a_change_nobody_sees_in_a_calendar_sends_nothing(
    partnership: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        register(activity)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        programme.activity_update(actor=None, activity=activity, summary="More words")
    assert mailoutbox == []


def test_cancelling_the_activity_sends_a_cancellation(
    partnership: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    activity = future_activity(partnership, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        register(activity, "Ann Lee", email="ann@example.org")
        register(activity, "Waiting Person", email="wait@example.org")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        programme.activity_update(actor=None, activity=activity, status="cancelled")
    assert [m.to for m in mailoutbox] == [["ann@example.org"]]
    calendar = _calendar(mailoutbox[0])
    assert calendar["METHOD"] == "CANCEL"
    event = _event(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert "Cancelled" in mailoutbox[0].subject
