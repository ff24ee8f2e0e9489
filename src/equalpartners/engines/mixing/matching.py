"""Maximum-weight b-matching, approximately: each vertex takes part in at most its capacity of
chosen edges, and the chosen edges' total weight is as large as we can make it quickly.

Ours because networkx's `max_weight_matching` is exact but O(n^3) and only matches one-to-one
(b = 1); introductions need b-matching for thousands of people in seconds.

The method, in three steps, all deterministic:

1. The linear relaxation (each edge taken between 0 and 1, each vertex's edges summing to at most
   its capacity), solved by HiGHS' dual simplex through scipy: its optimum bounds the best total
   from above, and the edges it takes whole are kept. Its vertices are half-integral, so what it
   leaves is odd cycles of half edges, few in practice.
2. Greedy: the other edges by weight, heaviest first (ties by the smaller endpoint, then the
   larger), each taken while both ends have capacity left. Greedy alone keeps at least half of
   the optimum; after step 1 it only settles the odd cycles and what is left over.
3. Local improvement: for each edge not chosen, add it, dropping the weakest chosen edge at each
   end that is full (each of its edges in turn, weakest first), then give each vertex that lost
   an edge the best edge still open to it (both ends with capacity; if that is not enough, the
   other order). The move is kept as soon as the total rises, and undone otherwise. The first
   pass looks at every edge; each later one at the edges with an end that the last pass changed
   or that neighbours one it changed, until a pass changes nothing (or `passes` is reached).
   Every kept move raises an integer total, so the search ends.

The benchmark (bench/mixing/intros.py) measures the result against networkx's exact matching
(99.9% of the optimum on 400 people, one each). Graphs with at most `EXACT_EDGE_LIMIT` edges
are solved exactly by branch and bound instead, so a small group gets the best there is.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EXACT_EDGE_LIMIT = 28  # every pair among 8 people; branch and bound is instant at this size


def b_matching(
    edges: Sequence[tuple[int, int, int]],
    capacities: Sequence[int],
    *,
    passes: int = 20,
    exact_limit: int = EXACT_EDGE_LIMIT,
    relaxation: bool = True,
) -> list[int]:
    """Indices into `edges` (each `(u, v, weight)`, u != v, vertices numbered from 0, weight
    above 0, no pair twice) of a near-maximum-weight b-matching, in ascending order.
    `relaxation=False` skips step 1 (for tests of the other steps alone)."""
    if len(edges) <= exact_limit:
        return exact_b_matching(edges, capacities)
    order = sorted(range(len(edges)), key=lambda e: (-edges[e][2], edges[e][0], edges[e][1]))
    n = len(capacities)
    weight_to: list[dict[int, int]] = [{} for _ in range(n)]  # vertex -> {other: weight}
    for u, v, w in edges:
        weight_to[u][v] = w
        weight_to[v][u] = w
    # Each vertex's edges as (weight, other), heaviest first, then by the other's number.
    adjacency = [[(-w, v) for w, v in sorted((-w, v) for v, w in d.items())] for d in weight_to]
    best = [adj[0][0] if adj else 0 for adj in adjacency]
    chosen: list[dict[int, int]] = [{} for _ in range(n)]  # vertex -> {partner: weight}
    room = list(capacities)
    # Vertices with room left, filled after step 2: built then, as a set emptied from 5,000
    # entries keeps its large table and is slow to walk through.
    open_set: set[int] = set()

    def link(u: int, v: int, w: int) -> None:
        chosen[u][v] = w
        chosen[v][u] = w
        room[u] -= 1
        room[v] -= 1
        if room[u] == 0:
            open_set.discard(u)
        if room[v] == 0:
            open_set.discard(v)

    def unlink(u: int, v: int) -> None:
        del chosen[u][v]
        del chosen[v][u]
        room[u] += 1
        room[v] += 1
        open_set.add(u)
        open_set.add(v)

    def best_open(x: int) -> tuple[int, int]:
        """x's heaviest edge to a vertex with room that it is not yet matched to, as
        (weight, other), ties to the lower number; (0, -1) if there is none."""
        partners = chosen[x]
        if len(open_set) < len(adjacency[x]):  # few vertices with room: look at those
            near = weight_to[x]
            found = [(-near[t], t) for t in open_set if t in near and t not in partners]
            if not found:
                return 0, -1
            wt, t = min(found)
            return -wt, t
        for wt, t in adjacency[x]:
            if room[t] > 0 and t not in partners:
                return wt, t
        return 0, -1

    if relaxation:  # 1. the relaxation's whole edges
        for e in _relaxed(edges, capacities):
            u, v, w = edges[e]
            if room[u] > 0 and room[v] > 0:
                link(u, v, w)
    for e in order:  # 2. greedy
        u, v, w = edges[e]
        if room[u] > 0 and room[v] > 0 and v not in chosen[u]:
            link(u, v, w)
    open_set.update(v for v in range(n) if room[v] > 0)

    def refill(freed: Sequence[int], deficit: int) -> list[tuple[int, int]] | None:
        """Give each freed vertex in turn its best edge still open, if together they weigh more
        than `deficit`: the edges added, or None (and nothing added) when they cannot."""
        added: list[tuple[int, int]] = []
        total = 0
        for i, x in enumerate(freed):
            later = sum(best[z] for z in freed[i + 1 :])
            if room[x] > 0:
                wt, t = best_open(x)
                if t >= 0:
                    link(x, t, wt)
                    added.append((x, t))
                    total += wt
            if total + later <= deficit:
                for a, b in added:
                    unlink(a, b)
                return None
        return added

    def best_refill(freed: list[int], deficit: int) -> list[tuple[int, int]] | None:
        """`refill` with the freed vertices in one order, else in the other."""
        added = refill(freed, deficit)
        if added is None and len(freed) == 2 and freed[0] != freed[1]:
            added = refill(freed[::-1], deficit)
        return added

    def drops(end: int) -> list[tuple[int, int]]:
        """What adding an edge at `end` may drop: nothing if it has room, else each of its
        edges, weakest first, as (partner, weight)."""
        if room[end] > 0:
            return [(-1, 0)]
        return sorted(chosen[end].items(), key=lambda item: (item[1], -item[0]))

    def open_bound(x: int) -> int:
        """At most what x, freed by a move, can refill from the vertices with room now (only
        they and the vertices the move frees can have room after it)."""
        if x < 0:
            return 0
        if len(open_set) >= len(adjacency[x]):
            return best[x]
        near = weight_to[x]
        return max((near.get(t, 0) for t in open_set), default=0)

    def try_add(u: int, v: int, w: int) -> bool:
        """Step 3's move for the edge (u, v); True when it raised the total and was kept."""
        at_u, at_v = drops(u), drops(v)
        hope_u = max(best[x] for x, _ in at_u) if at_u[0][0] >= 0 else 0
        hope_v = max(best[y] for y, _ in at_v) if at_v[0][0] >= 0 else 0
        if w - at_u[0][1] - at_v[0][1] + hope_u + hope_v <= 0:
            return False  # not even the cheapest drops with the best refills could gain
        bound_u = {x: open_bound(x) for x, _ in at_u}
        bound_v = {y: open_bound(y) for y, _ in at_v}
        for x, wx in at_u:
            for y, wy in at_v:
                gain = w - wx - wy
                between = weight_to[x].get(y, 0) if x >= 0 else 0
                if gain + max(bound_u[x], between) + max(bound_v[y], between) <= 0:
                    continue
                freed = [z for z in (x, y) if z >= 0]
                if x >= 0:
                    unlink(u, x)
                if y >= 0:
                    unlink(v, y)
                link(u, v, w)
                added = best_refill(freed, wx + wy - w)
                if added is not None:
                    touched.update((u, v, *freed, *(t for _, t in added)))
                    return True
                unlink(u, v)
                if x >= 0:
                    link(u, x, wx)
                if y >= 0:
                    link(v, y, wy)
        return False

    touched: set[int] = set()  # vertices whose edges a kept move changed
    looking = order
    for _ in range(passes):  # 3. local improvement
        touched.clear()
        for e in looking:
            u, v, w = edges[e]
            if capacities[u] and capacities[v] and v not in chosen[u]:
                try_add(u, v, w)
        if not touched:
            break
        # The next pass looks again only where something changed, and at their neighbours.
        near = touched | {t for z in touched for t in weight_to[z]}
        looking = [e for e in order if edges[e][0] in near or edges[e][1] in near]

    index = {(min(u, v), max(u, v)): e for e, (u, v, _) in enumerate(edges)}
    return sorted(index[(u, v)] for u in range(n) for v in chosen[u] if u < v)


