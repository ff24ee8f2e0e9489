"""Majority judgment: the run-based tie-break equals removing median grades one at a time."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from equalpartners.engines.voting import Ballot, Election, Grades, Scale, tally
from equalpartners.engines.voting.judgment import compare, runs_from_counts

from . import pref
from .strategies import exact


def majority_value(grades: list[int]) -> list[int]:
    """Balinski and Laraki's procedure, literally: take the lower median, remove it, repeat."""
    left = sorted(grades)
    value = []
    while left:
        median = left[(len(left) - 1) // 2]
        value.append(median)
        left.remove(median)
    return value


def literal_compare(first: list[int], second: list[int]) -> int:
    a, b = majority_value(first), majority_value(second)
    return (a > b) - (a < b)


grade_lists = st.integers(1, 9).flatmap(
    lambda size: st.tuples(
        st.lists(st.integers(0, 4), min_size=size, max_size=size),
        st.lists(st.integers(0, 4), min_size=size, max_size=size),
    )
)


@settings(max_examples=400, deadline=None)
@given(grade_lists)
def test_run_comparison_equals_the_literal_procedure(pair: tuple[list[int], list[int]]) -> None:
    first, second = pair

    def runs(grades: list[int]) -> object:
        return runs_from_counts({g: grades.count(g) for g in set(grades)})

    ours = compare(runs(first), runs(second))  # type: ignore[arg-type]
    assert (ours > 0) - (ours < 0) == literal_compare(first, second)


def test_ties_on_the_median_are_broken_beyond_the_first_step() -> None:
    # Hall 1 2 2 2 4 and Garden 1 2 2 2 3: the same median and the same shares above and below it,
    # so the first tie-break step (pref_voting's, the majority gauge) leaves them tied. Removing
    # medians one at a time, the fifth median is 4 for Hall and 3 for Garden.
    election = Election(
        options=("Hall", "Garden"),
        ballots=(
            Ballot(Grades({"Hall": 1, "Garden": 1})),
            Ballot(Grades({"Hall": 2, "Garden": 2})),
            Ballot(Grades({"Hall": 2, "Garden": 2})),
            Ballot(Grades({"Hall": 2, "Garden": 2})),
            Ballot(Grades({"Hall": 4, "Garden": 3})),
        ),
        scale=Scale(0, 4),
    )
    result = tally(election, "majority_judgment")
    assert result.scores == exact({"Hall": 2, "Garden": 2})
    assert result.winners == ("Hall",)
    assert "after 4 removals, the median is 4 for Hall and 3 for Garden" in result.explanation
    gauge_only = pref.GradeProfile(
        [{0: g["Hall"], 1: g["Garden"]} for g in grades_of(election)], grades=[0, 1, 2, 3, 4]
    )
    assert pref.majority_judgement(gauge_only) == [0, 1]


def grades_of(election: Election) -> list[dict[str, int]]:
    return [dict(b.content.grades) for b in election.ballots if isinstance(b.content, Grades)]


def test_ungraded_counts_as_the_lowest_grade_and_partners_share_weight() -> None:
    election = Election(
        options=("A", "B"),
        ballots=(
            Ballot(Grades({"A": 3}), 3, "Big"),
            Ballot(Grades({"A": 0, "B": 3}), 1, "Small"),
            Ballot(Grades({"B": 2}), 1, "Other"),
        ),
        scale=Scale(0, 3),
    )
    assert tally(election, "majority_judgment").winners == ("A",)
    by_partner = tally(election, "majority_judgment", "partner")
    assert by_partner.scores == exact({"A": Fraction(0), "B": Fraction(2)})
    assert by_partner.winners == ("B",)
