"""What registrants are told, and when: a place (with the calendar invitation), the waiting
list, a place offered with its deadline, an offer lapsed.

Calendar invitations go as email with the .ics attached; everything else goes through the
notifications app, which keeps it on the person's notifications page, emails it as they
prefer, retries failed sending and never sends the same thing twice (the keys below).
"""

from __future__ import annotations

from equalpartners.attendance import calendar_mail
from equalpartners.attendance.models import Registration, RegistrationSetup, Status
from equalpartners.core.templatetags.core_tags import when
from equalpartners.notifications import services as notifications


def _sequence(registration: Registration) -> int:
    setup = RegistrationSetup.objects.only("calendar_sequence").get(
        activity_id=registration.activity_id
    )
    return setup.calendar_sequence


def registered(registration: Registration) -> None:
    if registration.status == Status.CONFIRMED:
        calendar_mail.send_invitation(
            registration, sequence=_sequence(registration), method="REQUEST", reason="Your place"
        )
        return
    activity = registration.activity
    ahead = activity.registrations.filter(
        status=Status.WAITING, created_at__lt=registration.created_at
    ).count()
    notifications.notify(
        person=registration.person,
        partnership=registration.partnership,
        topic="registration",
        subject=f"You are on the waiting list for {activity.title}",
        body=(
            f"{activity.title} is full, so you are on the waiting list "
            f"(number {ahead + 1}). If a place comes free we will offer it to you by email, "
            "and you will have a set time to confirm it."
        ),
        url=registration.get_absolute_url(),
        key=f"registration-waiting:{registration.pk}",
    )


def place_offered(registration: Registration) -> None:
    activity = registration.activity
    deadline = when(registration.offer_expires_at, activity.time_zone)
    notifications.notify(
        person=registration.person,
        partnership=registration.partnership,
        topic="registration",
        subject=f"A place at {activity.title} is yours if you confirm by {deadline}",
        body=(
            f"A place has come free at {activity.title}. Confirm it by {deadline} on your "
            "registration page, or it will be offered to the next person waiting."
        ),
        url=registration.get_absolute_url(),
        key=f"registration-offered:{registration.pk}",
    )


def offer_taken(registration: Registration) -> None:
    notifications.withdraw(
        person=registration.person, key=f"registration-offer-reminder:{registration.pk}"
    )
    calendar_mail.send_invitation(
        registration, sequence=_sequence(registration), method="REQUEST", reason="Your place"
    )


def offer_lapsed(registration: Registration) -> None:
    activity = registration.activity
    notifications.withdraw(
        person=registration.person, key=f"registration-offer-reminder:{registration.pk}"
    )
    notifications.notify(
        person=registration.person,
        partnership=registration.partnership,
        topic="registration",
        subject=f"The place offered at {activity.title} has gone to the next person",
        body=(
            f"The place offered to you at {activity.title} was not confirmed in time, so it "
            "has been offered to the next person on the waiting list. You can register again "
            "if places are still open."
        ),
        url=registration.get_absolute_url(),
        key=f"registration-lapsed:{registration.pk}",
    )
