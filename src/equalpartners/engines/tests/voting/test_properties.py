"""Properties every count must have, on random profiles."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from equalpartners.engines.voting import Ballot, Election, Ranking, tally, tally_rankings
from equalpartners.engines.voting.condorcet import condorcet_winner, margins_of
from equalpartners.engines.voting.profile import profile_from_tiers

from .strategies import Profile, exact, graded_elections, profiles

RANKING_METHODS = ("plurality", "borda", "irv", "schulze", "ranked_pairs", "copeland", "minimax")
CONDORCET_METHODS = ("schulze", "ranked_pairs", "copeland", "minimax")
FAST = settings(max_examples=40, deadline=None)


def rankings_of(election: Election) -> list[Ranking]:
    return [b.content for b in election.ballots if isinstance(b.content, Ranking)]


@FAST
@given(profiles(weak=True, max_size=6))
def test_a_condorcet_winner_wins_every_condorcet_method(profile: Profile) -> None:
    election = profile.election()
    counts = [b.count for b in election.ballots]
    support = profile_from_tiers(election.options, rankings_of(election), counts).support
    winner = condorcet_winner(margins_of(support))
    for method in CONDORCET_METHODS:
        result = tally(election, method)
        if winner is not None:
            assert result.winners == (election.options[winner],), method


def above(ranking: Ranking, first: str, second: str) -> bool:
    """Whether `ranking` puts `first` strictly above `second` (unranked is below ranked)."""
    for tier in ranking.tiers:
        if first in tier:
            return second not in tier
        if second in tier:
            return False
    return False


@FAST
@given(profiles(weak=True))
def test_pareto_no_option_everyone_ranks_below_another_wins(profile: Profile) -> None:
    election = profile.election()
    rankings = rankings_of(election)
    dominated = {
        b
        for a in election.options
        for b in election.options
        if a != b and all(above(r, a, b) for r in rankings)
    }
    for method in RANKING_METHODS:
        for weighting in ("person", "partner"):
            winners = set(tally(election, method, weighting).winners)
            assert not winners & dominated, (method, weighting)


@FAST
@given(profiles(weak=True), st.randoms(use_true_random=False))
def test_anonymity_ballot_order_changes_nothing(profile: Profile, rng: random.Random) -> None:
    election = profile.election()
    ballots = list(election.ballots)
    rng.shuffle(ballots)
    shuffled = replace(election, ballots=tuple(ballots))
    for method in RANKING_METHODS:
        for weighting in ("person", "partner"):
            assert tally(shuffled, method, weighting) == tally(election, method, weighting)


@FAST
@given(profiles(weak=True), st.randoms(use_true_random=False))
def test_neutrality_listing_options_in_another_order(profile: Profile, rng: random.Random) -> None:
    election = profile.election()
    options = list(election.options)
    rng.shuffle(options)
    reordered = replace(election, options=tuple(options))
    for method in RANKING_METHODS:
        first, second = tally(election, method), tally(reordered, method)
        assert set(first.winners) == set(second.winners), method
        assert first.scores == second.scores
        if first.pairwise is not None and second.pairwise is not None:
            assert first.pairwise.margins == second.pairwise.margins


def duplicate_partner(election: Election, partner: str, times: int) -> Election:
    extra = tuple(b for b in election.ballots if b.partner == partner for _ in range(times))
    return replace(election, ballots=election.ballots + extra)


@FAST
@given(profiles(weak=True), st.integers(1, 3))
def test_partner_weighting_ignores_how_many_people_a_partner_brings(
    profile: Profile, times: int
) -> None:
    election = profile.election()
    partner = election.ballots[0].partner
    assert partner is not None
    bigger = duplicate_partner(election, partner, times)
    for method in RANKING_METHODS:
        assert tally(bigger, method, "partner") == tally(election, method, "partner"), method


@FAST
@given(graded_elections(low=0, high=2, complete=False), st.integers(1, 3))
def test_partner_weighting_duplication_for_grades(election: Election, times: int) -> None:
    partner = election.ballots[0].partner
    assert partner is not None
    bigger = duplicate_partner(election, partner, times)
    for method in ("score", "majority_judgment", "time_poll"):
        assert tally(bigger, method, "partner") == tally(election, method, "partner"), method
    doubled = replace(
        election, ballots=tuple(replace(b, count=b.count * 2) for b in election.ballots)
    )
    assert tally(doubled, "majority_judgment", "partner") == tally(
        election, "majority_judgment", "partner"
    )


@FAST
@given(profiles(weak=True))
def test_plain_lists_and_checked_ballots_give_the_same_result(profile: Profile) -> None:
    election = profile.election()
    nested = [
        [list(tier) if len(tier) > 1 else tier[0] for tier in r.tiers]
        for r in rankings_of(election)
    ]
    counts = [b.count for b in election.ballots]
    for method in RANKING_METHODS:
        assert tally_rankings(election.options, nested, method, counts) == tally(election, method)


@FAST
@given(profiles(max_size=6))
def test_flat_fast_path_matches_the_general_path(profile: Profile) -> None:
    election = profile.election()
    flat = [[tier[0] for tier in r.tiers] for r in rankings_of(election)]
    # Cut some rankings short: truncated flat lists take the fast path too.
    flat = [r[: max(1, len(r) - i % 3)] for i, r in enumerate(flat)]
    nested = [[[option] for option in r] for r in flat]
    counts = [b.count for b in election.ballots]
    for method in RANKING_METHODS:
        fast = tally_rankings(election.options, flat, method, counts)
        general = tally_rankings(election.options, nested, method, counts)
        assert fast == general, method


def test_partner_weighting_makes_each_partner_weigh_one() -> None:
    election = Election(
        options=("A", "B"),
        ballots=(
            Ballot(Ranking((("A",), ("B",))), 9, "Big"),
            Ballot(Ranking((("B",), ("A",))), 1, "Small"),
            Ballot(Ranking((("B",), ("A",))), 1, "Other"),
        ),
    )
    assert tally(election, "plurality").winners == ("A",)
    result = tally(election, "plurality", "partner")
    assert result.winners == ("B",)
    assert result.scores == exact({"A": 1, "B": 2})
