"""How the partnership's network grows: the ties from every source measured by the network
engine for a period, for the whole network so far, and at each quarter end (the trend).

`network_for` reads each tie once (`network_ties`, as a stream) and keeps, for every pair, only
the day of its first tie and which sources it has within the period (`growth_read`): that is all
the measures need, so the engine sees one or two ties a pair however many contacts were
recorded.

Filtering by partner or sector picks the people of that partner or sector; the network is then
their ties (every tie with at least one end among them) and the people at the other ends.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from equalpartners.engines.networks import Measures, Member, Tie, measure
from equalpartners.networking.growth_read import (
    Pairs,
    TieReader,
    collector_paused,
    pair_ends,
    pair_key,
)
from equalpartners.networking.growth_trend import TrendPoint, trend_of
from equalpartners.networking.network_ties import (
    SOURCE_LABELS,
    PersonInfo,
    all_ties,
    focus_of,
    people_in,
    sector_label,
)


@dataclass(frozen=True, slots=True)
class SourceCount:
    """Ties from one source dated within the period: contacts recorded, and distinct pairs."""

    source: str
    label: str
    contacts: int
    pairs: int


@dataclass(frozen=True)
class Growth:
    """The network for a period, and the whole network by the period's end.

    `people` are the people measured (every member, or with a filter the chosen people and
    those they have ties with); `focus` the ids the filter chose (all when none). `pairs` holds
    every pair tied by `until` with the day of their first tie; `in_period` the keys
    (`pair_key`) of the pairs with a tie within [since, until]. `period` measures the ties
    within the period; `whole` every tie by `until` (the same when there is no `since`).
    """

    since: dt.date | None
    until: dt.date
    partner: Any
    sector: str
    people: dict[int, PersonInfo]
    focus: frozenset[int]
    pairs: Pairs
    in_period: frozenset[int]
    period: Measures
    whole: Measures
    sources: tuple[SourceCount, ...]
    trend: tuple[TrendPoint, ...]

    @property
    def filtered(self) -> bool:
        return self.partner is not None or bool(self.sector)

    @property
    def sector_label(self) -> str:
        return sector_label(self.sector) if self.sector else ""

    @cached_property
    def new_pairs(self) -> frozenset[int]:
        """Keys of the pairs whose first tie is within the period (none when the period has no
        start: then every tie is in it, and highlighting all of them would say nothing)."""
        if self.since is None:
            return frozenset()
        since = self.since.toordinal()
        return frozenset(
            pair_key(a, b)
            for a, b, day in zip(self.pairs.a, self.pairs.b, self.pairs.first, strict=True)
            if day >= since
        )

    def period_pairs(self) -> Iterator[tuple[int, int]]:
        """The pairs (a, b) with a tie within the period."""
        return (pair_ends(key) for key in self.in_period)

    def tied_in_period(self, a: int, b: int) -> bool:
        return pair_key(min(a, b), max(a, b)) in self.in_period


def network_for(
    partnership: Any,
    *,
    viewer: Any,
    since: dt.date | None,
    until: dt.date,
    partner: Any = None,
    sector: str = "",
) -> Growth:
    """The network of `partnership` for [since, until] (since None: from the start), as
    `viewer` may see it, optionally only the ties of one partner's or one sector's people."""
    members = people_in(partnership=partnership)
    focus = focus_of(members, partner=partner, sector=sector)
    filtered = len(focus) < len(members)
    with collector_paused():
        reader = TieReader(members, focus if filtered else None, since)
        reader.read(all_ties(partnership=partnership, viewer=viewer, until=until))
        pairs = reader.pairs()
        ids = set(focus)
        if filtered:  # the chosen people and whoever they are tied to
            ids.update(pairs.a, pairs.b)
        people = {pid: members[pid] for pid in sorted(ids)}
        text = {pid: str(pid) for pid in people}  # one id string per person, for every tie
        engine_people = [Member(text[p], i.organisation, i.sector) for p, i in people.items()]
        whole = measure(engine_people, pairs.engine_ties(text), until=until)
        period = whole
        if since is not None:
            period = measure(
                engine_people,
                itertools.chain(pairs.engine_ties(text), _renewed(reader, text, since)),
                since=since,
                until=until,
            )
        trend = trend_of(partnership, engine_people, pairs, text, until, whole)
    counts = reader.pairs_by_source()
    return Growth(
        since=since,
        until=until,
        partner=partner,
        sector=sector,
        people=people,
        focus=focus,
        pairs=pairs,
        in_period=frozenset(reader.in_period),
        period=period,
        whole=whole,
        sources=tuple(
            SourceCount(source, label, reader.contacts[source], counts[source])
            for source, label in SOURCE_LABELS.items()
        ),
        trend=trend,
    )


def _renewed(reader: TieReader, text: dict[int, str], since: dt.date) -> Iterator[Tie]:
    """A tie on `since` for each pair first tied before the period and tied again within it:
    the period's network has them, though they are not new."""
    start = since.toordinal()
    for key in reader.in_period:
        if reader.first[key] < start:
            a, b = pair_ends(key)
            yield Tie(text[a], text[b], since)
