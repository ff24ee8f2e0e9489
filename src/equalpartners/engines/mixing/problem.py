"""A seating problem: who is coming, the tables, how many rounds, and the rules to keep.

Every check a caller can get wrong is made here, once, with a message that names the person or the
table, so the command line, the web app and the solvers can all trust a `SeatingProblem`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .people import Pair, Person, pairs


class ProblemError(ValueError):
    """The problem as given cannot be planned: the message says what to change."""


@dataclass(frozen=True)
class Rules:
    """The hard rules, each of which an organiser can switch off.

    `no_repeats`: nobody sits with the same person twice in this plan. `avoid_history`: nor with
    someone they met before, where the numbers allow. `separate_organisations`, `mix_sectors` and
    `spread_facilitators` hold where the numbers allow. `keep_fixed`: people with a fixed table
    stay at it.
    """

    no_repeats: bool = True
    avoid_history: bool = True
    separate_organisations: bool = True
    mix_sectors: bool = True
    spread_facilitators: bool = True
    keep_fixed: bool = True


def balanced_occupancy(people: int, capacities: Sequence[int]) -> tuple[int, ...]:
    """How many people sit at each table: as even as the capacities allow, filling every seat
    before any table goes over another's count (water-filling), so 50 people at nine tables of
    six sit 6, 6, 6, 6, 6, 5, 5, 5, 5."""
    if people > sum(capacities):
        raise ProblemError(
            f"{people} people do not fit at {len(capacities)} tables with"
            f" {sum(capacities)} seats: add tables or seats."
        )
    counts = [0] * len(capacities)
    left = people
    while left:
        open_tables = [t for t, cap in enumerate(capacities) if counts[t] < cap]
        level = min(counts[t] for t in open_tables)
        for t in open_tables:
            if counts[t] == level and left:
                counts[t] += 1
                left -= 1
    return tuple(counts)


def tables_for(people: int, size: int) -> tuple[int, ...]:
    """Capacities for tables of equal `size`: as few tables as seat everyone."""
    if size < 2:
        raise ProblemError(f"The table size must be at least 2, not {size}.")
    return (size,) * max(1, -(-people // size))


@dataclass(frozen=True)
class SeatingProblem:
    """Seat `people` at tables with `capacities` for `rounds` rounds.

    `met_before` holds pairs who have already met (earlier rounds or earlier events) and
    `keep_apart` pairs who must never share a table. Build one with `SeatingProblem.build`, which
    checks everything.
    """

    people: tuple[Person, ...]
    capacities: tuple[int, ...]
    rounds: int
    met_before: frozenset[Pair] = frozenset()
    keep_apart: frozenset[Pair] = frozenset()
    rules: Rules = field(default_factory=Rules)

    @classmethod
    def build(
        cls,
        people: Iterable[Person],
        *,
        rounds: int,
        table_size: int | None = None,
        capacities: Sequence[int] | None = None,
        met_before: Iterable[tuple[str, str]] = (),
        keep_apart: Iterable[tuple[str, str]] = (),
        rules: Rules | None = None,
    ) -> SeatingProblem:
        """Check and assemble a problem; give either one `table_size` or listed `capacities`."""
        people = tuple(people)
        if not people:
            raise ProblemError("There is nobody to seat.")
        duplicates = [pid for pid, n in Counter(p.id for p in people).items() if n > 1]
        if duplicates:
            raise ProblemError(f"Each person needs their own id; repeated: {duplicates[0]}.")
        if rounds < 1:
            raise ProblemError(f"Plan at least one round, not {rounds}.")
        if capacities is None:
            if table_size is None:
                raise ProblemError("Give a table size or the size of each table.")
            capacities = tables_for(len(people), table_size)
        capacities = tuple(capacities)
        small = [n for n, cap in enumerate(capacities, 1) if cap < 2]
        if small:
            raise ProblemError(
                f"Table {small[0]} seats {capacities[small[0] - 1]}; tables seat 2 or more."
            )
        balanced_occupancy(len(people), capacities)  # raises when they do not fit
        known = {p.id for p in people}
        problem = cls(
            people=people,
            capacities=capacities,
            rounds=rounds,
            met_before=_known_pairs(met_before, known, "who met before"),
            keep_apart=_known_pairs(keep_apart, known, "to keep apart"),
            rules=rules or Rules(),
        )
        problem._check_fixed()
        return problem

    def _check_fixed(self) -> None:
        if not self.rules.keep_fixed:
            return
        fixed = Counter(p.fixed_table for p in self.people if p.fixed_table is not None)
        for table, count in sorted(fixed.items()):
            if not 1 <= table <= len(self.capacities):
                raise ProblemError(
                    f"A person is fixed to table {table}, but there are tables 1 to"
                    f" {len(self.capacities)}."
                )
            if count > self.capacities[table - 1]:
                raise ProblemError(
                    f"{count} people are fixed to table {table}, which seats"
                    f" {self.capacities[table - 1]}."
                )

    @property
    def occupancy(self) -> tuple[int, ...]:
        """How many people sit at each table in every round."""
        occupancy = list(balanced_occupancy(len(self.people), self.capacities))
        if self.rules.keep_fixed:
            # A table holding more fixed people than its even share takes them all; the seats it
            # needs come from the tables with the most people.
            fixed = Counter(p.fixed_table for p in self.people if p.fixed_table is not None)
            for table, count in fixed.items():
                while occupancy[table - 1] < count:
                    donor = max(
                        (t for t in range(len(occupancy)) if occupancy[t] > fixed.get(t + 1, 0)),
                        key=lambda t: (occupancy[t], -t),
                    )
                    occupancy[donor] -= 1
                    occupancy[table - 1] += 1
        return tuple(occupancy)

    @property
    def counting_bound(self) -> float:
        """(people - 1) / (table size - 1): the most rounds in which everyone can meet only new
        people, with the table size taken as the largest table."""
        return (len(self.people) - 1) / (max(self.capacities) - 1)


def _known_pairs(items: Iterable[tuple[str, str]], known: set[str], what: str) -> frozenset[Pair]:
    found = pairs(items)
    for a, b in sorted(found):
        for pid in (a, b):
            if pid not in known:
                raise ProblemError(f"{pid}, in the pairs {what}, is not among the people.")
    return found
