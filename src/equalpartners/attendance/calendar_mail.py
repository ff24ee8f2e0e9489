"""Calendar invitations for an activity (iCalendar, RFC 5545 and the iTIP methods of RFC 5546).

Each activity is one event (one UID) for everyone registered. When its time or place changes
the invitation is sent again as the same event with a higher SEQUENCE, so calendars update the
entry they hold; when the activity is cancelled a METHOD:CANCEL removes it. Times carry the
activity's own time zone (TZID with its VTIMEZONE), so a calendar shows them in that zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from equalpartners.attendance.models import Registration, RegistrationSetup, Status
from equalpartners.programme.models import Activity

log = logging.getLogger(__name__)


def fingerprint(activity: Activity) -> str:
    """What a calendar entry shows of the activity: a change here means an update is sent."""
    shown = "|".join(
        [
            activity.title,
            activity.starts_at.isoformat(),
            activity.ends_at.isoformat(),
            activity.time_zone,
            activity.venue,
            activity.online_url,
            "cancelled" if activity.status == "cancelled" else "on",
        ]
    )
    return hashlib.sha256(shown.encode()).hexdigest()


def event_uid(activity: Activity) -> str:
    return f"activity-{activity.pk}@equalpartners"


def activity_url(activity: Activity) -> str:
    return f"{settings.SITE_URL}{activity.get_absolute_url()}"


def calendar_for(
    *,
    activity: Activity,
    sequence: int,
    method: str = "PUBLISH",
    attendee: Registration | None = None,
) -> bytes:
    """The activity as a calendar file; ``method`` REQUEST or CANCEL for an email invitation."""
    zone = activity.zone
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Equal Partners//Programme//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = icalendar.Event()
    event.add("uid", event_uid(activity))
    event.add("sequence", sequence)
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", activity.starts_at.astimezone(zone))
    event.add("dtend", activity.ends_at.astimezone(zone))
    event.add("summary", activity.title)
    cancelled = method == "CANCEL" or activity.status == "cancelled"
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    location = activity.venue or activity.online_url
    if location:
        event.add("location", location)
    url = activity_url(activity)
    event.add("url", url)
    description = f"{activity.summary}\n\n{url}".strip()
    if attendee is not None:
        description += f"\n\nYour attendance code: {attendee.code}"
    event.add("description", description)
    organiser = icalendar.vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = icalendar.vText(activity.partnership.name)
    event.add("organizer", organiser)
    if attendee is not None:
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = icalendar.vText(attendee.name)
        address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        event.add("attendee", address, encode=False)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def send_invitation(registration: Registration, *, sequence: int, method: str, reason: str) -> None:
    """Email the invitation (or its update or cancellation) once the transaction commits."""
    activity = registration.activity
    body = render_to_string(
        "attendance/email/invitation.txt",
        {
            "registration": registration,
            "activity": activity,
            "reason": reason,
            "cancelled": method == "CANCEL",
            "site_url": settings.SITE_URL,
        },
    )
    attachment = calendar_for(
        activity=activity, sequence=sequence, method=method, attendee=registration
    )
    subject = {
        "CANCEL": f"Cancelled: {activity.title}",
        "REQUEST": f"{reason}: {activity.title}",
    }[method]

    def send() -> None:
        message = EmailMessage(subject=subject, body=body, to=[registration.email])
        message.attach(
            "invitation.ics", attachment, f"text/calendar; charset=utf-8; method={method}"
        )
        try:
            message.send()
        except OSError:
            # The calendar file stays on the registrant's own page, always current.
            log.exception("Could not send the calendar invitation to %s", registration.email)

    transaction.on_commit(send)


def activity_changed(activity: Activity) -> int:
    """After an activity is saved: if what a calendar shows has changed, send everyone holding
    a place the update (or the cancellation). Returns how many invitations were sent."""
    setup = RegistrationSetup.objects.filter(activity=activity).first()
    if setup is None:
        return 0
    now_shown = fingerprint(activity)
    if now_shown == setup.calendar_fingerprint:
        return 0
    setup.calendar_sequence += 1
    setup.calendar_fingerprint = now_shown
    setup.save(update_fields=["calendar_sequence", "calendar_fingerprint"])
    cancelled = activity.status == "cancelled"
    people = activity.registrations.filter(
        status__in=(Status.CONFIRMED, Status.OFFERED) if cancelled else (Status.CONFIRMED,)
    )
    sent = 0
    for registration in people.iterator():
        send_invitation(
            registration,
            sequence=setup.calendar_sequence,
            method="CANCEL" if cancelled else "REQUEST",
            reason="Changed",
        )
        sent += 1
    return sent
