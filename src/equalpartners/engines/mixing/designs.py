"""Known constructions for the social golfer problem: rounds of equal groups, no pair twice.

The social golfer problem (CSPLib prob010, proposed by Warwick Harvey) asks for w rounds that each
split g*s players into g groups of s so that no two players share a group twice. Many instances
have classical solutions, which this module builds directly:

* round robin (groups of 2) by the circle method;
* the affine plane AG(2, q) for a prime power q (q^2 players, q+1 rounds: its parallel classes),
  and its restriction to s of the q vertical lines (q groups of s <= q, q rounds), a transversal
  design; see the Handbook of Combinatorial Designs (Colbourn & Dinitz), affine planes and
  transversal designs;
* a "modular grid" for large events: an s x T grid of players, round r seating at table t the
  players (i, t + r*i mod T); it repeats no pair while (r - r') * (i - i') is never 0 mod T;
* otherwise the difference method (`cyclic`), which searches for base rounds under a cyclic group
  and develops them; this finds Kirkman triple systems, nearly Kirkman systems and the other
  small best-known solutions (Triska & Musliu; Dotú & Van Hentenryck survey these instances).
  It does not reach 8-4-10 (Aguado 2004, a resolvable 4-GDD of type 2^16): the cyclic actions
  tried (Z_10 on three orbits and two fixed points, Z_5 with two base rounds) gave none; 8-4-9 is
  found in well under a second.

Written here because no maintained Python package builds resolvable designs and packings with
these guarantees (galois offers fields only; SageMath is not a pip-installable library), and the
seating engine needs them pure Python, typed and fast. A schedule is rounds -> groups -> player
indices 0..n-1; every schedule returned here is checked before it leaves the module.
"""

from __future__ import annotations

import itertools
import math
import time

from .cyclic import Schedule, actions, difference_search
from .fields import field, prime_power

__all__ = [
    "DEFAULT_SEARCH_SECONDS",
    "Schedule",
    "affine_plane",
    "construct",
    "counting_bound",
    "is_schedule",
    "max_rounds",
    "modular_grid",
    "modular_grid_rounds",
    "round_robin",
    "transversal",
]

DEFAULT_SEARCH_SECONDS = 20.0
"""How long `construct` and `max_rounds` search when the caller gives no deadline."""


def is_schedule(schedule: Schedule, groups: int, size: int) -> bool:
    """Every round splits range(groups * size) into `groups` groups of `size`; no pair twice."""
    n = groups * size
    seen: set[tuple[int, int]] = set()
    for rnd in schedule:
        if len(rnd) != groups or any(len(g) != size for g in rnd):
            return False
        if sorted(p for g in rnd for p in g) != list(range(n)):
            return False
        for g in rnd:
            for a, b in itertools.combinations(sorted(g), 2):
                if (a, b) in seen:
                    return False
                seen.add((a, b))
    return True


def counting_bound(groups: int, size: int) -> int:
    """The most rounds counting allows: each round a player meets size-1 of the n-1 others (one
    round when there is a single group, unlimited rounds - here n - 1 - for groups of one)."""
    n = groups * size
    if size < 2:
        return max(n - 1, 1)
    if groups == 1:
        return 1
    return (n - 1) // (size - 1)


