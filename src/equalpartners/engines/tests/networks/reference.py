"""The same measures the slow, obvious way: networkx where it has them, else plain loops over
a networkx graph. The engine is checked against these, never against itself."""

from __future__ import annotations

import datetime
import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from equalpartners.engines.networks import Member, PersonFigures, Tie


@dataclass(frozen=True)
class Expected:
    people: int
    ties: int
    density: float
    degree_centralization: float
    ei_index: float | None
    assortativity: float | None
    brokerage: dict[str, dict[str, int]]
    new_cross_sector_ties: int
    by_person: dict[str, PersonFigures]


def inside(tie: Tie, since: datetime.date | None, until: datetime.date | None) -> bool:
    return (since is None or tie.on >= since) and (until is None or tie.on <= until)


def graph_of(
    people: Sequence[Member],
    ties: Sequence[Tie],
    since: datetime.date | None,
    until: datetime.date | None,
    directed: bool,
) -> nx.Graph:
    graph = nx.DiGraph() if directed else nx.Graph()
    for person in people:
        graph.add_node(person.id, sector=person.sector, organisation=person.organisation)
    graph.add_edges_from((t.a, t.b) for t in ties if inside(t, since, until))
    return graph


def centralization(graph: nx.Graph) -> float:
    n: int = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degree: list[int] = [d for _, d in graph.degree()]  # total degree (in + out) for a DiGraph
    most = (n - 1) * (n - 2) * (2 if graph.is_directed() else 1)
    top = max(degree)
    return sum(top - d for d in degree) / most


def ei_index(graph: nx.Graph) -> float | None:
    sector = nx.get_node_attributes(graph, "sector")
    external = sum(1 for u, v in graph.edges() if sector[u] != sector[v])
    internal = graph.number_of_edges() - external
    return None if external + internal == 0 else (external - internal) / (external + internal)


def assortativity(graph: nx.Graph) -> float | None:
    if graph.number_of_edges() == 0:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0/0 when it is undefined
        r = float(nx.attribute_assortativity_coefficient(graph, "sector"))
    return None if math.isnan(r) else r


def role(a: str, v: str, b: str) -> str:
    if a == v == b:
        return "coordinator"
    if a == b:
        return "itinerant"
    if v == b:
        return "gatekeeper"
    if a == v:
        return "representative"
    return "liaison"


def brokerage(graph: nx.DiGraph) -> dict[str, dict[str, int]]:
    """Every two-step path a -> v -> b walked one by one (Gould and Fernandez 1989)."""
    sector = nx.get_node_attributes(graph, "sector")
    found: dict[str, dict[str, int]] = {}
    for v in graph:
        for a, b in itertools.product(graph.predecessors(v), graph.successors(v)):
            if a != b and not graph.has_edge(a, b):
                roles = found.setdefault(v, {})
                name = role(sector[a], sector[v], sector[b])
                roles[name] = roles.get(name, 0) + 1
    return found


def new_cross_sector(
    people: Sequence[Member],
    ties: Sequence[Tie],
    since: datetime.date | None,
    until: datetime.date | None,
) -> int:
    sector = {p.id: p.sector for p in people}
    first: dict[frozenset[str], datetime.date] = {}
    for t in ties:
        pair = frozenset((t.a, t.b))
        first[pair] = min(first.get(pair, t.on), t.on)
    return sum(
        1
        for pair, on in first.items()
        if (since is None or on >= since)
        and (until is None or on <= until)
        and len({sector[p] for p in pair}) == 2
    )


def by_person(graph: nx.Graph) -> dict[str, PersonFigures]:
    simple = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    node = graph.nodes
    figures = {}
    for person in graph:
        others = list(simple.neighbors(person))
        sector, organisation = node[person]["sector"], node[person]["organisation"]
        figures[person] = PersonFigures(
            id=person,
            degree=graph.degree(person),
            cross_sector_ties=sum(1 for o in others if node[o]["sector"] != sector),
            sectors_reached=len({node[o]["sector"] for o in others} - {sector}),
            organisations_reached=len({node[o]["organisation"] for o in others} - {organisation}),
        )
    return figures


def expected(
    people: Sequence[Member],
    ties: Sequence[Tie],
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    directed: bool = False,
) -> Expected:
    graph = graph_of(people, ties, since, until, directed)
    return Expected(
        people=graph.number_of_nodes(),
        ties=graph.number_of_edges(),
        density=nx.density(graph),
        degree_centralization=centralization(graph),
        ei_index=ei_index(graph),
        assortativity=assortativity(graph),
        brokerage=brokerage(graph) if directed else {},
        new_cross_sector_ties=new_cross_sector(people, ties, since, until),
        by_person=by_person(graph),
    )
