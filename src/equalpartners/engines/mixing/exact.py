"""Exact seating plans for small events with OR-Tools CP-SAT: the proven optimum of the same cost
the local search minimises (see `encoding.Weights`), so the two can be compared plan for plan.

A model of "who sits where" grows with people x rounds x tables and with every pair, so it is
offered for small plans only; the local search and the constructions serve the rest.
"""

from __future__ import annotations

from itertools import combinations

from ortools.sat.python import cp_model

from .encoding import Encoded, Weights
from .objective import encode, weights_for
from .plan import Plan
from .problem import ProblemError, SeatingProblem

LARGEST = 2_500  # people x rounds x tables: beyond this a proof takes too long to offer


def exact_plan(problem: SeatingProblem, *, time_limit: float, seed: int = 0) -> Plan:
    """The cheapest plan, proven optimal within `time_limit` seconds (else the best found,
    named as such). Raises ProblemError when the plan is too large or no plan exists."""
    encoded = encode(problem)
    size = encoded.n * problem.rounds * len(problem.capacities)
    if size > LARGEST:
        raise ProblemError(
            f"An exact plan is offered for small events (people x rounds x tables up to"
            f" {LARGEST}); this one is {size}. Use the automatic method."
        )
    model, seats = _model(encoded, weights_for(problem))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 2
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ProblemError("CP-SAT found no plan within the time limit; use the automatic method.")
    proven = "optimal" if status == cp_model.OPTIMAL else "best found, not proven optimal"
    people = problem.people
    rounds = [
        [
            [people[i].id for i in range(encoded.n) if solver.value(seats[i][r][t])]
            for t in range(len(encoded.occupancy))
        ]
        for r in range(encoded.rounds)
    ]
    return Plan.of(rounds, f"CP-SAT ({proven})", seed)


def _model(p: Encoded, w: Weights) -> tuple[cp_model.CpModel, list[list[list[cp_model.IntVar]]]]:
    model = cp_model.CpModel()
    n, rounds, tables = p.n, p.rounds, len(p.occupancy)
    seats = [
        [[model.new_bool_var(f"x{i}_{r}_{t}") for t in range(tables)] for r in range(rounds)]
        for i in range(n)
    ]
    for i in range(n):
        for r in range(rounds):
            model.add_exactly_one(seats[i][r])
            if p.fixed[i] >= 0:
                model.add(seats[i][r][p.fixed[i]] == 1)
    for r in range(rounds):
        for t in range(tables):
            model.add(sum(seats[i][r][t] for i in range(n)) == p.occupancy[t])
    if len(set(p.occupancy)) == 1 and all(f < 0 for f in p.fixed):
        # Tables alike and nobody fixed: number each round's tables by their first person, so
        # person i sits at one of the first i + 1 tables (this removes only relabelled copies).
        for i in range(min(n, tables)):
            for r in range(rounds):
                for t in range(i + 1, tables):
                    model.add(seats[i][r][t] == 0)
    cost: list[cp_model.LinearExprT] = []
    lost: list[list[cp_model.LinearExprT]] = [[] for _ in range(n)]
    for i, j in combinations(range(n), 2):
        together = []
        for r in range(rounds):
            met = model.new_bool_var(f"m{i}_{j}_{r}")
            both = []
            for t in range(tables):
                y = model.new_bool_var(f"y{i}_{j}_{r}_{t}")
                model.add_bool_and([seats[i][r][t], seats[j][r][t]]).only_enforce_if(y)
                model.add_bool_or(
                    [seats[i][r][t].negated(), seats[j][r][t].negated()]
                ).only_enforce_if(y.negated())
                both.append(y)
                if p.organisation[i] >= 0 and p.organisation[i] == p.organisation[j]:
                    cost.append(w.organisation * y)
                if p.facilitator[i] and p.facilitator[j]:
                    cost.append(w.facilitators * y)
            model.add(met == sum(both))
            together.append(met)
        meetings = sum(together)
        history = (i, j) in p.history
        extra = model.new_int_var(0, rounds, f"e{i}_{j}")
        model.add_max_equality(extra, [meetings - 1, 0])
        cost.append(w.repeat * extra)
        if history:
            cost.append(w.history * meetings)
        if (i, j) in p.keep_apart:
            cost.append(w.keep_apart * meetings)
        wasted = model.new_int_var(0, rounds, f"w{i}_{j}")
        model.add_max_equality(wasted, [meetings - 1 + int(history), 0])
        lost[i].append(wasted)
        lost[j].append(wasted)
    for i in range(n):
        total = model.new_int_var(0, rounds * n, f"l{i}")
        model.add(total == sum(lost[i]))
        square = model.new_int_var(0, (rounds * n) ** 2, f"s{i}")
        model.add_element(total, [k * k for k in range(rounds * n + 1)], square)
        cost.append(w.fairness * square)
    cost.extend(_sector_terms(model, p, w, seats))
    model.minimize(sum(cost))
    return model, seats


def _sector_terms(
    model: cp_model.CpModel, p: Encoded, w: Weights, seats: list[list[list[cp_model.IntVar]]]
) -> list[cp_model.LinearExprT]:
    sectors = max(p.sector, default=-1) + 1
    seated = sum(p.occupancy) or 1
    terms: list[cp_model.LinearExprT] = []
    for s in range(sectors):
        members = [i for i in range(p.n) if p.sector[i] == s]
        for r in range(p.rounds):
            for t, occupancy in enumerate(p.occupancy):
                if not occupancy:
                    continue
                count = sum(seats[i][r][t] for i in members)
                missing = model.new_bool_var(f"miss{s}_{r}_{t}")
                model.add(count == 0).only_enforce_if(missing)
                model.add(count >= 1).only_enforce_if(missing.negated())
                terms.append(w.missing_sector * missing)
                low = occupancy * len(members) // seated
                high = -(-occupancy * len(members) // seated)
                outside = model.new_int_var(0, p.n, f"out{s}_{r}_{t}")
                model.add(outside >= count - high)
                model.add(outside >= low - count)
                terms.append(w.sector_balance * outside)
    return terms
