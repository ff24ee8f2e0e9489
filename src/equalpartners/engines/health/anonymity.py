"""Which groups' figures may be shown without letting anyone work out a few people's answers.

A group's figure is shown only when at least five people are behind it. Withholding the small
groups is not enough on its own: the whole wave's figure is shown too, so subtracting the groups
that are shown would give the answers of everyone left over. When what is left over is one to
four people, the smallest shown group is withheld as well, and so on, until what is left over is
nobody or at least five people.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

MIN_ANSWERS = 5


class Withheld(StrEnum):
    """Why a figure is not shown, in the words the pages use."""

    FEW = "withheld: fewer than five answers"
    PROTECTS = "withheld: showing it would let a smaller group's answers be worked out"
    FACTOR = "withheld: one of its factors is withheld"


def withheld_groups(
    counts: Mapping[str, int], total: int, *, minimum: int = MIN_ANSWERS
) -> dict[str, Withheld]:
    """The groups whose figure must be withheld, and why.

    ``counts`` is how many people of each group are behind the figure; ``total`` is how many are
    behind the whole figure, which also counts people in no group. When ``total`` is below
    ``minimum`` every group is withheld (nothing at all is shown).
    """
    if any(n < 0 for n in counts.values()) or total < sum(counts.values()):
        raise ValueError("group counts must be whole numbers that add up to no more than total")
    if total < minimum:
        return dict.fromkeys(counts, Withheld.FEW)
    withheld = {group: Withheld.FEW for group, n in counts.items() if n < minimum}
    shown = {group: n for group, n in counts.items() if group not in withheld}
    left_over = total - sum(shown.values())
    while 0 < left_over < minimum and shown:
        smallest = min(shown, key=lambda group: (shown[group], group))
        withheld[smallest] = Withheld.PROTECTS
        left_over += shown.pop(smallest)
    return withheld
