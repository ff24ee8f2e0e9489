"""`equalpartners notifications`: reminders, waiting email and daily summaries, with a summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from equalpartners import cli
from equalpartners.notifications import reminders, services
from equalpartners.notifications.models import EmailMode, EmailState
from equalpartners.notifications.tests.builders import notification, person_who_wants

pytestmark = pytest.mark.django_db


def test_the_command_sends_what_is_waiting_and_says_what_it_did(
    capsys: pytest.CaptureFixture[str], mailoutbox: list[Any], monkeypatch: Any
) -> None:
    person = person_who_wants()
    waiting = notification(person, subject="Waiting")
    made_by_source = person_who_wants(EmailMode.OFF)

    def source(now: dt.datetime) -> int:
        made = services.notify(
            person=made_by_source,
            partnership=None,
            topic="reminder",
            subject="A reminder",
            body="",
            key="cli:1",
        )
        return 1 if made else 0

    monkeypatch.setattr(reminders, "_sources", [source])

    assert cli.main(["notifications"]) == 0

    out = capsys.readouterr().out
    assert "Reminders made: 1" in out
    assert "Emails sent: 1" in out
    assert "Daily summaries sent: " in out
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.SENT
    assert [m.subject for m in mailoutbox] == ["Waiting"]


def test_the_summary_mentions_emails_given_up() -> None:
    summary = services.notifications_run(now=timezone.now())
    summary.emails.gave_up = 2
    assert "Gave up on 2" in summary.lines()[-1]
