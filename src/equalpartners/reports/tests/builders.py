"""Small builders the report tests share: a report through the services, generated there and
then, and the records the four sections this app gathers read (public and private alike, so a
test can see which reach the report)."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from typing import Any

from equalpartners.decisions import services as decision_services
from equalpartners.partnerships.models import Partner
from equalpartners.programme import action_services
from equalpartners.reports import services
from equalpartners.reports.models import Report
from equalpartners.testing import factories as f

# The sections this app gathers itself; the others come from the learning, health and
# networking apps.
OWN_SECTIONS = ("timeline", "outputs", "actions", "decisions")
SINCE = dt.date(2026, 1, 1)
UNTIL = dt.date(2026, 6, 30)


def report(partnership: Any, *, actor: Any = None, **values: Any) -> Report:
    values.setdefault("title", "What we learned working together")
    values.setdefault("since", SINCE)
    values.setdefault("until", UNTIL)
    values.setdefault("sections", OWN_SECTIONS)
    return services.report_create(actor=actor, partnership=partnership, **values)


def generated(partnership: Any, *, actor: Any = None, **values: Any) -> Report:
    made = report(partnership, actor=actor, **values)
    services.report_generate(actor=actor, report=made, wait=True)
    made.refresh_from_db()
    return made


def published(partnership: Any, *, actor: Any = None, **values: Any) -> Report:
    return services.report_publish(actor=actor, report=generated(partnership, **values))


def partner_named(partnership: Any, name: str) -> Partner:
    return Partner.objects.get(partnership=partnership, organisation__name=name)


def programme_records(partnership: Any) -> dict[str, Any]:
    """A public and a partners-only activity, a milestone, a public and a private output, all
    in the spring of 2026; and one activity before the period."""
    leaders = partner_named(partnership, "Leaders Org")
    london = dt.timezone(dt.timedelta(hours=1))
    return {
        "public": f.ActivityFactory(
            partnership=partnership,
            title="Summit on assets-based leadership",
            visibility="public",
            status="done",
            starts_at=dt.datetime(2026, 4, 14, 9, 30, tzinfo=london),
            lead_partners=[leaders],
        ),
        "private": f.ActivityFactory(
            partnership=partnership,
            title="Chief executives' private dinner",
            visibility="partners",
            starts_at=dt.datetime(2026, 4, 20, 19, 0, tzinfo=london),
        ),
        "earlier": f.ActivityFactory(
            partnership=partnership,
            title="Launch event before the period",
            visibility="public",
            starts_at=dt.datetime(2025, 11, 3, 10, 0, tzinfo=dt.UTC),
        ),
        "milestone": f.MilestoneFactory(
            partnership=partnership, title="One year of working together", date=SINCE
        ),
        "public_output": f.OutputFactory(
            partnership=partnership,
            title="Cross-sector partnerships: the report",
            is_public=True,
            url="https://example.org/report",
        ),
        "private_output": f.OutputFactory(
            partnership=partnership, title="Notes of the board's away day", is_public=False
        ),
    }


def actions_of_partners(partnership: Any, today: dt.date) -> None:
    """Leaders Org: 4 actions (2 done, 1 open and overdue, 1 dropped); Health Org: 1 open and
    not yet due; committed on 1 February 2026."""
    committed = dt.datetime(2026, 2, 1, 12, 0, tzinfo=dt.UTC)
    leaders = partner_named(partnership, "Leaders Org")
    health = partner_named(partnership, "Health Org")

    def add(what: str, partner: Partner, due: dt.date) -> Any:
        return action_services.action_create(
            actor=None,
            partnership=partnership,
            what=what,
            due_on=due,
            scale="small",
            owner_partner=partner,
            now=committed,
        )

    for what in ("Share the board paper", "Mentor two new managers"):
        done = add(what, leaders, today + dt.timedelta(days=30))
        action_services.action_status_change(actor=None, action=done, status="done")
    add("Write to the minister about secret funding", leaders, today - dt.timedelta(days=3))
    dropped = add("Run a joint survey", leaders, today + dt.timedelta(days=30))
    action_services.action_drop(actor=None, action=dropped, reason="Overtaken by events")
    add("Host the next roundtable", health, today + dt.timedelta(days=60))


def closed_decision(partnership: Any, *, question: str, outcome: str) -> Any:
    """A decision whose voting closed on 10 March 2026, with its outcome recorded."""
    decision = f.DecisionFactory(
        partnership=partnership,
        question=question,
        opens_at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
        closes_at=dt.datetime(2026, 3, 10, 17, 0, tzinfo=dt.UTC),
    )
    chosen = decision.options.first()
    return decision_services.decision_record_outcome(
        actor=None,
        decision=decision,
        outcome=outcome,
        chosen_option=chosen,
        at=dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.UTC),
    )


def pdf_text(pdf: bytes) -> bytes:
    """Every stream of a PDF inflated, joined: where its structure, bookmarks and metadata are
    (WeasyPrint compresses them into object streams)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)
