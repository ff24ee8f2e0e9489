"""Consent: a proposal passes when no one blocks, enough agree, and enough people took part.

Ours because the result must say which of the three conditions failed, in words, and because with
partner weighting the share that agrees is a share of partners, while a block from anyone stops the
proposal and the quorum counts people and partners as they are.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from .ballots import BallotError, Election, Stance
from .methods import Method
from .result import Result
from .weighting import Weights
from .wording import amount, join, plural


def consent(election: Election, weights: Weights) -> Result:
    """Pass or fail the election's single option (the proposal) on stance ballots."""
    if len(election.options) != 1:
        raise BallotError("consent decides one proposal: list exactly one option")
    (proposal,) = election.options
    totals = dict.fromkeys(Stance, 0)
    people: defaultdict[str | None, int] = defaultdict(int)
    blockers: list[str] = []
    for ballot, weight in zip(election.ballots, weights.values, strict=True):
        stance = ballot.content
        if not isinstance(stance, Stance):
            raise TypeError("the tally checks every ballot is a stance")
        totals[stance] += weight
        people[ballot.partner] += ballot.count
        if stance is Stance.BLOCK and ballot.count:
            blockers.append(ballot.partner or "someone")
    scores = {stance.value: weights.exact(total) for stance, total in totals.items()}
    agree, disagree = scores["agree"], scores["disagree"]
    quorum_problems = _quorum_problems(election, people)
    checks = {
        "no_block": not blockers,
        "threshold": election.threshold.met_by(agree, disagree),
        "quorum": not quorum_problems,
    }
    passed = all(checks.values())
    text = _explain(election, proposal, passed, blockers, agree, disagree, quorum_problems)
    return Result(
        Method.CONSENT,
        election.options,
        (proposal,) if passed else (),
        text,
        scores=scores,
        checks=checks,
    )


def _quorum_problems(election: Election, people: dict[str | None, int]) -> list[str]:
    quorum = election.quorum
    problems = []
    voters = sum(people.values())
    if quorum.people is not None and voters < quorum.people:
        problems.append(
            f"{plural(voters, 'person', 'people')} took part, fewer than the {quorum.people} needed"
        )
    partners = {name for name, count in people.items() if name is not None and count}
    if quorum.partners is not None and len(partners) < quorum.partners:
        problems.append(
            f"{plural(len(partners), 'partner')} took part, fewer than the {quorum.partners} needed"
        )
    if quorum.per_partner is not None:
        named = set(quorum.per_partner) if not isinstance(quorum.per_partner, int) else set()
        for name in sorted(named | {p for p in people if p is not None}):
            needed = quorum.needed_from(name)
            if people.get(name, 0) < needed:
                problems.append(
                    f"{name} brought {people.get(name, 0)} of the {needed} people it needs"
                )
    return problems


def _explain(
    election: Election,
    proposal: str,
    passed: bool,
    blockers: list[str],
    agree: Fraction,
    disagree: Fraction,
    quorum_problems: list[str],
) -> str:
    threshold = election.threshold
    share = (
        f"{amount(agree)} agree and {amount(disagree)} disagree"
        f" ({threshold.describe()} of agree and disagree together must agree)"
    )
    if passed:
        return f"{proposal} passes: no one blocks, {share}, and the quorum is met."
    reasons = []
    if blockers:
        who = sorted(set(blockers))
        reasons.append(f"{join(who)} {'blocks' if len(who) == 1 else 'block'}")
    if not threshold.met_by(agree, disagree):
        reasons.append(f"too few agree: {share}")
    reasons.extend(f"the quorum is not met: {problem}" for problem in quorum_problems)
    return f"{proposal} does not pass: {'; '.join(reasons)}."
