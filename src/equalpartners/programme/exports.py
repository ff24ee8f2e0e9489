"""The timeline as CSV and as an iCalendar feed, streamed entry by entry.

Neither export holds the whole timeline in memory: entries come from the database in chunks
and each is written out as soon as it is read.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator

import icalendar

from equalpartners.programme.timeline import TimelineEntry

CSV_HEADER = [
    "date",
    "kind",
    "title",
    "status",
    "starts",
    "ends",
    "time zone",
    "partners",
    "venue",
    "link",
]


class _Echo:
    """A file-like object whose ``write`` hands the line back, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def _safe_cell(value: str) -> str:
    """Stop spreadsheet programs reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def timeline_csv(entries: Iterable[TimelineEntry], *, base_url: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
    yield writer.writerow(CSV_HEADER)
    for entry in entries:
        yield writer.writerow(
            [
                entry.on.isoformat(),
                entry.kind_label,
                _safe_cell(entry.title),
                entry.status_label,
                entry.starts_at.strftime("%Y-%m-%d %H:%M") if entry.starts_at else "",
                entry.ends_at.strftime("%Y-%m-%d %H:%M") if entry.ends_at else "",
                entry.time_zone,
                _safe_cell("; ".join(entry.partners)),
                _safe_cell(entry.venue),
                base_url + entry.url,
            ]
        )


def timeline_ical(
    entries: Iterable[TimelineEntry],
    *,
    calendar_name: str,
    base_url: str,
    domain: str,
    time_zones: Iterable[str],
) -> Iterator[bytes]:
    """A VCALENDAR whose events link back to their page, with each time zone it uses."""
    yield (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Equal Partners//Timeline//EN\r\n"
        b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
        + icalendar.vText(calendar_name).to_ical().join([b"X-WR-CALNAME:", b"\r\n"])
    )
    for zone in sorted(set(time_zones)):
        yield icalendar.Timezone.from_tzid(zone).to_ical()
    stamp = dt.datetime.now(dt.UTC)
    for entry in entries:
        yield _event(entry, base_url=base_url, domain=domain, stamp=stamp).to_ical()
    yield b"END:VCALENDAR\r\n"


def _event(
    entry: TimelineEntry, *, base_url: str, domain: str, stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", entry.title)
    if entry.starts_at and entry.ends_at:
        event.add("dtstart", entry.starts_at)
        event.add("dtend", entry.ends_at)
    else:
        event.add("dtstart", entry.on)
        event.add("dtend", entry.on + dt.timedelta(days=1))
    url = base_url + entry.url
    event.add("url", url)
    description = f"{entry.kind_label}. {entry.summary}".strip() + f"\n\n{url}"
    event.add("description", description)
    if entry.venue:
        event.add("location", entry.venue)
    if entry.status_label == "Cancelled":
        event.add("status", "CANCELLED")
    return event
