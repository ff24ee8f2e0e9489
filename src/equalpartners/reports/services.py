"""Every write to learning reports: create and change one, generate it, publish it at its
public address, withdraw it, delete it; and generate again, hiding the old snapshot meanwhile,
when something is taken back from the learning section.

Generating records a run and starts the work after the transaction commits, outside the
request (``core.background``); ``wait=True`` does it there and then instead, for the demo and
scripts that need the report made before they go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.background import start_after_commit
from equalpartners.core.services import Actor, model_create, model_delete, model_update, validate
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.reports import generation
from equalpartners.reports.models import Report, Run, RunStatus
from equalpartners.reports.pdf import report_pdf
from equalpartners.reports.registry import SECTION_KEYS, in_report_order

# The section that holds what people can take back (consent to a story, a public reflection).
LEARNING = "learning"
REFRESHED = "Something in the section on reflections and stories was taken back"


def _ordered(sections: Sequence[str]) -> list[str]:
    """The chosen sections in report order, with any unknown key kept for the check to name."""
    return in_report_order(list(sections)) + [key for key in sections if key not in SECTION_KEYS]


def _user_id(actor: Actor) -> int | None:
    return actor.pk if actor is not None and actor.is_authenticated else None


@transaction.atomic
def report_create(
    *,
    actor: Actor,
    partnership: Any,
    title: str,
    since: dt.date,
    until: dt.date,
    sections: Sequence[str] = SECTION_KEYS,
    introduction: str = "",
    generate: bool = False,
) -> Report:
    """Create a report; with ``generate``, start generating it too (after commit)."""
    report = Report(
        partnership=partnership,
        title=title.strip(),
        introduction=introduction.strip(),
        since=since,
        until=until,
        sections=_ordered(sections),
        created_by_id=_user_id(actor),
    )
    model_create(
        report,
        actor=actor,
        action="report.create",
        partnership=partnership,
        data={"title": report.title, "since": since, "until": until, "sections": report.sections},
    )
    if generate:
        report_generate(actor=actor, report=report)
    return report


@transaction.atomic
def report_update(
    *,
    actor: Actor,
    report: Report,
    title: str,
    since: dt.date,
    until: dt.date,
    sections: Sequence[str],
    introduction: str = "",
) -> Report:
    """Change what the report covers. The snapshot stays as it is until it is generated again."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    return model_update(
        report,
        actor=actor,
        action="report.update",
        partnership=report.partnership,
        values={
            "title": title.strip(),
            "introduction": introduction.strip(),
            "since": since,
            "until": until,
            "sections": _ordered(sections),
        },
    )


@transaction.atomic
def report_generate(*, actor: Actor, report: Report, wait: bool = False) -> Run:
    """Start generating the report: a new run, gathered after commit (or now, with ``wait``).

    Refused while another run is going; a run that stopped without finishing does not count.
    """
    report = Report.objects.select_for_update().select_related("partnership").get(pk=report.pk)
    now = timezone.now()
    latest = _latest_run(report)
    if latest is not None and latest.state_at(now) == RunStatus.RUNNING:
        raise ValidationError("This report is being generated now. Wait for it to finish.")
    return _start_run(report, choices=report, actor=actor, now=now, wait=wait)


@transaction.atomic
def reports_refresh_learning(*, partnership: Any) -> list[Run]:
    """Something left the learning report (a teller withdrew consent; a reflection was made
    anything but public, taken out or deleted): every report of the partnership whose snapshot
    has, or may soon have, the section on reflections and stories is marked out of date, so
    that no page shows it, and generated again with the same choices (those of the run going,
    if one is, else the snapshot's): published or not, as an old snapshot could be published
    later.

    Called by ``learning.hooks.withdrawn`` inside the learning service's transaction, so the
    snapshot is hidden in the same commit as the withdrawal. A run already going may have read
    the withdrawn item: the new run replaces it, as the latest run always does.
    """
    reports = list(
        Report.objects.select_for_update(of=("self",))
        .select_related("partnership")
        .filter(partnership=partnership)
    )
    # After the lock: a run started before this moment is never the latest once ours exists.
    now = timezone.now()
    runs = []
    for report in reports:
        latest = _latest_run(report)
        going = latest if latest is not None and latest.state_at(now) == RunStatus.RUNNING else None
        snapshot = _runs().filter(pk=report.snapshot_id).first() if report.snapshot_id else None
        # What a page shows, or will once the run going finishes: made again as it was asked.
        shown = [run for run in (going, snapshot) if run is not None]
        if not any(LEARNING in run.sections for run in shown):
            continue
        choices = shown[0]
        report.stale_since = now
        report.save(update_fields=["stale_since", "updated_at"])
        runs.append(_start_run(report, choices=choices, actor=None, now=now, reason=REFRESHED))
    return runs


