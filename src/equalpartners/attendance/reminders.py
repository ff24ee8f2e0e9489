"""Registration's part in the regular notifications run: offers from the waiting list that
were not confirmed in time lapse (and go to the next person), and people holding an offer are
reminded once when its deadline is near."""

from __future__ import annotations

import datetime as dt

from django_scopes import scopes_disabled

from equalpartners.attendance import services
from equalpartners.attendance.models import Registration, Status
from equalpartners.core.templatetags.core_tags import when
from equalpartners.notifications import services as notifications

REMIND_BEFORE = dt.timedelta(hours=12)


def lapse_offers(now: dt.datetime) -> int:
    with scopes_disabled():
        return services.lapse_expired_offers(now)


def remind_offers(now: dt.datetime) -> int:
    """One reminder per offer, when less than 12 hours are left; none once it is confirmed."""
    made = 0
    with scopes_disabled():
        due = Registration.objects.filter(
            status=Status.OFFERED,
            offer_expires_at__gt=now,
            offer_expires_at__lte=now + REMIND_BEFORE,
        ).select_related("activity", "person", "partnership")
        for registration in due:
            activity = registration.activity
            deadline = when(registration.offer_expires_at, activity.time_zone)
            made += (
                notifications.notify(
                    person=registration.person,
                    partnership=registration.partnership,
                    topic="registration",
                    subject=f"Reminder: confirm your place at {activity.title} by {deadline}",
                    body=(
                        f"A place at {activity.title} is held for you until {deadline}. "
                        "Confirm it on your registration page, or it goes to the next person "
                        "waiting."
                    ),
                    url=registration.get_absolute_url(),
                    key=f"registration-offer-reminder:{registration.pk}",
                )
                is not None
            )
    return made
