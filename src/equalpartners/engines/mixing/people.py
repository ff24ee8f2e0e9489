"""The people being mixed: who they are, as far as seating and introductions need to know.

Ids are strings chosen by the caller (a registration's id, a row of a spreadsheet). Pairs are
unordered, so they are kept as sorted tuples through `pair`, and every set of pairs uses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Pair = tuple[str, str]


def pair(a: str, b: str) -> Pair:
    """The unordered pair {a, b} in its one canonical form."""
    return (a, b) if a <= b else (b, a)


def pairs(items: Iterable[tuple[str, str]]) -> frozenset[Pair]:
    """Canonical pairs from (a, b) tuples in any order; a person paired with themself is dropped."""
    return frozenset(pair(a, b) for a, b in items if a != b)


@dataclass(frozen=True)
class Person:
    """Someone at the event.

    `fixed_table` is the table (numbered from 1) a person must stay at in every round, for access
    reasons. `assets`, `interests` and `needs` are short phrases in the person's own words
    ("funding bids", "data sharing"); only introductions use them.
    """

    id: str
    name: str = ""
    organisation: str = ""
    sector: str = ""
    role: str = ""
    facilitator: bool = False
    fixed_table: int | None = None
    assets: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The name if there is one, else the id: what a person reads in a plan or a reason."""
        return self.name or self.id
