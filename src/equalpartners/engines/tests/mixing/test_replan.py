"""Re-planning while an event runs: the rounds run stay as they were, people who left are gone,
people who arrived are seated, and nobody meets someone from an earlier round again."""

from __future__ import annotations

import pytest

from equalpartners.engines.mixing.people import Person
from equalpartners.engines.mixing.problem import ProblemError, SeatingProblem
from equalpartners.engines.mixing.seating import plan_seating, replan

from .checker import check


def event(n: int = 60) -> list[Person]:
    return [
        Person(
            id=f"p{i:03}", organisation=f"org {i // 3}", sector=("third", "public", "gov")[i % 3]
        )
        for i in range(n)
    ]


def test_the_remaining_rounds_seat_who_is_here_without_repeating_a_pair():
    problem = SeatingProblem.build(event(), rounds=5, table_size=6)
    first = plan_seating(problem, seed=1, time_limit=10)
    done = first.plan.rounds[:2]
    left = ["p000", "p007", "p031"]
    arrived = [Person(id="new1", sector="gov"), Person(id="new2", sector="third")]
    again = replan(problem, done, left=left, arrived=arrived, seed=1, time_limit=5)
    assert again.plan.rounds[:2] == done
    assert len(again.plan.rounds) == 5
    here = {p.id for p in problem.people} - set(left) | {"new1", "new2"}
    for tables in again.plan.rounds[2:]:
        seated = [pid for table in tables for pid in table]
        assert sorted(seated) == sorted(here)
        assert max(len(t) for t in tables) <= 6
        sizes = [len(t) for t in tables if t]
        assert max(sizes) - min(sizes) <= 1
    assert again.certificate.repeated_pairs == ()
    # the independent checker agrees on the rounds still to come, for the people here
    later = check(
        again.plan.rounds[2:], [p for p in (*problem.people, *arrived) if p.id in here], [6] * 10
    )
    assert later["problems"] == []
    assert "re-planned" in again.plan.method


def test_re_planning_200_people_keeps_the_rounds_free_of_repeats():
    people = event(200)
    problem = SeatingProblem.build(people, rounds=4, table_size=8)
    first = plan_seating(problem, seed=0, time_limit=10)
    again = replan(problem, first.plan.rounds[:1], left=["p001", "p002"], seed=0, time_limit=5)
    assert again.certificate.repeated_pairs == ()
    assert again.certificate.same_organisation == ()


def test_nothing_left_to_plan_returns_the_rounds_run():
    problem = SeatingProblem.build(event(16), rounds=2, table_size=4)
    first = plan_seating(problem, seed=0)
    again = replan(problem, first.plan.rounds)
    assert again.plan.rounds == first.plan.rounds


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"left": ["nobody"]}, "nobody is marked as gone"),
        ({"arrived": [Person(id="p001")]}, "p001 has arrived but is already"),
    ],
)
def test_mistakes_in_who_left_or_arrived_are_named(kwargs, message):
    problem = SeatingProblem.build(event(16), rounds=2, table_size=4)
    first = plan_seating(problem, seed=0)
    with pytest.raises(ProblemError, match=message):
        replan(problem, first.plan.rounds[:1], **kwargs)


def test_more_rounds_run_than_planned_is_refused():
    problem = SeatingProblem.build(event(16), rounds=1, table_size=4)
    first = plan_seating(problem, seed=0)
    with pytest.raises(ProblemError, match="2 rounds have run"):
        replan(problem, first.plan.rounds * 2)


def test_history_of_people_who_left_or_arrived_is_handled():
    people = event(16)
    problem = SeatingProblem.build(
        people, rounds=3, table_size=4, met_before=[("p000", "p001"), ("p002", "p003")]
    )
    first = plan_seating(problem, seed=0)
    late = Person(id="late", sector="gov")
    again = replan(
        problem,
        first.plan.rounds[:1],
        left=["p000"],
        arrived=[late],
        history=[("late", "p005")],
        seed=0,
    )
    assert ("late", "p005") not in {
        tuple(sorted((a, b)))
        for tables in again.plan.rounds[1:]
        for table in tables
        for a in table
        for b in table
        if a < b
    }
    # the certificate covers everyone who ever came, the one who left included
    assert {"p000", "late"} <= set(again.certificate.new_contacts)
