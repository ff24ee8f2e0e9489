"""Trust and value between partner organisations, in the style of the PARTNER tool.

Each respondent rates each other partner from 1 to 4 on three trust items (reliable, supports our
mission, open to discussion) and three value items (influence, level of involvement, resources
they bring), and may skip any. An organisation's trust score is the mean of the trust ratings the
*other* organisations gave it; its value score likewise.

When several people of one organisation answer, their ratings of a partner on an item are first
averaged into their organisation's rating, so that an organisation that sends more people does
not count more: each organisation is one voice, as in the rest of Equal Partners. With one
respondent per organisation (as PARTNER expects) this is exactly PARTNER's mean of the ratings.
The network's scores are the mean of the organisations' scores.

Scores are shown as a mean on the 1-to-4 scale and as a percentage, (mean - 1) / 3 x 100: the
lowest possible rating is 0% and the highest 100%. (Dividing by 4 instead would put the lowest
possible rating at 25%.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

TRUST_ITEMS = ("reliable", "mission", "open")
VALUE_ITEMS = ("influence", "involvement", "resources")
ITEMS = TRUST_ITEMS + VALUE_ITEMS
RATING_SCALE = range(1, 5)
NORMALISATION = "(mean − 1) ÷ 3 × 100"


class RatingError(ValueError):
    """A rating the survey does not allow: out of range, of oneself, or of a stranger."""


@dataclass(frozen=True, slots=True)
class Rating:
    """One respondent's ratings of one other organisation, by item (``None`` = skipped)."""

    rater: str
    rated: str
    values: Mapping[str, int | None]


@dataclass(frozen=True, slots=True)
class OrganisationScore:
    trust: Fraction | None
    value: Fraction | None
    rated_by: int  # how many other organisations rated it on at least one item


@dataclass(frozen=True, slots=True)
class NetworkScores:
    organisations: Mapping[str, OrganisationScore]
    trust: Fraction | None
    value: Fraction | None
    coverage: frozenset[tuple[str, str]]  # (rater, rated) pairs with at least one rating


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
    scores: dict[str, OrganisationScore] = {}
    for name in organisations:
        given = {(rater, item): v for (rater, rated, item), v in voices.items() if rated == name}
        trust = [v for (_, item), v in given.items() if item in TRUST_ITEMS]
        value = [v for (_, item), v in given.items() if item in VALUE_ITEMS]
        raters = {rater for (rater, _) in given}
        scores[name] = OrganisationScore(_mean(trust), _mean(value), len(raters))
    trusts = [s.trust for s in scores.values() if s.trust is not None]
    worths = [s.value for s in scores.values() if s.value is not None]
    return NetworkScores(
        organisations=scores,
        trust=_mean(trusts),
        value=_mean(worths),
        coverage=frozenset((rater, rated) for (rater, rated, _) in voices),
    )
