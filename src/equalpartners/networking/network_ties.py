"""Every tie of a partnership up to a day, from every source, each with its source and date.

Four sources:

- *seated* and *introduced*: stored as `Tie` rows when a seating round is held or introductions
  are sent (`services.ties`);
- *declared*: stored as `Tie` rows when a member says they worked with someone
  (`services.declared`);
- *met*: derived, not stored, from check-ins. Everyone checked in at an activity where at most
  `MEETING_LIMIT` (30) people were checked in met everyone else there, on the activity's day in
  its own time zone. A bigger gathering counts only through its seating and introductions: 2,000
  people in a hall have not met 2 million times. Deriving them keeps them true when a check-in
  is undone or an activity is added later.

Rows come as plain tuples `(a, b, on, source)` with person ids (a < b), read in chunks, so a
partnership with 100,000 ties never holds model instances for them. Check-ins are read through
the attendance selector: one query counts who is checked in at each activity, then the people of
the small gatherings are read a hundred activities a query (one UNION of the selector's queries).
"""

from __future__ import annotations

import datetime as dt
import heapq
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from equalpartners.attendance import selectors as attendance_selectors
from equalpartners.networking.models import Tie, TieSource
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Sector
from equalpartners.programme import selectors as programme_selectors
from equalpartners.programme.models import Activity

MEETING_LIMIT = 30  # at most this many checked in: everyone there met everyone else
MET = "met"
SOURCE_LABELS = {
    TieSource.SEATED.value: "Sat together",
    TieSource.INTRODUCED.value: "Introduced",
    MET: f"Met at an activity of {MEETING_LIMIT} or fewer",
    TieSource.DECLARED.value: "Worked together (declared)",
}
CHUNK = 5000

TieRow = tuple[int, int, dt.date, str]  # (person a, person b, day, source), a < b


@dataclass(frozen=True, slots=True)
class PersonInfo:
    """A member of the partnership as the network pages show them."""

    id: int
    name: str
    organisation: str  # "" when no organisation is recorded
    organisation_id: int | None
    sector: str  # the sector's code, "" when unknown

    @property
    def sector_label(self) -> str:
        return sector_label(self.sector)


def sector_label(code: str) -> str:
    return dict(Sector.choices).get(code, "Sector not recorded")


def people_in(*, partnership: Any) -> dict[int, PersonInfo]:
    """Every member of the partnership with their organisation and its sector, in one query."""
    rows = (
        partnership_selectors.people_of(partnership=partnership)
        .order_by()
        .values_list(
            "person_id",
            "person__name",
            "person__organisation_id",
            "person__organisation__name",
            "person__organisation__sector",
        )
    )
    return {
        pid: PersonInfo(pid, name, organisation or "", organisation_id, sector or "")
        for pid, name, organisation_id, organisation, sector in rows.iterator(chunk_size=CHUNK)
    }


def focus_of(members: dict[int, PersonInfo], *, partner: Any, sector: str) -> frozenset[int]:
    """The people a filter chooses: those of the partner's organisation and of the sector."""
    return frozenset(
        pid
        for pid, info in members.items()
        if (partner is None or info.organisation_id == partner.organisation_id)
        and (not sector or info.sector == sector)
    )


def stored_ties(*, partnership: Any, until: dt.date) -> Iterator[TieRow]:
    """Seated, introduced and declared ties dated up to `until`, oldest first."""
    rows = (
        Tie.objects.filter(partnership=partnership, on__lte=until)
        .order_by("on", "id")
        .values_list("person_a_id", "person_b_id", "on", "source")
    )
    yield from rows.iterator(chunk_size=CHUNK)


def met_ties(*, partnership: Any, viewer: Any, until: dt.date) -> Iterator[TieRow]:
    """Ties from check-ins at small activities dated up to `until`, oldest first."""
    for on, people in small_gatherings(partnership=partnership, viewer=viewer, until=until):
        for a, b in combinations(sorted(people), 2):
            yield a, b, on, MET


def all_ties(*, partnership: Any, viewer: Any, until: dt.date) -> Iterator[TieRow]:
    """Every tie from every source dated up to `until`, oldest first."""
    return heapq.merge(
        stored_ties(partnership=partnership, until=until),
        met_ties(partnership=partnership, viewer=viewer, until=until),
        key=lambda row: row[2],
    )


def small_gatherings(
    *, partnership: Any, viewer: Any, until: dt.date, limit: int = MEETING_LIMIT
) -> list[tuple[dt.date, list[int]]]:
    """(day, people checked in) for each activity of the programme, as `viewer` sees it,
    held up to `until` with at least two and at most `limit` people checked in, by day.

    One query counts who is checked in at every activity; only the small gatherings then have
    their people read, in one more.
    """
    latest = dt.datetime.combine(until + dt.timedelta(days=2), dt.time(), tzinfo=dt.UTC)
    held = programme_selectors.activities_visible_to(user=viewer, partnership=partnership).filter(
        starts_at__lt=latest
    )
    counts = attendance_selectors.checked_in_counts(activities=held)
    small = [pk for pk, n in counts.items() if 2 <= n <= limit]
    activities = [
        activity
        for activity in held.filter(pk__in=small).only("id", "starts_at", "time_zone").order_by()
        if _local_day(activity) <= until
    ]
    here: dict[int, list[int]] = {}
    for activity_id, person_id in attendance_selectors.people_checked_in(
        activity_ids=[activity.pk for activity in activities]
    ):
        here.setdefault(activity_id, []).append(person_id)
    gatherings = [(_local_day(activity), here.get(activity.pk, [])) for activity in activities]
    return sorted(gatherings, key=lambda gathering: gathering[0])


def _local_day(activity: Activity) -> dt.date:
    return activity.starts_at.astimezone(zoneinfo.ZoneInfo(activity.time_zone)).date()
