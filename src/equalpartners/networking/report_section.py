"""Network growth as a section of the learning report: plain values only (text, numbers, dates
and the map as an SVG string), so the report can render, store or publish it without reaching
back into this app.

A published report is public, so the map and the connectors name organisations and sectors,
never people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from equalpartners.networking import growth_figures
from equalpartners.networking.growth import SourceCount, network_for
from equalpartners.networking.growth_figures import Connector, MeasureRow, SectorRow, TrendRow
from equalpartners.networking.network_map import network_map

MAP_ID = "report-network-map"


@dataclass(frozen=True)
class GrowthReportSection:
    """The network by `until` (everything so far) and in the period [since, until]."""

    since: dt.date
    until: dt.date
    people: int
    ties_by_until: int
    ties_in_period: int
    new_cross_sector_ties: int  # pairs first tied in the period, across sectors
    measures: tuple[MeasureRow, ...]  # each with its value in the period and by `until`
    sectors: tuple[SectorRow, ...]
    sources: tuple[SourceCount, ...]  # contacts and pairs in the period, by source
    connectors: tuple[Connector, ...]  # named by organisation
    trend: tuple[TrendRow, ...]  # every tie so far at each quarter end
    trend_chart_svg: str
    map_svg: str  # '' when there is nobody
    map_drawn: int
    map_people: int
    map_new_ties: int


def report_section(partnership: Any, *, since: dt.date, until: dt.date) -> GrowthReportSection:
    """The section for [since, until], both days included; `since` after `until` is a
    ValueError."""
    if since > until:
        raise ValueError(
            f"The period starts on {since:%-d %B %Y}, after it ends on {until:%-d %B %Y}"
        )
    growth = network_for(partnership, viewer=None, since=since, until=until)
    drawing = network_map(growth, map_id=MAP_ID, names=False)
    return GrowthReportSection(
        since=since,
        until=until,
        people=growth.whole.people,
        ties_by_until=growth.whole.ties,
        ties_in_period=growth.period.ties,
        new_cross_sector_ties=growth.period.new_cross_sector_ties,
        measures=tuple(growth_figures.measure_rows(growth)),
        sectors=tuple(growth_figures.sector_rows(growth)),
        sources=growth.sources,
        connectors=tuple(growth_figures.top_connectors(growth, names=False)),
        trend=tuple(growth_figures.trend_rows(growth)),
        trend_chart_svg=growth_figures.trend_chart(growth.trend, chart_id=f"{MAP_ID}-trend"),
        map_svg=drawing.svg,
        map_drawn=drawing.drawn,
        map_people=drawing.people,
        map_new_ties=drawing.new_ties_drawn,
    )
