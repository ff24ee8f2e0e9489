"""Ranked pairs on margins with parallel-universe tie handling, fast even when margins tie.

Ours because trying every order of equal margins (as some libraries do) takes minutes once a few
margins tie. An option wins if it wins under some order of equal margins. We decide that option by
option with a depth-first search over the choices that matter:

* Within a group of equal margins, the orders give exactly the maximal sets of edges that can be
  added without a cycle, so we branch on "lock this edge or not" and check, when the group ends,
  that every edge left out would have closed a cycle.
* An edge into the option we are trying, or into anything that reaches it, can never be locked.
* An option whose strongest chain of wins back to each option that beats it is weaker than that
  defeat can never win: this cheap test settles most options before any search.
* Locked edges are kept as reachability bitmasks, and states already seen are not searched again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .condorcet import (
    Matrix,
    beats_everyone_sentence,
    condorcet_winner,
    margins_of,
    pairwise_of,
    strongest_paths,
)
from .methods import Method
from .profile import RankingProfile
from .result import Result
from .wording import amount, join

Edge = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Graph:
    """The positive margins among some candidates, re-indexed 0..size-1, largest first."""

    size: int
    edges: tuple[Edge, ...]
    group_ends: tuple[bool, ...]  # whether edge k is the last of its group of equal margins
    margins: tuple[tuple[int, ...], ...]


def _graph(margins: Matrix, candidates: Sequence[int]) -> _Graph:
    local = [[margins[a][b] for b in candidates] for a in candidates]
    size = len(candidates)
    ordered = sorted(
        ((local[a][b], a, b) for a in range(size) for b in range(size) if local[a][b] > 0),
        key=lambda edge: (-edge[0], edge[1], edge[2]),
    )
    ends = tuple(
        k + 1 == len(ordered) or ordered[k + 1][0] != ordered[k][0] for k in range(len(ordered))
    )
    return _Graph(
        size=size,
        edges=tuple((a, b) for _, a, b in ordered),
        group_ends=ends,
        margins=tuple(tuple(row) for row in local),
    )


def _lock(reach: tuple[int, ...], a: int, b: int) -> tuple[int, ...]:
    """Reachability after locking a -> b (reach[v] includes v itself)."""
    onward = reach[b]
    bit = 1 << a
    return tuple(r | onward if r & bit else r for r in reach)


def _sources(reach: tuple[int, ...]) -> int:
    reached = 0
    for v, r in enumerate(reach):
        reached |= r & ~(1 << v)
    return ((1 << len(reach)) - 1) & ~reached


def _edge_order_for(graph: _Graph, target: int) -> list[int]:
    """Edge positions, groups kept in place, edges leaving options near `target` first."""
    distance = {target: 0}
    frontier = [target]
    while frontier:
        nxt = []
        for a in frontier:
            for b in range(graph.size):
                if graph.margins[a][b] > 0 and b not in distance:
                    distance[b] = distance[a] + 1
                    nxt.append(b)
        frontier = nxt
    far = graph.size + 1
    order: list[int] = []
    start = 0
    for k, end in enumerate(graph.group_ends):
        if end:
            group = range(start, k + 1)
            order.extend(sorted(group, key=lambda e: (distance.get(graph.edges[e][0], far), e)))
            start = k + 1
    return order


def _universe_with_source(graph: _Graph, target: int) -> int | None:
    """The sources of some ranked-pairs outcome in which `target` is never beaten, if any."""
    order = _edge_order_for(graph, target)
    edges = [graph.edges[e] for e in order]
    ends = graph.group_ends
    target_bit = 1 << target
    start = tuple(1 << v for v in range(graph.size))
    stack: list[tuple[int, tuple[int, ...], tuple[Edge, ...]]] = [(0, start, ())]
    seen: set[tuple[int, tuple[int, ...], tuple[Edge, ...]]] = set()
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        k, reach, pending = state
        if k == len(edges):
            return _sources(reach)
        a, b = edges[k]
        if reach[b] >> a & 1:
            choices = [(reach, pending)]
        elif reach[b] & target_bit:
            choices = [(reach, (*pending, (a, b)))]
        else:
            choices = [(reach, (*pending, (a, b))), (_lock(reach, a, b), pending)]
        for next_reach, next_pending in choices:
            if ends[k]:
                if any(not next_reach[y] >> x & 1 for x, y in next_pending):
                    continue
                next_pending = ()
            stack.append((k + 1, next_reach, next_pending))
    return None


def _can_win(graph: _Graph, paths: Matrix, option: int) -> bool:
    """Necessary: a chain of wins back to every option beating it, as strong as that defeat."""
    return all(
        paths[option][rival] >= graph.margins[rival][option]
        for rival in range(graph.size)
        if graph.margins[rival][option] > 0
    )


def ranked_pairs_winners(margins: Matrix, candidates: Sequence[int]) -> list[int]:
    """Every candidate that wins ranked pairs under some order of equal margins."""
    graph = _graph(margins, candidates)
    if not graph.edges:
        return list(candidates)
    paths = strongest_paths(graph.margins)
    found = 0
    for option in range(graph.size):
        if found >> option & 1 or not _can_win(graph, paths, option):
            continue
        sources = _universe_with_source(graph, option)
        if sources is not None:
            found |= sources
    return [candidates[v] for v in range(graph.size) if found >> v & 1]


def _ranking_tiers(margins: Matrix, size: int) -> list[list[int]]:
    """Winners, then the winners among the rest, and so on."""
    left = list(range(size))
    tiers = []
    while left:
        top = ranked_pairs_winners(margins, left)
        tiers.append(top)
        left = [option for option in left if option not in top]
    return tiers


def _listed_order_locks(margins: Matrix, size: int) -> list[tuple[int, int, bool]]:
    """Ranked pairs in one universe (equal margins in listed order): each pair, locked or not."""
    graph = _graph(margins, range(size))
    reach = tuple(1 << v for v in range(size))
    steps = []
    for a, b in graph.edges:
        locked = not reach[b] >> a & 1
        if locked:
            reach = _lock(reach, a, b)
        steps.append((a, b, locked))
    return steps


def ranked_pairs(profile: RankingProfile) -> Result:
    """Ranked pairs on margins, parallel-universe tie handling."""
    options = profile.options
    margins = margins_of(profile.support)
    tiers = _ranking_tiers(margins, len(options))
    ranking = tuple(tuple(options[i] for i in tier) for tier in tiers)
    winners = ranking[0]
    leader = condorcet_winner(margins)
    if leader is not None:
        text = beats_everyone_sentence(profile, leader)
    else:
        text = _explain(profile, margins, winners)
    return Result(
        Method.RANKED_PAIRS, options, winners, text, ranking=ranking, pairwise=pairwise_of(profile)
    )


def _explain(profile: RankingProfile, margins: Matrix, winners: tuple[str, ...]) -> str:
    options = profile.options
    steps = _listed_order_locks(margins, len(options))
    skipped = join(
        f"{options[a]} over {options[b]} ({amount(Fraction(margins[a][b], profile.unit))})"
        for a, b, locked in steps
        if not locked
    )
    text = (
        "No option beats every other head to head. Ranked pairs locks in head-to-head wins from"
        " the largest margin down, skipping any win that would contradict those already locked in"
        + (
            f"; with equal margins taken in the listed order, it skips {skipped}."
            if skipped
            else "."
        )
    )
    equal_margins = len({margins[a][b] for a, b, _ in steps}) < len(steps)
    if len(winners) > 1:
        text += f" {join(winners)} each end up with no locked-in win against them"
    else:
        text += f" {winners[0]} ends up with no locked-in win against it"
    if equal_margins:
        text += " under at least one order of the equal margins; every order was considered"
    return text + "."
