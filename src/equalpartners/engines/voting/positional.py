"""Plurality and Borda: methods that add up what each ballot gives each option.

Ours so that ties and truncated ballots follow the file format's one rule everywhere: a ballot that
ranks options level shares between them, and options left out are level below every ranked one.
"""

from __future__ import annotations

from fractions import Fraction

from .methods import Method
from .profile import RankingProfile, first_choices, split_unit
from .result import Result, exact_scores, tiers_by, top_tier
from .wording import amount, leader_sentence


def plurality(profile: RankingProfile) -> Result:
    """Most first preferences wins; a ballot with several options level at the top splits."""
    options = profile.options
    tallies, exhausted = first_choices(profile, range(len(options)))
    unit = profile.unit * split_unit(profile)
    scores = exact_scores(options, tallies, unit)
    ranking = tiers_by(options, scores.__getitem__)
    winners = top_tier(ranking)
    text = leader_sentence(winners, scores, options, "first preferences")
    if profile.widest_tie > 1:
        text += " A ballot that puts several options level at the top gives each an equal share."
    if exhausted:
        weight = amount(Fraction(exhausted, unit))
        text += f" Ballots ranking no option weigh {weight}: they count for none."
    return Result(Method.PLURALITY, options, winners, text, ranking=ranking, scores=scores)


def borda(profile: RankingProfile) -> Result:
    """Highest Borda score wins: 1 per option ranked below, 1/2 per option ranked level."""
    options = profile.options
    support = profile.support
    everyone = profile.total_weight
    doubled = [
        sum(everyone + support[a][b] - support[b][a] for b in range(len(options)) if b != a)
        for a in range(len(options))
    ]
    scores = exact_scores(options, doubled, 2 * profile.unit)
    ranking = tiers_by(options, scores.__getitem__)
    winners = top_tier(ranking)
    text = (
        leader_sentence(winners, scores, options, "Borda points")
        + " On each ballot an option scores 1 for every option ranked below it and 1/2 for every"
        " option ranked level with it; options left unranked are level with each other."
    )
    return Result(Method.BORDA, options, winners, text, ranking=ranking, scores=scores)
