"""The partnership timeline: activities, milestones, outputs, decisions and actions in one
dated sequence.

An action appears twice at most: on the day it was committed to, and on the day it was done,
both dated in the partnership's time zone.

Each source is read in date order and merged, so the CSV and calendar exports stream any
number of entries in bounded memory, and a page shows one year at a time.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, F, Prefetch, QuerySet, Value
from django.urls import reverse

from equalpartners.decisions import selectors as decision_selectors
from equalpartners.partnerships.models import Partner
from equalpartners.programme import action_selectors, selectors
from equalpartners.programme.action_models import ActionStatus, zone_of
from equalpartners.programme.models import ActivityKind

ENTRY_KINDS = [
    *ActivityKind.choices,
    ("milestone", "Milestone"),
    ("output", "Output"),
    ("decision", "Decision"),
    ("action", "Action"),
]
ACTIVITY_KIND_LABELS = dict(ActivityKind.choices)
CHUNK = 500
# How far an activity's local day can be from its UTC day: less than this, in every zone.
LOCAL_DAY_SPREAD = dt.timedelta(days=1)


@dataclass(frozen=True)
class TimelineEntry:
    on: dt.date
    sort_key: tuple[dt.date, dt.datetime]
    kind: str
    kind_label: str
    title: str
    url: str
    partners: list[str] = field(default_factory=list)
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    time_zone: str = ""
    status_label: str = ""
    summary: str = ""
    venue: str = ""
    uid: str = ""

    @property
    def when_text(self) -> str:
        """The date, and for an activity its start time in its own zone, naming the zone."""
        if self.starts_at is None:
            return f"{self.on:%A %-d %B}"
        return f"{self.starts_at:%A %-d %B, %H:%M} {self.starts_at.tzname()} ({self.time_zone})"


@dataclass
class MonthGroup:
    label: str
    entries: list[TimelineEntry]


@dataclass
class YearGroup:
    year: int
    months: list[MonthGroup]


def _earliest(on: dt.date) -> dt.datetime:
    return dt.datetime.combine(on, dt.time.min, tzinfo=dt.UTC)


def _address_of(name: str, slug: str, keyword: str) -> Callable[[int], str]:
    """``reverse()`` once for the partnership, then fill in each id: a year holds hundreds."""
    marker = 7_777_777_777  # no record has this id; it only marks where the id goes
    address = reverse(name, kwargs={"partnership_slug": slug, keyword: marker})
    before, after = address.split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def _activity_entries(activities: Iterable[Any], slug: str) -> Iterator[TimelineEntry]:
    address = _address_of("programme:activity", slug, "activity_id")
    for activity in activities:
        local_start = activity.starts_at.astimezone(activity.zone)
        yield TimelineEntry(
            on=local_start.date(),
            sort_key=(local_start.date(), activity.starts_at),
            kind=activity.kind,
            kind_label=ACTIVITY_KIND_LABELS[activity.kind],
            title=activity.title,
            url=address(activity.pk),
            partners=[str(p) for p in activity.lead_partner_list],
            starts_at=local_start,
            ends_at=activity.ends_at.astimezone(activity.zone),
            time_zone=activity.time_zone,
            status_label=activity.get_status_display(),
            summary=activity.summary,
            venue=activity.venue,
            uid=f"activity-{activity.pk}",
        )


def _milestone_entries(milestones: Iterable[Any], slug: str) -> Iterator[TimelineEntry]:
    address = _address_of("programme:milestone", slug, "milestone_id")
    for milestone in milestones:
        yield TimelineEntry(
            on=milestone.date,
            sort_key=(milestone.date, _earliest(milestone.date)),
            kind="milestone",
            kind_label="Milestone",
            title=milestone.title,
            url=address(milestone.pk),
            partners=[str(p) for p in milestone.partner_list],
            summary=milestone.description,
            uid=f"milestone-{milestone.pk}",
        )


def _output_entries(outputs: Iterable[Any], slug: str) -> Iterator[TimelineEntry]:
    address = _address_of("programme:output", slug, "output_id")
    for output in outputs:
        yield TimelineEntry(
            on=output.published_on,
            sort_key=(output.published_on, _earliest(output.published_on)),
            kind="output",
            kind_label=f"Output: {output.get_kind_display().lower()}",
            title=output.title,
            url=address(output.pk),
            partners=[str(p) for p in output.partner_list],
            summary=output.summary,
            uid=f"output-{output.pk}",
        )


def _decision_entries(decisions: Iterable[Any], slug: str) -> Iterator[TimelineEntry]:
    """A decision on the day its voting closed (or closes), with its outcome once recorded."""
    address = _address_of("decisions:decision", slug, "decision_id")
    for decision in decisions:
        closing = decision.closed_at or decision.closes_at
        local = closing.astimezone(decision.zone)
        if decision.outcome:
            chosen = decision.chosen_option
            status = f"Decided: {chosen.label}" if chosen is not None else "Decided"
            summary = decision.outcome
        else:
            status = "Last day of voting"
            summary = decision.context
        yield TimelineEntry(
            on=local.date(),
            sort_key=(local.date(), closing),
            kind="decision",
            kind_label="Decision",
            title=decision.question,
            url=address(decision.pk),
            status_label=status,
            summary=summary,
            uid=f"decision-{decision.pk}",
        )


ACTION_STATUS_LABELS = dict(ActionStatus.choices)


def _action_entries(
    rows: Iterable[dict[str, Any]], slug: str, zone: Any
) -> Iterator[TimelineEntry]:
    """An action on the day it was committed to, and again on the day it was done."""
    address = _address_of("programme:action", slug, "action_id")
    for row in rows:
        moment, done = row["moment"], bool(row["done"])
        local = moment.astimezone(zone)
        partner = (
            row["owner_partner__organisation__short_name"]
            or row["owner_partner__organisation__name"]
        )
        who = row["owner_person__name"] or ""
        due = f"Due by {row['due_on']:%-d %B %Y}"
        yield TimelineEntry(
            on=local.date(),
            sort_key=(local.date(), moment),
            kind="action",
            kind_label="Action done" if done else "Action committed",
            title=str(row["what"]),
            url=address(row["pk"]),
            partners=[partner] if partner else [],
            status_label=ACTION_STATUS_LABELS.get(row["status"], ""),
            summary=" · ".join(part for part in (who, due) if part),
            uid=f"action-{'done' if done else 'committed'}-{row['pk']}",
        )


ACTION_COLUMNS = (
    "pk",
    "what",
    "status",
    "due_on",
    "owner_person__name",
    "owner_partner__organisation__name",
    "owner_partner__organisation__short_name",
)


def _actions_on_timeline(
    partnership: Any, *, partner_id: int | None, year: int | None, stream: bool
) -> Iterator[TimelineEntry]:
    """Actions when committed to and when done, in one query: the two as a union, by date."""
    zone = zone_of(partnership)
    actions = action_selectors.actions_of(partnership=partnership, partner_id=partner_id)
    done = actions.filter(status=ActionStatus.DONE, completed_at__isnull=False)
    if year is not None:
        start = dt.datetime(year, 1, 1, tzinfo=zone)
        end = dt.datetime(year + 1, 1, 1, tzinfo=zone)
        actions = actions.filter(created_at__gte=start, created_at__lt=end)
        done = done.filter(completed_at__gte=start, completed_at__lt=end)
    committed_rows = (
        actions.select_related(None)
        .order_by()
        .values(*ACTION_COLUMNS)
        .annotate(moment=F("created_at"), done=Value(False, output_field=BooleanField()))
    )
    done_rows = (
        done.select_related(None)
        .order_by()
        .values(*ACTION_COLUMNS)
        .annotate(moment=F("completed_at"), done=Value(True, output_field=BooleanField()))
    )
    rows = committed_rows.union(done_rows, all=True).order_by("moment", "pk")
    return _action_entries(_rows(rows, stream), partnership.slug, zone)


def _partner_names(relation: str, to_attr: str) -> Prefetch[str, QuerySet[Partner], str]:
    """The partners as a plain list on each row, with only what their names need.

    A list (``to_attr``), not the related manager: for a manager Django builds a filtered
    queryset for every row, which costs more than reading the rows.
    """
    partners = Partner.objects.select_related("organisation").only(
        "organisation__name", "organisation__short_name"
    )
    return Prefetch(relation, queryset=partners, to_attr=to_attr)


def timeline_entries(
    *,
    user: Any,
    partnership: Any,
    partner_id: int | None = None,
    kind: str = "",
    year: int | None = None,
    public_only: bool = False,
    stream: bool = False,
) -> Iterator[TimelineEntry]:
    """Every entry the visitor may see, in date order, optionally for one year and kind."""
    sources: list[Iterator[TimelineEntry]] = []
    if kind in ("", *ACTIVITY_KIND_LABELS):
        activities = (
            selectors.activity_list(
                user=user,
                partnership=partnership,
                kind=kind,
                partner_id=partner_id,
                public_only=public_only,
            )
            .prefetch_related(None)  # of the list's prefetches, only the lead partners' names
            .prefetch_related(_partner_names("lead_partners", "lead_partner_list"))
            .order_by("starts_at", "pk")
        )
        if year is not None:
            # An activity's year is that of its own local day, at most a day from the UTC day.
            activities = activities.filter(
                starts_at__gte=dt.datetime(year, 1, 1, tzinfo=dt.UTC) - LOCAL_DAY_SPREAD,
                starts_at__lt=dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) + LOCAL_DAY_SPREAD,
            )
        entries = _in_local_day_order(
            _activity_entries(_rows(activities, stream), partnership.slug)
        )
        if year is not None:
            entries = (entry for entry in entries if entry.on.year == year)
        sources.append(entries)
    if kind in ("", "milestone") and not public_only:
        milestones = selectors.milestones_of(partnership=partnership, partner_id=partner_id)
        if year is not None:
            milestones = milestones.filter(date__year=year)
        milestones = (
            milestones.prefetch_related(None)
            .prefetch_related(_partner_names("partners", "partner_list"))
            .order_by("date", "pk")
        )
        sources.append(_milestone_entries(_rows(milestones, stream), partnership.slug))
    if kind in ("", "output"):
        outputs = selectors.outputs_of(
            partnership=partnership, partner_id=partner_id, public_only=public_only
        )
        if year is not None:
            outputs = outputs.filter(published_on__year=year)
        outputs = (
            outputs.prefetch_related(None)
            .prefetch_related(_partner_names("partners", "partner_list"))
            .order_by("published_on", "pk")
        )
        sources.append(_output_entries(_rows(outputs, stream), partnership.slug))
    if kind in ("", "decision") and not public_only:
        decisions = decision_selectors.decisions_for_timeline(
            partnership=partnership, year=year, partner_id=partner_id
        )
        entries = _in_local_day_order(_decision_entries(_rows(decisions, stream), partnership.slug))
        if year is not None:
            entries = (entry for entry in entries if entry.on.year == year)
        sources.append(entries)
    if kind in ("", "action") and not public_only:
        sources.append(
            _actions_on_timeline(partnership, partner_id=partner_id, year=year, stream=stream)
        )
    return heapq.merge(*sources, key=lambda entry: entry.sort_key)


def _in_local_day_order(entries: Iterable[TimelineEntry]) -> Iterator[TimelineEntry]:
    """Activities read in order of their start (UTC), put in order of their local day.

    Zones differ from UTC by less than a day, so an activity read later, starting at or after
    ``instant``, is on a local day no earlier than the UTC day before ``instant``: whatever is
    waiting with a smaller sort key can go. Only about two days of activities wait at once.
    """
    waiting: list[tuple[tuple[dt.date, dt.datetime], int, TimelineEntry]] = []
    for number, entry in enumerate(entries):
        instant = entry.sort_key[1]
        settled = ((instant.astimezone(dt.UTC) - LOCAL_DAY_SPREAD).date(), instant)
        while waiting and waiting[0][0] <= settled:
            yield heapq.heappop(waiting)[2]
        heapq.heappush(waiting, (entry.sort_key, number, entry))
    while waiting:
        yield heapq.heappop(waiting)[2]


def _rows(queryset: QuerySet[Any], stream: bool) -> Iterable[Any]:
    return queryset.iterator(chunk_size=CHUNK) if stream else queryset


def group_by_month(entries: Iterable[TimelineEntry]) -> list[YearGroup]:
    years = []
    for year, in_year in itertools.groupby(entries, key=lambda e: e.on.year):
        months = [
            MonthGroup(label=dt.date(year, month, 1).strftime("%B %Y"), entries=list(in_month))
            for month, in_month in itertools.groupby(in_year, key=lambda e: e.on.month)
        ]
        years.append(YearGroup(year=year, months=months))
    return years
