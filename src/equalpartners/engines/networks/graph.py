"""People and dated ties turned into integer arrays: one edge per pair, the period applied.

Everything downstream is arithmetic on these arrays (numpy), because a network of 100,000 ties
measured through Python objects edge by edge would be too slow for a page that redraws on every
filter. This module is the only place that walks the ties one by one, to check them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import Member, NetworkInputError, Tie

Ints = npt.NDArray[np.int64]
NEVER_BEFORE = -(2**62)  # an open start or end of the period, as a day number
NEVER_AFTER = 2**62


@dataclass(frozen=True)
class Graph:
    """The network of one period, as arrays over people numbered 0..n-1 in the order given.

    `src`/`dst` are the distinct edges in the period: arcs when directed; when undirected each
    pair once with src < dst. `pair_a`/`pair_b` are every distinct unordered pair (a < b) ever
    tied and `pair_first` the day number of its first tie, for counting new ties.
    """

    ids: tuple[str, ...]
    sector: Ints  # sector code per person
    organisation: Ints  # organisation code per person
    sectors: int  # how many distinct sectors there are
    directed: bool
    src: Ints
    dst: Ints
    pair_a: Ints
    pair_b: Ints
    pair_first: Ints

    @property
    def n(self) -> int:
        return len(self.ids)


def day(value: datetime.date | None, default: int) -> int:
    return default if value is None else value.toordinal()


def build(
    people: Sequence[Member],
    ties: Iterable[Tie],
    *,
    since: datetime.date | None,
    until: datetime.date | None,
    directed: bool,
) -> Graph:
    """Check the people and ties and keep the distinct edges dated within [since, until]."""
    if since is not None and until is not None and since > until:
        raise NetworkInputError(
            f"The dates are out of order: the period starts on {since.isoformat()}"
            f" but ends earlier, on {until.isoformat()}."
        )
    index: dict[str, int] = {}
    for number, member in enumerate(people):
        if member.id in index:
            raise NetworkInputError(f"Person {member.id!r} is listed twice among the people.")
        index[member.id] = number
    n = len(index)
    a, b, days = _numbered(ties, index)
    sector = _codes([member.sector for member in people])
    organisation = _codes([member.organisation for member in people])
    low, high = np.minimum(a, b), np.maximum(a, b)
    pair_key = low * n + high
    pair_keys, pair_first = _first_days(pair_key, days)
    inside = (days >= day(since, NEVER_BEFORE)) & (days <= day(until, NEVER_AFTER))
    keys = np.unique((a[inside] * n + b[inside]) if directed else pair_key[inside])
    return Graph(
        ids=tuple(index),
        sector=sector,
        organisation=organisation,
        sectors=int(sector.max()) + 1 if n else 0,
        directed=directed,
        src=keys // max(n, 1),
        dst=keys % max(n, 1),
        pair_a=pair_keys // max(n, 1),
        pair_b=pair_keys % max(n, 1),
        pair_first=pair_first,
    )


def _numbered(ties: Iterable[Tie], index: dict[str, int]) -> tuple[Ints, Ints, Ints]:
    a: list[int] = []
    b: list[int] = []
    days: list[int] = []
    for tie in ties:
        for end in (tie.a, tie.b):
            if end not in index:
                raise NetworkInputError(f"A tie names {end!r}, who is not among the people given.")
        if tie.a == tie.b:
            raise NetworkInputError(f"A tie joins {tie.a!r} to themself; ties join two people.")
        if not isinstance(tie.on, datetime.date):
            raise NetworkInputError(
                f"The tie between {tie.a!r} and {tie.b!r} has no date ({tie.on!r})."
            )
        a.append(index[tie.a])
        b.append(index[tie.b])
        days.append(tie.on.toordinal())
    return (np.array(a, dtype=np.int64), np.array(b, dtype=np.int64),
            np.array(days, dtype=np.int64))  # fmt: skip


def _codes(values: list[str]) -> Ints:
    """Each distinct value numbered 0..k-1 (in sorted order, so runs are repeatable)."""
    if not values:
        return np.zeros(0, dtype=np.int64)
    _, inverse = np.unique(np.array(values, dtype=object), return_inverse=True)
    return inverse.astype(np.int64)


def _first_days(keys: Ints, days: Ints) -> tuple[Ints, Ints]:
    """The distinct keys and, for each, the earliest day it appears with."""
    if len(keys) == 0:
        return keys, days
    order = np.lexsort((days, keys))
    keys, days = keys[order], days[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return keys[starts], days[starts]
