"""Reading an election from JSON data, with messages a person can act on.

Hand-written rather than generated from a schema library: the messages are part of the product
("ballot 7: option 'Nashvile' is not one of the options") and must name the ballot and the problem
in plain words. Structural checks live here; checks that depend on the method (a ballot kind the
method cannot use, approval grades other than 0 and 1) live with the tally.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .ballots import (
    Ballot,
    BallotContent,
    BallotError,
    Dots,
    Election,
    Grades,
    Quorum,
    Ranking,
    Scale,
    Stance,
    Threshold,
    TieBreak,
)

_ELECTION_KEYS = {"options", "ballots", "scale", "dot_budget", "quorum", "threshold", "tie_break"}
_KIND_KEYS = ("ranking", "grades", "dots", "stance")
_BALLOT_KEYS = {"count", "partner", *_KIND_KEYS}


def load_election(text: str) -> Election:
    """Parse the JSON text of an election file."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise BallotError(f"the file is not valid JSON: {error}") from None
    return parse_election(data)


def _reject_constant(name: str) -> Any:
    raise BallotError(f"{name} is not a number the file may use")


def parse_election(data: object) -> Election:
    """Check `data` (as decoded from JSON) and turn it into an `Election`."""
    if not isinstance(data, dict):
        raise BallotError("the file must hold a JSON object with 'options' and 'ballots'")
    unknown = sorted(set(data) - _ELECTION_KEYS)
    if unknown:
        raise BallotError(f"unknown field {unknown[0]!r} in the file")
    options = _parse_options(data.get("options"))
    scale = _parse_scale(data.get("scale"))
    dot_budget = _optional_whole(data.get("dot_budget"), "dot_budget")
    raw_ballots = data.get("ballots")
    if not isinstance(raw_ballots, list):
        raise BallotError("'ballots' must be a list")
    known = frozenset(options)
    ballots = tuple(
        _parse_ballot(raw, index, known, scale, dot_budget) for index, raw in enumerate(raw_ballots)
    )
    return Election(
        options=options,
        ballots=ballots,
        scale=scale,
        dot_budget=dot_budget,
        quorum=_parse_quorum(data.get("quorum")),
        threshold=_parse_threshold(data.get("threshold")),
        tie_break=_parse_tie_break(data.get("tie_break")),
    )


def parse_ranking(raw: object, known: frozenset[str]) -> Ranking:
    """Check one ranking (best first, a nested list for a tie) against the known options.

    Raises ValueError with the problem; callers add the ballot's index.
    """
    if not isinstance(raw, list | tuple):
        raise ValueError("a ranking must be a list of options, best first")
    seen: set[str] = set()
    tiers: list[tuple[str, ...]] = []
    for entry in raw:
        tier = (entry,) if isinstance(entry, str) else entry
        if not isinstance(tier, list | tuple) or not tier:
            raise ValueError(
                f"a ranking holds options or non-empty lists of tied options, not {entry!r}"
            )
        for option in tier:
            _check_option(option, known)
            if option in seen:
                raise ValueError(f"option {option!r} appears twice in the ranking")
            seen.add(option)
        tiers.append(tuple(tier))
    return Ranking(tuple(tiers))


def _check_option(option: object, known: frozenset[str]) -> None:
    if not isinstance(option, str):
        raise ValueError(f"{option!r} is not an option name")
    if option not in known:
        raise ValueError(f"option {option!r} is not one of the options")


