"""A wave scored by hand: factor and heading means, "don't know", groups and the threshold, and
the reviewer's attack on a heading's figure, which no longer gives anyone's answer away."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.engines.health import (
    AnswerError,
    Band,
    Cell,
    Instrument,
    Response,
    Scores,
    Withheld,
    score_wave,
    stored,
)

INSTRUMENT = Instrument(
    items={"q1": "respect", "q2": "respect", "q3": "mix", "q4": "synergy"},
    factors={"respect": "membership", "mix": "membership", "synergy": "synergy"},
)


def _answers(q1: int | None, q2: int | None, q3: int | None = 3, q4: int | None = 4):
    return {"q1": q1, "q2": q2, "q3": q3, "q4": q4}


def test_the_worked_example_is_a_strength() -> None:
    # Three people answer a two-statement factor (4,5), (3,4), (4,4): the mean is 4.0.
    # Five are needed to show anything, so two more answer only "don't know" on it.
    responses = [Response(_answers(a, b)) for a, b in [(4, 5), (3, 4), (4, 4)]]
    responses += [Response(_answers(None, None))] * 2
    scores = score_wave(INSTRUMENT, responses, minimum=3)
    cell = scores.overall.factors["respect"]
    assert (cell.n, cell.mean, cell.band) == (3, Fraction(4), Band.STRENGTH)
    # Membership: the mean of its factors' means, respect 4 and mix 3; five answered under it.
    membership = scores.overall.headings["membership"]
    assert (membership.n, membership.mean) == (5, Fraction(7, 2))


# The Resources heading of the default statements: two factors of one statement each.
RESOURCES = Instrument(
    items={"capacity_1": "capacity", "convening_1": "convening"},
    factors={"capacity": "resources", "convening": "resources"},
)


def _resources_attack() -> tuple[Scores, int]:
    """Six answer; the sixth says "don't know" to capacity. Returns the scores and the sixth
    person's answer to convening."""
    answers = [(2, 4), (3, 4), (1, 5), (2, 3), (4, 4)]
    responses = [Response({"capacity_1": c, "convening_1": v}) for c, v in answers]
    responses.append(Response({"capacity_1": None, "convening_1": 5}))
    return score_wave(RESOURCES, responses).overall, 5


def test_the_reviewers_attack_no_longer_gives_the_answer_away() -> None:
    # With a heading as the mean over each person's answers under it, the figures to two places
    # gave the sixth person's answer: 12 x heading - 6 x convening - 5 x capacity, nearly exactly.
    scores, their_answer = _resources_attack()
    heading = scores.headings["resources"]
    convening, capacity = scores.factors["convening"], scores.factors["capacity"]
    assert (heading.n, convening.n, capacity.n) == (6, 6, 5)
    assert heading.mean is not None
    assert convening.mean is not None
    assert capacity.mean is not None
    derived = 12 * stored(heading.mean) - 6 * stored(convening.mean) - 5 * stored(capacity.mean)
    old_heading = (Fraction(2 + 4, 2) + Fraction(3 + 4, 2) + Fraction(1 + 5, 2)) / 6 + (
        Fraction(2 + 3, 2) + Fraction(4 + 4, 2) + 5
    ) / 6
    old_derived = 12 * stored(old_heading) - 6 * stored(convening.mean) - 5 * stored(capacity.mean)
    assert round(old_derived) == their_answer  # the attack, on the figure as it used to be
    # Now the heading is the mean of the factors' means and says nothing they do not.
    assert heading.mean == (convening.mean + capacity.mean) / 2
    assert round(derived) != their_answer
    assert abs(derived - stored(capacity.mean)) < Fraction(1, 5)  # only capacity's mean again


def test_a_heading_is_withheld_when_one_of_its_factors_is() -> None:
    responses = [Response({"capacity_1": 3, "convening_1": 4})] * 4
    responses += [Response({"capacity_1": None, "convening_1": 4})] * 2
    scores = score_wave(RESOURCES, responses).overall
    assert scores.factors["capacity"] == Cell(4, None, Withheld.FEW)
    assert scores.factors["convening"].mean == 4
    assert scores.headings["resources"] == Cell(6, None, Withheld.FACTOR)


