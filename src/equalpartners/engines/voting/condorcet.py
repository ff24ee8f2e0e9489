"""Head-to-head methods: Copeland, Minimax and Schulze, and the sentence every one of them shares.

Ours so that all head-to-head methods read one exact support matrix built in `profile`, name the
option that beats every other when there is one ("Nashville beats each other option head to head:
68 to 32 against Chattanooga, ..."), and keep every tie visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .methods import Method
from .profile import RankingProfile
from .result import Pairwise, Result, exact_scores, tiers_by, top_tier
from .wording import amount, join

Matrix = Sequence[Sequence[int]]


def margins_of(support: Matrix) -> list[list[int]]:
    """margins[a][b] = support[a][b] - support[b][a]."""
    size = len(support)
    return [[support[a][b] - support[b][a] for b in range(size)] for a in range(size)]


def pairwise_of(profile: RankingProfile, paths: Matrix | None = None) -> Pairwise:
    """The exact support matrix (and Schulze's strongest paths) keyed by option name."""
    options = profile.options

    def named(matrix: Matrix) -> dict[str, dict[str, Fraction]]:
        return {
            options[a]: {
                options[b]: Fraction(matrix[a][b], profile.unit)
                for b in range(len(options))
                if b != a
            }
            for a in range(len(options))
        }

    return Pairwise(named(profile.support), None if paths is None else named(paths))


def condorcet_winner(margins: Matrix) -> int | None:
    """The option that beats every other head to head, if there is one."""
    for a, row in enumerate(margins):
        if all(margin > 0 for b, margin in enumerate(row) if b != a):
            return a
    return None


def beats_everyone_sentence(profile: RankingProfile, winner: int) -> str:
    """'Nashville beats each other option head to head: 68 to 32 against Chattanooga, ...'"""
    options, support = profile.options, profile.support
    rivals = sorted(
        (b for b in range(len(options)) if b != winner),
        key=lambda b: (support[b][winner] - support[winner][b], b),
    )
    contests = join(
        f"{amount(Fraction(support[winner][b], profile.unit))} to"
        f" {amount(Fraction(support[b][winner], profile.unit))} against {options[b]}"
        for b in rivals
    )
    if not rivals:
        return f"{options[winner]} is the only option."
    return f"{options[winner]} beats each other option head to head: {contests}."


def _no_winner_sentence(margins: Matrix) -> str:
    return (
        ""
        if condorcet_winner(margins) is not None
        else "No option beats every other head to head. "
    )


def copeland(profile: RankingProfile) -> Result:
    """Most head-to-head wins (a win scores 1, a tie 1/2)."""
    options = profile.options
    margins = margins_of(profile.support)
    doubled = [
        sum(2 if m > 0 else 1 if m == 0 else 0 for b, m in enumerate(row) if b != a)
        for a, row in enumerate(margins)
    ]
    scores = exact_scores(options, doubled, 2)
    ranking = tiers_by(options, scores.__getitem__)
    winners = top_tier(ranking)
    others = join(f"{amount(scores[o])} for {o}" for tier in ranking[1:] for o in tier)
    text = _lead(profile, margins) or (
        f"{_no_winner_sentence(margins)}{_who(winners)} the most head-to-head contests, scoring"
        f" {amount(scores[winners[0]])} (1 for each win, 1/2 for each tie)"
        + (f", against {others}." if others else ".")
    )
    return Result(
        Method.COPELAND,
        options,
        winners,
        text,
        ranking=ranking,
        scores=scores,
        pairwise=pairwise_of(profile),
    )


def minimax(profile: RankingProfile) -> Result:
    """Smallest worst defeat: the largest margin by which any option beats it (0 if none does)."""
    options = profile.options
    margins = margins_of(profile.support)
    worst = [
        max([0, *(margins[b][a] for b in range(len(options)) if b != a)])
        for a in range(len(options))
    ]
    scores = exact_scores(options, worst, profile.unit)
    ranking = tiers_by(options, scores.__getitem__, descending=False)
    winners = top_tier(ranking)
    defeats = join(
        f"{o} {'is never beaten' if not scores[o] else 'loses by ' + amount(scores[o])}"
        for tier in ranking
        for o in tier
    )
    text = _lead(profile, margins) or (
        f"{_no_winner_sentence(margins)}Minimax picks the option whose worst head-to-head defeat"
        f" is smallest: {defeats}."
    )
    return Result(
        Method.MINIMAX,
        options,
        winners,
        text,
        ranking=ranking,
        scores=scores,
        pairwise=pairwise_of(profile),
    )


def strongest_paths(margins: Matrix) -> list[list[int]]:
    """Widest paths: the strength of a chain of wins is its narrowest margin (Floyd-Warshall)."""
    size = len(margins)
    paths = [[max(margins[a][b], 0) if a != b else 0 for b in range(size)] for a in range(size)]
    for via in range(size):
        through = paths[via]
        for a in range(size):
            to_via = paths[a][via]
            if a == via or not to_via:
                continue
            row = paths[a]
            for b in range(size):
                if b != a and b != via:
                    strength = min(to_via, through[b])
                    if strength > row[b]:
                        row[b] = strength
    return paths


def schulze_tiers(paths: Matrix, candidates: Sequence[int]) -> list[list[int]]:
    """Schulze's order: a is above b when a's strongest path to b beats b's to a.

    The relation is transitive, so taking the unbeaten options again and again gives the tiers.
    """
    left = list(candidates)
    tiers = []
    while left:
        top = [a for a in left if all(paths[a][b] >= paths[b][a] for b in left)]
        tiers.append(top)
        left = [a for a in left if a not in top]
    return tiers


def schulze(profile: RankingProfile) -> Result:
    """Schulze (beat path) on margins."""
    options = profile.options
    margins = margins_of(profile.support)
    paths = strongest_paths(margins)
    tiers = schulze_tiers(paths, range(len(options)))
    ranking = tuple(tuple(options[i] for i in tier) for tier in tiers)
    winners = ranking[0]
    text = _lead(profile, margins) or _explain_schulze(profile, margins, paths, tiers[0])
    return Result(
        Method.SCHULZE,
        options,
        winners,
        text,
        ranking=ranking,
        pairwise=pairwise_of(profile, paths),
    )


def _explain_schulze(
    profile: RankingProfile, margins: Matrix, paths: Matrix, winners: list[int]
) -> str:
    options = profile.options
    unit = profile.unit

    def strength(value: int) -> str:
        return amount(Fraction(value, unit))

    parts = []
    for a in winners:
        against = join(
            f"against {options[b]} {strength(paths[a][b])} to {strength(paths[b][a])}"
            for b in range(len(options))
            if b != a
        )
        parts.append(
            f"{options[a]}'s strongest chains of wins are at least as strong as any"
            f" rival's chains back: {against}."
        )
    return (
        f"{_no_winner_sentence(margins)}Schulze compares chains of head-to-head wins; a chain is"
        " as strong as its narrowest margin. " + " ".join(parts)
    )


def _lead(profile: RankingProfile, margins: Matrix) -> str:
    winner = condorcet_winner(margins)
    return "" if winner is None else beats_everyone_sentence(profile, winner)


def _who(winners: Sequence[str]) -> str:
    return f"{winners[0]} wins" if len(winners) == 1 else f"{join(winners)} tie, each winning"
