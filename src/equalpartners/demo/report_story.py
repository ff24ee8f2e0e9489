"""The demo's learning report: the Equal Partners story told back, generated from everything
the rest of the demo recorded and published at its public address.

Loaded last, after the programme, decisions, networks, health checks and reflections, so the
report has all of them to gather. The introduction is the partners' own account of their
year, in plain English.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.reports import selectors as report_selectors
from equalpartners.reports import services as reports
from equalpartners.reports.models import Report

TITLE = "Equal Partners: what we learned working together"

INTRODUCTION = """\
For more than a year, ACOSVO, Children in Scotland and Voluntary Health Scotland have worked \
together as equal partners: three third sector intermediaries, for leadership, children and \
health, working closely with the public sector and with the support of the Scottish Government.

We began with an event that connected leaders across the third and public sectors, and a piece \
of research on cross-sector partnerships seen from a leadership perspective. Since then we have \
hosted a roundtable on progressive universalism, run an active session at the Third Sector \
Gathering introducing the Optimists' Network, and held a summit on putting an assets-based \
approach into action. Our three boards, and our staff teams, are coming together next.

We found a huge amount of value in collaboration: learning from each other as leaders and as a \
peer support group, bringing our teams together, and understanding each other's organisations, \
policy context and leadership styles far better. The one place we started to come unstuck was \
where to site our shared stand at the Gathering. Because we had built relationships, we turned \
what could have been a contentious discussion into a compromise we could all agree on.

This report gathers what we did and made, how we followed through on what we committed to, the \
decisions we took together, how we rate our partnership, how our networks grew, and the \
reflections and stories we chose to share. We publish it for others who may also be looking at \
working together more closely."""


def add_report(*, partnership: Any, actor: Any, today: dt.date) -> Report:
    """Create the report for the partnership's whole life up to ``today``, generate it there
    and then, and publish it."""
    since, _ = report_selectors.whole_life(partnership=partnership)
    report = reports.report_create(
        actor=actor,
        partnership=partnership,
        title=TITLE,
        introduction=INTRODUCTION,
        since=min(since, today),
        until=today,
    )
    reports.report_generate(actor=actor, report=report, wait=True)
    return reports.report_publish(actor=actor, report=report)
