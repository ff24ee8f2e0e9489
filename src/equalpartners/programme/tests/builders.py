"""Test data in bulk: a programme of any size, for the query-count tests of several apps.

``build_programme(partnership, n)`` makes ``n`` activities (each with a lead and a
co-delivering partner, a person leading it and up to three themes) plus a milestone and an
output for every activity, all in one calendar year.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from equalpartners.programme.models import Theme
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")


def build_programme(partnership: Any, n: int, *, start: int = 0, year: int = 2026) -> None:
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


def entries_shown(response: Any) -> int:
    """How many timeline entries a timeline page's context holds."""
    return sum(len(month.entries) for group in response.context["groups"] for month in group.months)
