"""A seating problem in integers, and the weights of the cost every method minimises.

People are 0..n-1, organisations and sectors small integers (-1 for unknown), fixed tables
numbered from 0 (-1 for none), and pairs (who met before, who to keep apart) as index pairs: the
form the local search, the greedy start and the CP-SAT model all read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from .people import Person

Progress = Callable[[float, str], None]
Schedule = list[list[list[int]]]  # round -> table -> person indices


@dataclass(frozen=True)
class Weights:
    keep_apart: int = 1_000_000
    repeat: int = 10_000
    organisation: int = 1_000
    facilitators: int = 1_000
    missing_sector: int = 1_000
    history: int = 500
    fairness: int = 5
    sector_balance: int = 50


@dataclass(frozen=True)
class Encoded:
    """A problem in integers for speed: people 0..n-1, organisations and sectors as small ints
    (-1 for unknown), the fixed table per person (-1 for none), and pair flags."""

    n: int
    occupancy: tuple[int, ...]
    rounds: int
    organisation: tuple[int, ...]
    sector: tuple[int, ...]
    facilitator: tuple[bool, ...]
    fixed: tuple[int, ...]
    history: frozenset[tuple[int, int]]
    keep_apart: frozenset[tuple[int, int]]

    @classmethod
    def of(
        cls,
        people: Sequence[Person],
        occupancy: Sequence[int],
        rounds: int,
        history: Collection[tuple[str, str]],
        keep_apart: Collection[tuple[str, str]],
        *,
        organisations: bool,
        sectors: bool,
        facilitators: bool,
        fixed: bool,
    ) -> Encoded:
        index = {p.id: i for i, p in enumerate(people)}
        orgs: dict[str, int] = {}
        secs: dict[str, int] = {}

        def code(value: str, table: dict[str, int], on: bool) -> int:
            return table.setdefault(value.casefold(), len(table)) if on and value else -1

        def indexed(found: Collection[tuple[str, str]]) -> frozenset[tuple[int, int]]:
            return frozenset(
                (min(index[a], index[b]), max(index[a], index[b]))
                for a, b in found
                if a in index and b in index
            )

        return cls(
            n=len(people),
            occupancy=tuple(occupancy),
            rounds=rounds,
            organisation=tuple(code(p.organisation, orgs, organisations) for p in people),
            sector=tuple(code(p.sector, secs, sectors) for p in people),
            facilitator=tuple(p.facilitator and facilitators for p in people),
            fixed=tuple(
                p.fixed_table - 1 if fixed and p.fixed_table is not None else -1 for p in people
            ),
            history=indexed(history),
            keep_apart=indexed(keep_apart),
        )
