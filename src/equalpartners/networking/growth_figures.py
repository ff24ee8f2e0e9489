"""The figures of a `Growth` as tables say them: each measure with what it means in plain
English, ties by sector, and who connects whom. Pure functions of the growth (no database), so
the page, the learning report and its Markdown show the same rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from equalpartners.core.charts import Bar, bar_chart_svg, bar_width
from equalpartners.engines.networks import Measures
from equalpartners.networking.growth import Growth
from equalpartners.networking.growth_trend import TrendPoint
from equalpartners.networking.network_ties import sector_label

CONNECTORS = 10
BAR_AREA = 400  # leaves room after the longest bar for "1234 (567 across sectors)"


@dataclass(frozen=True, slots=True)
class MeasureRow:
    label: str
    explanation: str
    period: str
    whole: str


@dataclass(frozen=True, slots=True)
class SectorRow:
    sector: str
    people: int
    within: int  # ties between two people of this sector
    across: int  # ties from this sector's people to another sector's
    ei_index: str


@dataclass(frozen=True, slots=True)
class Connector:
    """Someone whose ties reach into other sectors and organisations (in the period)."""

    name: str  # their name, or their organisation when names are left out
    organisation: str
    sector: str
    ties: int
    cross_sector_ties: int
    sectors_reached: int
    organisations_reached: int
    reaches: str  # the other sectors they have ties into, in words
    bridged_pairs: int  # pairs of their contacts, in different sectors, not tied to each other


def number(value: float | None, *, undefined: str = "Not defined") -> str:
    """A measure to two decimal places ("0.67", "-0.33"), or why there is none."""
    if value is None:
        return undefined
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def measure_rows(growth: Growth) -> list[MeasureRow]:
    """Every measure, for the period and for the whole network by the period's end."""
    period, whole = growth.period, growth.whole

    def row(label: str, explanation: str, get: Callable[[Measures], str]) -> MeasureRow:
        return MeasureRow(label, explanation, get(period), get(whole))

    return [
        row("People", "Everyone counted, with or without ties.", lambda m: str(m.people)),
        row("Ties", "Pairs of people with at least one contact.", lambda m: str(m.ties)),
        row(
            "Density",
            "The share of all possible pairs that have a tie: 0 when nobody is tied, 1 when "
            "everyone is tied to everyone.",
            lambda m: number(m.density),
        ),
        row(
            "Degree centralization (Freeman)",
            "How much the ties gather around one person: 1 when everyone is tied only to the "
            "same person, 0 when everyone has as many ties as each other.",
            lambda m: number(m.degree_centralization),
        ),
        row(
            "E-I index by sector (Krackhardt and Stern)",
            "Ties across sectors minus ties within a sector, over all ties: -1 when every tie "
            "stays within a sector, +1 when every tie crosses.",
            lambda m: number(m.ei_index, undefined="No ties"),
        ),
        row(
            "Assortativity by sector (Newman)",
            "Whether people tie to their own sector more than chance: +1 only to their own, 0 "
            "as if by chance, below 0 they prefer other sectors. Not defined when there are no "
            "ties or all are within one sector.",
            lambda m: number(m.assortativity),
        ),
        row(
            "New cross-sector ties",
            "Pairs from different sectors whose first tie is within the period.",
            lambda m: str(m.new_cross_sector_ties),
        ),
    ]


@dataclass(frozen=True, slots=True)
class TrendRow:
    on: dt.date
    ties: int
    cross_sector_ties: int
    density: str
    ei_index: str
    assortativity: str


def trend_rows(growth: Growth) -> list[TrendRow]:
    """The trend's points with their measures as shown."""
    return [
        TrendRow(
            point.on,
            point.ties,
            point.cross_sector_ties,
            number(point.density),
            number(point.ei_index, undefined="No ties"),
            number(point.assortativity),
        )
        for point in growth.trend
    ]


def sector_rows(growth: Growth) -> list[SectorRow]:
    """People and ties (within the period) of each sector, with each sector's E-I index."""
    people: dict[str, int] = defaultdict(int)
    for info in growth.people.values():
        people[info.sector] += 1
    within: dict[str, int] = defaultdict(int)
    across: dict[str, int] = defaultdict(int)
    for a, b in growth.period_pairs():
        sa, sb = growth.people[a].sector, growth.people[b].sector
        if sa == sb:
            within[sa] += 1
        else:
            across[sa] += 1
            across[sb] += 1
    rows = []
    for code in sorted(people, key=lambda code: (sector_label(code), code)):
        total = within[code] + across[code]
        ei = (across[code] - within[code]) / total if total else None
        rows.append(
            SectorRow(
                sector_label(code),
                people[code],
                within[code],
                across[code],
                number(ei, undefined="No ties"),
            )
        )
    return rows


def top_connectors(
    growth: Growth, *, names: bool = True, most: int = CONNECTORS
) -> list[Connector]:
    """The people whose ties (within the period) reach the most other sectors, then the most
    other organisations, then cross sectors most often: who connects whom."""
    figures = growth.period.by_person
    ranked = sorted(
        (f for f in figures.values() if f.degree),
        key=lambda f: (
            -f.sectors_reached,
            -f.organisations_reached,
            -f.cross_sector_ties,
            -f.degree,
            growth.people[int(f.id)].name,
        ),
    )[:most]
    chosen = {int(f.id) for f in ranked}
    contacts = _contacts_of(chosen, growth.period_pairs())
    out = []
    for f in ranked:
        pid = int(f.id)
        info = growth.people[pid]
        others = sorted(
            {growth.people[n].sector_label for n in contacts[pid]} - {info.sector_label}
        )
        out.append(
            Connector(
                name=info.name if names else (info.organisation or "An organisation not recorded"),
                organisation=info.organisation,
                sector=info.sector_label,
                ties=f.degree,
                cross_sector_ties=f.cross_sector_ties,
                sectors_reached=f.sectors_reached,
                organisations_reached=f.organisations_reached,
                reaches=", ".join(others) or "None",
                bridged_pairs=_bridged(contacts[pid], growth),
            )
        )
    return out


def _contacts_of(chosen: set[int], pairs: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    contacts: dict[int, set[int]] = {pid: set() for pid in chosen}
    for a, b in pairs:
        if a in chosen:
            contacts[a].add(b)
        if b in chosen:
            contacts[b].add(a)
    return contacts


def _bridged(contacts: set[int], growth: Growth) -> int:
    """Pairs of someone's contacts who are in different sectors and have no tie of their own:
    they are connected only through this person (brokerage, for ties without a direction)."""
    people = growth.people
    return sum(
        1
        for a, b in combinations(sorted(contacts), 2)
        if people[a].sector != people[b].sector and not growth.tied_in_period(a, b)
    )


def trend_chart(points: tuple[TrendPoint, ...], *, chart_id: str) -> str:
    """Ties at each quarter end as bars (core's chart), '' when there are none."""
    most = max((point.ties for point in points), default=0)
    bars = [
        Bar(
            name=f"{point.on:%-d %B %Y}",
            value=f"{point.ties} ({point.cross_sector_ties} across sectors)",
            width=bar_width(Fraction(point.ties), Fraction(most)),
        )
        for point in points
    ]
    return bar_chart_svg(
        bars,
        bar_area=BAR_AREA,
        chart_id=chart_id,
        title="Ties so far at each quarter end",
        description="; ".join(
            f"{point.on:%-d %B %Y}: {point.ties} ties, {point.cross_sector_ties} across sectors"
            for point in points
        ),
    )
