"""Work started after commit: it waits for the commit, and a failing task is logged, not
raised into the request that started it."""

from __future__ import annotations

import logging

import pytest
from django.db import transaction

from equalpartners.core.background import start_after_commit

pytestmark = pytest.mark.django_db


def test_an_inline_task_runs_only_once_the_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.BACKGROUND_INLINE = True
    ran: list[int] = []
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        start_after_commit(lambda number: ran.append(number), number=7)
        assert ran == []
    assert ran == [7]


def test_a_failing_task_is_logged_not_raised(settings, django_capture_on_commit_callbacks, caplog):
    settings.BACKGROUND_INLINE = True

    def broken() -> None:
        raise RuntimeError("the report was deleted")

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        start_after_commit(broken)
    assert "Background task broken failed" in caplog.text