def round_robin(n: int) -> Schedule:
    """Pairings for n players by the circle method: n-1 rounds of n/2 pairs when n is even.

    When n is odd the method runs with a phantom player and drops the phantom's pairs, so there
    are n rounds of (n-1)/2 pairs and in each round one player (a different one each time) has a
    bye: the caller decides what that player does. Every pair meets exactly once either way.
    """
    if n < 2:
        return []
    m = n if n % 2 == 0 else n + 1  # m - 1 is the phantom when n is odd
    fixed = m - 1
    rounds: Schedule = []
    for r in range(m - 1):
        pairs = [[r, fixed]]
        for k in range(1, m // 2):
            pairs.append([(r + k) % (m - 1), (r - k) % (m - 1)])
        rounds.append([sorted(p) for p in pairs if n % 2 == 0 or fixed not in p])
    return rounds


def affine_plane(q: int, rounds: int | None = None) -> Schedule:
    """The parallel classes of AG(2, q): q^2 players, q groups of q, q+1 rounds (or the first
    `rounds` of them); every pair meets exactly once over all q+1. Player x*q + y is the point
    (x, y); the classes are the lines y = m*x + b of each slope m, then the verticals x = c.
    Raises ValueError when q is not a prime power or more than q+1 rounds are asked for."""
    if rounds is None:
        rounds = q + 1
    if rounds > q + 1:
        raise ValueError(f"an affine plane of order {q} has only {q + 1} parallel classes")
    out = transversal(q, q, min(rounds, q))
    if rounds == q + 1:
        out.append([[x * q + y for y in range(q)] for x in range(q)])
    return out


def transversal(q: int, size: int, rounds: int) -> Schedule:
    """q groups of `size` (at most q) for up to q rounds, from the lines of AG(2, q) restricted
    to the first `size` vertical lines: player i*q + y is the point (x_i, y), x_i the i-th field
    element, and round m seats at table b the points on the line y = m*x + b. Two lines of
    different slopes meet in one point, so no pair repeats. For prime q this is the modular grid.
    Raises ValueError when q is not a prime power, size > q or rounds > q."""
    if size > q or rounds > q:
        raise ValueError(f"GF({q}) gives at most {q} rounds of {q} groups of at most {q}")
    f = field(q)
    out: Schedule = []
    for slope in range(rounds):
        tables: list[list[int]] = [[] for _ in range(q)]
        for i in range(size):
            mx = f.mul(slope, i)
            for b in range(q):
                tables[b].append(i * q + f.add(mx, b))
        out.append(tables)
    return out


def modular_grid_rounds(tables: int, size: int) -> int:
    """The most rounds the modular grid gives for `tables` tables of `size`: rounds r and r' of
    the grid clash exactly when (r - r') * (i - i') = 0 mod T for some rows i != i', so the grid
    runs until r - r' reaches T / gcd(T, d) for a row difference d. When size == tables the rows
    of the grid make one more round."""
    if tables < 1 or size < 1:
        return 0
    if size == 1:
        return tables  # nobody meets anybody; any number would do, report a finite one
    grid = min(tables // math.gcd(tables, d) for d in range(1, size))
    return grid + (1 if size == tables else 0)


def grid_clash_free(tables: int, size: int, rounds: int) -> bool:
    """The condition checked directly: (r - r') * (i - i') is never 0 mod T."""
    return all((dr * di) % tables for dr in range(1, rounds) for di in range(1, size))


def modular_grid(tables: int, size: int, rounds: int) -> Schedule | None:
    """Players in a size x T grid (player i*T + j at row i, column j), T = `tables`; round r seats
    at table t the players (i, (t + r*i) mod T) for i in 0..size-1. Returns None when two rounds
    would repeat a pair, i.e. when (r - r')(i - i') = 0 mod T for some rounds r != r' and rows
    i != i' (prime T > max(size-1, rounds-1) always works; 250 tables of 8 for 5 rounds works
    too). When size == tables and the grid alone falls one round short, the rows of the grid
    (T groups of T, never meeting in the grid) are added as the last round."""
    if tables < 1 or size < 1 or rounds < 0:
        return None
    grid_rounds = rounds
    if not grid_clash_free(tables, size, rounds):
        if size != tables or not grid_clash_free(tables, size, rounds - 1):
            return None
        grid_rounds = rounds - 1
    out: Schedule = [
        [[i * tables + (t + r * i) % tables for i in range(size)] for t in range(tables)]
        for r in range(grid_rounds)
    ]
    if grid_rounds < rounds:
        out.append([[i * tables + j for j in range(tables)] for i in range(size)])
    return out


def _direct(groups: int, size: int, rounds: int) -> tuple[Schedule, str] | None:
    """Constructions that need no search, best first."""
    n = groups * size
    if rounds == 0:
        return [], "no rounds"
    if size == 1:
        return [[[p] for p in range(n)] for _ in range(rounds)], "groups of one"
    if rounds == 1:
        return [[list(range(g * size, (g + 1) * size)) for g in range(groups)]], "a single round"
    if size == 2 and rounds <= n - 1:
        return round_robin(n)[:rounds], "round robin"
    q = groups
    if prime_power(q) is not None and size <= q:
        if size == q and rounds <= q + 1:
            return affine_plane(q, rounds), f"affine plane of order {q}"
        if rounds <= q:
            return transversal(q, size, rounds), f"transversal design from GF({q})"
    grid = modular_grid(groups, size, rounds)
    if grid is not None:
        return grid, f"modular grid ({groups} tables)"
    return None


def _deadline(deadline: float | None) -> float:
    return time.monotonic() + DEFAULT_SEARCH_SECONDS if deadline is None else deadline


def construct(
    groups: int,
    size: int,
    rounds: int,
    *,
    deadline: float | None = None,
    seed: int = 0,
) -> tuple[Schedule, str] | None:
    """Exactly `rounds` rounds of `groups` groups of `size` players (0..groups*size-1) with no
    pair twice, and the name of the construction, or None when no construction applies or the
    search finds none before `deadline` (a time.monotonic() value; None means
    DEFAULT_SEARCH_SECONDS from now). Closed-form constructions come first; the difference method
    searches, randomised by `seed`."""
    if groups < 1 or size < 1 or rounds < 0:
        raise ValueError("groups and size must be at least 1 and rounds at least 0")
    if rounds > counting_bound(groups, size) and size > 1:
        return None
    found = _direct(groups, size, rounds)
    if found is None:
        searched = difference_search(groups, size, rounds, deadline=_deadline(deadline), seed=seed)
        if searched is not None:
            schedule, action = searched
            found = schedule, action.describe()
    if found is None:
        return None
    if not is_schedule(found[0], groups, size) or len(found[0]) != rounds:  # pragma: no cover
        raise AssertionError(
            f"{found[1]} produced an invalid schedule for {groups}-{size}-{rounds}"
        )
    return found


def _direct_reach(groups: int, size: int) -> int:
    """The most rounds the closed-form constructions give."""
    n = groups * size
    best = 1
    if size == 2 and n % 2 == 0:
        best = n - 1
    if prime_power(groups) is not None and size <= groups:
        best = max(best, groups + 1 if size == groups else groups)
    return max(best, modular_grid_rounds(groups, size))


def max_rounds(
    groups: int,
    size: int,
    *,
    deadline: float | None = None,
    seed: int = 0,
) -> tuple[Schedule, str] | None:
    """The most rounds any construction here reaches before `deadline` (time.monotonic(); None
    means DEFAULT_SEARCH_SECONDS from now): the closed forms first, then the difference method
    from the counting bound downwards, sharing the remaining time equally among the round counts
    still to try. None only for groups of one, where rounds are unlimited."""
    if groups < 1 or size < 1:
        raise ValueError("groups and size must be at least 1")
    if size == 1:
        return None
    end = _deadline(deadline)
    upper = counting_bound(groups, size)
    reach = min(_direct_reach(groups, size), upper)
    best = construct(groups, size, reach, deadline=end, seed=seed)
    tries = [w for w in range(upper, reach, -1) if actions(groups, size, w)]
    for k, w in enumerate(tries):
        now = time.monotonic()
        if now >= end:
            break
        share = now + (end - now) / (len(tries) - k)
        found = difference_search(groups, size, w, deadline=share, seed=seed)
        if found is not None:
            schedule, action = found
            return schedule, action.describe()
    return best
