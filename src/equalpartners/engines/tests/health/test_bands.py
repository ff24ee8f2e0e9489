"""Bands at their boundaries, decided on the exact mean, and figures rounded so they never look
as if they belong to a higher band."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.engines.health import (
    Band,
    band_of,
    rounded_down,
    rounded_half_up,
    shown,
    stored,
)


@pytest.mark.parametrize(
    ("mean", "band"),
    [
        (Fraction(4), Band.STRENGTH),
        (Fraction(5), Band.STRENGTH),
        (Fraction(395, 100), Band.DISCUSS),
        (Fraction(3999, 1000), Band.DISCUSS),
        (Fraction(3), Band.DISCUSS),
        (Fraction(299, 100), Band.CONCERN),
        (Fraction(1), Band.CONCERN),
    ],
)
def test_bands_at_their_boundaries(mean: Fraction, band: Band) -> None:
    assert band_of(mean) is band


def test_a_mean_just_below_a_boundary_is_shown_below_it() -> None:
    assert shown(Fraction(395, 100)) == "3.9"
    assert shown(Fraction(3999, 1000)) == "3.9"
    assert shown(Fraction(4)) == "4.0"
    assert shown(Fraction(299, 100)) == "2.9"
    assert stored(Fraction(3999, 1000)) == Decimal("3.99")
    assert stored(Fraction(19, 6)) == Decimal("3.16")


def test_half_up_rounding_for_relationship_scores() -> None:
    assert rounded_half_up(Fraction(19, 6), 2) == Decimal("3.17")
    assert rounded_half_up(Fraction(5, 2), 0) == Decimal("3")
    assert rounded_half_up(Fraction(-5, 2), 0) == Decimal("-3")


means = st.fractions(min_value=1, max_value=5, max_denominator=10_000)


@given(means, means)
def test_bands_never_go_down_as_the_mean_goes_up(a: Fraction, b: Fraction) -> None:
    order = [Band.CONCERN, Band.DISCUSS, Band.STRENGTH]
    low, high = sorted((a, b))
    assert order.index(band_of(low)) <= order.index(band_of(high))


@given(means)
def test_a_shown_figure_is_in_the_band_written_beside_it(mean: Fraction) -> None:
    one_place = Fraction(shown(mean))
    two_places = Fraction(stored(mean))
    assert one_place <= two_places <= mean < one_place + Fraction(1, 10)
    assert band_of(one_place) is band_of(mean)
    assert band_of(two_places) is band_of(mean)


@given(st.fractions(min_value=-100, max_value=100), st.integers(0, 4))
def test_rounding_stays_within_half_a_place_or_one_place(value: Fraction, places: int) -> None:
    step = Fraction(1, 10**places)
    assert abs(Fraction(rounded_half_up(value, places)) - value) <= step / 2
    assert 0 <= value - Fraction(rounded_down(value, places)) < step
