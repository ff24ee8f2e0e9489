"""Local search for seating plans: a tabu search over swaps between tables, after Dotú and Van
Hentenryck ("Scheduling social golfers locally", CPAIOR 2005), started from a greedy randomised
construction in the spirit of Triska and Musliu ("An effective greedy heuristic for the social
golfer problem", 2012).

Ours because the rules are ours: no published solver handles organisations, sectors,
facilitators, fixed seats, history and pairs to keep apart together. Every rule is a weighted
penalty (a switched-off rule weighs nothing, except that repeats always cost a little, because new
contacts are the point); a swap keeps every table's head-count, so only seats change hands.

Cost of a state (all integers):
- each extra meeting of a pair within the plan (`repeat`), each meeting of a pair who met before
  (`history`) or who are to be kept apart (`keep_apart`);
- per table and round: same-organisation pairs, facilitator pairs, sectors of the round missing
  from the table, and how far each sector's count at the table lies outside the floor and ceiling
  of its fair share (`sector_balance`);
- fairness: the sum over people of the square of the contacts they lose to repeats and history,
  so the losses are shared rather than heaped on a few.

A state is finished when nobody is in conflict: no penalised pair, clash or missing sector, and
every table's sectors within the floor and ceiling of their fair share. The search is
deterministic for a seed: randomness comes only from `random.Random(seed)` and it stops on an
iteration budget (or finishes); the time limit is a safety net that only a slow machine reaches.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from .encoding import Encoded, Progress, Schedule, Weights


class Search:
    """The mutable state of one search: who sits where, and every count the cost needs."""

    def __init__(self, problem: Encoded, weights: Weights, seed: int) -> None:
        self.p = problem
        self.w = weights
        self.rng = random.Random(seed)  # noqa: S311 -- a reproducible plan, not a secret
        n = problem.n
        self.n = n
        self.tables = len(problem.occupancy)
        self.sectors = max(problem.sector, default=-1) + 1
        # Pair data in flat arrays indexed i * n + j (both orders), for speed in the inner loop.
        self.base = bytearray(n * n)  # meetings in rounds already run, which the search keeps
        self.base_pairs: set[tuple[int, int]] = set()
        self.meet = bytearray(n * n)
        self.flag = bytearray(n * n)  # 1: met before, 2: keep apart
        for i, j in problem.history:
            self.flag[i * n + j] |= 1
            self.flag[j * n + i] |= 1
        for i, j in problem.keep_apart:
            self.flag[i * n + j] |= 2
            self.flag[j * n + i] |= 2
        self.sample = 6  # conflicted people whose swaps are weighed in one step
        self.lost = [0] * n
        # cost and lost contacts of a pair by its flag and its number of meetings, looked up
        # rather than computed in the inner loop
        self.pair_costs = [[self._pair_cost(m, f) for m in range(257)] for f in range(4)]
        self.losts = [[self._lost(m, f) for m in range(257)] for f in range(4)]
        self.seat: list[list[int]] = []  # round -> person -> table
        self.members: Schedule = []
        self.orgs: list[list[dict[int, int]]] = []
        self.secs: list[list[list[int]]] = []
        self.facs: list[list[int]] = []
        self.round_sectors: list[list[int]] = []  # people of each sector in the round
        self.bounds: list[list[list[tuple[int, int]]]] = []  # fair share of each sector per table
        self.cost = 0

    # --- the cost of one pair meeting m times ------------------------------------------------
    def _pair_cost(self, m: int, flag: int) -> int:
        w = self.w
        cost = w.repeat * (m - 1) if m > 1 else 0
        if flag & 1:
            cost += w.history * m
        if flag & 2:
            cost += w.keep_apart * m
        return cost

    @staticmethod
    def _lost(m: int, flag: int) -> int:
        wasted = m - 1 + (flag & 1)
        return wasted if wasted > 0 else 0

    def _table_cost(self, r: int, t: int) -> int:
        w = self.w
        cost = sum(c * (c - 1) // 2 for c in self.orgs[r][t].values()) * w.organisation
        f = self.facs[r][t]
        cost += f * (f - 1) // 2 * w.facilitators
        counts = self.secs[r][t]
        present = self.round_sectors[r]
        bounds = self.bounds[r][t]
        for s in range(self.sectors):
            c = counts[s]
            if c == 0 and present[s] and self.members[r][t]:
                cost += w.missing_sector
            cost += _outside(c, bounds[s]) * w.sector_balance
        return cost

    # --- loading a whole schedule ------------------------------------------------------------
    def add_to_base(self, rounds: Schedule) -> None:
        """Count the meetings of rounds already run: meeting again costs as a repeat."""
        n = self.n
        for rnd in rounds:
            for people in rnd:
                for a in range(len(people)):
                    for b in range(a + 1, len(people)):
                        i, j = people[a], people[b]
                        self.base[i * n + j] += 1
                        self.base[j * n + i] += 1
                        self.base_pairs.add((i, j) if i < j else (j, i))

    def load(self, schedule: Schedule) -> None:
        p, n = self.p, self.n
        self.members = [[list(t) for t in rnd] for rnd in schedule]
        self.seat = [[-1] * n for _ in schedule]
        self.meet = bytearray(self.base)
        self.orgs, self.secs, self.facs, self.round_sectors = [], [], [], []
        self.bounds = []
        for r, rnd in enumerate(self.members):
            self.orgs.append([{} for _ in rnd])
            self.secs.append([[0] * self.sectors for _ in rnd])
            self.facs.append([0] * len(rnd))
            present = [0] * self.sectors
            for t, people in enumerate(rnd):
                for i in people:
                    self.seat[r][i] = t
                    o = p.organisation[i]
                    if o >= 0:
                        self.orgs[r][t][o] = self.orgs[r][t].get(o, 0) + 1
                    s = p.sector[i]
                    if s >= 0:
                        self.secs[r][t][s] += 1
                        present[s] += 1
                    self.facs[r][t] += p.facilitator[i]
                for a in range(len(people)):
                    for b in range(a + 1, len(people)):
                        i, j = people[a], people[b]
                        self.meet[i * n + j] += 1
                        self.meet[j * n + i] += 1
            self.round_sectors.append(present)
            seated = sum(len(t) for t in rnd) or 1
            self.bounds.append(
                [[(len(t) * c // seated, -(-len(t) * c // seated)) for c in present] for t in rnd]
            )
        self.lost = [0] * n
        cost = 0
        # only pairs who meet or are flagged cost anything: visit those, not all n^2 pairs
        touched = set(self.base_pairs) | p.history | p.keep_apart
        for rnd in self.members:
            for people in rnd:
                for a in range(len(people)):
                    for b in range(a + 1, len(people)):
                        i, j = people[a], people[b]
                        touched.add((i, j) if i < j else (j, i))
        for i, j in touched:
            m, f = self.meet[i * n + j], self.flag[i * n + j]
            cost += self._pair_cost(m, f)
            lost = self._lost(m, f)
            self.lost[i] += lost
            self.lost[j] += lost
        cost += sum(x * x for x in self.lost) * self.w.fairness
        for r, rnd in enumerate(self.members):
            for t in range(len(rnd)):
                cost += self._table_cost(r, t)
        self.cost = cost

    def schedule(self) -> Schedule:
        return [[list(t) for t in rnd] for rnd in self.members]

    # --- swaps ---------------------------------------------------------------------------------
    def swap_delta(self, r: int, a: int, b: int) -> int:
        """The change in cost if a and b (at different tables in round r) changed places."""
        n, meet, flag, w = self.n, self.meet, self.flag, self.w
        pair_cost, lost_of = self.pair_costs, self.losts
        ta, tb = self.seat[r][a], self.seat[r][b]
        delta = 0
        lost_change: dict[int, int] = {}
        for mover, stayer_table, other in ((a, ta, b), (b, tb, a)):
            mover_row, other_row = mover * n, other * n
            for x in self.members[r][stayer_table]:
                if x == mover:
                    continue
                # the mover leaves x (a meeting fewer) and the other joins x (one more)
                k = mover_row + x
                m, f = meet[k], flag[k]
                delta += pair_cost[f][m - 1] - pair_cost[f][m]
                if m > 1 or f & 1:
                    dl = lost_of[f][m - 1] - lost_of[f][m]
                    lost_change[mover] = lost_change.get(mover, 0) + dl
                    lost_change[x] = lost_change.get(x, 0) + dl
                k = other_row + x
                m, f = meet[k], flag[k]
                delta += pair_cost[f][m + 1] - pair_cost[f][m]
                if m > 0 or f & 1:
                    dl = lost_of[f][m + 1] - lost_of[f][m]
                    lost_change[other] = lost_change.get(other, 0) + dl
                    lost_change[x] = lost_change.get(x, 0) + dl
        if lost_change and w.fairness:
            lost = self.lost
            delta += w.fairness * sum(
                (lost[i] + d) * (lost[i] + d) - lost[i] * lost[i] for i, d in lost_change.items()
            )
        p = self.p
        oa, ob = p.organisation[a], p.organisation[b]
        if oa != ob and w.organisation:
            orgs_a, orgs_b = self.orgs[r][ta], self.orgs[r][tb]
            change = 0
            if oa >= 0:
                change += -(orgs_a.get(oa, 0) - 1) + orgs_b.get(oa, 0)
            if ob >= 0:
                change += -(orgs_b.get(ob, 0) - 1) + orgs_a.get(ob, 0)
            delta += change * w.organisation
        fa, fb = p.facilitator[a], p.facilitator[b]
        if fa != fb and w.facilitators:
            ca, cb = self.facs[r][ta], self.facs[r][tb]
            # the facilitator moves from the table with ca (or cb) to the other one
            delta += (cb - (ca - 1)) * w.facilitators if fa else (ca - (cb - 1)) * w.facilitators
        sa, sb = p.sector[a], p.sector[b]
        if sa != sb:
            delta += self._sector_delta(r, ta, tb, sa, sb)
        return delta

    def _sector_delta(self, r: int, ta: int, tb: int, sa: int, sb: int) -> int:
        """Sector a's person moves from table ta to tb; sector b's from tb to ta."""
        w = self.w
        delta = 0
        counts_a, counts_b = self.secs[r][ta], self.secs[r][tb]
        bounds_a, bounds_b = self.bounds[r][ta], self.bounds[r][tb]
        if sa >= 0:
            ca, cb = counts_a[sa], counts_b[sa]
            delta += w.sector_balance * (
                _outside(ca - 1, bounds_a[sa])
                - _outside(ca, bounds_a[sa])
                + _outside(cb + 1, bounds_b[sa])
                - _outside(cb, bounds_b[sa])
            )
            delta += w.missing_sector * ((ca == 1) - (cb == 0))
        if sb >= 0:
            ca, cb = counts_a[sb], counts_b[sb]
            delta += w.sector_balance * (
                _outside(cb - 1, bounds_b[sb])
                - _outside(cb, bounds_b[sb])
                + _outside(ca + 1, bounds_a[sb])
                - _outside(ca, bounds_a[sb])
            )
            delta += w.missing_sector * ((cb == 1) - (ca == 0))
        return delta

    def swap(self, r: int, a: int, b: int, delta: int) -> None:
        n, meet, flag = self.n, self.meet, self.flag
        ta, tb = self.seat[r][a], self.seat[r][b]
        for mover, table, other in ((a, ta, b), (b, tb, a)):
            for x in self.members[r][table]:
                if x == mover:
                    continue
                for person, d in ((mover, -1), (other, 1)):
                    k = person * n + x
                    m, f = meet[k], flag[k]
                    dl = self._lost(m + d, f) - self._lost(m, f)
                    if dl:
                        self.lost[person] += dl
                        self.lost[x] += dl
                    meet[k] = m + d
                    meet[x * n + person] = m + d
        members_a, members_b = self.members[r][ta], self.members[r][tb]
        members_a[members_a.index(a)] = b
        members_b[members_b.index(b)] = a
        self.seat[r][a], self.seat[r][b] = tb, ta
        p = self.p
        for person, old, new in ((a, ta, tb), (b, tb, ta)):
            o = p.organisation[person]
            if o >= 0:
                self.orgs[r][old][o] -= 1
                self.orgs[r][new][o] = self.orgs[r][new].get(o, 0) + 1
            s = p.sector[person]
            if s >= 0:
                self.secs[r][old][s] -= 1
                self.secs[r][new][s] += 1
            if p.facilitator[person]:
                self.facs[r][old] -= 1
                self.facs[r][new] += 1
        self.cost += delta

    # --- conflicts ---------------------------------------------------------------------------
    def conflicted(self, r: int, *, balance: bool = False) -> list[int]:
        """People in round r who are part of a penalised pair, a clash of organisations or
        facilitators, or a table missing a sector: the ones worth moving. With `balance`, also
        people at tables whose sectors are out of balance. Fixed people are never listed."""
        n, meet, flag, p, w = self.n, self.meet, self.flag, self.p, self.w
        out: set[int] = set()
        rnd = self.members[r]
        present = self.round_sectors[r]
        for t, people in enumerate(rnd):
            for ai in range(len(people)):
                i = people[ai]
                for bi in range(ai + 1, len(people)):
                    j = people[bi]
                    k = i * n + j
                    if (
                        meet[k] > 1
                        or (flag[k] and self._flag_weighs(flag[k]))
                        or (
                            w.organisation
                            and p.organisation[i] >= 0
                            and p.organisation[i] == p.organisation[j]
                        )
                    ):
                        out.add(i)
                        out.add(j)
            if self.facs[r][t] > 1 and w.facilitators:
                out.update(i for i in people if p.facilitator[i])
            counts = self.secs[r][t]
            for s in range(self.sectors):
                if not present[s] or not people:
                    continue
                if counts[s] == 0 and w.missing_sector:
                    # someone of a sector with two or more here should make way
                    out.update(i for i in people if p.sector[i] >= 0 and counts[p.sector[i]] > 1)
                if balance and w.sector_balance:
                    low, high = self.bounds[r][t][s]
                    if counts[s] > high:
                        out.update(i for i in people if p.sector[i] == s)
                    elif counts[s] < low:
                        out.update(i for i in people if p.sector[i] != s)
        return [i for i in sorted(out) if p.fixed[i] < 0]

    def _flag_weighs(self, f: int) -> bool:
        return bool((f & 1 and self.w.history) or (f & 2 and self.w.keep_apart))

    # --- the search ----------------------------------------------------------------------------
    def run(
        self,
        *,
        max_iterations: int,
        deadline: float,
        progress: Progress | None = None,
    ) -> tuple[Schedule, int, int]:
        """Tabu search from the loaded schedule, then a descent that evens out sectors. Returns
        the best schedule, its cost, and the iterations used."""
        rng = self.rng
        rounds = len(self.members)
        best_cost, best = self.cost, self.schedule()
        tabu: dict[tuple[int, int, int], int] = {}
        last_better = last_best = 0
        stall = 200 + 10 * self.n  # steps without a better state before a perturbation
        patience = 20 * stall  # steps without a better state before giving up
        iteration = 0
        round_order = list(range(rounds))
        for iteration in range(1, max_iterations + 1):
            if iteration % 64 == 0:
                if time.monotonic() > deadline:
                    break
                if progress and iteration % 1024 == 0:
                    progress(iteration / max_iterations, f"searching, cost {best_cost}")
            rng.shuffle(round_order)
            r, candidates = -1, []
            for r in round_order:
                candidates = self.conflicted(r)
                if candidates:
                    break
            if not candidates:
                break  # nobody is in conflict: the descent below evens out the sectors
            if len(candidates) > self.sample:
                candidates = rng.sample(candidates, self.sample)
            move = self._best_swap(r, candidates, tabu, iteration, best_cost)
            if move is None:
                continue
            a, b, delta = move
            ta, tb = self.seat[r][a], self.seat[r][b]
            self.swap(r, a, b, delta)
            tenure = rng.randint(5, 15)
            tabu[(r, a, ta)] = iteration + tenure
            tabu[(r, b, tb)] = iteration + tenure
            if self.cost < best_cost:
                best_cost, best = self.cost, self.schedule()
                last_better = last_best = iteration
            elif iteration - last_best > patience:
                break
            elif iteration - last_better > stall:
                self._perturb(best, rng)
                tabu.clear()
                last_better = iteration
        if self.cost > best_cost:
            self.load(best)
        self._even_out(deadline, max_iterations)
        return self.schedule(), self.cost, iteration

    def _best_swap(
        self,
        r: int,
        candidates: Sequence[int],
        tabu: dict[tuple[int, int, int], int],
        iteration: int,
        best_cost: int,
        ceiling: int | None = None,
    ) -> tuple[int, int, int] | None:
        """The best swap in round r moving one of `candidates`, not tabu unless it beats the best
        state found (aspiration); ties broken at random."""
        p, rng = self.p, self.rng
        found: tuple[int, int, int] | None = None
        ties = 0
        for a in candidates:
            ta = self.seat[r][a]
            for b in range(self.n):
                tb = self.seat[r][b]
                if tb == ta or tb < 0 or p.fixed[b] >= 0:
                    continue
                delta = self.swap_delta(r, a, b)
                if (found is not None and delta > found[2]) or (
                    ceiling is not None and delta > ceiling
                ):
                    continue
                if (
                    tabu.get((r, a, tb), 0) > iteration or tabu.get((r, b, ta), 0) > iteration
                ) and self.cost + delta >= best_cost:
                    continue
                if found is None or delta < found[2]:
                    found, ties = (a, b, delta), 1
                else:
                    ties += 1
                    if rng.randrange(ties) == 0:
                        found = (a, b, delta)
        return found

    def _even_out(self, deadline: float, max_iterations: int) -> None:
        """A second tabu search, on sector balance alone: a step may worsen the balance to
        escape a dead end, but never by as much as the lightest other rule weighs, so nothing
        harder is broken to even out sectors."""
        w, rng = self.w, self.rng
        if not w.sector_balance:
            return
        hard = [w.repeat, w.organisation, w.facilitators, w.missing_sector, w.history]
        ceiling = min(x for x in hard if x > 0) - 1
        best_cost, best = self.cost, self.schedule()
        tabu: dict[tuple[int, int, int], int] = {}
        last_best = 0
        patience = 1_000 + 20 * self.n
        order = list(range(len(self.members)))
        for iteration in range(1, max_iterations + 1):
            if iteration % 64 == 0 and time.monotonic() > deadline:
                break
            rng.shuffle(order)
            r, candidates = -1, []
            for r in order:
                candidates = self.conflicted(r, balance=True)
                if candidates:
                    break
            if not candidates or iteration - last_best > patience:
                break
            if len(candidates) > self.sample:
                candidates = rng.sample(candidates, self.sample)
            move = self._best_swap(r, candidates, tabu, iteration, best_cost, ceiling)
            if move is None:
                continue
            a, b, delta = move
            ta, tb = self.seat[r][a], self.seat[r][b]
            self.swap(r, a, b, delta)
            tenure = rng.randint(5, 15)
            tabu[(r, a, ta)] = iteration + tenure
            tabu[(r, b, tb)] = iteration + tenure
            if self.cost < best_cost:
                best_cost, best, last_best = self.cost, self.schedule(), iteration
        if self.cost > best_cost:
            self.load(best)

    def _perturb(self, best: Schedule, rng: random.Random) -> None:
        """Restart from the best state with a few random swaps (Dotú and Van Hentenryck)."""
        self.load(best)
        p = self.p
        for _ in range(max(2, self.n // 8)):
            r = rng.randrange(len(self.members))
            movable = [i for i in range(self.n) if p.fixed[i] < 0 and self.seat[r][i] >= 0]
            if len(movable) < 2:
                return
            a, b = rng.sample(movable, 2)
            if self.seat[r][a] != self.seat[r][b]:
                self.swap(r, a, b, self.swap_delta(r, a, b))


def _outside(count: int, bounds: tuple[int, int]) -> int:
    """How far a count lies outside its (floor, ceiling) fair share."""
    low, high = bounds
    return count - high if count > high else low - count if count < low else 0
