"""A wave scored by hand: factor and heading means, "don't know", groups and the threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.engines.health import (
    AnswerError,
    Band,
    Instrument,
    Response,
    Withheld,
    score_wave,
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
    # Membership: each person's mean over respect and mix statements together.
    expected = (Fraction(12, 3) + Fraction(10, 3) + Fraction(11, 3) + 3 + 3) / 5
    assert scores.overall.headings["membership"].mean == expected


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
