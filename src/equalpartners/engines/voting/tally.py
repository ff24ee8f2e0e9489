"""The engine's front door: check ballots against the method, weigh them, count, break ties.

Ours because this is where the promises meet: a ballot kind the method cannot use is named with its
index, partner weighting applies to every method alike, and a declared tie-break runs last.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .ballots import BallotError, Election, Ranking, kind_of
from .cardinal import approval, dot, score
from .condorcet import copeland, minimax, schulze
from .consent import consent
from .judgment import majority_judgment
from .methods import Method
from .positional import borda, plurality
from .profile import RankingProfile, profile_from_rankings, profile_from_tiers
from .rankedpairs import ranked_pairs
from .result import Result
from .runoff import irv
from .tiebreak import apply_tie_break
from .timepoll import time_poll
from .weighting import Weighting, Weights, ballot_weights

RANKING_METHODS: dict[Method, Callable[[RankingProfile], Result]] = {
    Method.PLURALITY: plurality,
    Method.BORDA: borda,
    Method.IRV: irv,
    Method.SCHULZE: schulze,
    Method.RANKED_PAIRS: ranked_pairs,
    Method.COPELAND: copeland,
    Method.MINIMAX: minimax,
}

OTHER_METHODS: dict[Method, Callable[[Election, Weights], Result]] = {
    Method.APPROVAL: approval,
    Method.SCORE: score,
    Method.DOT: dot,
    Method.MAJORITY_JUDGMENT: majority_judgment,
    Method.CONSENT: consent,
    Method.TIME_POLL: time_poll,
}


def tally(
    election: Election, method: Method | str, weighting: Weighting | str = Weighting.PERSON
) -> Result:
    """Count `election` by `method` under `weighting`, then apply its declared tie-break."""
    method, weighting = Method(method), Weighting(weighting)
    check_ballot_kinds(election, method)

    def recount(part: Election) -> Result:
        return _count(part, method, Weighting.PERSON)

    return apply_tie_break(_count(election, method, weighting), election, recount)


def tally_rankings(
    options: Sequence[str],
    rankings: Sequence[Sequence[object]],
    method: Method | str,
    counts: Sequence[int] | None = None,
) -> Result:
    """Count plain lists of rankings (best first, nested lists for ties), each person once."""
    method = Method(method)
    if method not in RANKING_METHODS:
        raise BallotError(f"{method} does not count rankings")
    return RANKING_METHODS[method](profile_from_rankings(options, rankings, counts))


def check_ballot_kinds(election: Election, method: Method) -> None:
    """Every ballot must be of the kind `method` counts."""
    needed = method.ballot_kind
    for index, ballot in enumerate(election.ballots):
        kind = kind_of(ballot.content)
        if kind != needed:
            raise BallotError(f"{method} counts {needed} ballots, not {kind}", index)


def _count(election: Election, method: Method, weighting: Weighting) -> Result:
    weights = ballot_weights(election.ballots, weighting)
    if method in RANKING_METHODS:
        rankings = [b.content for b in election.ballots if isinstance(b.content, Ranking)]
        profile = profile_from_tiers(election.options, rankings, weights.values, weights.unit)
        return RANKING_METHODS[method](profile)
    return OTHER_METHODS[method](election, weights)