def _runs() -> QuerySet[Run]:
    return Run.objects.defer("pdf").order_by("-started_at", "-id")


def _latest_run(report: Report) -> Run | None:
    return _runs().filter(report=report).first()


def _start_run(
    report: Report,
    *,
    choices: Report | Run,
    actor: Actor,
    now: dt.datetime,
    wait: bool = False,
    reason: str = "",
) -> Run:
    """A new run of the report with these choices (the report's own, or a run's to make the
    same again), gathered after commit, or now with ``wait``."""
    partnership = report.partnership
    run = Run(
        report=report,
        partnership=partnership,
        title=choices.title,
        introduction=choices.introduction,
        since=choices.since,
        until=choices.until,
        sections=list(choices.sections),
        current_section=choices.sections[0] if choices.sections else "",
        partner_names=[
            partner.organisation.name
            for partner in partnership_selectors.partners_of(partnership=partnership)
        ],
        time_zone=partnership.time_zone,
        started_by_id=_user_id(actor),
        started_at=now,
        heartbeat_at=now,
    )
    validate(run)
    run.save()
    data: dict[str, Any] = {
        "run": run.pk,
        "sections": run.sections,
        "since": run.since,
        "until": run.until,
    }
    if reason:
        data["reason"] = reason
    audit_record(
        actor=actor, action="report.generate", partnership=partnership, target=report, data=data
    )
    if wait:
        generation.generate(run_id=run.pk)
        run.refresh_from_db()
    else:
        start_after_commit(generation.generate, run_id=run.pk)
    return run


@transaction.atomic
def report_publish(*, actor: Actor, report: Report) -> Report:
    """Open the report's public address to anyone, signed out. Publishing again after a
    withdrawal opens the same address."""
    report = Report.objects.select_for_update().select_related("partnership").get(pk=report.pk)
    if report.snapshot_id is None:
        raise ValidationError("Generate the report before you publish it.")
    if report.is_published:
        return report
    report.published_at = timezone.now()
    report.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor, action="report.publish", partnership=report.partnership, target=report
    )
    return report


@transaction.atomic
def report_withdraw(*, actor: Actor, report: Report) -> Report:
    """Close the public address: it answers "not found" until the report is published again."""
    report = Report.objects.select_for_update().select_related("partnership").get(pk=report.pk)
    if not report.is_published:
        raise ValidationError("This report is not published.")
    report.published_at = None
    report.withdrawn_at = timezone.now()
    report.save(update_fields=["published_at", "withdrawn_at", "updated_at"])
    audit_record(
        actor=actor, action="report.withdraw", partnership=report.partnership, target=report
    )
    return report


@transaction.atomic
def report_delete(*, actor: Actor, report: Report) -> None:
    """Delete the report, its snapshot and its public address."""
    model_delete(report, actor=actor, action="report.delete", partnership=report.partnership)


def snapshot_pdf(*, report: Report) -> tuple[str, bytes] | None:
    """The snapshot's title and PDF, made and kept the first time anyone asks; None before the
    report is first generated. Keeping it is a cache of the snapshot, not a change anyone
    makes, so it is not audited. Two first downloads at once both make it; either result is the
    same document, so the later write is harmless."""
    if report.snapshot_id is None:
        return None
    run = Run.objects.filter(pk=report.snapshot_id).select_related("partnership").first()
    if run is None:
        return None
    if run.pdf is None:
        pdf = report_pdf(run)
        Run.objects.filter(pk=run.pk, pdf__isnull=True).update(pdf=pdf)
        return run.title, pdf
    return run.title, bytes(run.pdf)
