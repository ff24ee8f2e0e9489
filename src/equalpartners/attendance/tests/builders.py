"""Activities in the future and registrations made through the services, for the tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from equalpartners.attendance import services
from equalpartners.attendance.models import Registration
from equalpartners.testing import factories as f

_numbers = itertools.count(1)


def future_activity(partnership: Any, *, capacity: int | None = None, **fields: Any) -> Any:
    """An activity a month from now, taking registrations (members and the public link)."""
    starts = (timezone.now() + dt.timedelta(days=30)).replace(second=0, microsecond=0)
    fields.setdefault("starts_at", starts)
    fields.setdefault("ends_at", fields["starts_at"] + dt.timedelta(hours=3))
    activity = f.ActivityFactory(partnership=partnership, **fields)
    setup = services.setup_for(actor=None, activity=activity)
    services.setup_update(actor=None, setup=setup, capacity=capacity, audience="public")
    return activity


def register(activity: Any, name: str | None = None, **fields: Any) -> Registration:
    number = next(_numbers)
    name = name or f"Person {number}"
    fields.setdefault("email", f"{name.lower().replace(' ', '.')}.{number}@example.org")
    return services.register(actor=None, activity=activity, name=name, **fields)
