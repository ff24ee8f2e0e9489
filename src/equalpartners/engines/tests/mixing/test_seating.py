"""Seating plans: every method's plans hold up under an independent checker, hard rules that
cannot be kept are refused with the rule named, and the benchmark's event is planned to its
bound."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equalpartners.engines.mixing.objective import cost_of
from equalpartners.engines.mixing.people import Person
from equalpartners.engines.mixing.problem import ProblemError, Rules, SeatingProblem
from equalpartners.engines.mixing.rules import InfeasibleRuleError
from equalpartners.engines.mixing.seating import plan_seating

from .checker import check


def cross_sector_event() -> list[Person]:
    """48 people: 20 third sector, 16 public sector, 12 government, organisations of 4."""
    sectors = ["third sector"] * 20 + ["public sector"] * 16 + ["government"] * 12
    return [
        Person(id=f"p{i:02}", organisation=f"{sector} {i // 4}", sector=sector)
        for i, sector in enumerate(sectors)
    ]


def agrees_with_certificate(seating, problem) -> dict[str, Any]:
    history = {frozenset(pair) for pair in problem.met_before}
    checked = check(seating.plan.rounds, problem.people, problem.capacities, history)
    assert checked["problems"] == []
    c = seating.certificate
    assert checked["repeats"] == len(c.repeated_pairs)
    assert checked["same_org"] == len(c.same_organisation)
    assert checked["missing"] == len(c.missing_sectors)
    assert checked["fixed_moved"] == len(c.fixed_moved)
    assert checked["new_min"] == c.new_contacts_min
    assert checked["distinct_new"] == c.distinct_new_contacts
    return checked


@pytest.mark.parametrize("rounds", [4, 8])
def test_the_cross_sector_event_keeps_every_rule_up_to_its_bound(rounds):
    problem = SeatingProblem.build(cross_sector_event(), rounds=rounds, table_size=6)
    seating = plan_seating(problem, seed=1, time_limit=20)
    checked = agrees_with_certificate(seating, problem)
    assert checked["repeats"] == 0
    assert checked["same_org"] == 0
    assert checked["missing"] == 0
    assert seating.certificate.unbalanced == ()
    assert all(rule.kept for rule in seating.rules)
    # everyone meets 5 new people a round
    assert seating.certificate.new_contacts_min == 5 * rounds
    assert "affine plane of order 8" in seating.plan.method


def test_the_search_alone_plans_the_event_without_breaking_a_rule():
    problem = SeatingProblem.build(cross_sector_event()[:36], rounds=3, table_size=6)
    seating = plan_seating(problem, seed=3, time_limit=30, method="search")
    checked = agrees_with_certificate(seating, problem)
    assert checked["repeats"] == 0
    assert checked["same_org"] == 0
    assert seating.plan.method.startswith("local search")


def test_too_many_rounds_is_refused_naming_the_rule_and_the_arithmetic():
    people = [Person(id=str(i)) for i in range(12)]
    problem = SeatingProblem.build(people, rounds=5, table_size=4)
    with pytest.raises(InfeasibleRuleError) as raised:
        plan_seating(problem)
    assert raised.value.rule == "no_repeats"
    assert "3 rounds at most, not 5" in str(raised.value)
    # with the rule off, the plan is made and repeats are counted, not hidden
    relaxed = SeatingProblem.build(people, rounds=5, table_size=4, rules=Rules(no_repeats=False))
    seating = plan_seating(relaxed, time_limit=2)
    assert agrees_with_certificate(seating, relaxed)["repeats"] > 0


def test_a_table_larger_than_the_number_of_tables_must_repeat_a_pair():
    people = [Person(id=str(i)) for i in range(20)]
    problem = SeatingProblem.build(people, rounds=2, table_size=5)
    with pytest.raises(InfeasibleRuleError, match="must spread over 4 tables"):
        plan_seating(problem)


def test_two_people_fixed_to_one_table_cannot_avoid_meeting_twice():
    people = [Person(id=str(i), fixed_table=1 if i < 2 else None) for i in range(9)]
    problem = SeatingProblem.build(people, rounds=2, table_size=3)
    with pytest.raises(InfeasibleRuleError, match="fixed to table 1"):
        plan_seating(problem)


def test_pairs_to_keep_apart_fixed_together_are_refused():
    people = [Person(id="a", fixed_table=1), Person(id="b", fixed_table=1), Person(id="c")]
    problem = SeatingProblem.build(
        people, rounds=1, table_size=2, capacities=[2, 2], keep_apart=[("a", "b")]
    )
    with pytest.raises(InfeasibleRuleError) as raised:
        plan_seating(problem)
    assert raised.value.rule == "keep_apart"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"people": [], "table_size": 4}, "nobody to seat"),
        ({"people": ["a", "a"], "table_size": 4}, "repeated: a"),
        ({"people": ["a", "b"], "table_size": 1}, "at least 2"),
        ({"people": ["a", "b"], "capacities": [3, 1]}, "Table 2 seats 1"),
        ({"people": ["a", "b", "c"], "capacities": [2]}, "do not fit"),
        ({"people": ["a", "b"], "table_size": 2, "met_before": [("a", "z")]}, "z, in the pairs"),
    ],
)
def test_bad_problems_say_what_to_change(kwargs, message):
    people = [Person(id=pid) for pid in kwargs.pop("people")]
    with pytest.raises(ProblemError, match=message):
        SeatingProblem.build(people, rounds=2, **kwargs)


def test_more_people_fixed_to_a_table_than_it_seats_is_refused():
    people = [Person(id=str(i), fixed_table=2) for i in range(3)] + [Person(id="x")]
    with pytest.raises(ProblemError, match="3 people are fixed to table 2, which seats 2"):
        SeatingProblem.build(people, rounds=1, table_size=2)


def test_fixed_people_stay_put_and_facilitators_spread():
    people = [Person(id=f"f{i}", facilitator=True, organisation="hosts") for i in range(4)] + [
        Person(id=f"p{i}", fixed_table=3 if i == 0 else None) for i in range(16)
    ]
    problem = SeatingProblem.build(people, rounds=3, table_size=4)
    seating = plan_seating(problem, seed=2, time_limit=10)
    checked = agrees_with_certificate(seating, problem)
    assert checked["fixed_moved"] == 0
    assert seating.plan.itinerary("p0") == (3, 3, 3)
    assert seating.certificate.facilitators_together == ()
    assert checked["repeats"] == 0


def test_the_same_seed_gives_the_same_plan():
    problem = SeatingProblem.build(cross_sector_event()[:30], rounds=3, table_size=5)
    first = plan_seating(problem, seed=7, time_limit=30, method="search")
    again = plan_seating(problem, seed=7, time_limit=30, method="search")
    assert first.plan.rounds == again.plan.rounds


def test_history_is_avoided_where_possible():
    people = [Person(id=str(i)) for i in range(16)]
    met = [(str(i), str(i + 1)) for i in range(0, 16, 2)]
    problem = SeatingProblem.build(people, rounds=3, table_size=4, met_before=met)
    seating = plan_seating(problem, seed=0, time_limit=10)
    assert seating.certificate.met_before_again == ()
    assert seating.certificate.new_contacts_min == 9


def test_a_tie_free_uneven_event_seats_everyone_with_tables_one_apart():
    # 50 people at tables of 6: nine tables, five of 6 and four of 5
    people = [Person(id=str(i), sector="abc"[i % 3]) for i in range(50)]
    problem = SeatingProblem.build(people, rounds=4, table_size=6)
    assert sorted(problem.occupancy) == [5, 5, 5, 5, 6, 6, 6, 6, 6]
    seating = plan_seating(problem, seed=0, time_limit=10)
    checked = agrees_with_certificate(seating, problem)
    assert checked["repeats"] == 0


@st.composite
def small_problems(draw):
    n = draw(st.integers(4, 18))
    size = draw(st.integers(2, 5))
    tables = -(-n // size)
    people = [
        Person(
            id=f"p{i}",
            organisation=draw(st.sampled_from(["", "A", "B", "C"])),
            sector=draw(st.sampled_from(["", "third", "public"])),
            facilitator=draw(st.booleans()),
            fixed_table=draw(st.none() | st.integers(1, tables)) if i < 2 else None,
        )
        for i in range(n)
    ]
    rounds = draw(st.integers(1, 3))
    return SeatingProblem.build(
        people, rounds=rounds, table_size=size, rules=Rules(no_repeats=False)
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(), st.sampled_from(["auto", "search"]))
def test_every_plan_seats_everyone_once_a_round_within_capacity_and_fixed(problem, method):
    seating = plan_seating(problem, seed=0, time_limit=0.5, method=method)
    checked = check(seating.plan.rounds, problem.people, problem.capacities)
    assert checked["problems"] == []
    assert checked["fixed_moved"] == 0
    assert len(seating.plan.rounds) == problem.rounds
    for tables in seating.plan.rounds:
        # as even as the tables allow (which tables take one fewer may differ by method)
        assert sorted(len(t) for t in tables) == sorted(problem.occupancy)
        assert all(len(t) <= cap for t, cap in zip(tables, problem.capacities, strict=False))


@pytest.mark.parametrize(
    ("people", "size", "rounds", "rules"),
    [
        (9, 3, 3, Rules()),
        (8, 4, 3, Rules(no_repeats=False)),
        (10, 5, 2, Rules(no_repeats=False)),
    ],
)
def test_the_search_matches_the_proven_cp_sat_optimum_on_small_plans(people, size, rounds, rules):
    members = [
        Person(id=f"p{i}", organisation=f"o{i % 3}", sector=("third", "public")[i % 2])
        for i in range(people)
    ]
    problem = SeatingProblem.build(
        members, rounds=rounds, table_size=size, rules=rules, met_before=[("p0", "p1")]
    )
    exact = plan_seating(problem, method="exact", time_limit=60)
    assert exact.plan.method == "CP-SAT (optimal)"
    heuristic = plan_seating(problem, method="search", time_limit=10, seed=1)
    assert cost_of(heuristic.plan, problem) == cost_of(exact.plan, problem)
    agrees_with_certificate(exact, problem)


def test_an_exact_plan_is_refused_for_a_large_event():
    problem = SeatingProblem.build(cross_sector_event(), rounds=8, table_size=6)
    with pytest.raises(ProblemError, match="small events"):
        plan_seating(problem, method="exact")
