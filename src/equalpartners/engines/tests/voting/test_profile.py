"""The two ways of building a ranking profile agree, and bad rankings are named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equalpartners.engines.voting import BallotError
from equalpartners.engines.voting.bitsets import count_per_lane, lanes_counting
from equalpartners.engines.voting.profile import (
    _profile_from_flat,
    _profile_from_nested,
    first_choices,
    profile_from_rankings,
)

from .strategies import Profile, profiles


@settings(max_examples=60, deadline=None)
@given(profiles(max_size=6), st.data())
def test_flat_and_nested_builders_agree(profile: Profile, data: st.DataObject) -> None:
    options = profile.options
    flat = [
        [options[tier[0]] for tier in r][: 1 + i % profile.size]
        for i, r in enumerate(profile.rankings)
    ]
    fast = _profile_from_flat(options, flat, list(profile.counts), 1)
    assert fast is not None
    general = _profile_from_nested(
        options, [tuple((o,) for o in r) for r in flat], list(profile.counts), 1
    )
    assert fast.support == general.support
    continuing = data.draw(st.lists(st.sampled_from(range(profile.size)), min_size=1, unique=True))
    assert first_choices(fast, sorted(continuing)) == first_choices(general, sorted(continuing))


@given(st.lists(st.integers(0, 2**12 - 1), min_size=1, max_size=8))
def test_bit_sliced_counts_count_each_lane(sets: list[int]) -> None:
    planes = count_per_lane(sets)
    everyone = (1 << 12) - 1
    for lane in range(12):
        expected = sum(lanes >> lane & 1 for lanes in sets)
        assert lanes_counting(planes, expected, everyone) >> lane & 1


@pytest.mark.parametrize(
    ("rankings", "problem"),
    [
        ([["A", "B"], ["A", "Z"]], "ballot 1: option 'Z' is not one of the options"),
        ([["A", "B"], ["B", "B"]], "ballot 1: option 'B' appears twice in the ranking"),
        ([["A", ["B", "A"]]], "ballot 0: option 'A' appears twice in the ranking"),
        ([["A"], "AB"], "ballot 1: a ranking must be a list of options, best first"),
        ([["A"], ["B", []]], "ballot 1: a ranking holds options or non-empty lists of tied"),
        (
            [["A"], [3]],
            "ballot 1: a ranking holds options or non-empty lists of tied options, not 3",
        ),
        ([["A", "B", "C", "A"]], "ballot 0: option 'A' appears twice"),
    ],
)
def test_bad_rankings_are_named_by_index(rankings: list[object], problem: str) -> None:
    with pytest.raises(BallotError) as caught:
        profile_from_rankings(("A", "B", "C"), rankings)  # type: ignore[arg-type]
    assert str(caught.value).startswith(problem)


def test_bad_weights_are_named() -> None:
    with pytest.raises(BallotError, match="ballot 1: the weight must be a whole number"):
        profile_from_rankings(("A", "B"), [["A"], ["B"]], [1, -2])
