"""How much each ballot weighs: each person once, or each partner once in total.

Written here because partner weighting is the point of the product: a partner that brings ten
people and a partner that brings two must count the same. Weights stay whole numbers over a shared
unit (a ballot weighs `values[i] / unit`), so every later sum is exact and ties are real ties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from math import lcm

from .ballots import Ballot, BallotError


class Weighting(StrEnum):
    """Whose voice counts once."""

    PERSON = "person"
    PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class Weights:
    """Whole-number ballot weights over a common unit: ballot i weighs values[i] / unit."""

    values: tuple[int, ...]
    unit: int

    def exact(self, amount: int) -> Fraction:
        """An amount counted in weight values, as an exact number of voices."""
        return Fraction(amount, self.unit)


def ballot_weights(ballots: Sequence[Ballot], weighting: Weighting) -> Weights:
    """The weight of each ballot under `weighting`."""
    if weighting is Weighting.PERSON:
        return Weights(tuple(ballot.count for ballot in ballots), 1)
    people: defaultdict[str, int] = defaultdict(int)
    for index, ballot in enumerate(ballots):
        if ballot.partner is None:
            raise BallotError("partner weighting needs every ballot to name its partner", index)
        people[ballot.partner] += ballot.count
    unit = lcm(*(total for total in people.values() if total))
    values = tuple(
        ballot.count * unit // people[ballot.partner] if ballot.count else 0
        for ballot in ballots
        if ballot.partner is not None
    )
    return Weights(values, unit)
