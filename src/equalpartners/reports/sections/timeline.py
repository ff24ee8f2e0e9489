"""The timeline section: what the partnership did in the period, month by month.

Public activities (not cancelled ones) on the day they started in their own time zone, with
the time and the zone named, and the partnership's milestones. Activities kept to partners or
to invited people stay out: the report is made to be published.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from equalpartners.programme import selectors as programme
from equalpartners.programme.models import ActivityStatus
from equalpartners.reports.text import (
    between_text,
    day_text,
    md,
    md_paragraphs,
    period_bounds,
    plural,
)

# An activity's local day is within a day of its UTC day, in every zone.
LOCAL_DAY_SPREAD = dt.timedelta(days=1)


@dataclass(frozen=True)
class TimelineItem:
    on: dt.date
    kind_label: str
    title: str
    when_text: str
    partners: tuple[str, ...]
    partners_label: str = "Led by"
    summary: str = ""
    venue: str = ""
    status_label: str = ""


@dataclass(frozen=True)
class Month:
    label: str
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class TimelineSection:
    since: dt.date
    until: dt.date
    months: tuple[Month, ...]
    activities: int
    milestones: int

    @property
    def between(self) -> str:
        return between_text(self.since, self.until)

    @property
    def count_text(self) -> str:
        return (
            f"{plural(self.activities, 'public activity', 'public activities')} and "
            f"{plural(self.milestones, 'milestone', 'milestones')}"
        )


def gather(partnership: Any, *, since: dt.date, until: dt.date) -> TimelineSection:
    start, end = period_bounds(since, until, dt.UTC)  # widened below to every zone's day
    activities = (
        programme.activity_list(user=None, partnership=partnership, public_only=True)
        .exclude(status=ActivityStatus.CANCELLED)
        .filter(starts_at__gte=start - LOCAL_DAY_SPREAD, starts_at__lt=end + LOCAL_DAY_SPREAD)
        .order_by("starts_at", "pk")
    )
    items = [item for item in map(_activity_item, activities) if since <= item.on <= until]
    activity_count = len(items)
    milestones = programme.milestones_of(partnership=partnership).filter(
        date__gte=since, date__lte=until
    )
    items += [_milestone_item(milestone) for milestone in milestones.order_by("date", "pk")]
    items.sort(key=lambda item: item.on)  # stable: activities before milestones on a day
    months = tuple(
        Month(label=f"{dt.date(year, month, 1):%B %Y}", items=tuple(group))
        for (year, month), group in itertools.groupby(
            items, key=lambda item: (item.on.year, item.on.month)
        )
    )
    return TimelineSection(
        since=since,
        until=until,
        months=months,
        activities=activity_count,
        milestones=len(items) - activity_count,
    )


def _activity_item(activity: Any) -> TimelineItem:
    start = activity.starts_at.astimezone(activity.zone)
    return TimelineItem(
        on=start.date(),
        kind_label=activity.get_kind_display(),
        title=activity.title,
        when_text=f"{day_text(start.date())}, {start:%H:%M} {start.tzname()} "
        f"({activity.time_zone})",
        partners=tuple(str(partner) for partner in activity.lead_partner_list),
        summary=activity.summary,
        venue=activity.venue,
        status_label=activity.get_status_display(),
    )


def _milestone_item(milestone: Any) -> TimelineItem:
    return TimelineItem(
        on=milestone.date,
        kind_label="Milestone",
        title=milestone.title,
        when_text=day_text(milestone.date),
        partners=tuple(str(partner) for partner in milestone.partners.all()),
        partners_label="Partners:",
        summary=milestone.description,
    )


def markdown(section: TimelineSection) -> str:
    if not section.months:
        return f"Nothing public happened {section.between}.\n"
    lines = [f"{section.count_text} {section.between}."]
    for month in section.months:
        lines += ["", f"### {month.label}"]
        for item in month.items:
            lines += [
                "",
                f"#### {md(item.title)}",
                "",
                f"{md(item.kind_label)}: {md(item.when_text)}",
            ]
            details = []
            if item.partners:
                details.append(f"{item.partners_label} {md(', '.join(item.partners))}")
            if item.venue:
                details.append(f"At {md(item.venue)}")
            if item.status_label:
                details.append(md(item.status_label))
            if details:
                lines += ["", ". ".join(details) + "."]
            if item.summary:
                lines += ["", md_paragraphs(item.summary)]
    return "\n".join(lines) + "\n"
