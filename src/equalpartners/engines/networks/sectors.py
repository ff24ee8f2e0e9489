"""Whether ties stay inside sectors or cross them: E-I index, assortativity, new ties.

networkx has nominal assortativity (`nx.attribute_assortativity_coefficient`) but it walks the
edges in Python over a networkx graph; from arrays we count the sector mixing matrix in one
`bincount` and use whole numbers until the last division, so the answer is exact and the tests
check it against networkx. The E-I index and new cross-sector ties are not in networkx.
"""

from __future__ import annotations

import datetime

import numpy as np

from .graph import NEVER_AFTER, NEVER_BEFORE, Graph, day


def ei_index(graph: Graph) -> float | None:
    """Krackhardt and Stern's E-I index: (external - internal) / all ties, from -1 (every tie
    inside a sector) to +1 (every tie across). None when there are no ties."""
    m = len(graph.src)
    if m == 0:
        return None
    external = int(np.count_nonzero(graph.sector[graph.src] != graph.sector[graph.dst]))
    return (external - (m - external)) / m


def assortativity(graph: Graph) -> float | None:
    """Newman's nominal assortativity by sector: r = (tr e - sum a_i b_i) / (1 - sum a_i b_i).

    e is the sector mixing matrix (an undirected tie counts both ways, as Newman and networkx
    do); a and b are its row and column sums. +1 when ties only join people of the same sector,
    0 when they mix as if at random, negative when they prefer other sectors. None when it is
    undefined: no ties, or every tie inside the one and same sector (0/0).
    """
    if len(graph.src) == 0:
        return None
    k = graph.sectors
    s, t = graph.sector[graph.src], graph.sector[graph.dst]
    if not graph.directed:
        s, t = np.r_[s, t], np.r_[t, s]
    counts = np.bincount(s * k + t, minlength=k * k).reshape(k, k)
    total = int(counts.sum())
    same = int(np.trace(counts))
    expected = int((counts.sum(axis=1) * counts.sum(axis=0)).sum())  # total^2 * sum a_i b_i
    if total * total == expected:
        return None
    return (same * total - expected) / (total * total - expected)


def new_cross_sector_ties(
    graph: Graph, since: datetime.date | None, until: datetime.date | None
) -> int:
    """Pairs of people in different sectors whose first tie ever is dated within the period.

    A pair counts once however many times (or ways, when directed) they were tied; a pair who
    first met before the period is not new even if they meet again within it.
    """
    low, high = day(since, NEVER_BEFORE), day(until, NEVER_AFTER)
    new = (graph.pair_first >= low) & (graph.pair_first <= high)
    across = graph.sector[graph.pair_a] != graph.sector[graph.pair_b]
    return int(np.count_nonzero(new & across))
