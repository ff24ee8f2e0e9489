"""The one cost every seating method minimises, so plans from any method compare fairly.

`weights_for` turns the rules into the local search's weights (a switched-off rule weighs nothing;
repeats always weigh a little, since new contacts are the point), `encode` turns a problem into
integers, and `cost_of` prices any plan, however it was made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .encoding import Encoded, Weights
from .localsearch import Search
from .people import Person
from .plan import Plan
from .problem import SeatingProblem


def weights_for(problem: SeatingProblem) -> Weights:
    """The search's weights with every switched-off rule weighing nothing (repeats always weigh a
    little, since new contacts are the point of mixing)."""
    rules, w = problem.rules, Weights()
    return replace(
        w,
        repeat=w.repeat if rules.no_repeats else 10,
        history=w.history if rules.avoid_history else 0,
        organisation=w.organisation if rules.separate_organisations else 0,
        missing_sector=w.missing_sector if rules.mix_sectors else 0,
        sector_balance=w.sector_balance if rules.mix_sectors else 0,
        facilitators=w.facilitators if rules.spread_facilitators else 0,
    )


def encode(problem: SeatingProblem, people: Sequence[Person] | None = None) -> Encoded:
    rules = problem.rules
    people = problem.people if people is None else people
    return Encoded.of(
        people,
        problem.occupancy,
        problem.rounds,
        problem.met_before if rules.avoid_history else frozenset(),
        problem.keep_apart,
        organisations=rules.separate_organisations,
        sectors=rules.mix_sectors,
        facilitators=rules.spread_facilitators,
        fixed=rules.keep_fixed,
    )


def cost_of(plan: Plan, problem: SeatingProblem) -> int:
    """The cost of `plan` under the weights of `problem`'s rules."""
    encoded = encode(problem)
    index = {p.id: i for i, p in enumerate(problem.people)}
    search = Search(encoded, weights_for(problem), 0)
    search.load([[[index[pid] for pid in table] for table in rnd] for rnd in plan.rounds])
    return search.cost
