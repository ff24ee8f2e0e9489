"""Gould and Fernandez brokerage roles, counted with sparse matrices instead of path by path.

A person v brokers when a -> v -> b, a is not b, and there is no tie a -> b. Whose groups
(sectors) the three are in names the role:

    coordinator     a, v, b all in one group
    itinerant       a and b in one group, v in another
    gatekeeper      a outside; v and b in one group
    representative  a and v in one group; b outside
    liaison         all three in different groups

Neither networkx nor igraph has these. Walking every two-step path in Python takes minutes on
100,000 ties, so we count instead: every two-step path through v is an in-neighbour times an
out-neighbour, split by group with per-person counts; from those we take away the paths that
return to where they started (a = b, from ties both ways) and the closed ones (a -> b exists),
which sparse matrix products count per broker. Everything stays in whole numbers, and the tests
check the result against walking the paths one by one.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .graph import Graph, Ints
from .model import ROLES


def brokerage(graph: Graph) -> dict[str, dict[str, int]]:
    """Person id -> role -> count, leaving out zero counts and people who broker nothing."""
    counts = role_counts(graph)
    found: dict[str, dict[str, int]] = {}
    for person in np.flatnonzero(counts.any(axis=1)):
        row = counts[person]
        found[graph.ids[person]] = {role: int(row[i]) for i, role in enumerate(ROLES) if row[i]}
    return found


def role_counts(graph: Graph) -> Ints:
    """An n x 5 array of role counts per person, columns in ROLES order (arcs as given)."""
    n = graph.n
    counts = np.zeros((n, len(ROLES)), dtype=np.int64)
    if n == 0 or len(graph.src) == 0:
        return counts
    # SciPy is loaded here, not with the module: web workers import the engine for pages that
    # never need brokerage, and SciPy would add tens of megabytes to each.
    import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]

    group = graph.sector
    src, dst = graph.src, graph.dst
    arcs = _matrix(src, dst, n)
    kept = group[src] == group[dst]
    same = _matrix(src[kept], dst[kept], n)  # the arcs inside a group

    # Every path a -> v -> b, a = b allowed, by how the ends sit with v's group.
    in_all = np.bincount(dst, minlength=n)
    out_all = np.bincount(src, minlength=n)
    in_same = np.bincount(dst[kept], minlength=n)
    out_same = np.bincount(src[kept], minlength=n)
    member = sp.csr_matrix(
        (np.ones(n, dtype=np.int64), (np.arange(n), group)), shape=(n, graph.sectors)
    )
    ends_alike = _rows((arcs.T @ member).multiply(arcs @ member))  # a and b in one group
    coordinator = in_same * out_same
    representative = in_same * (out_all - out_same)
    gatekeeper = (in_all - in_same) * out_same
    itinerant = ends_alike - coordinator
    liaison = (in_all - in_same) * (out_all - out_same) - itinerant

    # Closed paths (a -> b exists; a = b cannot happen as nobody is tied to themself).
    transposed = arcs.T.tocsr()
    closed_all = _rows((transposed @ arcs).multiply(arcs))
    closed_a_in = _rows((same.T @ arcs).multiply(arcs))  # a in v's group
    closed_b_in = _rows((transposed @ arcs).multiply(same))  # b in v's group
    closed_alike = _rows((transposed @ same).multiply(arcs))  # a and b in one group
    closed_coordinator = _rows((same.T @ same).multiply(arcs))  # all three in one group
    closed_representative = closed_a_in - closed_coordinator
    closed_gatekeeper = closed_b_in - closed_coordinator
    closed_itinerant = closed_alike - closed_coordinator
    closed_liaison = (closed_all - closed_coordinator - closed_representative
                      - closed_gatekeeper - closed_itinerant)  # fmt: skip

    # Paths back to the start (a -> v -> a): a's group is b's group.
    back_all = _rows(transposed.multiply(arcs))
    back_same = _rows(same.T.multiply(same))

    counts[:, 0] = coordinator - closed_coordinator - back_same
    counts[:, 1] = itinerant - closed_itinerant - (back_all - back_same)
    counts[:, 2] = gatekeeper - closed_gatekeeper
    counts[:, 3] = representative - closed_representative
    counts[:, 4] = liaison - closed_liaison
    return counts


def _matrix(src: Ints, dst: Ints, n: int) -> Any:
    """The arcs as an n x n sparse 0/1 matrix (a scipy CSR matrix; SciPy is untyped)."""
    import scipy.sparse as sp  # type: ignore[import-untyped, unused-ignore]

    return sp.csr_matrix((np.ones(len(src), dtype=np.int64), (src, dst)), shape=(n, n))


def _rows(matrix: Any) -> Ints:
    return np.asarray(matrix.sum(axis=1), dtype=np.int64).ravel()