def test_fewer_than_five_people_withhold_the_whole_wave() -> None:
    scores = score_wave(INSTRUMENT, [Response(_answers(5, 5), "A")] * 4)
    assert scores.withheld is Withheld.FEW
    assert all(cell.mean is None for cell in scores.overall.factors.values())
    assert scores.groups["A"].withheld is Withheld.FEW
    assert score_wave(INSTRUMENT, [Response(_answers(5, 5))] * 5).withheld is None


def test_four_of_a_partner_are_withheld_and_five_are_shown() -> None:
    responses = [Response(_answers(4, 4), "A")] * 5 + [Response(_answers(2, 2), "B")] * 4
    responses += [Response(_answers(3, 3))] * 5  # people of no partner
    scores = score_wave(INSTRUMENT, responses)
    assert scores.groups["A"].scores.factors["respect"].mean == 4
    assert scores.groups["A"].withheld is None
    b = scores.groups["B"]
    assert b.withheld is Withheld.FEW
    assert b.scores.factors["respect"].mean is None
    assert b.scores.factors["respect"].n == 4


def test_dont_know_can_take_a_factor_below_five_in_a_group() -> None:
    responses = [Response(_answers(4, 4), "A")] * 4 + [Response(_answers(None, None), "A")]
    responses += [Response(_answers(3, 3))] * 5
    scores = score_wave(INSTRUMENT, responses)
    respect = scores.groups["A"].scores.factors["respect"]
    assert (respect.n, respect.mean, respect.withheld) == (4, None, Withheld.FEW)
    assert scores.groups["A"].scores.factors["mix"].mean == 3


def test_answers_off_the_scale_are_refused() -> None:
    with pytest.raises(AnswerError, match="1 to 5"):
        score_wave(INSTRUMENT, [Response(_answers(6, 4))])
    with pytest.raises(AnswerError, match="no statement"):
        score_wave(INSTRUMENT, [Response({"q9": 3})])


answer = st.one_of(st.none(), st.integers(1, 5))
responses = st.lists(
    st.builds(
        Response,
        st.fixed_dictionaries(dict.fromkeys(INSTRUMENT.items, answer)),
        st.sampled_from(["A", "B", "C", None]),
    ),
    max_size=40,
)


@given(responses)
def test_every_mean_shown_is_on_the_scale_and_rests_on_five_people(
    answered: list[Response],
) -> None:
    scores = score_wave(INSTRUMENT, answered)
    cells = [*scores.overall.factors.values(), *scores.overall.headings.values()]
    for group in scores.groups.values():
        cells += [*group.scores.factors.values(), *group.scores.headings.values()]
    for cell in cells:
        if cell.mean is not None:
            assert 1 <= cell.mean <= 5
            assert cell.n >= 5
            assert cell.withheld is None
        else:
            assert cell.withheld is not None


def _assert_headings_are_their_factors(scores: Scores) -> None:
    for heading, cell in scores.headings.items():
        factors = [f for key, f in scores.factors.items() if INSTRUMENT.factors[key] == heading]
        if all(f.mean is not None for f in factors):
            means = [f.mean for f in factors if f.mean is not None]
            assert cell.mean == sum(means, Fraction(0)) / len(factors)
        else:
            assert cell.mean is None
            assert cell.withheld is not None


@given(responses)
def test_a_heading_shows_nothing_its_factors_do_not(answered: list[Response]) -> None:
    # Whatever anyone answers, a heading shown is exactly the mean of its factors shown in the
    # same table (everyone, or one group), so no sum of figures can single out a person.
    scores = score_wave(INSTRUMENT, answered)
    _assert_headings_are_their_factors(scores.overall)
    for group in scores.groups.values():
        _assert_headings_are_their_factors(group.scores)
