"""The threshold of five, and the groups withheld so that the others cannot be subtracted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.engines.health import Withheld, withheld_groups


def test_a_group_of_four_is_withheld_and_a_group_of_five_is_shown() -> None:
    assert withheld_groups({"A": 5, "B": 4, "C": 6}, 20) == {"B": Withheld.FEW}


def test_below_five_in_all_nothing_is_shown() -> None:
    assert withheld_groups({"A": 4}, 4) == {"A": Withheld.FEW}
    assert withheld_groups({"A": 2, "B": 2}, 4) == {"A": Withheld.FEW, "B": Withheld.FEW}


def test_one_small_group_left_over_takes_the_smallest_shown_group_with_it() -> None:
    # 5 + 6 shown out of 14 would leave C's 3 people to be worked out by subtraction.
    assert withheld_groups({"A": 6, "B": 5, "C": 3}, 14) == {
        "C": Withheld.FEW,
        "B": Withheld.PROTECTS,
    }


def test_people_in_no_group_count_in_what_is_left_over() -> None:
    # C's 3 and 2 people of no partner make 5 left over: nobody else needs withholding.
    assert withheld_groups({"A": 6, "B": 5, "C": 3}, 16) == {"C": Withheld.FEW}
    # One person of no partner alone would be exposed by subtraction.
    assert withheld_groups({"A": 6, "B": 5}, 12) == {"B": Withheld.PROTECTS}


def test_counts_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(ValueError, match="add up"):
        withheld_groups({"A": 6, "B": 5}, 10)


@given(
    st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 12), max_size=7),
    st.integers(0, 12),
)
def test_nothing_shown_rests_on_fewer_than_five_people(counts: dict[str, int], extra: int) -> None:
    total = sum(counts.values()) + extra
    withheld = withheld_groups(counts, total)
    shown = {group: n for group, n in counts.items() if group not in withheld}
    assert all(n >= 5 for n in shown.values())
    if total >= 5:
        left_over = total - sum(shown.values())
        assert left_over == 0 or left_over >= 5
    else:
        assert not shown
    # Only what must be withheld is: a group of five or more is withheld only to protect others.
    assert all(
        reason is Withheld.PROTECTS for group, reason in withheld.items() if counts[group] >= 5
    )
