"""Numbers and lists in plain English, for explanations people read aloud in a meeting.

Ours because the explanation is part of the result: "68 to 32", "2 1/2", "A, B and C".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction


def amount(value: Fraction | int) -> str:
    """An exact number as people write it: 68, 2 1/2, -1/3."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    whole, part = divmod(abs(value.numerator), value.denominator)
    sign = "-" if value < 0 else ""
    if whole == 0:
        return f"{sign}{part}/{value.denominator}"
    return f"{sign}{whole} {part}/{value.denominator}"


def join(items: Iterable[str], last: str = "and") -> str:
    """A, B and C."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 option', '3 options'."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def score_list(order: Sequence[str], scores: dict[str, Fraction], skip: Iterable[str] = ()) -> str:
    """'26 for Nashville, 17 for Knoxville and 15 for Chattanooga', highest first."""
    skipped = set(skip)
    ranked = sorted((o for o in order if o not in skipped), key=lambda o: -scores[o])
    return join(f"{amount(scores[option])} for {option}" for option in ranked)


def winners_phrase(winners: Sequence[str]) -> str:
    """'Nashville wins' or 'Nashville and Memphis tie'."""
    if len(winners) == 1:
        return f"{winners[0]} wins"
    return f"{join(winners)} tie"


def leader_sentence(
    winners: Sequence[str], scores: dict[str, Fraction], order: Sequence[str], what: str
) -> str:
    """'Memphis has the most first preferences: 42, against 26 for Nashville and 17 for ...'."""
    if not winners:
        return f"No option has any {what}."
    top = amount(scores[winners[0]])
    if len(winners) == 1:
        lead = f"{winners[0]} has the most {what}: {top}"
    else:
        lead = f"{join(winners)} tie for the most {what}, with {top} each"
    others = score_list(order, scores, skip=winners)
    return f"{lead}, against {others}." if others else f"{lead}."
