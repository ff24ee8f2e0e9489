"""Small partnerships whose networks are worked out by hand, and the ways ties are made: through
the services (seating, introductions, check-ins, declarations) as people make them."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from equalpartners.attendance import services as attendance
from equalpartners.core.capabilities import Role
from equalpartners.networking import services
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")


def people(
    partnership: Any, spec: dict[str, tuple[str, str]], *, user_for: str = ""
) -> dict[str, Any]:
    """Members named in `spec` (name -> (organisation, sector)); organisations made once.
    `user_for` names the one who gets an account (a coordinator), to sign in as."""
    organisations: dict[str, Any] = {}
    out = {}
    for name, (organisation, sector) in spec.items():
        if organisation not in organisations:
            organisations[organisation] = f.OrganisationFactory(name=organisation, sector=sector)
        user = f.UserFactory() if name == user_for else None
        person = f.PersonFactory(name=name, organisation=organisations[organisation], user=user)
        role = Role.COORDINATOR if user else Role.STAFF
        f.MembershipFactory(partnership=partnership, person=person, role=role)
        out[name] = person
    return out


def declare(partnership: Any, a: Any, b: Any, on: dt.date, note: str = "") -> Any:
    return services.tie_declare(
        actor=None, partnership=partnership, person=a, other=b, on=on, note=note
    )


def activity_on(partnership: Any, day: dt.date, **fields: Any) -> Any:
    starts = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
    return f.ActivityFactory(
        partnership=partnership,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        time_zone="Europe/London",
        **fields,
    )


def check_in(activity: Any, who: list[Any], *, guests: int = 0) -> None:
    """Register and check in each of `who`, and `guests` people from beyond the partnership."""
    for person in who:
        registration = attendance.register(
            actor=None, activity=activity, name=person.name, email=person.email, source="organiser"
        )
        attendance.check_in(actor=None, registration=registration)
    for number in range(guests):
        registration = attendance.register(
            actor=None,
            activity=activity,
            name=f"Guest {number}",
            email=f"guest.{activity.pk}.{number}@example.net",
            source="organiser",
        )
        attendance.check_in(actor=None, registration=registration)


def seat(activity: Any, who: list[Any], *, table_size: int, rounds: int = 1) -> Any:
    plan = services.plan_build(
        actor=None, activity=activity, people=who, table_size=table_size, rounds=rounds
    )
    return services.plan_replan(actor=None, plan=plan, rounds_run=rounds)
