"""Template helpers: times with their zone, and audit entries in plain English."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import template
from django.utils import timezone

register = template.Library()

ACTION_VERBS = {
    "create": "added",
    "update": "changed",
    "delete": "deleted",
    "change_role": "changed the role of",
    "revoke": "withdrew",
    "accept": "accepted",
    "link_account": "linked an account to",
    "option_propose": "proposed an option for",
    "option_remove": "removed an option from",
    "vote": "voted in",
    "vote_change": "changed their vote in",
    "close": "closed voting in",
    "outcome": "recorded the outcome of",
    "remind": "sent reminders for",
    "invitation": "sent calendar invitations for",
    "open_voting": "opened voting in",
    "withdraw": "withdrew",
    "make_session": "made a staff exchange session from",
    "report_add": "chose for the report",
    "report_remove": "took out of the report",
    "choose": "recorded the group's choice in",
    "unchoose": "took back a choice in",
    "finish": "closed",
    "answer": "answered",
    "generate": "generated",
    "publish": "published",
    "declare": "declared",
}
THINGS = {
    "partnership": "the partnership",
    "partner": "partner",
    "person": "person",
    "membership": "member",
    "invitation": "the invitation for",
    "initiative": "related initiative",
    "activity": "activity",
    "milestone": "milestone",
    "output": "output",
    "link": "link",
    "organisation": "organisation",
    "decision": "the decision",
    "call": "the call for themes",
    "proposal": "theme",
    "reflection": "reflection",
    "story": "story",
    "domain": "domain of change",
    "round": "selection round",
    "wave": "the health check",
    "survey": "the relationship survey",
    "item": "statement",
    "report": "the learning report",
    "tie": "the tie",
}


@register.filter
def when(value: dt.datetime | None, zone: str | None = None) -> str:
    """A moment in a named zone (the site's by default), with the zone's abbreviation."""
    if value is None:
        return ""
    tz = zoneinfo.ZoneInfo(zone) if zone else timezone.get_current_timezone()
    local = value.astimezone(tz)
    return f"{local:%-d %B %Y, %H:%M} {local.tzname()}"


@register.filter
def time_range(activity: Any) -> str:
    """An activity's start and end in its own time zone, naming the zone."""
    zone = activity.zone
    start, end = activity.starts_at.astimezone(zone), activity.ends_at.astimezone(zone)
    if start.date() == end.date():
        text = f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M}"
    else:
        text = f"{start:%A %-d %B %Y, %H:%M} to {end:%A %-d %B %Y, %H:%M}"
    return f"{text} ({activity.time_zone}, {start.tzname()})"


@register.filter
def duration(value: dt.timedelta | None) -> str:
    """A length of time in words: "15 minutes", "1 hour", "1 hour 30 minutes"."""
    if not isinstance(value, dt.timedelta):
        return ""
    minutes = max(1, round(value.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


# Where a verb reads wrongly for one kind of thing (closing a health check is not voting).
WHOLE_ACTIONS = {
    "wave.close": "closed the health check",
    "survey.close": "closed the relationship survey",
}


@register.filter
def audit_sentence(entry: Any) -> str:
    if entry.action in WHOLE_ACTIONS:
        return f"{WHOLE_ACTIONS[entry.action]} ‘{entry.object_repr}’"
    thing, _, verb = entry.action.partition(".")
    return f"{ACTION_VERBS.get(verb, verb)} {THINGS.get(thing, thing)} ‘{entry.object_repr}’"


@register.filter
def field_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


@register.filter
def has_capability(capabilities: Any, name: str) -> bool:
    return name in capabilities
