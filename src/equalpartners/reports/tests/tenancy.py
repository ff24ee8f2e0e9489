"""The records the tenancy walk (tests/test_tenancy.py) needs for the report pages: a report
with a snapshot of one section and its PDF, written directly (generating one for every page
walked would take minutes)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.reports.models import Report, Run, RunSection, RunStatus


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    period = {"since": dt.date(2026, 1, 1), "until": dt.date(2026, 6, 30)}
    report = Report.objects.create(
        partnership=partnership, title="What we learned", sections=["timeline"], **period
    )
    run = Run.objects.create(
        report=report,
        partnership=partnership,
        status=RunStatus.DONE,
        title=report.title,
        sections=["timeline"],
        done_sections=1,
        started_at=now,
        heartbeat_at=now,
        finished_at=now,
        pdf=b"%PDF-1.7 a learning report",
        **period,
    )
    RunSection.objects.create(
        run=run,
        partnership=partnership,
        key="timeline",
        title="Timeline",
        position=0,
        html="<p>Nothing public happened.</p>",
        markdown="Nothing public happened.\n",
    )
    Report.objects.filter(pk=report.pk).update(snapshot=run)
    return {"report_id": report.pk}
