"""A call's count made ready to read: themes in order with their dots, a bar chart drawn on the
server as SVG, and the same figures for a table. Pure presentation: no database, no request.

Dots counted with each partner equal can be fractions; they are shown to two decimal places with
the exact value beside them, so rounding hides nothing. The figures and the chart are drawn by
`equalpartners.core.charts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.safestring import SafeString, mark_safe

from equalpartners.core.charts import Bar, Figure, bar_chart_svg, bar_width, figure, places
from equalpartners.engines.voting import Result
from equalpartners.themes.models import Proposal

BAR_AREA = 540  # the widest bar, leaving room for the dots after it


@dataclass(frozen=True, slots=True)
class ThemeRow:
    place: str  # "1st", "=2nd"
    proposal: Proposal
    dots: Figure
    width: int  # 0 to 100, of the most dots
    is_top: bool


@dataclass(frozen=True, slots=True)
class ThemeResult:
    rows: tuple[ThemeRow, ...]
    explanation: str
    tie_break: str | None
    chosen: str | None

    @property
    def top_titles(self) -> tuple[str, ...]:
        return tuple(row.proposal.title for row in self.rows if row.is_top)

    @property
    def chart_svg(self) -> SafeString:
        return mark_safe(chart_svg(self.rows))  # noqa: S308 - chart_svg escapes every text


def theme_result(result: Result, proposals: Sequence[Proposal]) -> ThemeResult:
    """The engine's result as rows, best first, in the engine's tiers."""
    by_title = {p.title: p for p in proposals}
    scores = result.scores or {}
    highest = max(scores.values(), default=Fraction(0))
    rows: list[ThemeRow] = []
    for place, tier in places(result.ranking or ()):
        for title in tier:
            value = Fraction(scores.get(title, 0))
            rows.append(
                ThemeRow(
                    place=place,
                    proposal=by_title[title],
                    dots=figure(value),
                    width=bar_width(value, highest),
                    is_top=title in result.winners and value > 0,
                )
            )
    return ThemeResult(
        rows=tuple(rows),
        explanation=result.explanation,
        tie_break=result.tie_break,
        chosen=result.chosen,
    )


def chart_svg(rows: Sequence[ThemeRow]) -> str:
    """A horizontal bar chart of the dots on each theme ('' when there are none)."""
    return bar_chart_svg(
        [
            Bar(
                name=row.proposal.title,
                value=row.dots.text,
                width=row.width,
                highlighted=row.is_top,
                before=f"{row.place} ",
                after=" (most dots)" if row.is_top else "",
            )
            for row in rows
        ],
        chart_id="dots-chart",
        title="Bar chart: dots on each theme",
        description="; ".join(_words(row) for row in rows),
        bar_area=BAR_AREA,
    )


def _words(row: ThemeRow) -> str:
    exact = f" (exactly {row.dots.exact})" if row.dots.rounded else ""
    return f"{row.place} {row.proposal.title}: {row.dots.text} dots{exact}"
