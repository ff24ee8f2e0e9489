"""Seating plans from a portfolio of methods, and re-planning while an event runs.

`plan_seating` tries, in order: a known construction when the event is a plain social golfer
instance (equal tables, nobody fixed), with people then placed on its seats by local search so that
organisations, sectors and facilitators spread (any relabelling of a design keeps it free of
repeats); otherwise, or when that leaves a rule broken, a greedy randomised construction improved
by tabu search. `method="exact"` asks OR-Tools CP-SAT for a proven optimum on small plans. The plan
names the method that produced it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from .certificate import Certificate, certify
from .encoding import Encoded, Schedule
from .greedy import greedy_schedule
from .grid import grid_rounds
from .localsearch import Search
from .objective import encode, weights_for
from .people import Person, pairs
from .plan import Plan
from .problem import ProblemError, SeatingProblem
from .rules import RuleReport, check_feasible, report

Method = Literal["auto", "construction", "search", "exact"]
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Seating:
    """A plan with its certificate and the rules it keeps (each with what the plan shows)."""

    plan: Plan
    certificate: Certificate
    rules: tuple[RuleReport, ...]
    seconds: float

    @property
    def broken(self) -> tuple[RuleReport, ...]:
        return tuple(r for r in self.rules if not r.kept)


def plan_seating(
    problem: SeatingProblem,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    method: Method = "auto",
    progress: Progress | None = None,
) -> Seating:
    """Plan every round of `problem`. Raises `InfeasibleRule` when the numbers make a hard rule
    impossible (the message says which and why) and `ProblemError` for an exact plan too large
    to prove."""
    check_feasible(problem)
    started = time.monotonic()
    deadline = started + time_limit
    if method == "exact":
        from .exact import exact_plan  # OR-Tools is loaded only when asked for

        plan = exact_plan(problem, time_limit=time_limit, seed=seed)
    else:
        plan = _heuristic(problem, seed, deadline, method, progress)
    certificate = certify(plan, problem)
    return Seating(plan, certificate, report(problem, certificate), time.monotonic() - started)


def _heuristic(
    problem: SeatingProblem, seed: int, deadline: float, method: Method, progress: Progress | None
) -> Plan:
    people = problem.people
    search = Search(encode(problem), weights_for(problem), seed)
    name = "local search (tabu) from a greedy start"
    built = None
    if method in ("auto", "construction"):
        built = _from_grid(problem, search, deadline, progress) or _from_construction(
            problem, search, seed, deadline, progress
        )
        if built is None and method == "construction":
            raise ProblemError(
                "No known construction fits these tables and rounds; use the local search."
            )
    if built is not None:
        name = built
        if _in_conflict(search):
            name += ", then local search (tabu)"
    else:
        greedy_schedule(search, problem.rounds)
        if progress:
            progress(0.0, "first plan built greedily; improving it")
    if _in_conflict(search):
        search.run(max_iterations=_budget(search.p), deadline=deadline, progress=progress)
    schedule = search.schedule()
    return Plan.of([[[people[i].id for i in t] for t in rnd] for rnd in schedule], name, seed)


def _in_conflict(search: Search) -> bool:
    """Anyone in conflict, tables out of balance included."""
    return any(search.conflicted(r, balance=True) for r in range(len(search.members)))


def _budget(encoded: Encoded) -> int:
    """Iterations for the tabu search: enough for the benchmarks' hardest plans; the search stops
    sooner when nobody is in conflict."""
    return 200_000 + 2_000 * encoded.n


def _from_grid(
    problem: SeatingProblem, search: Search, deadline: float, progress: Progress | None
) -> str | None:
    """People in a grid (see `grid`) when the tables are equal and nobody is fixed: rows hold
    facilitators first, then everyone sorted by sector and organisation, so colleagues share a
    row (and never a table) and sectors spread; local search then exchanges people between rows
    to settle what sorting could not."""
    size = problem.capacities[0]
    tables = len(problem.capacities)
    if any(c != size for c in problem.capacities):
        return None
    if problem.rules.keep_fixed and any(p.fixed_table is not None for p in problem.people):
        return None
    n = len(problem.people)
    rows = -(-n // tables)
    found = grid_rounds(rows, tables, problem.rounds) if rows <= size else None
    if found is None:
        return None
    cells, name = found
    best: tuple[int, Schedule] | None = None
    for order in _grid_orders(problem.people, tables, problem.rules.spread_facilitators):
        at = {(k // tables, k % tables): person for k, person in enumerate(order)}
        schedule = [[[at[cell] for cell in table if cell in at] for table in rnd] for rnd in cells]
        search.load(schedule)
        if best is None or search.cost < best[0]:
            best = (search.cost, schedule)
    assert best is not None
    if progress:
        progress(0.0, f"built a {name}; placing people on its seats")
    search.load(best[1])
    relabel(search, deadline)
    return f"{name}, people placed by local search"


def _grid_orders(
    people: Sequence[Person], tables: int, facilitators_first: bool
) -> list[list[int]]:
    """Ways to fill the grid's rows, of which the cheapest is kept: people sorted by sector and
    organisation (colleagues share a row, and so never a table), and the same with each sector
    filling whole rows before its remainder goes to the last rows. Facilitators come first, one
    row of them putting one at every table."""
    plain = sorted(
        range(len(people)),
        key=lambda i: (people[i].sector.casefold(), people[i].organisation.casefold(), i),
    )
    orders = [plain, _whole_rows_first(people, plain, tables)]
    if facilitators_first and any(p.facilitator for p in people):
        orders = [sorted(o, key=lambda i: not people[i].facilitator) for o in orders]
    return orders


def _whole_rows_first(people: Sequence[Person], plain: list[int], tables: int) -> list[int]:
    """Each sector first fills whole rows (every table then gets exactly one of it per row);
    what is left of each sector goes to the last rows. With one mixed row, every table's count
    of a sector is its whole rows plus at most one."""
    by_sector: dict[str, list[int]] = {}
    for i in plain:
        by_sector.setdefault(people[i].sector.casefold(), []).append(i)
    whole: list[int] = []
    rest: list[int] = []
    for members in by_sector.values():
        cut = len(members) - len(members) % tables
        whole.extend(members[:cut])
        rest.extend(members[cut:])
    return whole + rest


def _from_construction(
    problem: SeatingProblem,
    search: Search,
    seed: int,
    deadline: float,
    progress: Progress | None,
) -> str | None:
    """A design when the event is a plain social golfer instance, with people placed on its
    seats to spread organisations, sectors and facilitators."""
    occupancy = [o for o in problem.occupancy if o]
    size = occupancy[0]
    if any(o != size for o in occupancy) or len(occupancy) != len(problem.occupancy):
        return None
    if problem.rules.keep_fixed and any(p.fixed_table is not None for p in problem.people):
        return None
    from .designs import construct

    # a design search gets a third of the time left, so the local search keeps the rest
    until = min(deadline, time.monotonic() + (deadline - time.monotonic()) / 3)
    found = construct(len(occupancy), size, problem.rounds, deadline=until, seed=seed)
    if found is None:
        return None
    design, name = found
    if progress:
        progress(0.0, f"found a {name}; placing people on its seats")
    points = _initial_labels(problem.people)
    search.load([[[points[i] for i in table] for table in rnd] for rnd in design])
    relabel(search, deadline)
    return f"{name}, people placed by local search"


def _initial_labels(people: Sequence[Person]) -> list[int]:
    """Seat i of a design gets person labels[i]: people sorted by sector, then organisation, so
    that a design's consecutive seats (which constructions tend to spread across tables) mix
    sectors and separate colleagues."""
    return sorted(
        range(len(people)),
        key=lambda i: (people[i].sector.casefold(), people[i].organisation.casefold(), i),
    )


def relabel(search: Search, deadline: float, max_passes: int = 50) -> int:
    """Hill-climb over exchanges of two people's seats in every round at once. A design stays a
    design under any relabelling, so repeats never appear; only who sits with whom changes."""
    rng = search.rng
    n = search.n
    rounds = len(search.members)
    movable = [i for i in range(n) if search.p.fixed[i] < 0]
    for _ in range(max_passes):
        improved = False
        conflicted = sorted({i for r in range(rounds) for i in search.conflicted(r, balance=True)})
        rng.shuffle(conflicted)
        if not conflicted:
            break
        for a in conflicted:
            if time.monotonic() > deadline:
                return search.cost
            best_b, best_delta = -1, 0
            # in a large event, weigh exchanges with a sample: one that helps is rarely rare
            others = movable if len(movable) <= 400 else rng.sample(movable, 400)
            for b in others:
                if b == a:
                    continue
                delta = _relabel_delta(search, a, b)
                if delta < best_delta:
                    best_b, best_delta = b, delta
            if best_b >= 0:
                _apply_relabel(search, a, best_b)
                improved = True
        if not improved:
            break
    return search.cost


def _relabel_delta(search: Search, a: int, b: int) -> int:
    """The change in cost if a and b exchanged seats in every round (rounds where they share a
    table are unchanged). Computed by making the swaps and undoing them: exact, and simple."""
    total = 0
    done: list[int] = []
    for r in range(len(search.members)):
        if search.seat[r][a] != search.seat[r][b]:
            delta = search.swap_delta(r, a, b)
            search.swap(r, a, b, delta)
            total += delta
            done.append(r)
    for r in reversed(done):
        search.swap(r, a, b, search.swap_delta(r, a, b))
    return total


def _apply_relabel(search: Search, a: int, b: int) -> None:
    for r in range(len(search.members)):
        if search.seat[r][a] != search.seat[r][b]:
            search.swap(r, a, b, search.swap_delta(r, a, b))


def replan(
    problem: SeatingProblem,
    done: Sequence[Sequence[Sequence[str]]],
    *,
    left: Iterable[str] = (),
    arrived: Sequence[Person] = (),
    history: Iterable[tuple[str, str]] = (),
    seed: int = 0,
    time_limit: float = 0.9,
    progress: Progress | None = None,
) -> Seating:
    """Plan the rounds after `done` (the rounds already run, as tables of ids) for the people
    still here: those in `problem` less `left`, plus `arrived`. Meeting someone again from a round
    already run counts as a repeat; `history` adds pairs who met before that involve people who
    arrived. The plan returned holds the rounds run and the new ones, and its certificate covers
    them all."""
    started = time.monotonic()
    gone = set(left)
    known = {p.id for p in problem.people}
    for pid in gone:
        if pid not in known:
            raise ProblemError(f"{pid} is marked as gone but is not among the people.")
    for person in arrived:
        if person.id in known:
            raise ProblemError(f"{person.id} has arrived but is already among the people.")
    if len(done) > problem.rounds:
        raise ProblemError(f"{len(done)} rounds have run, but the plan has {problem.rounds}.")
    everyone = (*problem.people, *arrived)
    here = [p for p in everyone if p.id not in gone]
    remaining = problem.rounds - len(done)
    met_before = problem.met_before | pairs(history)
    full = SeatingProblem.build(
        everyone,
        rounds=problem.rounds,
        capacities=_room_for(problem.capacities, len(everyone)),
        met_before=met_before,
        keep_apart=problem.keep_apart,
        rules=problem.rules,
    )
    present = {p.id for p in here}
    ran = Plan.of(done, "rounds already run")
    if remaining == 0:
        certificate = certify(ran, full)
        return Seating(ran, certificate, report(full, certificate), time.monotonic() - started)
    rest = SeatingProblem.build(
        here,
        rounds=remaining,
        capacities=problem.capacities,
        met_before=[p for p in met_before if present.issuperset(p)],
        keep_apart=[p for p in problem.keep_apart if present.issuperset(p)],
        rules=problem.rules,
    )
    search = Search(encode(rest), weights_for(rest), seed)
    index = {p.id: i for i, p in enumerate(here)}
    search.add_to_base(
        [[[index[pid] for pid in table if pid in index] for table in rnd] for rnd in done]
    )
    greedy_schedule(search, remaining)
    deadline = started + time_limit
    schedule, _, _ = search.run(
        max_iterations=_budget(search.p), deadline=deadline, progress=progress
    )
    new_rounds = [[[here[i].id for i in t] for t in rnd] for rnd in schedule]
    plan = Plan.of([*done, *new_rounds], "re-planned by local search (tabu)", seed)
    certificate = certify(plan, full)
    return Seating(plan, certificate, report(full, certificate), time.monotonic() - started)


def _room_for(capacities: Sequence[int], people: int) -> tuple[int, ...]:
    """The tables, with one more added while everyone who ever came would not fit (the plan as a
    whole seats people who left and people who arrived, though never at once)."""
    tables = list(capacities)
    while sum(tables) < people:
        tables.append(max(capacities))
    return tuple(tables)
