"""Registration on other apps' pages: the activity page's registration panel and agenda."""

from __future__ import annotations

from typing import Any

from django import template

from equalpartners.attendance import selectors

register = template.Library()


@register.filter
def session_time(session: Any) -> str:
    """A session's day and times in its activity's zone: "Tue 1 December, 10:00 to 11:30"."""
    zone = session.activity.zone
    start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    return f"{start:%a %-d %B}, {start:%H:%M} to {end:%H:%M}"


@register.inclusion_tag("attendance/includes/activity_panel.html", takes_context=True)
def registration_panel(context: Any, activity: Any) -> dict[str, Any]:
    """What the activity page shows of registration: the numbers, your own registration,
    the links to register, see who is coming and (for organisers) run registration."""
    capabilities = context.get("capabilities") or frozenset()
    membership = getattr(context.get("request"), "membership", None)
    person = membership.person if membership is not None else None
    setup = selectors.setup_of(activity=activity)
    return {
        "activity": activity,
        "partnership": context.get("partnership"),
        "setup": setup,
        "counts": selectors.counts_for(activity=activity) if setup else None,
        "mine": selectors.registration_of_person(activity=activity, person=person),
        "sessions": selectors.sessions_of(activity=activity).select_related("activity"),
        "can_register": "contribute" in capabilities,
        "manage": "manage_programme" in capabilities,
    }
