"""Generating a report: gather each chosen section in turn, keep it as HTML and Markdown, and
make the run the report's snapshot. The PDF is made from the snapshot when it is first asked
for (``services.snapshot_pdf``), so generating never waits for a PDF nobody downloads.

This runs outside the request (``core.background``), so it writes its progress to the run as
it goes, each step in a short transaction of its own, for the progress page to read. A run
that another run has replaced, or that a page has already shown as stopped, may still be
going in some process: it keeps writing only its own rows, and becomes the snapshot only if
it is still the report's latest run when it finishes.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from equalpartners.reports.models import Report, Run, RunSection, RunStatus
from equalpartners.reports.registry import SECTION_BY_KEY

logger = logging.getLogger(__name__)


def generate(*, run_id: int) -> None:
    """Generate the run with this id, recording its progress and its end, failed or done."""
    with scopes_disabled():
        run = Run.objects.select_related("partnership", "report").get(pk=run_id)
    with scope(partnership=run.partnership):
        step = "the report"
        try:
            for position, key in enumerate(run.sections):
                _progress(run, done=position, current=key)
                step = "the report"
                section = SECTION_BY_KEY[key]
                step = f"the section “{section.title}”"
                data = section.gather(run.partnership, since=run.since, until=run.until)
                RunSection.objects.create(
                    run=run,
                    partnership=run.partnership,
                    key=key,
                    title=section.title,
                    position=position,
                    html=render_to_string(section.template, {"section": data}),
                    markdown=section.markdown(data),
                )
        except Exception:
            logger.exception("Generating report run %s failed at %s", run_id, step)
            _fail(run, f"Something went wrong while making {step}.")
            return
        _finish(run)


def _progress(run: Run, *, done: int, current: str) -> None:
    run.done_sections, run.current_section = done, current
    run.heartbeat_at = timezone.now()
    Run.objects.filter(pk=run.pk).update(
        done_sections=done, current_section=current, heartbeat_at=run.heartbeat_at
    )


def _fail(run: Run, message: str) -> None:
    now = timezone.now()
    Run.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED, error=message, finished_at=now, heartbeat_at=now
    )


@transaction.atomic
def _finish(run: Run) -> None:
    """Done: the snapshot, if this is still the report's latest run; older runs go;
    the report is no longer out of date."""
    report = Report.objects.select_for_update().get(pk=run.report_id)
    now = timezone.now()
    Run.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        done_sections=len(run.sections),
        finished_at=now,
        heartbeat_at=now,
        current_section="",
    )
    latest = Run.objects.filter(report=report).order_by("-started_at", "-id").first()
    if latest is None or latest.pk != run.pk:
        return
    report.snapshot_id = run.pk
    # Marking a report out of date starts a run, so its latest run was gathered after
    # whatever was taken back: it can be shown again.
    report.stale_since = None
    report.save(update_fields=["snapshot", "stale_since", "updated_at"])
    Run.objects.filter(report=report).exclude(pk=run.pk).delete()
