"""Work that runs after the request, with no queue to install: a daemon thread per task.

A service that starts long work (generating a learning report) records it in the database and
calls ``start_after_commit``; the task begins once the service's transaction has committed, so
it sees what the service wrote, and records its own progress as it goes. Pages read that
progress. If the process dies, the thread dies with it: the task's record must let a page tell
(a heartbeat that stops), so that people can start it again.

With ``BACKGROUND_INLINE`` (true in test mode unless set) the task runs in the committing
thread instead: tests and scripts see its result as soon as the commit returns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)


def runs_inline() -> bool:
    """Whether tasks run in the committing thread (the ``BACKGROUND_INLINE`` setting)."""
    return bool(settings.BACKGROUND_INLINE)


def start_after_commit(task: Callable[..., None], /, **kwargs: Any) -> None:
    """Run ``task(**kwargs)`` once the current transaction commits (at once outside one).

    ``kwargs`` should be ids, not model instances: the task reads fresh rows for itself.
    """

    def start() -> None:
        if runs_inline():
            # The service's own work has committed: a failing task must not turn the request
            # that started it into an error page, any more than it would in a thread.
            _logged(task, kwargs)
            return
        thread = threading.Thread(
            target=_in_thread,
            args=(task, kwargs),
            name=f"background-{getattr(task, '__name__', 'task')}",
            daemon=True,
        )
        thread.start()

    transaction.on_commit(start)


def _in_thread(task: Callable[..., None], kwargs: dict[str, Any]) -> None:
    """The task in its own thread, which closes its own database connections when done."""
    try:
        _logged(task, kwargs)
    finally:
        connections.close_all()


def _logged(task: Callable[..., None], kwargs: dict[str, Any]) -> None:
    try:
        task(**kwargs)
    except Exception:
        # The task records its own failure where people see it; this is for the log.
        logger.exception("Background task %s failed", getattr(task, "__name__", task))
