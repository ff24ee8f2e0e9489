"""How dense the network is and how much it leans on a few people.

networkx has density (`nx.density`) but not Freeman centralization, and both need a networkx
graph first; building one from 100,000 ties takes longer than all our measures together, so we
compute from the edge arrays and check the answers against networkx in the tests.
"""

from __future__ import annotations

import numpy as np

from .graph import Graph, Ints


def degrees(graph: Graph) -> Ints:
    """Ties at each person: for a directed network the total degree (out plus in)."""
    return np.bincount(np.r_[graph.src, graph.dst], minlength=graph.n).astype(np.int64)


def density(graph: Graph) -> float:
    """Ties present over ties possible: 2m/(n(n-1)) undirected, m/(n(n-1)) directed."""
    n, m = graph.n, len(graph.src)
    if n < 2:
        return 0.0
    return (m if graph.directed else 2 * m) / (n * (n - 1))


def degree_centralization(graph: Graph, degree: Ints) -> float:
    """Freeman's degree centralization: sum(d_max - d_i) over its largest possible value.

    Undirected the largest value is (n-1)(n-2), reached by a star. Directed we use total degree,
    whose largest value is 2(n-1)(n-2) (a star with ties both ways), as R's sna package does.
    Both are 0 for fewer than three people, where no network can lean on anyone.
    """
    n = graph.n
    if n < 3:
        return 0.0
    spread = int((int(degree.max()) - degree).sum())
    most = (n - 1) * (n - 2) * (2 if graph.directed else 1)
    return spread / most