def _relaxed(edges: Sequence[tuple[int, int, int]], capacities: Sequence[int]) -> list[int]:
    """Edges at 1 in an optimal vertex of the linear relaxation (each edge between 0 and 1, each
    vertex's edges summing to at most its capacity), found by HiGHS' dual simplex. Its vertices
    are half-integral, so what is not whole lies on odd cycles at one half, which the greedy
    step settles. Empty if the solver fails, which leaves greedy and local search to do it all."""
    # SciPy is loaded here, when introductions are worked out, not when the module is: every
    # web worker imports this module, and SciPy would add tens of megabytes to each.
    from scipy.optimize import linprog  # type: ignore[import-untyped, unused-ignore]
    from scipy.sparse import csr_matrix  # type: ignore[import-untyped, unused-ignore]

    m = len(edges)
    ends = np.array([(u, v) for u, v, _ in edges], dtype=np.int64).reshape(m, 2)
    incidence = csr_matrix(
        (np.ones(2 * m), (ends.T.reshape(-1), np.tile(np.arange(m), 2))),
        shape=(len(capacities), m),
    )
    weights = np.array([-w for _, _, w in edges], dtype=np.float64)
    result = linprog(
        weights,
        A_ub=incidence,
        b_ub=np.asarray(capacities, dtype=np.float64),
        bounds=(0, 1),
        method="highs-ds",
    )
    if result.status != 0:
        return []
    x = np.asarray(result.x, dtype=np.float64)
    return [int(e) for e in np.flatnonzero(x > 0.75)]


