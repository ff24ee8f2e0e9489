"""Resolvable packings by the difference method: a search for base rounds under a cyclic group.

The points are Z_m x {0..c-1} (c copies of the cyclic group) plus f fixed "infinity" points. A base
round (a partition of all points into groups) is developed by adding t = 0..m-1 to the first
coordinate of every finite point, giving m rounds; b base rounds give b*m rounds. Under Z_m the
pairs fall into orbits: within one copy, by the difference +-d (an orbit with 2d = 0 mod m is
short, and a base round holding such a pair would repeat it when developed, so those pairs are
forbidden); between copies j < k, by the difference of their coordinates (m orbits per pair of
copies); an infinity point with a copy (one orbit per copy); two infinity points (fixed by the
group, so forbidden: they would meet in every round). The developed rounds repeat no pair exactly
when the base rounds together use each orbit at most once.

This is the classical method for Kirkman triple systems and resolvable designs (R. C. Bose 1939;
see the Handbook of Combinatorial Designs, ed. Colbourn & Dinitz, chapters on difference families
and resolvable designs), applied to the social golfer problem (CSPLib prob010) in the spirit of
the symmetric constructions surveyed by Triska & Musliu and Dotú & Van Hentenryck. We search for
the base rounds by randomised backtracking with restarts: the group of the lowest unplaced point
is filled next, with candidates checked incrementally against the orbits already used. Written
here because no maintained Python package builds resolvable packings for arbitrary (g, s, w); the
closest (SageMath's designs module) is not a pip-installable library and covers only full designs.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass

Schedule = list[list[list[int]]]


@dataclass(frozen=True)
class Action:
    """Z_m acting on points split into orbits of the given sizes (each dividing m), developing
    `base` base rounds into m rounds each. Points are numbered orbit by orbit, smallest orbits
    first (fixed points lowest, so the search places them first), and the generator adds 1 within
    each orbit: point offset + x goes to offset + (x + 1) mod d."""

    m: int
    orbits: tuple[int, ...]
    base: int

    @property
    def points(self) -> int:
        return sum(self.orbits)

    @property
    def rounds(self) -> int:
        return self.m * self.base

    def describe(self) -> str:
        sizes = "+".join(str(d) for d in sorted(self.orbits, reverse=True))
        return f"cyclic difference method (Z_{self.m} on orbits {sizes}, base rounds {self.base})"

    def generator(self) -> list[int]:
        perm: list[int] = []
        offset = 0
        for d in self.orbits:
            perm.extend(offset + (x + 1) % d for x in range(d))
            offset += d
        return perm

    def elements(self) -> list[list[int]]:
        """The m permutations g^0 .. g^(m-1)."""
        gen = self.generator()
        out = [list(range(self.points))]
        for _ in range(self.m - 1):
            out.append([gen[x] for x in out[-1]])
        return out

    def full_orbits(self) -> int:
        """How many pair orbits have m pairs (only those may appear in a base round)."""
        m, sizes = self.m, self.orbits
        pairs = sum(m * ((m - 1) // 2) for d in sizes if d == m)
        for i, d in enumerate(sizes):
            for e in sizes[i + 1 :]:
                if math.lcm(d, e) == m:
                    pairs += d * e
        return pairs // m


def _short_parts(rest: int, m: int, groups: int) -> list[tuple[int, ...]]:
    """Ways to make `rest` points from orbits shorter than m: at most two orbits of a proper
    divisor above 1, the remainder as fixed points (at most `groups` of them, one per group)."""
    divisors = [d for d in range(2, m) if m % d == 0 and d <= groups]
    out: list[tuple[int, ...]] = []
    options: list[tuple[int, ...]] = [()]
    options += [(d,) for d in divisors]
    options += [(d, e) for i, d in enumerate(divisors) for e in divisors[i:]]
    for opt in options:
        fixed = rest - sum(opt)
        if 0 <= fixed <= groups:
            out.append((1,) * fixed + opt)
    return out


def actions(groups: int, size: int, rounds: int) -> list[Action]:
    """Every cyclic action for which counting leaves room for `rounds` rounds of `groups` groups
    of `size`, most promising first: fewest surplus developed rounds, fewest base rounds, fewest
    short orbits, then the largest group (more symmetry, a smaller search)."""
    n = groups * size
    out: list[Action] = []
    if size < 2 or groups < 1 or rounds < 1:
        return out
    per_round = groups * size * (size - 1) // 2
    for m in range(2, n + 1):
        base = -(-rounds // m)
        for copies in range(1, n // m + 1):
            for short in _short_parts(n - m * copies, m, groups):
                fixed = short.count(1)
                if fixed and base * (size - 1) > copies:
                    continue  # a fixed point meets each full orbit in one pair orbit only
                action = Action(m, (*short, *(m,) * copies), base)
                if action.full_orbits() >= base * per_round:
                    out.append(action)
    out.sort(
        key=lambda a: (
            a.rounds - rounds,
            a.base,
            a.orbits.count(1) > 0,
            len(a.orbits) - a.orbits.count(a.m),
            -a.m,
        )
    )
    return out


def orbit_matrix(action: Action) -> tuple[list[list[int]], int]:
    """orbit[a][b]: the number of the orbit of the pair {a, b} under the group. Pairs whose orbit
    is short (some group element fixes the pair, so developing would repeat it) get the extra
    number `count`, which the search keeps marked as used."""
    n, m = action.points, action.m
    elements = action.elements()
    orbit = [[-1] * n for _ in range(n)]
    count = 0
    for a in range(n):
        for b in range(a + 1, n):
            if orbit[a][b] >= 0:
                continue
            images = {(min(g[a], g[b]), max(g[a], g[b])) for g in elements}
            number = count if len(images) == m else -2
            if number >= 0:
                count += 1
            for x, y in images:
                orbit[x][y] = orbit[y][x] = number
    for row in orbit:
        for i, o in enumerate(row):
            if o < 0:
                row[i] = count
    return orbit, count


def develop(action: Action, base_rounds: Schedule) -> Schedule:
    """All rounds generated from the base rounds by the group."""
    elements = action.elements()
    return [[[g[p] for p in group] for group in base] for base in base_rounds for g in elements]


class _AbortError(Exception):
    """The node budget or the deadline ran out."""


class _Search:
    def __init__(
        self,
        action: Action,
        size: int,
        rng: random.Random,
        node_limit: int,
        deadline: float,
    ) -> None:
        self.action = action
        self.size = size
        self.n = action.points
        self.orbit, count = orbit_matrix(action)
        self.used = bytearray(count + 1)
        self.used[count] = 1  # forbidden pairs
        self.rng = rng
        self.node_limit = node_limit
        self.deadline = deadline
        self.nodes = 0
        self.placed = bytearray(self.n)
        self.rounds: Schedule = []
        # Orbits that may go unused: the surplus of orbits over the pairs the base rounds hold.
        per_round = (self.n // size) * size * (size - 1) // 2
        self.slack = count - action.base * per_round
        # avail[o]: pairs of points not yet placed in the current round that lie in orbit o.
        self.avail = [0] * (count + 1)

    def _reset_avail(self) -> None:
        self.avail = [0] * len(self.avail)
        for a, row in enumerate(self.orbit):
            for b in range(a + 1, self.n):
                self.avail[row[b]] += 1

    def _place(self, q: int) -> None:
        self.placed[q] = 1
        if len(self.rounds) == self.action.base:
            row, avail, placed = self.orbit[q], self.avail, self.placed
            for r in range(self.n):
                if not placed[r]:
                    avail[row[r]] -= 1

    def _unplace(self, q: int) -> None:
        if len(self.rounds) == self.action.base:
            row, avail, placed = self.orbit[q], self.avail, self.placed
            for r in range(self.n):
                if not placed[r]:
                    avail[row[r]] += 1
        self.placed[q] = 0

    def _hopeless(self) -> bool:
        """In the last base round: more orbits can no longer be used than the surplus allows."""
        if len(self.rounds) < self.action.base:
            return False
        used, avail = self.used, self.avail
        dead = 0
        for o in range(len(avail) - 1):
            if not used[o] and not avail[o]:
                dead += 1
        return dead > self.slack

    def run(self) -> Schedule | None:
        self.rounds = [[]]
        self.placed = bytearray(self.n)
        if self.action.base == 1:
            self._reset_avail()
        try:
            return self.rounds if self._fill(0) else None
        except _AbortError:
            return None

    def _fill(self, start: int) -> bool:
        p = start
        placed = self.placed
        while p < self.n and placed[p]:
            p += 1
        if p == self.n:
            if len(self.rounds) == self.action.base:
                return True
            saved = self.placed
            self.placed = bytearray(self.n)
            self.rounds.append([])
            if len(self.rounds) == self.action.base:
                self._reset_avail()
            if self._fill(0):
                return True
            self.rounds.pop()
            self.placed = saved
            return False
        self._place(p)
        row, used = self.orbit[p], self.used
        cands = [q for q in range(p + 1, self.n) if not placed[q] and not used[row[q]]]
        ok = False
        if len(cands) >= self.size - 1:
            self.rng.shuffle(cands)
            ok = self._extend([p], cands, 0)
        self._unplace(p)
        return ok

    def _extend(self, group: list[int], cands: list[int], start: int) -> bool:
        if len(group) == self.size:
            if self._hopeless():
                return False
            self.rounds[-1].append(list(group))
            if self._fill(group[0] + 1):
                return True
            self.rounds[-1].pop()
            return False
        need = self.size - len(group)
        used, orbit = self.used, self.orbit
        for idx in range(start, len(cands) - need + 1):
            q = cands[idx]
            row = orbit[q]
            orbs = [row[x] for x in group]
            if any(used[o] for o in orbs) or len(set(orbs)) < len(orbs):
                continue
            self.nodes += 1
            if self.nodes > self.node_limit or (
                self.nodes & 1023 == 0 and time.monotonic() > self.deadline
            ):
                raise _AbortError
            for o in orbs:
                used[o] = 1
            self._place(q)
            group.append(q)
            if self._extend(group, cands, idx + 1):
                return True
            group.pop()
            self._unplace(q)
            for o in orbs:
                used[o] = 0
        return False


def search_base_rounds(
    action: Action,
    size: int,
    *,
    seed: int,
    node_limit: int,
    deadline: float,
) -> Schedule | None:
    """One randomised backtracking run: base rounds whose development repeats no pair, or None
    when the node budget or the deadline runs out (or the space is exhausted)."""
    return _Search(action, size, random.Random(seed), node_limit, deadline).run()  # noqa: S311 -- reproducible


def _attempts(candidates: list[Action], seed: int) -> Iterator[tuple[Action, int, int]]:
    """Restarts shared out among the parameterisations: every pass gives each one run, with node
    budgets doubling from pass to pass so that no hopeless choice eats all the time."""
    rng = random.Random(seed)  # noqa: S311 -- a reproducible search, not a secret
    limit = 2_000
    while True:
        for action in candidates:
            yield action, rng.randrange(1 << 30), limit
        limit = min(limit * 2, 4_000_000)


def difference_search(
    groups: int,
    size: int,
    rounds: int,
    *,
    deadline: float,
    seed: int = 0,
    candidates: list[Action] | None = None,
) -> tuple[Schedule, Action] | None:
    """`rounds` rounds of `groups` groups of `size` with no pair twice, developed from base rounds
    under a cyclic group, or None when nothing is found before `deadline` (time.monotonic())."""
    if candidates is None:
        candidates = actions(groups, size, rounds)
    if not candidates:
        return None
    for action, run_seed, limit in _attempts(candidates, seed):
        if time.monotonic() > deadline:
            return None
        base = search_base_rounds(action, size, seed=run_seed, node_limit=limit, deadline=deadline)
        if base is not None:
            return develop(action, base)[:rounds], action
    return None  # pragma: no cover - the attempts never end
