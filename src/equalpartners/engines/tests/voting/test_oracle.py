"""The engine against pref_voting on random profiles, for every method whose meaning is the same.

Where the meanings differ we compare against the matching pref_voting variant, or state the
relation that must hold:
- IRV: pref_voting's default `instant_runoff` drops every option tied for last at once; ours
  follows every elimination order, which is its `instant_runoff_put`. With ties and truncated
  ballots we match its "split" scoring.
- Ranked pairs: its default enumerates every order of equal margins (exponential); we compare with
  its stack-based algorithm, which has the same meaning, on at most five options.
- Majority judgment: it stops after the first tie-break step (the majority gauge); ours runs the
  full procedure, so our winners are always among its winners, and equal to them when it finds one.
- Minimax: both use the worst defeat by margin, 0 when undefeated (it reports the negative).
- Copeland: it scores wins minus losses; ours is win 1, tie 1/2, an affine image of the same.
- Borda with ties and truncation: it uses symmetric Borda (below minus above), an affine image of
  ours per ballot, so the winners agree.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings

from equalpartners.engines.voting import Election, Grades, Result, tally

from . import pref
from .strategies import Profile, graded_elections, profiles

FAST = settings(max_examples=60, deadline=None)


def strict_profile(profile: Profile) -> Any:
    return pref.Profile(
        [[tier[0] for tier in ranking] for ranking in profile.rankings],
        rcounts=list(profile.counts),
    )


def weak_profile(profile: Profile) -> Any:
    rankings = [
        {option: rank for rank, tier in enumerate(ranking, 1) for option in tier}
        for ranking in profile.rankings
    ]
    weak = pref.ProfileWithTies(
        rankings, rcounts=list(profile.counts), candidates=list(range(profile.size))
    )
    weak.use_extended_strict_preference()
    return weak


def indices(result: Result) -> list[int]:
    return sorted(result.options.index(option) for option in result.winners)


def by_index(profile: Profile, scores: object) -> dict[int, Fraction]:
    assert isinstance(scores, dict)
    return {profile.options.index(name): value for name, value in scores.items()}


@FAST
@given(profiles())
def test_plurality_and_borda_scores_match(profile: Profile) -> None:
    theirs = strict_profile(profile)
    plurality = tally(profile.election(), "plurality")
    borda = tally(profile.election(), "borda")
    assert by_index(profile, plurality.scores) == theirs.plurality_scores()
    assert by_index(profile, borda.scores) == theirs.borda_scores()
    assert indices(plurality) == pref.plurality(theirs)
    assert indices(borda) == pref.borda(theirs)


@settings(max_examples=150, deadline=None)
@given(profiles(max_size=6, max_ballots=6))
def test_irv_matches_parallel_universe_irv(profile: Profile) -> None:
    assert indices(tally(profile.election(), "irv")) == pref.instant_runoff_put(
        strict_profile(profile)
    )


@settings(max_examples=120, deadline=None)
@given(profiles(weak=True, max_size=6, max_ballots=8))
def test_irv_with_ties_and_truncation_matches_split_scoring(profile: Profile) -> None:
    theirs = pref.instant_runoff_put(weak_profile(profile), score_method="split")
    assert indices(tally(profile.election(), "irv")) == theirs


@FAST
@given(profiles(weak=True))
def test_plurality_with_ties_splits_like_split_tops(profile: Profile) -> None:
    theirs = weak_profile(profile).tops_scores(score_type="split")
    ours = by_index(profile, tally(profile.election(), "plurality").scores)
    assert ours == {option: pytest.approx(value) for option, value in theirs.items()}


@FAST
@given(profiles(weak=True))
def test_head_to_head_methods_match(profile: Profile) -> None:
    for weak in (False, True):
        if not weak and any(len(tier) > 1 for r in profile.rankings for tier in r):
            continue
        theirs = weak_profile(profile)
        election = profile.election()
        assert indices(tally(election, "schulze")) == pref.beat_path(theirs)
        assert indices(tally(election, "minimax")) == pref.minimax(theirs)
        assert indices(tally(election, "copeland")) == pref.copeland(theirs)
        assert indices(tally(election, "borda")) == pref.borda_for_profile_with_ties(theirs)
        worst = by_index(profile, tally(election, "minimax").scores)
        assert {option: -value for option, value in worst.items()} == pref.minimax_scores(theirs)


@FAST
@given(profiles(weak=True, max_size=5))
def test_ranked_pairs_matches_stacks(profile: Profile) -> None:
    theirs = pref.ranked_pairs(weak_profile(profile), algorithm="from_stacks")
    assert indices(tally(profile.election(), "ranked_pairs")) == theirs


@FAST
@given(profiles())
def test_copeland_scores_are_an_affine_image_of_wins_minus_losses(profile: Profile) -> None:
    theirs = strict_profile(profile).copeland_scores()
    ours = by_index(profile, tally(profile.election(), "copeland").scores)
    middle = Fraction(profile.size - 1, 2)
    assert ours == {option: middle + Fraction(value) / 2 for option, value in theirs.items()}


def grade_profile(election: Election, grades: list[int]) -> Any:
    options = list(election.options)
    maps = []
    counts = []
    for ballot in election.ballots:
        assert isinstance(ballot.content, Grades)
        maps.append({options.index(o): g for o, g in ballot.content.grades.items()})
        counts.append(ballot.count)
    return pref.GradeProfile(
        maps, grades=grades, gcounts=counts, candidates=list(range(len(options)))
    )


def winner_indices(election: Election, result: Result) -> list[int]:
    return sorted(election.options.index(option) for option in result.winners)


@FAST
@given(graded_elections(low=0, high=1, complete=False))
def test_approval_matches(election: Election) -> None:
    ours = tally(election, "approval")
    assert winner_indices(election, ours) == pref.approval(grade_profile(election, [0, 1]))


@FAST
@given(graded_elections(low=0, high=4))
def test_score_matches(election: Election) -> None:
    ours = tally(election, "score")
    assert winner_indices(election, ours) == pref.score_voting(
        grade_profile(election, [0, 1, 2, 3, 4])
    )


@settings(max_examples=120, deadline=None)
@given(graded_elections(low=0, high=3))
def test_majority_judgment_refines_the_first_tie_break_step(election: Election) -> None:
    unit_ballots = Election(
        election.options,
        tuple(b for b in election.ballots for _ in range(b.count)),
        scale=election.scale,
    )
    unit_ballots = Election(
        election.options,
        tuple(type(b)(b.content, 1, b.partner) for b in unit_ballots.ballots),
        scale=election.scale,
    )
    ours = winner_indices(election, tally(election, "majority_judgment"))
    theirs = pref.majority_judgement(grade_profile(unit_ballots, [0, 1, 2, 3]))
    assert set(ours) <= set(theirs)
    if len(theirs) == 1:
        assert ours == theirs
