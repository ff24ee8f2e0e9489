"""People with a notification preference, and notifications, for the notifications tests."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from equalpartners.notifications.models import Notification, NotificationPreference
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")
# A moment after the daily summaries are due (07:00 London).
MORNING = dt.datetime(2026, 3, 10, 8, 0, tzinfo=LONDON)


def person_who_wants(mode: str | None = None, **fields: Any) -> Any:
    """A person; with ``mode``, one who has chosen it (else: the default, straight away)."""
    person = f.PersonFactory(**fields)
    if mode is not None:
        NotificationPreference.objects.create(person=person, email_mode=mode)
    return person


def notification(person: Any, *, key: str = "", **fields: Any) -> Notification:
    """A notification stored directly (not through ``notify``), waiting to be emailed."""
    values: dict[str, Any] = {
        "topic": "test",
        "subject": "Something happened",
        "body": "Details.",
        "key": key or f"test:{Notification.objects.count() + 1}",
    }
    values.update(fields)
    return Notification.objects.create(person=person, **values)
