"""What a plan achieves, computed from the plan itself and nothing the solver said about it.

The certificate is how an organiser (and our tests) can trust a plan: it counts repeated pairs,
same-organisation pairs, tables missing a sector, tables whose sectors are out of balance (a
sector's count outside the floor and ceiling of its fair share of the table), facilitators
sharing a table, fixed people who moved, pairs meant to be kept apart, and the new contacts each
person makes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import ceil, floor
from statistics import fmean
from typing import Any

from .people import Pair, pair
from .plan import Plan
from .problem import SeatingProblem


@dataclass(frozen=True)
class Certificate:
    people: int
    rounds: int
    tables: int
    method: str
    repeated_pairs: tuple[tuple[Pair, int], ...]  # met more than once in this plan, with the count
    met_before_again: tuple[Pair, ...]  # pairs from the history who meet again
    kept_apart_broken: tuple[Pair, ...]
    same_organisation: tuple[tuple[int, int, Pair], ...]  # (round, table, pair)
    missing_sectors: tuple[tuple[int, int, tuple[str, ...]], ...]  # (round, table, sectors)
    facilitators_together: tuple[tuple[int, int, int], ...]  # (round, table, how many)
    tables_without_facilitator: int
    fixed_moved: tuple[tuple[str, int], ...]  # (person, round)
    unbalanced: tuple[tuple[int, int, str, int], ...]  # (round, table, sector, people of it)
    new_contacts: dict[str, int]
    counting_bound: float

    @property
    def new_contacts_min(self) -> int:
        return min(self.new_contacts.values(), default=0)

    @property
    def new_contacts_mean(self) -> float:
        return fmean(self.new_contacts.values()) if self.new_contacts else 0.0

    @property
    def distinct_new_contacts(self) -> int:
        """Distinct pairs who met for the first time (each pair once)."""
        return sum(self.new_contacts.values()) // 2

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "people": self.people,
            "rounds": self.rounds,
            "tables": self.tables,
            "repeated_pairs": [[a, b, n] for (a, b), n in self.repeated_pairs],
            "met_before_again": [list(p) for p in self.met_before_again],
            "kept_apart_broken": [list(p) for p in self.kept_apart_broken],
            "same_organisation_pairs": [
                {"round": r, "table": t, "pair": list(p)} for r, t, p in self.same_organisation
            ],
            "tables_missing_a_sector": [
                {"round": r, "table": t, "missing": list(s)} for r, t, s in self.missing_sectors
            ],
            "facilitators_together": [
                {"round": r, "table": t, "facilitators": n}
                for r, t, n in self.facilitators_together
            ],
            "tables_without_facilitator": self.tables_without_facilitator,
            "fixed_moved": [{"person": p, "round": r} for p, r in self.fixed_moved],
            "unbalanced_tables": [
                {"round": r, "table": t, "sector": s, "people": n} for r, t, s, n in self.unbalanced
            ],
            "new_contacts": {
                "min": self.new_contacts_min,
                "mean": round(self.new_contacts_mean, 3),
            },
            "distinct_new_contacts": self.distinct_new_contacts,
            "counting_bound": round(self.counting_bound, 3),
        }


def certify(plan: Plan, problem: SeatingProblem) -> Certificate:
    """Measure `plan` against `problem`. Pure counting; it trusts nothing about how the plan was
    made (a person seated twice in one round, or not at all, shows as a fixed person moved or as
    missing contacts, and the tests check seating separately)."""
    by_id = {p.id: p for p in problem.people}
    meetings: Counter[Pair] = Counter()
    same_org: list[tuple[int, int, Pair]] = []
    missing: list[tuple[int, int, tuple[str, ...]]] = []
    together: list[tuple[int, int, int]] = []
    without_facilitator = 0
    moved: list[tuple[str, int]] = []
    unbalanced: list[tuple[int, int, str, int]] = []
    facilitators = sum(p.facilitator for p in problem.people)
    for r, tables in enumerate(plan.rounds, 1):
        seated = [by_id[pid] for table in tables for pid in table]
        sector_sizes = Counter(p.sector for p in seated if p.sector)
        sectors_present = set(sector_sizes)
        for t, ids in enumerate(tables, 1):
            people = [by_id[pid] for pid in ids]
            for a, b in combinations(people, 2):
                meetings[pair(a.id, b.id)] += 1
                if a.organisation and a.organisation.casefold() == b.organisation.casefold():
                    same_org.append((r, t, pair(a.id, b.id)))
            if ids:
                absent = sorted(sectors_present - {p.sector for p in people})
                if absent:
                    missing.append((r, t, tuple(absent)))
                here = sum(p.facilitator for p in people)
                if here > 1:
                    together.append((r, t, here))
                elif here == 0 and facilitators:
                    without_facilitator += 1
            here_by_sector = Counter(p.sector for p in people if p.sector)
            for sector, size in sorted(sector_sizes.items()):
                share = Fraction(len(people) * size, len(seated))
                if not floor(share) <= here_by_sector[sector] <= ceil(share):
                    unbalanced.append((r, t, sector, here_by_sector[sector]))
            moved.extend(
                (p.id, r) for p in people if p.fixed_table is not None and p.fixed_table != t
            )
    new_contacts = dict.fromkeys(by_id, 0)
    for met in meetings:
        if met not in problem.met_before:
            new_contacts[met[0]] += 1
            new_contacts[met[1]] += 1
    return Certificate(
        people=len(problem.people),
        rounds=len(plan.rounds),
        tables=len(problem.capacities),
        method=plan.method,
        repeated_pairs=tuple(sorted((p, n) for p, n in meetings.items() if n > 1)),
        met_before_again=tuple(sorted(p for p in meetings if p in problem.met_before)),
        kept_apart_broken=tuple(sorted(p for p in meetings if p in problem.keep_apart)),
        same_organisation=tuple(same_org),
        missing_sectors=tuple(missing),
        facilitators_together=tuple(together),
        tables_without_facilitator=without_facilitator,
        fixed_moved=tuple(moved),
        unbalanced=tuple(unbalanced),
        new_contacts=new_contacts,
        counting_bound=problem.counting_bound,
    )
