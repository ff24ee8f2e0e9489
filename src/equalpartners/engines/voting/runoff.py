"""Instant runoff with parallel-universe tie handling.

Ours because the common shortcut (dropping every option tied for last at once, as some libraries do
by default) can change the winner. Here, when several options tie for last, every elimination order
is followed and the winners are all options that win in some order. The tally depends only on which
options are still in, so each set of continuing options is counted once however many orders reach
it, and options no ballot counts for are removed together, since every order removes them first.
Ballots whose ranked options have all gone are set aside as exhausted; giving their unranked
tier equal shares instead would raise every continuing option alike and change no winner.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from .methods import Method
from .profile import RankingProfile, first_choices, split_unit
from .result import Result, Round, tiers_by
from .wording import amount, join


@dataclass(frozen=True, slots=True)
class _Count:
    """The tally of one set of continuing options."""

    tallies: dict[int, int]
    exhausted: int

    def majority_holder(self) -> int | None:
        continuing = sum(self.tallies.values())
        for option, votes in self.tallies.items():
            if 2 * votes > continuing:
                return option
        return None

    def last(self) -> list[int]:
        fewest = min(self.tallies.values())
        return [option for option, votes in self.tallies.items() if votes == fewest]


class _Runoff:
    """Counts and winners per set of continuing options, each worked out once."""

    def __init__(self, profile: RankingProfile) -> None:
        self.profile = profile
        self.counts: dict[frozenset[int], _Count] = {}
        self.winners: dict[frozenset[int], frozenset[int]] = {}

    def count(self, continuing: frozenset[int]) -> _Count:
        if continuing not in self.counts:
            order = sorted(continuing)
            tallies, exhausted = first_choices(self.profile, order)
            self.counts[continuing] = _Count(dict(zip(order, tallies, strict=True)), exhausted)
        return self.counts[continuing]

    def winners_from(self, continuing: frozenset[int]) -> frozenset[int]:
        if continuing in self.winners:
            return self.winners[continuing]
        count = self.count(continuing)
        holder = count.majority_holder()
        if len(continuing) == 1:
            found = continuing
        elif holder is not None:
            found = frozenset({holder})
        else:
            found = self._winners_after_a_tie_for_last(continuing, count.last())
        self.winners[continuing] = found
        return found

    def _winners_after_a_tie_for_last(
        self, continuing: frozenset[int], last: list[int]
    ) -> frozenset[int]:
        if self.count(continuing).tallies[last[0]] == 0:
            if len(last) == len(continuing):  # no ballot counts for any: each can be left last
                return continuing
            # No ballot counts for these, so removing one changes no other tally: every order
            # removes them all first. Taking them together avoids following each of the orders.
            return self.winners_from(continuing - set(last))
        return frozenset().union(*(self.winners_from(continuing - {option}) for option in last))


def irv(profile: RankingProfile) -> Result:
    """Instant runoff: winners over every order of eliminating options tied for last."""
    options = profile.options
    runoff = _Runoff(profile)
    everyone = frozenset(range(len(options)))
    winner_set = runoff.winners_from(everyone)
    winners = tuple(options[i] for i in sorted(winner_set))
    path = _shown_path(runoff, everyone)
    unit = profile.unit * split_unit(profile)
    rounds = tuple(
        _round(runoff, options, continuing, after, unit)
        for continuing, after in zip(path, [*path[1:], None], strict=True)
    )
    ranking = _ranking(runoff, path, winner_set, options)
    text = _explain(rounds, winners, profile.widest_tie > 1)
    return Result(Method.IRV, options, winners, text, ranking=ranking, rounds=rounds)


def _shown_path(runoff: _Runoff, start: frozenset[int]) -> list[frozenset[int]]:
    """The rounds shown: when several tie for last, the one listed first goes first.

    Options no ballot counts for go together (unless every option is level), as in the count.
    """
    path = [start]
    continuing = start
    while len(continuing) > 1 and runoff.count(continuing).majority_holder() is None:
        count = runoff.count(continuing)
        last = count.last()
        nobody = count.tallies[last[0]] == 0 and len(last) < len(continuing)
        continuing = continuing - (set(last) if nobody else {min(last)})
        path.append(continuing)
    return path


def _round(
    runoff: _Runoff,
    options: tuple[str, ...],
    continuing: frozenset[int],
    after: frozenset[int] | None,
    unit: int,
) -> Round:
    count = runoff.count(continuing)
    tallies = {options[i]: Fraction(count.tallies[i], unit) for i in sorted(continuing)}
    eliminated = () if after is None else tuple(options[i] for i in sorted(continuing - after))
    last = count.last()
    return Round(
        tallies=tallies,
        exhausted=Fraction(count.exhausted, unit),
        eliminated=eliminated,
        tied_for_last=tuple(options[i] for i in last) if len(last) > len(eliminated) > 0 else (),
    )


def _ranking(
    runoff: _Runoff, path: list[frozenset[int]], winners: frozenset[int], options: tuple[str, ...]
) -> tuple[tuple[str, ...], ...]:
    """Winners first, then the last round's others by votes, then the eliminated, last out first."""
    final = runoff.count(path[-1])
    survivors = [options[i] for i in sorted(path[-1] - winners)]
    votes = {options[i]: final.tallies[i] for i in path[-1]}
    tiers = [tuple(options[i] for i in sorted(winners)), *tiers_by(survivors, votes.__getitem__)]
    for earlier, later in reversed(list(pairwise(path))):
        gone = tuple(options[i] for i in sorted(earlier - later - winners))
        if gone:
            tiers.append(gone)
    return tuple(tiers)


