"""Figures and bar charts for any count: pure functions, no database, no request.

A count keeps every number an exact `Fraction`; here a fraction is shown rounded to two decimal
places with the exact value beside it ("102.5", exactly "205/2"), so nothing is hidden by rounding.
A chart is an inline SVG drawn on the server (no script, no image request, so the content security
policy stays 'self' only); whoever shows one also shows its figures in a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.utils.html import escape

# Chart colours, all at least 3:1 against white as WCAG 2.2 asks of graphics (text is 19.6:1).
TEXT_COLOUR = "#0b0c0c"
BAR_COLOUR = "#1d70b8"  # 5.2:1
HIGHLIGHT_BAR_COLOUR = "#00703c"  # 6.2:1; a highlighted bar is also marked in words
AXIS_COLOUR = "#505a5f"  # 7.1:1

CHART_WIDTH = 640
BAR_AREA = 560  # the widest bar, leaving room for the value after it
LABEL_HEIGHT = 24
BAR_HEIGHT = 22
ROW_GAP = 14
LABEL_CHARACTERS = 70  # longer names are shortened in the chart; the table has them whole


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as shown (`text`) and exactly (`exact`, e.g. "205/2")."""

    text: str
    exact: str

    @property
    def rounded(self) -> bool:
        """Whether `text` is rounded, so the exact value should be shown beside it."""
        return self.text != self.exact


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart. Its label reads `before`, then `name` (shortened if long), then
    `after`; `width` is a percentage of the longest bar; a `highlighted` bar is drawn in another
    colour and its label in bold."""

    name: str
    value: str  # as shown after the bar, e.g. a `Figure`'s text
    width: int  # 0 to 100
    highlighted: bool = False
    before: str = ""
    after: str = ""


def figure(value: Fraction | int, *, signed: bool = False) -> Figure:
    """`value` as shown: whole numbers plain, fractions to two decimal places, e.g. "102.5".

    A fraction is never shown as a whole number: 99.999 shows as "100.00", not "100".
    `signed` adds "+" to positive values, for margins.
    """
    value = Fraction(value)
    plus = "+" if signed and value > 0 else ""
    exact = f"{plus}{value}"
    if value.denominator == 1:
        return Figure(exact, exact)
    hundredths = int(abs(value) * 100 + Fraction(1, 2))  # round half away from zero
    whole, part = divmod(hundredths, 100)
    decimals = f"{part:02d}".rstrip("0") or "00"
    sign = "-" if value < 0 else plus
    return Figure(f"{sign}{whole}.{decimals}", exact)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def places(ranking: Iterable[Sequence[str]]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each tier of `ranking`, best first, with its place as sports tables write it: '1st',
    then '=2nd' for a tier of two (both share it), then '4th'."""
    place = 1
    for tier in ranking:
        shared = "=" if len(tier) > 1 else ""
        yield f"{shared}{ordinal(place)}", tuple(tier)
        place += len(tier)


def bar_width(value: Fraction, highest: Fraction) -> int:
    """`value` as a whole percentage of `highest`, 0 to 100; above 0 never rounds down to 0."""
    if highest <= 0 or value <= 0:
        return 0
    percent = int(value * 100 / highest + Fraction(1, 2))
    return min(100, max(1, percent))


def bar_chart_svg(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    description: str,
    bar_area: int = BAR_AREA,
) -> str:
    """A horizontal bar chart of `bars` as inline SVG ('' when there are none).

    `chart_id` names the title and description elements the chart is labelled by (unique on the
    page); `description` says every bar's figure in words, for those who cannot see the chart.
    Every text is escaped, so the string is safe to mark safe.
    """
    if not bars:
        return ""
    row_height = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = row_height * len(bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{CHART_WIDTH}"'
        f' height="{height}" viewBox="0 0 {CHART_WIDTH} {height}"'
        f' aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}. The same figures are in the table'
        " that follows.</desc>",
        f'<line x1="0.5" y1="0" x2="0.5" y2="{height}" stroke="{AXIS_COLOUR}" stroke-width="1"/>',
    ]
    for index, bar in enumerate(bars):
        top = index * row_height
        bar_top = top + LABEL_HEIGHT
        width = round(bar_area * bar.width / 100)
        fill = HIGHLIGHT_BAR_COLOUR if bar.highlighted else BAR_COLOUR
        label = f"{bar.before}{shorten(bar.name)}{bar.after}"
        weight = ' font-weight="700"' if bar.highlighted else ""
        parts += [
            f'<g><text x="4" y="{top + 17}" font-size="16" fill="{TEXT_COLOUR}"{weight}>'
            f"{escape(label)}</text>",
            f'<rect x="1" y="{bar_top}" width="{width}" height="{BAR_HEIGHT}" fill="{fill}"/>',
            f'<text x="{width + 8}" y="{bar_top + 16}" font-size="16" fill="{TEXT_COLOUR}">'
            f"{escape(bar.value)}</text></g>",
        ]
    parts.append("</svg>")
    return "".join(parts)


def shorten(text: str) -> str:
    """A long name cut to fit a chart, before escaping so no entity is cut in half."""
    if len(text) <= LABEL_CHARACTERS:
        return text
    return text[: LABEL_CHARACTERS - 1].rstrip() + "…"
