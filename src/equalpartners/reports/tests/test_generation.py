"""Generation outside the request: a daemon thread after commit, progress recorded as it goes,
a failure recorded where people see it, and the last good snapshot kept."""

from __future__ import annotations

import time

import pytest
from django.db import transaction

from equalpartners.reports import services
from equalpartners.reports.models import Report, Run, RunStatus
from equalpartners.reports.progress import progress_of

from .builders import generated, report


@pytest.mark.django_db(transaction=True)
def test_generation_runs_in_a_thread_after_commit(settings, partnership):
    settings.BACKGROUND_INLINE = False
    made = report(partnership)
    with transaction.atomic():
        run = services.report_generate(actor=None, report=made)
        # Inside the transaction nothing has started: the thread begins on commit.
        assert Run.objects.get(pk=run.pk).status == RunStatus.RUNNING
    deadline = time.monotonic() + 60
    while Run.objects.get(pk=run.pk).status == RunStatus.RUNNING:
        assert time.monotonic() < deadline, "the report was not generated within a minute"
        time.sleep(0.1)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.done_sections == 4
    assert Report.objects.get(pk=made.pk).snapshot_id == run.pk


@pytest.mark.django_db
def test_a_failing_section_fails_the_run_and_keeps_the_last_snapshot(partnership):
    made = generated(partnership)
    good = made.snapshot_id
    # A section that cannot be gathered: one no longer in the registry.
    Report.objects.filter(pk=made.pk).update(sections=["timeline", "retired"])
    run = services.report_generate(actor=None, report=made, wait=True)
    assert run.status == RunStatus.FAILED
    assert run.done_sections == 1
    assert run.error == "Something went wrong while making the report."
    made.refresh_from_db()
    assert made.snapshot_id == good
    progress = progress_of(made, run.started_at)
    assert progress.failed
    assert progress.error == run.error
