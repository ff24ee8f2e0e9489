"""Every write to learning reports: create and change one, generate it, publish it at its
public address, withdraw it, delete it.

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
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.background import start_after_commit
from equalpartners.core.services import Actor, model_create, model_delete, model_update, validate
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.reports import generation
from equalpartners.reports.models import Report, Run, RunStatus
from equalpartners.reports.registry import SECTION_KEYS, in_report_order


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
    latest = Run.objects.defer("pdf").filter(report=report).order_by("-started_at", "-id").first()
    if latest is not None and latest.state_at(now) == RunStatus.RUNNING:
        raise ValidationError("This report is being generated now. Wait for it to finish.")
    partnership = report.partnership
    run = Run(
        report=report,
        partnership=partnership,
        title=report.title,
        introduction=report.introduction,
        since=report.since,
        until=report.until,
        sections=list(report.sections),
        current_section=report.sections[0] if report.sections else "",
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
    audit_record(
        actor=actor,
        action="report.generate",
        partnership=partnership,
        target=report,
        data={"run": run.pk, "sections": run.sections, "since": run.since, "until": run.until},
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
