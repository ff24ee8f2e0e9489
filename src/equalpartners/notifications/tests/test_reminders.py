"""Reminder sources: registered once, run by the command, and one failing does not stop others."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from equalpartners.notifications import reminders, services
from equalpartners.notifications.models import Notification
from equalpartners.notifications.tests.builders import MORNING, person_who_wants

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_other_sources() -> Iterator[None]:
    """Only this test's sources run (other apps register theirs when Django starts)."""
    saved = list(reminders._sources)
    reminders._sources.clear()
    yield
    reminders._sources[:] = saved


def test_sources_run_with_the_time_and_are_counted(no_other_sources: None) -> None:
    person = person_who_wants()
    seen: list[dt.datetime] = []

    def source(now: dt.datetime) -> int:
        seen.append(now)
        made = services.notify(
            person=person,
            partnership=None,
            topic="reminder",
            subject="Register for the conference",
            body="",
            key="register:1",
        )
        return 1 if made else 0

    reminders.register_source(source)
    reminders.register_source(source)  # registering twice changes nothing
    assert reminders.registered_sources() == [source]

    assert reminders.run_sources(MORNING) == 1
    assert reminders.run_sources(MORNING) == 0  # the same key: nothing new
    assert seen == [MORNING, MORNING]
    assert Notification.objects.filter(person=person).count() == 1


def test_a_failing_source_does_not_stop_the_others(no_other_sources: None, caplog: Any) -> None:
    def broken(now: dt.datetime) -> int:
        raise RuntimeError("broken source")

    reminders.register_source(broken)
    reminders.register_source(lambda now: 2)
    assert reminders.run_sources(MORNING) == 2
    assert "broken" in caplog.text
