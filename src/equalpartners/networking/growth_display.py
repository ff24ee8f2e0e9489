"""What the growth page shows of one `Growth`: the map, the tables' rows and the trend chart, in
one dictionary for its template. (The learning report gathers the same pieces, without names,
in `report_section`.)"""

from __future__ import annotations

from typing import Any

from equalpartners.networking import growth_figures
from equalpartners.networking.growth import Growth
from equalpartners.networking.network_map import network_map


def growth_context(growth: Growth) -> dict[str, Any]:
    return {
        "growth": growth,
        "map": network_map(growth, map_id="network-map"),
        "measure_rows": growth_figures.measure_rows(growth),
        "sector_rows": growth_figures.sector_rows(growth),
        "connectors": growth_figures.top_connectors(growth),
        "trend_rows": growth_figures.trend_rows(growth),
        "trend_chart": growth_figures.trend_chart(growth.trend, chart_id="network-trend"),
    }
