"""A seating plan: for each round, the people at each table, and how it was made."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Table = tuple[str, ...]
Round = tuple[Table, ...]


@dataclass(frozen=True)
class Plan:
    """`rounds[r][t]` lists the ids at table t + 1 in round r + 1; `method` names what produced it
    ("affine plane of order 5", "local search", "CP-SAT (optimal)") and `seed` the seed it used."""

    rounds: tuple[Round, ...]
    method: str
    seed: int = 0

    @classmethod
    def of(cls, rounds: Sequence[Sequence[Sequence[str]]], method: str, seed: int = 0) -> Plan:
        return cls(tuple(tuple(tuple(t) for t in r) for r in rounds), method, seed)

    def seats(self) -> Iterator[tuple[int, int, str]]:
        """(round, table, person id) with rounds and tables numbered from 1, as PLAN.csv has."""
        for r, tables in enumerate(self.rounds, 1):
            for t, people in enumerate(tables, 1):
                for pid in people:
                    yield r, t, pid

    def itinerary(self, person_id: str) -> tuple[int | None, ...]:
        """The table (from 1) a person sits at in each round; None where they are not seated."""
        out: list[int | None] = []
        for tables in self.rounds:
            out.append(next((t for t, ppl in enumerate(tables, 1) if person_id in ppl), None))
        return tuple(out)
