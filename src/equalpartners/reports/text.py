"""Words and Markdown for reports: dates as people write them, periods as moments, and text
from people's records made safe to put in Markdown.

Markdown is often turned into HTML by whoever downloads it, and Markdown lets raw HTML
through; so every text that came from a record is escaped here before it joins a document,
and nothing anyone typed can become a tag, a link or a heading.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

# Characters that mean something anywhere in a line of Markdown (or start raw HTML).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What means something only at the start of a line: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


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


def md(text: str) -> str:
    """One line of text from a record, safe inside Markdown: it reads the same, and does
    nothing."""
    line = " ".join(str(text).split())
    line = _INLINE.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)


def md_paragraphs(text: str) -> str:
    """Text from a record, paragraph by paragraph (blank lines between), each escaped."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", str(text).strip())]
    return "\n\n".join(md(part) for part in paragraphs if part)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def plural(count: int, one: str, many: str) -> str:
    """ "1 milestone", "3 milestones"."""
    return f"{count} {one if count == 1 else many}"
