"""Bands and rounding for health-check means on the 1-to-5 scale.

A factor's mean is a strength from 4.0, worth discussing from 3.0, and a concern below 3.0. The
band is decided on the exact mean, never on a rounded one: 3.95 is worth discussing. For the same
reason a mean is shown rounded *down* (3.95 shows as 3.9, not 4.0), so a figure never looks as if
it belongs to a higher band than the one written beside it.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

SCALE = range(1, 6)  # strongly disagree (1) to strongly agree (5)
STRENGTH_FROM = Fraction(4)
DISCUSS_FROM = Fraction(3)


class Band(StrEnum):
    STRENGTH = "strength"
    DISCUSS = "worth discussing"
    CONCERN = "concern"


def band_of(mean: Fraction) -> Band:
    """The band of an exact mean: 4 and above, 3 up to (not including) 4, below 3."""
    if mean >= STRENGTH_FROM:
        return Band.STRENGTH
    if mean >= DISCUSS_FROM:
        return Band.DISCUSS
    return Band.CONCERN


def rounded_down(value: Fraction, places: int) -> Decimal:
    """``value`` cut to ``places`` decimal places, towards minus infinity: 3.999 -> 3.99."""
    scale = 10**places
    whole = (value.numerator * scale) // value.denominator
    return Decimal(whole).scaleb(-places)


def rounded_half_up(value: Fraction, places: int) -> Decimal:
    """``value`` to ``places`` decimal places, halves away from zero: 19/6 -> 3.17."""
    scale = 10**places
    magnitude = abs(value) * scale + Fraction(1, 2)
    whole = magnitude.numerator // magnitude.denominator
    return Decimal(-whole if value < 0 else whole).scaleb(-places)


def shown(mean: Fraction) -> str:
    """A health-check mean as pages show it: one decimal place, rounded down ("3.9")."""
    return f"{rounded_down(mean, 1):.1f}"


def stored(mean: Fraction) -> Decimal:
    """A health-check mean as exports and reports keep it: two places, rounded down (3.99)."""
    return rounded_down(mean, 2)
