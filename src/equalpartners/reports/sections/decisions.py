"""The decisions section: the joint decisions whose voting closed in the period, how each was
counted, how many of those who could vote did, and the outcome recorded.

Only the totals of who voted: never who voted how, nor who did not. A decision closes on the
day its voting closed (early) or closes, in its own time zone, as on the timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from equalpartners.decisions import selectors as decision_selectors
from equalpartners.reports.text import between_text, md, md_paragraphs, moment_text, plural


@dataclass(frozen=True)
class DecisionItem:
    question: str
    closed_text: str
    method_label: str
    weighting_label: str
    voted: int
    eligible: int
    chosen: str
    outcome: str

    @property
    def turnout_text(self) -> str:
        return f"{self.voted} of the {plural(self.eligible, 'person', 'people')} who could vote"


@dataclass(frozen=True)
class DecisionsSection:
    since: dt.date
    until: dt.date
    items: tuple[DecisionItem, ...]

    @property
    def between(self) -> str:
        return between_text(self.since, self.until)

    @property
    def with_outcome(self) -> int:
        return sum(1 for item in self.items if item.outcome or item.chosen)


def gather(partnership: Any, *, since: dt.date, until: dt.date) -> DecisionsSection:
    now = timezone.now()
    items = []
    for decision in decision_selectors.decisions_for_timeline(partnership=partnership):
        closing = decision.closed_at or decision.closes_at
        if closing > now or not since <= closing.astimezone(decision.zone).date() <= until:
            continue
        turnout = decision_selectors.turnout_of(decision=decision)
        chosen = decision.chosen_option
        items.append(
            DecisionItem(
                question=decision.question,
                closed_text=moment_text(closing, decision.time_zone),
                method_label=decision.get_method_display(),
                weighting_label=decision.get_weighting_display(),
                voted=turnout.voted,
                eligible=turnout.eligible,
                chosen=chosen.label if chosen is not None else "",
                outcome=decision.outcome,
            )
        )
    return DecisionsSection(since=since, until=until, items=tuple(items))


def markdown(section: DecisionsSection) -> str:
    if not section.items:
        return f"No joint decision closed {section.between}.\n"
    lines = [
        f"{plural(len(section.items), 'joint decision', 'joint decisions')} closed "
        f"{section.between}; {section.with_outcome} with an outcome recorded."
    ]
    for item in section.items:
        lines += [
            "",
            f"### {md(item.question)}",
            "",
            f"Voting closed {md(item.closed_text)}. Counted by {md(item.method_label.lower())}; "
            f"{md(item.weighting_label.lower())}. {md(item.turnout_text)} voted.",
        ]
        if item.chosen:
            lines += ["", f"Chosen: {md(item.chosen)}"]
        lines += ["", md_paragraphs(item.outcome) if item.outcome else "No outcome recorded yet."]
    return "\n".join(lines) + "\n"
