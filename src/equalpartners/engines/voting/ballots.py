"""Ballots and elections as typed values.

We model ballots ourselves instead of borrowing a voting library's types: the engine is the product,
and what a ballot may say (level options, options left out, a count, a partner) is part of what we
promise the people who vote. Every value here is immutable and already valid; `fileformat` is the
only place that turns untrusted input into these types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction


class BallotError(ValueError):
    """Input the engine cannot count, with the index of the ballot at fault when there is one."""

    def __init__(self, problem: str, index: int | None = None) -> None:
        self.problem = problem
        self.index = index
        super().__init__(problem if index is None else f"ballot {index}: {problem}")


class Stance(StrEnum):
    """A consent ballot: where someone stands on one proposal."""

    AGREE = "agree"
    ABSTAIN = "abstain"
    DISAGREE = "disagree"
    BLOCK = "block"


@dataclass(frozen=True, slots=True)
class Ranking:
    """Options best first; a tier of several options ranks them level.

    Options missing from every tier are unranked: level with each other, below every ranked option.
    """

    tiers: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Grades:
    """A whole-number grade per option; options left out are ungraded."""

    grades: Mapping[str, int] = field(hash=False)


@dataclass(frozen=True, slots=True)
class Dots:
    """Dots placed on options, within the election's dot budget."""

    dots: Mapping[str, int] = field(hash=False)


BallotContent = Ranking | Grades | Dots | Stance


def kind_of(content: BallotContent) -> str:
    """The ballot kind as the file format names it."""
    if isinstance(content, Ranking):
        return "ranking"
    if isinstance(content, Grades):
        return "grades"
    if isinstance(content, Dots):
        return "dots"
    return "stance"


@dataclass(frozen=True, slots=True)
class Ballot:
    """`count` identical ballots, optionally cast by people of one partner."""

    content: BallotContent
    count: int = 1
    partner: str | None = None


@dataclass(frozen=True, slots=True)
class Scale:
    """The grades a grades ballot may give, from `low` to `high` inclusive."""

    low: int
    high: int


@dataclass(frozen=True, slots=True)
class Quorum:
    """Minimum participation: used by `consent` and `time_poll`.

    `people` and `partners` count who took part in a consent decision. `per_partner` is how many
    people of each partner must take part (consent) or be able to come (time poll); a mapping names
    a number per partner, and partners it leaves out need one person.
    """

    people: int | None = None
    partners: int | None = None
    per_partner: int | Mapping[str, int] | None = field(default=None, hash=False)

    def needed_from(self, partner: str) -> int:
        """How many people `partner` must bring (one unless declared otherwise)."""
        if isinstance(self.per_partner, int):
            return self.per_partner
        if self.per_partner is None:
            return 1
        return self.per_partner.get(partner, 1)


@dataclass(frozen=True, slots=True)
class Threshold:
    """The share of agree among agree + disagree a proposal needs (default: more than half)."""

    share: Fraction = Fraction(1, 2)
    strict: bool = True

    def met_by(self, agree: Fraction, disagree: Fraction) -> bool:
        """Whether `agree` reaches the threshold against `disagree`."""
        needed = self.share * (agree + disagree)
        return agree > needed if self.strict else agree >= needed

    def describe(self) -> str:
        """The threshold in words, e.g. "more than 1/2"."""
        return f"{'more than' if self.strict else 'at least'} {self.share}"


@dataclass(frozen=True, slots=True)
class TieBreak:
    """A tie-break declared before voting: a casting partner, a seeded draw, or both, in order."""

    casting_partner: str | None = None
    seed: int | None = None


@dataclass(frozen=True, slots=True)
class Election:
    """Everything a tally needs: the options, the ballots and the rules declared with them."""

    options: tuple[str, ...]
    ballots: tuple[Ballot, ...]
    scale: Scale | None = None
    dot_budget: int | None = None
    quorum: Quorum = Quorum()
    threshold: Threshold = Threshold()
    tie_break: TieBreak | None = None
