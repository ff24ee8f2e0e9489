"""Approval, score and dot voting: each ballot gives each option a number, and the numbers add up.

Ours so that these share the file format's checks, exact partner weighting and plain explanations
with every other method; the sums themselves are the easy part.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from .ballots import Ballot, BallotError, Dots, Election, Grades, kind_of
from .methods import Method
from .result import Result, tiers_by, top_tier
from .weighting import Weights
from .wording import amount, leader_sentence


def marks_of(ballot: Ballot) -> Mapping[str, int]:
    """The numbers a grades or dots ballot gives (the tally has checked every ballot's kind)."""
    if isinstance(ballot.content, Grades):
        return ballot.content.grades
    if isinstance(ballot.content, Dots):
        return ballot.content.dots
    raise TypeError(f"a {kind_of(ballot.content)} ballot gives no numbers")


def _totals(election: Election, weights: Weights, ungraded: int) -> dict[str, Fraction]:
    totals = dict.fromkeys(election.options, 0)
    for ballot, weight in zip(election.ballots, weights.values, strict=True):
        marks = marks_of(ballot)
        for option in election.options:
            totals[option] += weight * marks.get(option, ungraded)
    return {option: weights.exact(total) for option, total in totals.items()}


def _result(
    method: Method, election: Election, scores: dict[str, Fraction], what: str, note: str = ""
) -> Result:
    options = election.options
    ranking = tiers_by(options, scores.__getitem__)
    winners = top_tier(ranking)
    text = leader_sentence(winners, scores, options, what) + note
    return Result(method, options, winners, text, ranking=ranking, scores=scores)


def approval(election: Election, weights: Weights) -> Result:
    """Most approvals wins; a ballot approves with grade 1 and leaves out or grades 0 otherwise."""
    for index, ballot in enumerate(election.ballots):
        for option, grade in marks_of(ballot).items():
            if grade not in (0, 1):
                raise BallotError(
                    f"approval grades are 1 (approve) or 0, not {grade} for {option!r}", index
                )
    scores = _totals(election, weights, 0)
    return _result(Method.APPROVAL, election, scores, "approvals")


def score(election: Election, weights: Weights) -> Result:
    """Highest total grade wins; an ungraded option counts as the lowest grade."""
    if election.scale is None:
        raise BallotError("score voting needs the file to declare a 'scale'")
    lowest = election.scale.low
    scores = _totals(election, weights, lowest)
    note = f" Options a ballot leaves ungraded count as the lowest grade, {amount(lowest)}."
    return _result(Method.SCORE, election, scores, "total grade", note)


def dot(election: Election, weights: Weights) -> Result:
    """Most dots wins; the file must declare the budget every ballot keeps within."""
    if election.dot_budget is None:
        raise BallotError("dot voting needs the file to declare a 'dot_budget'")
    scores = _totals(election, weights, 0)
    return _result(Method.DOT, election, scores, "dots")
