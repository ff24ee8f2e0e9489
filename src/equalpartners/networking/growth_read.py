"""Reading a partnership's ties into what the network measures need, and little else.

A large partnership has hundreds of thousands of contacts recorded. The measures need only,
for each pair of people, the day of their first tie and whether (and from which sources) they
have a tie within the period; so ties are read as a stream and each pair is kept as a number
(`pair_key`) in a dict while reading, then as three compact arrays (`Pairs`). A web worker then
holds megabytes, not the hundreds of megabytes that a Python object per tie would take.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from equalpartners.engines.networks import Tie
from equalpartners.networking.network_ties import SOURCE_LABELS, PersonInfo

SHIFT = 32  # person ids below 2**32; a pair (a, b) with a < b is a << 32 | b
LOW = (1 << SHIFT) - 1
SOURCE_BITS = {source: 1 << number for number, source in enumerate(SOURCE_LABELS)}


def pair_key(a: int, b: int) -> int:
    return a << SHIFT | b


def pair_ends(key: int) -> tuple[int, int]:
    return key >> SHIFT, key & LOW


@dataclass(frozen=True)
class Pairs:
    """Every pair tied by the period's end, in the order of their first tie (so `first`, the
    day of each pair's first tie as a day number, never goes down)."""

    a: array[int]
    b: array[int]
    first: array[int]

    def __len__(self) -> int:
        return len(self.first)

    def __iter__(self) -> Iterator[tuple[int, int, dt.date]]:
        for a, b, day in zip(self.a, self.b, self.first, strict=True):
            yield a, b, dt.date.fromordinal(day)

    def up_to(self, day: int) -> int:
        """How many pairs were first tied on or before `day` (a day number)."""
        return bisect.bisect_right(self.first, day)

    def engine_ties(self, text: dict[int, str], count: int | None = None) -> Iterator[Tie]:
        """The first `count` pairs (all by default) as the engine's ties, made as the engine
        reads them rather than held: one per pair, dated its first day."""
        dates: dict[int, dt.date] = {}
        for index, (a, b, day) in enumerate(zip(self.a, self.b, self.first, strict=True)):
            if count is not None and index >= count:
                return
            on = dates.get(day)
            if on is None:
                on = dates[day] = dt.date.fromordinal(day)
            yield Tie(text[a], text[b], on)


class TieReader:
    """Takes ties oldest first, keeps those among `members` (with an end in `focus` when it is
    given), and remembers each pair's first day, its sources within the period (from `since`),
    and the contacts recorded in the period by source."""

    def __init__(
        self, members: dict[int, PersonInfo], focus: frozenset[int] | None, since: dt.date | None
    ) -> None:
        self.members = members
        self.focus = focus
        self.since = since
        self.first: dict[int, int] = {}  # pair key -> day number of its first tie
        self.in_period: dict[int, int] = {}  # pair key -> a bit for each source in the period
        self.contacts = dict.fromkeys(SOURCE_LABELS, 0)
        self.days: dict[dt.date, int] = {}  # one day number object per day

    def read(self, rows: Iterable[tuple[int, int, dt.date, str]]) -> None:
        members, focus, since, first = self.members, self.focus, self.since, self.first
        for a, b, on, source in rows:
            if a not in members or b not in members:
                continue
            if focus is not None and a not in focus and b not in focus:
                continue
            day = self.days.get(on)
            if day is None:
                day = self.days[on] = on.toordinal()
            key = a << SHIFT | b
            if key not in first:
                first[key] = day
            if since is None or on >= since:
                self.in_period[key] = self.in_period.get(key, 0) | SOURCE_BITS.get(source, 0)
                if source in self.contacts:
                    self.contacts[source] += 1

    def pairs(self) -> Pairs:
        a, b, first = array("q"), array("q"), array("q")
        for key, day in self.first.items():
            a.append(key >> SHIFT)
            b.append(key & LOW)
            first.append(day)
        return Pairs(a, b, first)

    def pairs_by_source(self) -> dict[str, int]:
        counts = dict.fromkeys(SOURCE_LABELS, 0)
        for bits in self.in_period.values():
            for source, bit in SOURCE_BITS.items():
                if bits & bit:
                    counts[source] += 1
        return counts


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Reading makes hundreds of thousands of short-lived objects (rows, keys, ties), none of
    them in a cycle: the cyclic garbage collector would walk the live ones again and again as
    they are made, for nothing, so it waits until they are gone."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
