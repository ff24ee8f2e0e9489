"""Trust and value between partner organisations, in the style of the PARTNER tool.

Each respondent rates each other partner from 1 to 4 on three trust items (reliable, supports our
mission, open to discussion) and three value items (influence, level of involvement, resources
they bring), and may skip any. An organisation's trust score is the mean of the trust ratings the
*other* organisations gave it; its value score likewise.

When several people of one organisation answer, their ratings of a partner on an item are first
averaged into their organisation's rating, so that an organisation that sends more people does
not count more: each organisation is one voice, as in the rest of Equal Partners. With one
respondent per organisation (as PARTNER expects) this is exactly PARTNER's mean of the ratings.

Nobody should be able to read one organisation's ratings of another off the page. So an
organisation's trust score is shown only when at least three other organisations gave it a
trust rating, and its value score likewise: anyone of one of those three organisations still
sees the others' ratings only mixed together. The network's scores are the mean of the
organisations' scores (withheld ones included), shown only when at least three organisations
answered (gave a rating of that kind), and withheld when some organisations' scores are shown
and others withheld, since subtracting the ones shown would otherwise give the withheld ones
away. Which organisation rated which is never given out, only how many rated each.

Scores are shown as a mean on the 1-to-4 scale and as a percentage, (mean - 1) / 3 x 100: the
lowest possible rating is 0% and the highest 100%. (Dividing by 4 instead would put the lowest
possible rating at 25%.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

TRUST_ITEMS = ("reliable", "mission", "open")
VALUE_ITEMS = ("influence", "involvement", "resources")
ITEMS = TRUST_ITEMS + VALUE_ITEMS
RATING_SCALE = range(1, 5)
NORMALISATION = "(mean − 1) ÷ 3 × 100"
MIN_RATERS = 3


class Hidden(StrEnum):
    """Why a trust or value score is not shown, in the words the pages use."""

    FEW_RATERS = "withheld: rated by fewer than three partner organisations"
    FEW_ANSWERED = "withheld: fewer than three partner organisations answered"
    GIVES_AWAY = "withheld: showing it would let a withheld organisation's score be worked out"


class RatingError(ValueError):
    """A rating the survey does not allow: out of range, of oneself, or of a stranger."""


@dataclass(frozen=True, slots=True)
class Rating:
    """One respondent's ratings of one other organisation, by item (``None`` = skipped)."""

    rater: str
    rated: str
    values: Mapping[str, int | None]


@dataclass(frozen=True, slots=True)
class Score:
    """A trust or value score: the mean of ``raters`` organisations' ratings, or withheld (then
    ``mean`` is ``None``; an organisation nobody rated has neither a mean nor a reason)."""

    mean: Fraction | None
    raters: int
    withheld: Hidden | None = None


@dataclass(frozen=True, slots=True)
class OrganisationScore:
    trust: Score
    value: Score
    rated_by: int  # how many other organisations rated it on at least one item


@dataclass(frozen=True, slots=True)
class NetworkScores:
    organisations: Mapping[str, OrganisationScore]
    trust: Score
    value: Score
    answered: int  # how many organisations gave at least one rating


def percent(mean: Fraction) -> Fraction:
    """A mean on the 1-to-4 scale as a percentage: 1 is 0%, 4 is 100%."""
    return (mean - 1) / 3 * 100


def _mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def _check(rating: Rating, known: set[str]) -> None:
    for name in (rating.rater, rating.rated):
        if name not in known:
            raise RatingError(f"{name!r} is not one of the organisations in this survey")
    if rating.rater == rating.rated:
        raise RatingError(f"{rating.rater!r} cannot rate itself")
    for item, value in rating.values.items():
        if item not in ITEMS:
            raise RatingError(f"no rating item {item!r}")
        if value is not None and value not in RATING_SCALE:
            raise RatingError(f"a rating must be 1 to 4 or skipped, not {value!r}")


def score_relationships(organisations: Sequence[str], ratings: Iterable[Rating]) -> NetworkScores:
    """Trust and value for each organisation and for the network."""
    known = set(organisations)
    # (rater, rated, item) -> the ratings the rater's people gave
    cells: defaultdict[tuple[str, str, str], list[Fraction]] = defaultdict(list)
    for rating in ratings:
        _check(rating, known)
        for item, answer in rating.values.items():
            if answer is not None:
                cells[(rating.rater, rating.rated, item)].append(Fraction(answer))
    # Each organisation's rating of another on an item: its people's ratings averaged.
    voices = {key: sum(values, Fraction(0)) / len(values) for key, values in cells.items()}
    exact: dict[str, dict[str, Score]] = {}
    scores: dict[str, OrganisationScore] = {}
    for name in organisations:
        given = {(rater, item): v for (rater, rated, item), v in voices.items() if rated == name}
        exact[name] = {
            kind: _exact(given, items)
            for kind, items in (("trust", TRUST_ITEMS), ("value", VALUE_ITEMS))
        }
        scores[name] = OrganisationScore(
            trust=_shown(exact[name]["trust"]),
            value=_shown(exact[name]["value"]),
            rated_by=len({rater for (rater, _) in given}),
        )
    trusts = [exact[name]["trust"] for name in organisations]
    worths = [exact[name]["value"] for name in organisations]
    return NetworkScores(
        organisations=scores,
        trust=_network(trusts, _answered(voices, TRUST_ITEMS)),
        value=_network(worths, _answered(voices, VALUE_ITEMS)),
        answered=_answered(voices, ITEMS),
    )


def _answered(voices: Mapping[tuple[str, str, str], Fraction], items: Sequence[str]) -> int:
    """How many organisations gave at least one rating on ``items``."""
    return len({rater for (rater, _, item) in voices if item in items})


def _exact(given: Mapping[tuple[str, str], Fraction], items: Sequence[str]) -> Score:
    """The exact score from the organisations' ratings on ``items``, not yet checked."""
    chosen = [(rater, v) for (rater, item), v in given.items() if item in items]
    return Score(_mean([v for _, v in chosen]), len({rater for rater, _ in chosen}))


def _shown(score: Score) -> Score:
    """The score as it may be shown: withheld when fewer than three organisations gave it."""
    if score.mean is None or score.raters >= MIN_RATERS:
        return score
    return Score(None, score.raters, Hidden.FEW_RATERS)


def _network(exact: Sequence[Score], answered: int) -> Score:
    """The mean of the organisations' scores, unless it would give a withheld one away.
    ``answered`` is how many organisations gave a rating of this kind (trust or value)."""
    rated = [score for score in exact if score.mean is not None]
    total = _mean([score.mean for score in rated if score.mean is not None])
    if total is None:
        return Score(None, answered)
    if answered < MIN_RATERS:
        return Score(None, answered, Hidden.FEW_ANSWERED)
    shown = [score for score in rated if score.raters >= MIN_RATERS]
    if shown and len(shown) < len(rated):
        return Score(None, answered, Hidden.GIVES_AWAY)
    return Score(total, answered)