def _explain(rounds: tuple[Round, ...], winners: tuple[str, ...], has_ties: bool) -> str:
    sentences = []
    for number, round_ in enumerate(rounds, 1):
        sentences.append(f"Round {number}: {_describe(round_)}")
    shown = _shown_winner(rounds[-1])
    if len(winners) > 1 or (shown is not None and (shown,) != winners):
        sentences.append(
            "Because options tied for last, every order of eliminating them was followed; "
            f"{join(winners)} {'each win' if len(winners) > 1 else 'wins'} in at least one order,"
            f" so the {'winners are' if len(winners) > 1 else 'winner is'} {join(winners)}."
        )
    if has_ties:
        sentences.append("A ballot ranking options level counts equally for each of them.")
    return " ".join(sentences)


def _shown_winner(round_: Round) -> str | None:
    continuing = sum(round_.tallies.values(), Fraction(0))
    for option, votes in round_.tallies.items():
        if 2 * votes > continuing or len(round_.tallies) == 1:
            return option
    return None


def _describe(round_: Round) -> str:
    votes = ", ".join(f"{option} {amount(v)}" for option, v in _by_votes(round_.tallies))
    continuing = sum(round_.tallies.values(), Fraction(0))
    exhausted = (
        f"; ballots weighing {amount(round_.exhausted)} rank no continuing option"
        if round_.exhausted
        else ""
    )
    winner = _shown_winner(round_)
    if not round_.eliminated and winner is not None:
        if len(round_.tallies) == 1:
            return f"{winner} is the only option left and wins."
        return (
            f"{winner} has {amount(round_.tallies[winner])} of {amount(continuing)} continuing"
            f" votes, a majority, and wins ({votes}{exhausted})."
        )
    tied, gone = round_.tied_for_last, round_.eliminated
    if len(gone) > 1:
        last = f"no ballot counts for {join(gone)}, so they are eliminated together"
    elif tied:
        last = f"{join(tied)} tie for the fewest votes; these rounds eliminate {gone[0]} first"
    else:
        last = f"{gone[0]} has the fewest and is eliminated"
    return (
        f"no option has a majority of {amount(continuing)} continuing votes"
        f" ({votes}{exhausted}); {last}."
    )


def _by_votes(tallies: Mapping[str, Fraction]) -> list[tuple[str, Fraction]]:
    return sorted(tallies.items(), key=lambda item: -item[1])
