"""A call's count made ready to read: themes in order with their dots, a bar chart drawn on the
server as SVG, and the same figures for a table. Pure presentation: no database, no request.

Dots counted with each partner equal can be fractions; they are shown to two decimal places with
the exact value beside them, so rounding hides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from equalpartners.engines.voting import Result
from equalpartners.themes.models import Proposal

TEXT_COLOUR = "#0b0c0c"
BAR_COLOUR = "#1d70b8"  # 5.2:1 against white: WCAG 2.2 asks 3:1 of graphics
TOP_BAR_COLOUR = "#00703c"  # 6.2:1; the top themes are also named "(most dots)" in words
AXIS_COLOUR = "#505a5f"
CHART_WIDTH = 640
BAR_AREA = 540
LABEL_HEIGHT = 24
BAR_HEIGHT = 22
ROW_GAP = 14
LABEL_CHARACTERS = 70


@dataclass(frozen=True, slots=True)
class Figure:
    text: str
    exact: str

    @property
    def rounded(self) -> bool:
        return self.text != self.exact


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


def figure(value: Fraction) -> Figure:
    exact = str(value)
    if value.denominator == 1:
        return Figure(exact, exact)
    hundredths = int(abs(value) * 100 + Fraction(1, 2))
    whole, part = divmod(hundredths, 100)
    decimals = f"{part:02d}".rstrip("0") or "00"
    return Figure(f"{'-' if value < 0 else ''}{whole}.{decimals}", exact)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def bar_width(value: Fraction, highest: Fraction) -> int:
    if highest <= 0 or value <= 0:
        return 0
    return min(100, max(1, int(value * 100 / highest + Fraction(1, 2))))


def theme_result(result: Result, proposals: Sequence[Proposal]) -> ThemeResult:
    """The engine's result as rows, best first, in the engine's tiers."""
    by_title = {p.title: p for p in proposals}
    scores = result.scores or {}
    highest = max(scores.values(), default=Fraction(0))
    rows: list[ThemeRow] = []
    place = 1
    for tier in result.ranking or ():
        shared = "=" if len(tier) > 1 else ""
        for title in tier:
            value = Fraction(scores.get(title, 0))
            rows.append(
                ThemeRow(
                    place=f"{shared}{ordinal(place)}",
                    proposal=by_title[title],
                    dots=figure(value),
                    width=bar_width(value, highest),
                    is_top=title in result.winners and value > 0,
                )
            )
        place += len(tier)
    return ThemeResult(
        rows=tuple(rows),
        explanation=result.explanation,
        tie_break=result.tie_break,
        chosen=result.chosen,
    )


def chart_svg(rows: Sequence[ThemeRow]) -> str:
    """A horizontal bar chart of the dots on each theme ('' when there are none)."""
    if not rows:
        return ""
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = row_height * len(rows)
    described = "; ".join(_words(row) for row in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}"'
        f' height="{height}" viewBox="0 0 {CHART_WIDTH} {height}"'
        ' aria-labelledby="dots-chart-title" aria-describedby="dots-chart-desc"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">',
        '<title id="dots-chart-title">Bar chart: dots on each theme</title>',
        f'<desc id="dots-chart-desc">{escape(described)}. The same figures are in the table'
        " that follows.</desc>",
        f'<line x1="0.5" y1="0" x2="0.5" y2="{height}" stroke="{AXIS_COLOUR}" stroke-width="1"/>',
    ]
    for index, row in enumerate(rows):
        top = index * row_height
        bar_top = top + LABEL_HEIGHT
        width = round(BAR_AREA * row.width / 100)
        fill = TOP_BAR_COLOUR if row.is_top else BAR_COLOUR
        name = _shorten(row.proposal.title)
        marker = " (most dots)" if row.is_top else ""
        weight = ' font-weight="700"' if row.is_top else ""
        parts += [
            f'<g><text x="4" y="{top + 17}" font-size="16" fill="{TEXT_COLOUR}"{weight}>'
            f"{escape(row.place)} {escape(name)}{escape(marker)}</text>",
            f'<rect x="1" y="{bar_top}" width="{width}" height="{BAR_HEIGHT}" fill="{fill}"/>',
            f'<text x="{width + 8}" y="{bar_top + 16}" font-size="16" fill="{TEXT_COLOUR}">'
            f"{escape(row.dots.text)}</text></g>",
        ]
    parts.append("</svg>")
    return "".join(parts)


def _words(row: ThemeRow) -> str:
    exact = f" (exactly {row.dots.exact})" if row.dots.rounded else ""
    return f"{row.place} {row.proposal.title}: {row.dots.text} dots{exact}"


def _shorten(text: str) -> str:
    if len(text) <= LABEL_CHARACTERS:
        return text
    return text[: LABEL_CHARACTERS - 1].rstrip() + "…"
