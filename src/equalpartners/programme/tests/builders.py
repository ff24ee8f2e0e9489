"""Test data in bulk: a programme of any size, for the query-count tests of several apps;
and single challenges and actions, written directly, for the actions tests.

``build_programme(partnership, n)`` makes ``n`` activities (each with a lead and a
co-delivering partner, a person leading it and up to three themes) plus a milestone and an
output for every activity, all in one calendar year; ``with_actions`` adds an action committed
at each activity, every other one done.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from equalpartners.programme.models import Action, Challenge, Theme
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")


def build_programme(
    partnership: Any, n: int, *, start: int = 0, year: int = 2026, with_actions: bool = False
) -> None:
    partner_list = list(partnership.partners.all())
    themes = [
        Theme.objects.get_or_create(partnership=partnership, name=name)[0]
        for name in ("Leadership", "Health", "Children")
    ]
    leader = f.PersonFactory()
    f.MembershipFactory(partnership=partnership, person=leader)
    for i in range(start, start + n):
        when = dt.datetime(year, 1, 1, 10, tzinfo=LONDON) + dt.timedelta(days=(i * 7) % 360)
        activity = f.ActivityFactory(
            partnership=partnership,
            starts_at=when,
            ends_at=when + dt.timedelta(hours=2),
            lead_partners=[partner_list[i % 3]],
            kind="roundtable" if i % 2 else "event",
            visibility="public" if i % 3 else "partners",
        )
        activity.co_partners.set([partner_list[(i + 1) % 3]])
        activity.themes.set(themes[: 1 + i % 3])
        activity.led_by.set([leader])
        milestone = f.MilestoneFactory(partnership=partnership, date=when.date())
        milestone.partners.set(partner_list)
        output = f.OutputFactory(
            partnership=partnership,
            activity=activity,
            published_on=when.date() + dt.timedelta(days=1),
            is_public=bool(i % 2),
        )
        output.partners.set(partner_list[:2])
        if with_actions:  # committed at the activity; every other one done two days later
            action = make_action(
                partnership,
                activity=activity,
                owner_person=leader,
                owner_partner=partner_list[i % 3],
                due_on=when.date() + dt.timedelta(days=30),
                status="done" if i % 2 else "open",
            )
            Action.objects.filter(pk=action.pk).update(
                created_at=when, completed_at=when + dt.timedelta(days=2) if i % 2 else None
            )


def entries_shown(response: Any) -> int:
    """How many timeline entries a timeline page's context holds."""
    return sum(len(month.entries) for group in response.context["groups"] for month in group.months)


def make_challenge(activity: Any, *, text: str = "How do we reach the people who need us?") -> Any:
    """A challenge posed at ``activity``, written directly (not through the services)."""
    return Challenge.objects.create(partnership=activity.partnership, activity=activity, text=text)


def make_action(
    partnership: Any,
    *,
    what: str = "Take the roundtable's questions to our board",
    due_on: dt.date = dt.date(2026, 6, 1),
    scale: str = "small",
    status: str = "open",
    **fields: Any,
) -> Any:
    """An action, written directly: give ``owner_person`` or ``owner_partner`` (a partner of
    ``partnership`` is chosen when neither is given)."""
    if "owner_person" not in fields and "owner_partner" not in fields:
        fields["owner_partner"] = partnership.partners.first()
    return Action.objects.create(
        partnership=partnership, what=what, due_on=due_on, scale=scale, status=status, **fields
    )