def exact_b_matching(edges: Sequence[tuple[int, int, int]], capacities: Sequence[int]) -> list[int]:
    """Indices of a maximum-weight b-matching by branch and bound: for small graphs only (the
    work grows as 2 ** len(edges) at worst). Among optima, the first found with heavier edges
    tried first, so the answer is deterministic."""
    order = sorted(range(len(edges)), key=lambda e: (-edges[e][2], edges[e][0], edges[e][1]))
    remaining = [0] * (len(order) + 1)  # weight of order[i:], an upper bound on what is left
    for i in range(len(order) - 1, -1, -1):
        remaining[i] = remaining[i + 1] + edges[order[i]][2]
    left = list(capacities)
    taken: list[int] = []
    best_total = -1
    best_taken: list[int] = []

    def search(i: int, total: int) -> None:
        nonlocal best_total, best_taken
        if total > best_total:
            best_total, best_taken = total, list(taken)
        if i == len(order):
            return
        e = order[i]
        u, v, w = edges[e]
        # Bounds: all the weight left, or as many edges as capacity allows at this (largest) weight.
        if total + min(remaining[i], sum(left) // 2 * w) <= best_total:
            return
        if left[u] > 0 and left[v] > 0:
            left[u] -= 1
            left[v] -= 1
            taken.append(e)
            search(i + 1, total + w)
            taken.pop()
            left[u] += 1
            left[v] += 1
        search(i + 1, total)

    search(0, 0)
    return sorted(best_taken)
