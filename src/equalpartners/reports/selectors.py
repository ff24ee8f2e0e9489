"""Reads of learning reports: a partnership's reports with how their generation stands, one
report, its snapshot as a document, a published report by its public address, and the
partnership's whole life (the period a new report covers unless its author says otherwise).

Every member of a partnership may read its reports: a report holds only what may be
published. Lists never load a run's PDF.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Min, Prefetch, QuerySet

from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.programme import action_selectors
from equalpartners.programme import selectors as programme
from equalpartners.programme.action_models import zone_of
from equalpartners.reports.document import Document, document_of
from equalpartners.reports.models import Report, Run


def _runs_newest_first() -> QuerySet[Run]:
    return Run.objects.defer("pdf").order_by("-started_at", "-id")


def reports_of(*, partnership: Any) -> QuerySet[Report]:
    """The partnership's reports, newest first, each with ``run_list`` (newest first)."""
    return (
        Report.objects.filter(partnership=partnership)
        .select_related("partnership")
        .prefetch_related(Prefetch("runs", queryset=_runs_newest_first(), to_attr="run_list"))
    )


def report_in(*, partnership: Any, report_id: int) -> Report | None:
    return reports_of(partnership=partnership).filter(pk=report_id).first()


def latest_run_of(report: Report) -> Run | None:
    """The report's latest run, from ``run_list`` when the report was read with it."""
    runs = getattr(report, "run_list", None)
    if runs is not None:
        return runs[0] if runs else None
    return _runs_newest_first().filter(report=report).first()


def document_for(*, report: Report) -> Document | None:
    """The report's snapshot as a document, or None before it is first generated."""
    if report.snapshot_id is None:
        return None
    run = _runs_newest_first().select_related("partnership").filter(pk=report.snapshot_id).first()
    return document_of(run) if run is not None else None


def published_report(*, token: str) -> Report | None:
    """The published report at this public address; None if there is none, or it was
    withdrawn, or it has nothing generated. The caller lifts the tenant guard to look."""
    return (
        Report.objects.filter(
            public_token=token, published_at__isnull=False, snapshot__isnull=False
        )
        .select_related("partnership")
        .first()
    )


def whole_life(*, partnership: Any) -> tuple[dt.date, dt.date]:
    """From the first thing the partnership recorded (its start, a partner joining, an
    activity, milestone, output or action) to today, in its time zone."""
    zone = zone_of(partnership)
    today = action_selectors.partnership_today(partnership)
    firsts: list[dt.date | None] = [partnership.created_at.astimezone(zone).date()]
    partners = partnership_selectors.partners_of(partnership=partnership)
    firsts.append(partners.aggregate(first=Min("joined_on"))["first"])
    activities = programme.activities_visible_to(user=None, partnership=partnership)
    first_start = activities.aggregate(first=Min("starts_at"))["first"]
    firsts.append(first_start.astimezone(zone).date() if first_start else None)
    milestones = programme.milestones_of(partnership=partnership)
    firsts.append(milestones.aggregate(first=Min("date"))["first"])
    outputs = programme.outputs_of(partnership=partnership)
    firsts.append(outputs.aggregate(first=Min("published_on"))["first"])
    actions = action_selectors.actions_of(partnership=partnership)
    first_action = actions.aggregate(first=Min("created_at"))["first"]
    firsts.append(first_action.astimezone(zone).date() if first_action else None)
    since = min(day for day in firsts if day is not None)
    return min(since, today), today
