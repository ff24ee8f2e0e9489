"""The count: a hand-computed example under each weighting, and on random dots the same figures
as the voting engine given the same ballots, and as adding them up by hand."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equalpartners.core.capabilities import Role
from equalpartners.engines.voting import Ballot, Dots, Election, Result, tally
from equalpartners.themes import selectors
from equalpartners.themes.presentation import theme_result

from .builders import dots, member_of, partner_named, voting_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(partnership):
    """Two voters of Leaders Org, one of Children Org, and a Health Org proposer."""
    leaders = partner_named(partnership, "Leaders Org")
    children = partner_named(partnership, "Children Org")
    return {
        "ann": member_of(partnership, leaders),
        "ben": member_of(partnership, leaders),
        "cat": member_of(partnership, children),
        "proposer": member_of(partnership, partner_named(partnership, "Health Org")),
    }


def _count(call) -> Result:
    result = selectors.result_of(call=call)
    assert result is not None
    return result


def _hand_example(partnership, people, weighting):
    call, p = voting_call(
        partnership, ("A", "B", "C"), proposer=people["proposer"], weighting=weighting
    )
    dots(people["ann"], call, {p["A"]: 5, p["B"]: 3, p["C"]: 2})
    dots(people["ben"], call, {p["A"]: 1, p["B"]: 4})
    dots(people["cat"], call, {p["C"]: 6, p["B"]: 4})
    return call


def test_each_person_equal_by_hand(partnership, people):
    # A: 5 + 1 = 6; B: 3 + 4 + 4 = 11; C: 2 + 6 = 8.
    result = _count(_hand_example(partnership, people, "person"))
    assert result.scores == {"A": Fraction(6), "B": Fraction(11), "C": Fraction(8)}
    assert result.ranking == (("B",), ("C",), ("A",))
    assert result.winners == ("B",)
    assert result.chosen is None  # no tie to break


def test_each_partner_equal_by_hand(partnership, people):
    # Leaders Org's two voters weigh 1/2 each, Children Org's one voter weighs 1:
    # A: (5 + 1)/2 = 3; B: (3 + 4)/2 + 4 = 15/2; C: 2/2 + 6 = 7.
    call = _hand_example(partnership, people, "partner")
    result = _count(call)
    assert result.scores == {"A": Fraction(3), "B": Fraction(15, 2), "C": Fraction(7)}
    assert result.ranking == (("B",), ("C",), ("A",))
    rows = theme_result(result, selectors.proposals_of(call=call)).rows
    assert [(r.place, r.proposal.title, r.dots.text, r.dots.exact) for r in rows] == [
        ("1st", "B", "7.5", "15/2"),
        ("2nd", "C", "7", "7"),
        ("3rd", "A", "3", "3"),
    ]


def test_a_tie_for_the_most_dots_is_broken_by_the_declared_draw(partnership, people):
    call, p = voting_call(partnership, ("A", "B"), proposer=people["proposer"])
    dots(people["ann"], call, {p["A"]: 4, p["B"]: 4})
    result = _count(call)
    assert result.winners == ("A", "B")
    assert result.chosen in {"A", "B"}
    assert f"seed {call.tie_break_seed}" in str(result.tie_break)
    rows = theme_result(result, selectors.proposals_of(call=call)).rows
    assert [r.place for r in rows] == ["=1st", "=1st"]


def test_no_dots_no_count(partnership, people):
    call, _ = voting_call(partnership, proposer=people["proposer"])
    assert selectors.result_of(call=call) is None


def _allocations(themes: int, budget: int):
    """One voter's dots on each theme, within the budget."""

    @st.composite
    def allocation(draw):
        left, counts = budget, []
        for _ in range(themes):
            count = draw(st.integers(0, left))
            counts.append(count)
            left -= count
        return draw(st.permutations(counts))

    return allocation()


@pytest.fixture
def pool(partnership):
    """Six voters: three of Leaders Org, two of Children Org, one of Health Org."""
    names = ["Leaders Org"] * 3 + ["Children Org"] * 2 + ["Health Org"]
    proposer = member_of(partnership, None, Role.COORDINATOR)
    return proposer, [member_of(partnership, partner_named(partnership, n)) for n in names]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    weighting=st.sampled_from(["person", "partner"]),
    ballots=st.lists(st.one_of(st.none(), _allocations(4, 10)), min_size=6, max_size=6),
)
def test_random_dots_count_as_the_engine_and_by_hand(partnership, pool, weighting, ballots):
    proposer, voters = pool
    titles = ("North", "South", "East", "West")
    call, p = voting_call(partnership, titles, proposer=proposer, weighting=weighting)
    engine_ballots, by_partner = [], defaultdict(list)
    for voter, counts in zip(voters, ballots, strict=True):
        if counts is None:
            continue
        placed = dict(zip(titles, counts, strict=True))
        dots(voter, call, {p[t]: n for t, n in placed.items()})
        partner = voter.person.organisation.name
        engine_ballots.append(Ballot(Dots({t: n for t, n in placed.items() if n}), partner=partner))
        by_partner[partner].append(placed)
    if not engine_ballots:
        assert selectors.result_of(call=call) is None
        return
    result = _count(call)
    # By hand: each person's dots, or each partner's dots shared among its voters.
    expected = dict.fromkeys(titles, Fraction(0))
    for placed_list in by_partner.values():
        weight = Fraction(1, len(placed_list)) if weighting == "partner" else Fraction(1)
        for placed in placed_list:
            for title, count in placed.items():
                expected[title] += weight * count
    assert dict(result.scores or {}) == expected
    engine = tally(
        Election(options=titles, ballots=tuple(engine_ballots), dot_budget=10),
        "dot",
        weighting,
    )
    assert result.scores == engine.scores
    assert result.ranking == engine.ranking
    assert result.winners == engine.winners