def _parse_options(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw:
        raise BallotError("'options' must be a non-empty list of names")
    for option in raw:
        if not isinstance(option, str) or not option.strip():
            raise BallotError(f"option {option!r} must be a non-empty name")
    twice = [option for option, times in Counter(raw).items() if times > 1]
    if twice:
        raise BallotError(f"option {twice[0]!r} is listed twice in 'options'")
    return tuple(raw)


def _parse_ballot(
    raw: object, index: int, known: frozenset[str], scale: Scale | None, dot_budget: int | None
) -> Ballot:
    try:
        if not isinstance(raw, dict):
            raise ValueError("a ballot must be a JSON object")
        unknown = sorted(set(raw) - _BALLOT_KEYS)
        if unknown:
            raise ValueError(f"unknown field {unknown[0]!r}")
        kinds = [key for key in _KIND_KEYS if key in raw]
        if len(kinds) != 1:
            raise ValueError("a ballot needs exactly one of " + ", ".join(_KIND_KEYS))
        count = _whole(raw.get("count", 1), "the count")
        if count < 0:
            raise ValueError(f"the count must not be negative, not {count}")
        partner = raw.get("partner")
        if partner is not None and (not isinstance(partner, str) or not partner.strip()):
            raise ValueError("'partner' must be a non-empty name")
        content = _parse_content(kinds[0], raw[kinds[0]], known, scale, dot_budget)
    except ValueError as error:
        raise BallotError(str(error), index) from None
    return Ballot(content=content, count=count, partner=partner)


def _parse_content(
    kind: str, raw: object, known: frozenset[str], scale: Scale | None, dot_budget: int | None
) -> BallotContent:
    if kind == "ranking":
        return parse_ranking(raw, known)
    if kind == "stance":
        values = ", ".join(stance.value for stance in Stance)
        if not isinstance(raw, str) or raw not in Stance.__members__.values():
            raise ValueError(f"the stance must be one of {values}, not {raw!r}")
        return Stance(raw)
    marks = _parse_marks(raw, known, kind)
    if kind == "grades":
        if scale is not None:
            for option, grade in marks.items():
                if not scale.low <= grade <= scale.high:
                    raise ValueError(
                        f"grade {grade} for {option!r} is off the scale {scale.low} to {scale.high}"
                    )
        return Grades(marks)
    if any(dots < 0 for dots in marks.values()):
        raise ValueError("dots cannot be negative")
    if dot_budget is not None and sum(marks.values()) > dot_budget:
        raise ValueError(f"{sum(marks.values())} dots are over the budget of {dot_budget}")
    return Dots(marks)


def _parse_marks(raw: object, known: frozenset[str], kind: str) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise ValueError(f"'{kind}' must map options to whole numbers")
    marks: dict[str, int] = {}
    for option, value in raw.items():
        _check_option(option, known)
        marks[option] = _whole(value, f"the {kind} for {option!r}")
    return marks


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number, not {_show(value)}")
    return value


def _show(value: object) -> str:
    return str(value) if isinstance(value, Decimal) else repr(value)


def _optional_whole(value: object, what: str) -> int | None:
    if value is None:
        return None
    try:
        number = _whole(value, f"'{what}'")
    except ValueError as error:
        raise BallotError(str(error)) from None
    if number < 0:
        raise BallotError(f"'{what}' must not be negative")
    return number


def _object(raw: object, what: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise BallotError(f"'{what}' must be an object")
    unknown = sorted(set(raw) - keys)
    if unknown:
        raise BallotError(f"unknown field {unknown[0]!r} in '{what}'")
    return raw


def _parse_scale(raw: object) -> Scale | None:
    if raw is None:
        return None
    fields = _object(raw, "scale", {"min", "max"})
    if "min" not in fields or "max" not in fields:
        raise BallotError("'scale' needs both 'min' and 'max'")
    try:
        low, high = _whole(fields["min"], "scale 'min'"), _whole(fields["max"], "scale 'max'")
    except ValueError as error:
        raise BallotError(str(error)) from None
    if low >= high:
        raise BallotError("the scale's 'min' must be below its 'max'")
    return Scale(low, high)


def _parse_quorum(raw: object) -> Quorum:
    if raw is None:
        return Quorum()
    fields = _object(raw, "quorum", {"people", "partners", "per_partner"})
    per_partner = fields.get("per_partner")
    if isinstance(per_partner, dict):
        per_partner = {
            str(name): _optional_whole(needed, f"quorum per_partner {name}") or 0
            for name, needed in per_partner.items()
        }
    else:
        per_partner = _optional_whole(per_partner, "quorum per_partner")
    return Quorum(
        people=_optional_whole(fields.get("people"), "quorum people"),
        partners=_optional_whole(fields.get("partners"), "quorum partners"),
        per_partner=per_partner,
    )


def _parse_threshold(raw: object) -> Threshold:
    if raw is None:
        return Threshold()
    fields = _object(raw, "threshold", {"more_than", "at_least"})
    if len(fields) != 1:
        raise BallotError("'threshold' needs exactly one of 'more_than' or 'at_least'")
    ((key, value),) = fields.items()
    share = _share(value)
    return Threshold(share=share, strict=key == "more_than")


def _share(value: object) -> Fraction:
    try:
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            raise ValueError
        share = Fraction(value)
    except (ValueError, ZeroDivisionError):
        raise BallotError(
            f"the threshold must be a share such as '2/3' or 0.6, not {_show(value)}"
        ) from None
    if not 0 <= share <= 1:
        raise BallotError(f"the threshold {share} must be between 0 and 1")
    return share


def _parse_tie_break(raw: object) -> TieBreak | None:
    if raw is None:
        return None
    fields = _object(raw, "tie_break", {"casting_partner", "seed"})
    partner = fields.get("casting_partner")
    if partner is not None and (not isinstance(partner, str) or not partner.strip()):
        raise BallotError("'casting_partner' must be a partner's name")
    seed = fields.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise BallotError("the tie-break 'seed' must be a whole number")
    if partner is None and seed is None:
        raise BallotError("'tie_break' needs a 'casting_partner', a 'seed' or both")
    return TieBreak(casting_partner=partner, seed=seed)
