"""Words and Markdown for reports: dates as people write them, periods as moments, and text
from people's records made safe to put in Markdown.

Every text that came from a record is escaped (by ``md``, from core) before it joins a
document, so nothing anyone typed can become a tag, a link or a heading.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

# Escaping lives in core, so that every app writing Markdown escapes alike.
from equalpartners.core.markdown import md as md
from equalpartners.core.markdown import md_paragraphs as md_paragraphs


def day_text(day: dt.date) -> str:
    """A date as people write it: "Tuesday 3 March 2026"."""
    return f"{day:%A %-d %B %Y}"


def short_day_text(day: dt.date) -> str:
    """ "3 March 2026"."""
    return f"{day:%-d %B %Y}"


def moment_text(moment: dt.datetime, zone_name: str) -> str:
    """A moment in a named zone, naming it: "3 March 2026, 14:05 GMT (Europe/London)"."""
    local = moment.astimezone(zoneinfo.ZoneInfo(zone_name))
    return f"{local:%-d %B %Y, %H:%M} {local.tzname()} ({zone_name})"


def period_text(since: dt.date, until: dt.date) -> str:
    """ "1 January 2026 to 30 June 2026"."""
    return f"{short_day_text(since)} to {short_day_text(until)}"


def between_text(since: dt.date, until: dt.date) -> str:
    """ "between 1 January 2026 and 30 June 2026", for a sentence."""
    return f"between {short_day_text(since)} and {short_day_text(until)}"


def period_bounds(
    since: dt.date, until: dt.date, zone: dt.tzinfo
) -> tuple[dt.datetime, dt.datetime]:
    """The period as moments: from the start of ``since`` to the end of ``until`` in ``zone``
    (the end excluded), so a query on a moment matches the days people mean."""
    start = dt.datetime.combine(since, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def plural(count: int, one: str, many: str) -> str:
    """ "1 milestone", "3 milestones"."""
    return f"{count} {one if count == 1 else many}"
