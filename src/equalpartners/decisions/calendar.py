"""The calendar invitation for a meeting-time poll's chosen slot (iCalendar, RFC 5545).

Built with the ``icalendar`` library, as the timeline feed is. ``METHOD:REQUEST`` makes mail
programs offer to add it to the calendar.
"""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

import icalendar
from django.conf import settings

from equalpartners.decisions.models import Decision, Option


def invitation_for(
    *, decision: Decision, option: Option, attendees: list[str], url: str = ""
) -> bytes:
    return _message(decision, option, attendees, url=url, method="REQUEST")


def cancellation_for(*, decision: Decision, option: Option, attendees: list[str]) -> bytes:
    """Withdraws an earlier invitation to ``option`` (same UID, ``METHOD:CANCEL``)."""
    return _message(decision, option, attendees, url="", method="CANCEL")


def _message(
    decision: Decision, option: Option, attendees: list[str], *, url: str, method: str
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Equal Partners//Decisions//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = icalendar.Event()
    if method == "CANCEL":
        event.add("status", "CANCELLED")
        event.add("sequence", 1)
    event.add("uid", f"decision-{decision.pk}-option-{option.pk}@equalpartners")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("summary", decision.question)
    # RFC 5546: a request names its organiser and the people it invites.
    organiser = icalendar.vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = icalendar.vText(decision.partnership.name)
    event.add("organizer", organiser)
    for address in attendees:
        attendee = icalendar.vCalAddress(f"mailto:{address}")
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    assert option.starts_at is not None  # a time poll's options are times
    event.add("dtstart", option.starts_at.astimezone(dt.UTC))
    event.add(
        "dtend", (option.ends_at or option.starts_at + dt.timedelta(hours=1)).astimezone(dt.UTC)
    )
    description = decision.outcome
    if url:
        description = f"{description}\n\n{url}".strip()
        event.add("url", url)
    event.add("description", description)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
