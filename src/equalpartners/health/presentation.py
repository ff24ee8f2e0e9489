"""A wave's figures as pages, exports and the learning report show them: plain values only.

A mean is shown to one decimal place and kept to two, both rounded down so a figure never looks
as if it is in a higher band than it is; its band is decided on the exact mean. A withheld
figure has no mean and says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from equalpartners.core.charts import Bar, bar_chart_svg, bar_width
from equalpartners.engines.health import Cell, Scores, shown, stored
from equalpartners.health.item_bank import FACTORS, HEADINGS
from equalpartners.health.results import WaveResults

BAND_TAGS = {"strength": "tag--green", "worth discussing": "tag--yellow", "concern": "tag--red"}


@dataclass(frozen=True)
class Figure:
    """One figure: ``text`` as shown ("3.9"), ``mean`` to two places, or why it is withheld."""

    n: int
    mean: float | None
    text: str
    band: str
    withheld: str

    @property
    def tag(self) -> str:
        return BAND_TAGS.get(self.band, "tag--grey")


def figure_of(cell: Cell) -> Figure:
    if cell.mean is None:
        return Figure(cell.n, None, "", "", str(cell.withheld or ""))
    band = cell.band
    return Figure(cell.n, float(stored(cell.mean)), shown(cell.mean), str(band), "")


@dataclass(frozen=True)
class FactorRow:
    key: str
    name: str
    figure: Figure


@dataclass(frozen=True)
class HeadingRow:
    key: str
    name: str
    figure: Figure
    factors: tuple[FactorRow, ...]


@dataclass(frozen=True)
class PartnerTable:
    """One partner's figures; ``withheld`` when fewer than five of its people answered."""

    name: str
    responses: int
    withheld: str
    headings: tuple[HeadingRow, ...]


@dataclass(frozen=True)
class WaveDisplay:
    name: str
    opens_on: dt.date
    closed_on: dt.date
    responses: int
    withheld: str  # the whole wave, when fewer than five people answered
    headings: tuple[HeadingRow, ...]
    partners: tuple[PartnerTable, ...]


def _rows(scores: Scores) -> tuple[HeadingRow, ...]:
    rows = []
    for heading in HEADINGS:
        if heading.key not in scores.headings:
            continue  # no statement under this heading in the wave
        factors = tuple(
            FactorRow(f.key, f.name, figure_of(scores.factors[f.key]))
            for f in FACTORS
            if f.heading == heading.key and f.key in scores.factors
        )
        rows.append(
            HeadingRow(heading.key, heading.name, figure_of(scores.headings[heading.key]), factors)
        )
    return tuple(rows)


def wave_display(results: WaveResults) -> WaveDisplay:
    scores = results.scores
    partners = sorted(
        (results.partners.get(group, "A former partner"), group) for group in scores.groups
    )
    return WaveDisplay(
        name=results.wave.name,
        opens_on=results.wave.opens_on,
        closed_on=results.wave.closed_on,
        responses=scores.responses,
        withheld=str(scores.withheld or ""),
        headings=_rows(scores.overall),
        partners=tuple(
            PartnerTable(
                name=name,
                responses=scores.groups[group].responses,
                withheld=str(scores.groups[group].withheld or ""),
                headings=_rows(scores.groups[group].scores),
            )
            for name, group in partners
        ),
    )


@dataclass(frozen=True)
class TrendRow:
    """One heading or factor across the waves, oldest first."""

    name: str
    is_heading: bool
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Trend:
    waves: tuple[str, ...]
    rows: tuple[TrendRow, ...]
    chart_svg: str
    description: str


NOT_ASKED = Figure(0, None, "", "", "not asked in this wave")


def _by_key(wave: WaveDisplay) -> dict[str, Figure]:
    """A wave's figures by "h:<heading>" and "f:<factor>"."""
    figures: dict[str, Figure] = {}
    for row in wave.headings:
        figures[f"h:{row.key}"] = row.figure
        figures.update({f"f:{factor.key}": factor.figure for factor in row.factors})
    return figures


def _trend_rows(by_wave: Sequence[Mapping[str, Figure]]) -> list[TrendRow]:
    rows: list[TrendRow] = []
    for heading in HEADINGS:
        entries = [(f"h:{heading.key}", heading.name, True)] + [
            (f"f:{f.key}", f.name, False) for f in FACTORS if f.heading == heading.key
        ]
        for key, name, is_heading in entries:
            if any(key in figures for figures in by_wave):
                figures_across = tuple(figures.get(key, NOT_ASKED) for figures in by_wave)
                rows.append(TrendRow(name, is_heading, figures_across))
    return rows


def _said(figure: Figure) -> str:
    if figure.mean is not None:
        return f"{figure.text} ({figure.band})"
    return "withheld" if figure.withheld.startswith("withheld") else "not asked"


def trend_of(waves: Sequence[WaveDisplay], *, chart_id: str = "health-trend") -> Trend:
    """Each heading's mean wave by wave as a bar chart, and every heading and factor in a table."""
    names = tuple(wave.name for wave in waves)
    rows = _trend_rows([_by_key(wave) for wave in waves])
    bars: list[Bar] = []
    words: list[str] = []
    for trend_row in rows:
        if not trend_row.is_heading:
            continue
        said = []
        for index, (name, figure) in enumerate(zip(names, trend_row.figures, strict=True)):
            said.append(f"{name} {_said(figure)}")
            latest = index == len(names) - 1 and len(names) > 1
            bars.append(
                Bar(
                    name=f"{trend_row.name}: {name}",
                    value=_said(figure),
                    width=bar_width(Fraction(str(figure.mean or 0)), Fraction(5)),
                    highlighted=latest,
                    after=" (latest)" if latest else "",
                )
            )
        words.append(f"{trend_row.name}: " + ", ".join(said))
    description = "Mean for each heading on the 1 to 5 scale, wave by wave. " + "; ".join(words)
    chart = bar_chart_svg(
        bars,
        chart_id=chart_id,
        title="Health check: each heading's mean, wave by wave (5 is the most)",
        description=description,
    )
    return Trend(waves=names, rows=tuple(rows), chart_svg=chart, description=description)
