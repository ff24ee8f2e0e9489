"""The two baselines the mixing benchmark compares against, written for the benchmark alone:

- random shuffle: each round a random partition, retried while it repeats a pair;
- greedy: one round at a time, each person (in random order) at the open table where the sum of
  squared earlier meetings with the people already there grows least.

Both stop at the first round they cannot make without breaking a rule.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence

from equalpartners.engines.mixing.people import Person

Round = list[list[int]]
Rule = Callable[[Round, list[list[int]]], bool]  # (round, meetings so far) -> acceptable


def no_repeat(
    people: Sequence[Person], *, organisations: bool = False, sectors: bool = False
) -> Rule:
    """A rule that accepts a round when it repeats no pair (and, if asked, seats no two
    colleagues together and gives every table each sector)."""
    all_sectors = {p.sector for p in people if p.sector}

    def acceptable(tables: Round, met: list[list[int]]) -> bool:
        for table in tables:
            for a in range(len(table)):
                for b in range(a + 1, len(table)):
                    i, j = table[a], table[b]
                    if met[i][j]:
                        return False
                    if organisations and people[i].organisation == people[j].organisation:
                        return False
            if sectors and {people[i].sector for i in table} != all_sectors:
                return False
        return True

    return acceptable


def _record(tables: Round, met: list[list[int]]) -> None:
    for table in tables:
        for a in range(len(table)):
            for b in range(a + 1, len(table)):
                met[table[a]][table[b]] += 1
                met[table[b]][table[a]] += 1


def random_rounds(
    n: int, sizes: Sequence[int], rule: Rule, *, limit: int, seconds: float, tries: int = 2000
) -> int:
    """Rounds reached by random shuffles: up to `tries` shuffles for each round."""
    rng = random.Random(0)
    met = [[0] * n for _ in range(n)]
    deadline = time.monotonic() + seconds
    reached = 0
    everyone = list(range(n))
    while reached < limit:
        for _ in range(tries):
            rng.shuffle(everyone)
            tables, start = [], 0
            for size in sizes:
                tables.append(everyone[start : start + size])
                start += size
            if rule(tables, met):
                break
            if time.monotonic() > deadline:
                return reached
        else:
            return reached
        _record(tables, met)
        reached += 1
    return reached


def greedy_round(n: int, sizes: Sequence[int], met: list[list[int]], rng: random.Random) -> Round:
    order = list(range(n))
    rng.shuffle(order)
    tables: Round = [[] for _ in sizes]
    for i in order:
        row = met[i]
        best, best_cost = -1, 0
        for t, table in enumerate(tables):
            if len(table) >= sizes[t]:
                continue
            cost = sum((row[x] + 1) ** 2 - row[x] ** 2 for x in table)
            if best < 0 or cost < best_cost:
                best, best_cost = t, cost
        tables[best].append(i)
    return tables


def greedy_rounds(n: int, sizes: Sequence[int], rule: Rule, *, limit: int, seconds: float) -> int:
    """Rounds reached by the greedy baseline (one construction per round, no retries)."""
    rng = random.Random(0)
    met = [[0] * n for _ in range(n)]
    deadline = time.monotonic() + seconds
    reached = 0
    while reached < limit and time.monotonic() < deadline:
        tables = greedy_round(n, sizes, met, rng)
        if not rule(tables, met):
            break
        _record(tables, met)
        reached += 1
    return reached
