"""One call that measures a network for a period: the engine's entry point."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from .brokerage import brokerage
from .cohesion import degree_centralization, degrees, density
from .graph import build
from .model import Measures, Member, Tie
from .persons import by_person
from .sectors import assortativity, ei_index, new_cross_sector_ties


def measure(
    people: Sequence[Member],
    ties: Iterable[Tie],
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    directed: bool = False,
) -> Measures:
    """Measure the network of the ties dated within [since, until] (either end may be open).

    Every person given is a node, tied or not. Repeated ties between a pair make one edge (one
    arc each way when directed). `new_cross_sector_ties` looks at each pair's first tie ever,
    so ties before `since` still matter for it. Brokerage needs direction and is {} when the
    network is undirected. Raises NetworkInputError for an unknown or repeated person, a tie
    to oneself, or `since` after `until`.
    """
    graph = build(people, ties, since=since, until=until, directed=directed)
    degree = degrees(graph)
    return Measures(
        people=graph.n,
        ties=len(graph.src),
        directed=directed,
        density=density(graph),
        degree_centralization=degree_centralization(graph, degree),
        ei_index=ei_index(graph),
        assortativity=assortativity(graph),
        brokerage=brokerage(graph) if directed else {},
        new_cross_sector_ties=new_cross_sector_ties(graph, since, until),
        by_person=by_person(graph, degree),
    )
