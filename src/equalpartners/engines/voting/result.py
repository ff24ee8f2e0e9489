"""What a tally returns: winners, tiers, figures and the explanation, all exact.

Ours because the result is what people see: a tie is never hidden (every option tied at the top is
a winner), the figures behind the decision travel with it, and a tie-break shows both the tied
winners and the option it chose. Numbers stay `Fraction`s; JSON writes whole numbers as numbers and
the rest as strings such as "205/2", so nothing is rounded on the way out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from .methods import Method

Scores = Mapping[str, Fraction]
Matrix = Mapping[str, Mapping[str, Fraction]]


@dataclass(frozen=True, slots=True)
class Round:
    """One round of an instant runoff."""

    tallies: Scores = field(hash=False)
    exhausted: Fraction
    eliminated: tuple[str, ...]  # one option, or all that no ballot counts for; () at the end
    tied_for_last: tuple[str, ...] = ()  # when several tie for last and one of them goes


@dataclass(frozen=True, slots=True)
class Pairwise:
    """Head-to-head figures: `support[a][b]` is the weight of ballots ranking a above b."""

    support: Matrix = field(hash=False)
    strongest_paths: Matrix | None = field(default=None, hash=False)

    def margin(self, winner: str, loser: str) -> Fraction:
        """How far `winner` is ahead of `loser` head to head (negative when behind)."""
        return self.support[winner][loser] - self.support[loser][winner]

    @property
    def margins(self) -> dict[str, dict[str, Fraction]]:
        """The margin matrix."""
        return {a: {b: self.margin(a, b) for b in row} for a, row in self.support.items()}


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one tally."""

    method: Method
    options: tuple[str, ...]
    winners: tuple[str, ...]
    explanation: str
    ranking: tuple[tuple[str, ...], ...] | None = None
    scores: Scores | None = field(default=None, hash=False)
    pairwise: Pairwise | None = None
    rounds: tuple[Round, ...] | None = None
    checks: Mapping[str, bool] | None = field(default=None, hash=False)
    chosen: str | None = None  # the option a declared tie-break picked from tied winners
    tie_break: str | None = None  # how it was picked, in words

    def with_tie_break(self, chosen: str | None, how: str) -> Result:
        """This result with a tie-break's choice added to it and its explanation."""
        return replace(self, chosen=chosen, tie_break=how, explanation=f"{self.explanation} {how}")

    def to_json(self) -> dict[str, Any]:
        """The result as JSON-ready data, in the command line's shape."""
        return {
            "method": self.method.value,
            "winners": list(self.winners),
            "chosen": self.chosen,
            "tie_break": self.tie_break,
            "ranking": None if self.ranking is None else [list(tier) for tier in self.ranking],
            "scores": _numbers(self.scores),
            "pairwise": None if self.pairwise is None else _pairwise_json(self.pairwise),
            "rounds": None if self.rounds is None else [_round_json(r) for r in self.rounds],
            "checks": None if self.checks is None else dict(self.checks),
            "explanation": self.explanation,
        }


def json_number(value: Fraction) -> int | str:
    """A whole number as itself, anything else as an exact "a/b" string."""
    return value.numerator if value.denominator == 1 else str(value)


def _numbers(scores: Scores | None) -> dict[str, int | str] | None:
    if scores is None:
        return None
    return {option: json_number(value) for option, value in scores.items()}


def _matrix(matrix: Matrix) -> dict[str, dict[str, int | str]]:
    return {a: {b: json_number(value) for b, value in row.items()} for a, row in matrix.items()}


def _pairwise_json(pairwise: Pairwise) -> dict[str, Any]:
    data: dict[str, Any] = {
        "support": _matrix(pairwise.support),
        "margins": _matrix(pairwise.margins),
    }
    if pairwise.strongest_paths is not None:
        data["strongest_paths"] = _matrix(pairwise.strongest_paths)
    return data


def _round_json(round_: Round) -> dict[str, Any]:
    return {
        "tallies": _numbers(round_.tallies),
        "exhausted": json_number(round_.exhausted),
        "eliminated": list(round_.eliminated),
        "tied_for_last": list(round_.tied_for_last),
    }


def tiers_by(
    options: Sequence[str], key: Callable[[str], Any], *, descending: bool = True
) -> tuple[tuple[str, ...], ...]:
    """Options in tiers of equal `key`, best first; each tier keeps the options' listed order."""
    values = sorted({key(option) for option in options}, reverse=descending)
    return tuple(tuple(o for o in options if key(o) == value) for value in values)


def top_tier(tiers: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The winners of a ranking: its first tier (none when nothing is ranked)."""
    return tiers[0] if tiers else ()


def exact_scores(options: Sequence[str], values: Sequence[int], unit: int) -> dict[str, Fraction]:
    """Whole-number tallies over `unit`, as exact scores per option."""
    return {option: Fraction(value, unit) for option, value in zip(options, values, strict=True)}
