"""A plain CP-SAT model of the cross-sector event, the peer our engine is compared with in case 2:
a boolean per person, round and table; each person at one table a round; six at every table; no
pair together twice; no two colleagues together; every table has each sector. No symmetry
breaking, no objective: the model anyone would write first."""

from __future__ import annotations

import time
from itertools import combinations

from ortools.sat.python import cp_model

from equalpartners.engines.mixing.people import Person


def plain_cp_sat(
    people: list[Person], tables: int, size: int, rounds: int, seconds: float
) -> tuple[bool, float]:
    model = cp_model.CpModel()
    n = len(people)
    x = [
        [[model.new_bool_var(f"x{i}_{r}_{t}") for t in range(tables)] for r in range(rounds)]
        for i in range(n)
    ]
    for i in range(n):
        for r in range(rounds):
            model.add_exactly_one(x[i][r])
    for r in range(rounds):
        for t in range(tables):
            model.add(sum(x[i][r][t] for i in range(n)) == size)
            for sector in {p.sector for p in people}:
                model.add(sum(x[i][r][t] for i in range(n) if people[i].sector == sector) >= 1)
    for i, j in combinations(range(n), 2):
        colleagues = people[i].organisation == people[j].organisation
        together = []
        for r in range(rounds):
            for t in range(tables):
                if colleagues:
                    model.add_bool_or([x[i][r][t].negated(), x[j][r][t].negated()])
                else:
                    y = model.new_bool_var("")
                    model.add_bool_or([x[i][r][t].negated(), x[j][r][t].negated(), y])
                    together.append(y)
        if together:
            model.add(sum(together) <= 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    started = time.monotonic()
    status = solver.solve(model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE), time.monotonic() - started
