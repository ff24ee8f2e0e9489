"""The greedy randomised start for the local search, after Triska and Musliu ("An effective
greedy heuristic for the social golfer problem", 2012): rounds built one at a time, each person
placed at the table where they add least cost, the cheapest of several random orders kept."""

from __future__ import annotations

import random
from collections.abc import Sequence

from .encoding import Schedule
from .localsearch import Search


def greedy_round(
    search: Search, seated: Sequence[int], rng: random.Random
) -> tuple[list[list[int]], int]:
    """One more round, placing people one at a time at the table where they add least cost:
    fixed people first, then facilitators, then the rest in random order. Returns the tables and
    the cost they add (exact for pairs, organisations and facilitators; sectors approximately)."""
    p = search.p
    n = search.n
    occupancy = p.occupancy
    tables: list[list[int]] = [[] for _ in occupancy]
    orgs: list[dict[int, int]] = [{} for _ in occupancy]
    secs = [[0] * max(1, search.sectors) for _ in occupancy]
    facs = [0] * len(occupancy)
    order = list(seated)
    rng.shuffle(order)
    order.sort(key=lambda i: (p.fixed[i] < 0, not p.facilitator[i]))
    w = search.w
    pair_cost = search.pair_costs
    meet, flag = search.meet, search.flag
    added = 0
    for i in order:
        row = i * n
        best_cost = 0
        if p.fixed[i] >= 0:
            choice = p.fixed[i]
        else:
            choice = -1
            ties = 0
            for t, people in enumerate(tables):
                if len(people) >= occupancy[t]:
                    continue
                cost = 0
                for x in people:
                    k = row + x
                    f = flag[k]
                    cost += pair_cost[f][meet[k] + 1] - pair_cost[f][meet[k]]
                o = p.organisation[i]
                if o >= 0:
                    cost += orgs[t].get(o, 0) * w.organisation
                if p.facilitator[i]:
                    cost += facs[t] * w.facilitators
                s = p.sector[i]
                if s >= 0:
                    cost += secs[t][s] * (w.sector_balance + w.missing_sector)
                if choice < 0 or cost < best_cost:
                    best_cost, choice, ties = cost, t, 1
                elif cost == best_cost:
                    ties += 1
                    if rng.randrange(ties) == 0:
                        choice = t
        added += best_cost
        tables[choice].append(i)
        o = p.organisation[i]
        if o >= 0:
            orgs[choice][o] = orgs[choice].get(o, 0) + 1
        if p.sector[i] >= 0:
            secs[choice][p.sector[i]] += 1
        facs[choice] += p.facilitator[i]
    return tables, added


def greedy_schedule(search: Search, rounds: int, tries: int = 20) -> Schedule:
    """Rounds built one at a time, each seeing the meetings of those before it; each round is
    the cheapest of `tries` randomised greedy constructions. Leaves the schedule loaded."""
    schedule: Schedule = []
    everyone = list(range(search.n))
    search.load(schedule)
    while len(schedule) < rounds:
        best: tuple[list[list[int]], int] | None = None
        for _ in range(tries):
            tables, cost = greedy_round(search, everyone, search.rng)
            if best is None or cost < best[1]:
                best = (tables, cost)
            if cost == 0:
                break
        assert best is not None
        schedule.append(best[0])
        _count_meetings(search, best[0])
    search.load(schedule)
    return schedule


def _count_meetings(search: Search, tables: list[list[int]]) -> None:
    """Add a round's meetings to the search's counts, so the next greedy round sees them."""
    n, meet = search.n, search.meet
    for people in tables:
        for a in range(len(people)):
            for b in range(a + 1, len(people)):
                i, j = people[a], people[b]
                meet[i * n + j] += 1
                meet[j * n + i] += 1
