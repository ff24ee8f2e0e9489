"""Reminder sources: each app says, once, how to find the reminders due at a moment.

An app registers a source in its ``AppConfig.ready()``::

    from equalpartners.notifications.reminders import register_source
    register_source(ballot_reminders)

``source(now)`` calls ``notify`` for each reminder due at ``now``, with a key that names the
event (``f"vote-reminder:{decision.pk}"``), so running it again makes nothing new; it returns
how many it made. It should leave out people who have already done the thing (voted,
registered, completed); when someone does it later, the app calls ``withdraw`` with the key.
``equalpartners notifications`` (run from cron) calls every source through ``run_sources``.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

ReminderSource = Callable[[datetime.datetime], int]

_sources: list[ReminderSource] = []


def register_source(source: ReminderSource) -> None:
    """Add a reminder source (once: registering the same function again changes nothing)."""
    if source not in _sources:
        _sources.append(source)


def registered_sources() -> list[ReminderSource]:
    return list(_sources)


def run_sources(now: datetime.datetime) -> int:
    """Run every source for ``now``; return how many notifications they made.

    A source that fails is logged and skipped, so one app's mistake does not stop the others'
    reminders; the next run tries it again.
    """
    made = 0
    for source in list(_sources):
        try:
            made += int(source(now))
        except Exception:
            logger.exception("Reminder source %s failed", getattr(source, "__qualname__", source))
    return made
