"""The actions section: of the actions committed to in the period, how many are done, open
(and of those, overdue) or dropped, for the partnership and for each partner, as counts and
as shares of the total.

Counts only: what an action says and who owns it stay in the partnership. The figures are as
they stand on the day the report is generated ("overdue" counts from that day, in the
partnership's time zone). A partner's actions are its own and those of its people, so an
action shared by two partners counts for each, and the partners' rows can add up to more
than the partnership's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from equalpartners.core.charts import Bar, bar_chart_svg, bar_width
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.programme import action_selectors
from equalpartners.programme.action_models import zone_of
from equalpartners.reports.text import between_text, md, period_bounds, short_day_text


def percent(count: int, total: int) -> int | None:
    """``count`` as a whole percentage of ``total``, halves rounded up; None for no total."""
    if total <= 0:
        return None
    return int(Fraction(count * 100, total) + Fraction(1, 2))


@dataclass(frozen=True)
class FollowThrough:
    """One row of the section: the actions of the partnership, or of one partner."""

    name: str
    done: int
    open: int
    overdue: int  # of the open ones
    dropped: int

    @property
    def total(self) -> int:
        return self.done + self.open + self.dropped

    @property
    def done_percent(self) -> int | None:
        return percent(self.done, self.total)

    @property
    def open_percent(self) -> int | None:
        return percent(self.open, self.total)

    @property
    def overdue_percent(self) -> int | None:
        return percent(self.overdue, self.total)

    @property
    def dropped_percent(self) -> int | None:
        return percent(self.dropped, self.total)

    @property
    def summary(self) -> str:
        """The row in words, as the chart's description and the Markdown say it."""
        if not self.total:
            return f"{self.name}: no actions"
        return (
            f"{self.name}: {self.total} committed, {self.done} done ({self.done_percent}%), "
            f"{self.open} open ({self.open_percent}%) of which {self.overdue} overdue "
            f"({self.overdue_percent}%), {self.dropped} dropped ({self.dropped_percent}%)"
        )


@dataclass(frozen=True)
class ActionsSection:
    since: dt.date
    until: dt.date
    as_of: dt.date
    overall: FollowThrough
    partners: tuple[FollowThrough, ...]
    chart_svg: str

    @property
    def between(self) -> str:
        return between_text(self.since, self.until)

    @property
    def as_of_text(self) -> str:
        return short_day_text(self.as_of)


def gather(partnership: Any, *, since: dt.date, until: dt.date) -> ActionsSection:
    today = action_selectors.partnership_today(partnership)
    start, end = period_bounds(since, until, zone_of(partnership))

    def row(name: str, partner_id: int | None = None) -> FollowThrough:
        actions = action_selectors.actions_of(
            partnership=partnership, partner_id=partner_id
        ).filter(created_at__gte=start, created_at__lt=end)
        counts = action_selectors.action_counts(actions, today=today)
        return FollowThrough(
            name=name,
            done=counts.done,
            open=counts.open,
            overdue=counts.overdue,
            dropped=counts.dropped,
        )

    partners = tuple(
        row(str(partner), partner.pk)
        for partner in partnership_selectors.partners_of(partnership=partnership)
    )
    return ActionsSection(
        since=since,
        until=until,
        as_of=today,
        overall=row("All partners"),
        partners=partners,
        chart_svg=_chart(partners),
    )


def _chart(rows: tuple[FollowThrough, ...]) -> str:
    """Each partner's share of its actions done, as bars; the table beside it has the counts."""
    bars = [
        Bar(
            name=row.name,
            value=f"{row.done_percent}% done" if row.total else "no actions",
            width=bar_width(Fraction(row.done_percent or 0), Fraction(100)),
        )
        for row in rows
    ]
    return bar_chart_svg(
        bars,
        chart_id="report-actions-done",
        title="Share of each partner's actions done",
        description="; ".join(row.summary for row in rows),
    )


def markdown(section: ActionsSection) -> str:
    overall = section.overall
    if not overall.total:
        return f"No actions were committed to {section.between}.\n"
    lines = [
        f"Actions committed to {section.between}, as they stood on "
        f"{section.as_of_text}. Overdue actions are open and past their due date.",
        "",
        "| | Committed | Done | Open | Overdue | Dropped |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in (overall, *section.partners):
        lines.append(
            f"| {md(row.name)} | {row.total} | {_cell(row.done, row.done_percent)} | "
            f"{_cell(row.open, row.open_percent)} | {_cell(row.overdue, row.overdue_percent)} | "
            f"{_cell(row.dropped, row.dropped_percent)} |"
        )
    lines += [
        "",
        "A partner's actions are its own and its people's; an action two partners share counts "
        "for each.",
    ]
    return "\n".join(lines) + "\n"


def _cell(count: int, share: int | None) -> str:
    return f"{count} ({share}%)" if share is not None else str(count)
