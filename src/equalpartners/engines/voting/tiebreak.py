"""Tie-breaks declared before voting: a casting partner, then a seeded draw.

Ours because a tie-break must never hide the tie: the result keeps every tied winner and adds the
one option the declared rule chose, with how it chose. The casting partner's own ballots are
counted by the same method over the tied options only; a draw uses the declared seed, so anyone can
repeat it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .ballots import Ballot, BallotContent, Dots, Election, Grades, Quorum, Ranking, TieBreak
from .result import Result
from .wording import join


def apply_tie_break(
    result: Result, election: Election, recount: Callable[[Election], Result]
) -> Result:
    """`result` with the declared tie-break's choice among its tied winners, if it declares one."""
    rule = election.tie_break
    if rule is None or len(result.winners) < 2:
        return result
    tied = result.winners
    notes = [f"Tied winners: {join(tied)}."]
    if rule.casting_partner is not None:
        tied, note = _casting(election, tied, rule.casting_partner, recount)
        notes.append(note)
    if len(tied) > 1 and rule.seed is not None:
        tied, note = _draw(tied, rule)
        notes.append(note)
    chosen = tied[0] if len(tied) == 1 else None
    if chosen is None:
        notes.append("The tie stands.")
    return result.with_tie_break(chosen, " ".join(notes))


def _casting(
    election: Election, tied: tuple[str, ...], partner: str, recount: Callable[[Election], Result]
) -> tuple[tuple[str, ...], str]:
    ballots = tuple(
        Ballot(_only(ballot.content, tied), ballot.count, ballot.partner)
        for ballot in election.ballots
        if ballot.partner == partner
    )
    if not ballots:
        return tied, f"The casting partner, {partner}, cast no ballot."
    own = Election(
        options=tied,
        ballots=ballots,
        scale=election.scale,
        dot_budget=election.dot_budget,
        quorum=Quorum(),
        threshold=election.threshold,
    )
    preferred = recount(own).winners
    if len(preferred) == 1:
        return preferred, f"The casting partner, {partner}, prefers {preferred[0]}."
    if not preferred or set(preferred) == set(tied):
        return tied, f"The casting partner, {partner}, does not separate them."
    return preferred, f"The casting partner, {partner}, narrows the tie to {join(preferred)}."


def _draw(tied: tuple[str, ...], rule: TieBreak) -> tuple[tuple[str, ...], str]:
    # A reproducible draw from a seed recorded before voting, not a secret: random is right here.
    pick = random.Random(rule.seed).choice(tied)  # noqa: S311
    return (pick,), f"A draw declared before voting, with seed {rule.seed}, chose {pick}."


def _only(content: BallotContent, kept: tuple[str, ...]) -> BallotContent:
    """A ballot's content with only the `kept` options."""
    keep = set(kept)
    if isinstance(content, Ranking):
        tiers = (tuple(o for o in tier if o in keep) for tier in content.tiers)
        return Ranking(tuple(tier for tier in tiers if tier))
    if isinstance(content, Grades):
        return Grades({o: grade for o, grade in content.grades.items() if o in keep})
    if isinstance(content, Dots):
        return Dots({o: dots for o, dots in content.dots.items() if o in keep})
    return content
