"""Reflections as CSV, streamed row by row: the rows a viewer may read, with the list's filters.

Times are in the partnership's time zone, named in their own column. A cell that a spreadsheet
would read as a formula is written as text.
"""

from __future__ import annotations

import csv
import zoneinfo
from collections.abc import Iterable, Iterator

from equalpartners.learning.models import Reflection

HEADER = [
    "title",
    "written",
    "time zone",
    "author",
    "partner",
    "who can read it",
    "what worked",
    "what was hard",
    "what we would do differently",
    "activities",
    "themes",
    "decisions",
    "chosen for the report",
    "link",
]


class _Echo:
    """A file-like object whose ``write`` hands the line back, for csv.writer in a stream."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value: str) -> str:
    """Stop spreadsheet programs reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _row(reflection: Reflection, zone: zoneinfo.ZoneInfo, base_url: str) -> list[str]:
    written = reflection.written_at.astimezone(zone)
    partner = reflection.partner
    return [
        reflection.title,
        f"{written:%Y-%m-%d %H:%M}",
        zone.key,
        reflection.author.name,
        partner.organisation.name if partner is not None else "",
        reflection.visibility_short,
        reflection.what_worked,
        reflection.what_was_hard,
        reflection.do_differently,
        "; ".join(a.title for a in reflection.activities.all()),
        "; ".join(t.title for t in reflection.themes.all()),
        "; ".join(d.question for d in reflection.decisions.all()),
        "yes" if reflection.for_report else "no",
        base_url + reflection.get_absolute_url(),
    ]


def reflections_csv(
    reflections: Iterable[Reflection], *, zone: zoneinfo.ZoneInfo, base_url: str
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
    yield writer.writerow(HEADER)
    for reflection in reflections:
        yield writer.writerow([safe_cell(v) for v in _row(reflection, zone, base_url)])
