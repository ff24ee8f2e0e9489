"""Time polls: the best time that every partner can make.

Ours because "every partner can come" is the rule that matters to a partnership and no scheduling
tool we know counts it: a slot qualifies only when each partner has at least its quorum of people
who can come (yes or if need be), and the best qualifying slot wins on yes = 2, if need be = 1.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from .ballots import BallotError, Election, Grades
from .methods import Method
from .result import Result, tiers_by
from .weighting import Weights
from .wording import amount, join

YES, IF_NEED_BE, NO = 2, 1, 0


def time_poll(election: Election, weights: Weights) -> Result:
    """Qualifying slots by weighted availability; the best ones win."""
    slots = election.options
    if election.scale is not None and (election.scale.low, election.scale.high) != (NO, YES):
        raise BallotError("a time poll's grades are 0 (no), 1 (if need be) and 2 (yes)")
    totals = dict.fromkeys(slots, 0)
    can_come: dict[str, defaultdict[str, int]] = {slot: defaultdict(int) for slot in slots}
    partners: set[str] = set()
    for index, (ballot, weight) in enumerate(zip(election.ballots, weights.values, strict=True)):
        content = ballot.content
        if not isinstance(content, Grades):
            raise TypeError("the tally checks every ballot holds grades")
        if ballot.partner is not None:
            partners.add(ballot.partner)
        for slot, answer in content.grades.items():
            if answer not in (NO, IF_NEED_BE, YES):
                raise BallotError(
                    f"answer {answer} for {slot!r} must be 2 (yes), 1 (if need be) or 0 (no)", index
                )
            totals[slot] += weight * answer
            if answer and ballot.partner is not None:
                can_come[slot][ballot.partner] += ballot.count
    per_partner = election.quorum.per_partner
    if per_partner is not None and not isinstance(per_partner, int):
        partners |= set(per_partner)
    scores = {slot: weights.exact(total) for slot, total in totals.items()}
    short = {
        slot: [p for p in sorted(partners) if can_come[slot][p] < election.quorum.needed_from(p)]
        for slot in slots
    }
    checks = {slot: not short[slot] for slot in slots}
    qualifying = [slot for slot in slots if checks[slot]]
    others = [slot for slot in slots if not checks[slot]]
    ranking = tiers_by(qualifying, scores.__getitem__) + tiers_by(others, scores.__getitem__)
    winners = tiers_by(qualifying, scores.__getitem__)[0] if qualifying else ()
    text = _explain(election, winners, scores, short, can_come)
    return Result(
        Method.TIME_POLL, slots, winners, text, ranking=ranking, scores=scores, checks=checks
    )


def _explain(
    election: Election,
    winners: tuple[str, ...],
    scores: dict[str, Fraction],
    short: dict[str, list[str]],
    can_come: dict[str, defaultdict[str, int]],
) -> str:
    rule = "(yes counts 2, if need be 1)"
    if not winners:
        text = "No time suits every partner: " + "; ".join(
            f"at {slot}, {_shortfall(election, slot, short[slot], can_come)}"
            for slot in election.options
        )
        return text + "."
    best = amount(scores[winners[0]])
    if len(winners) == 1:
        text = f"{winners[0]} is the best time every partner can make"
    else:
        text = f"{join(winners)} tie as the best times every partner can make"
    text += f", scoring {best} {rule}."
    better = [s for s in election.options if short[s] and scores[s] > scores[winners[0]]]
    for slot in better:
        text += (
            f" {slot} scores more ({amount(scores[slot])}), but there"
            f" {_shortfall(election, slot, short[slot], can_come)}."
        )
    return text


def _shortfall(
    election: Election, slot: str, partners: list[str], can_come: dict[str, defaultdict[str, int]]
) -> str:
    return join(
        f"{p} has {can_come[slot][p]} of the {election.quorum.needed_from(p)} people it needs"
        for p in partners
    )
