"""One wave of a health check scored: answers in, a mean for each factor and heading out, for
everyone and for each group (partner), with the figures that must be withheld marked.

A person's score for a factor is the mean of their answers to its statements ("don't know" is
left out); the factor's mean is the mean of those scores over the people who gave one, so each
person counts once however many statements a factor has.

A heading's figure is the mean of its factors' means, and is shown only when every one of its
factors is shown. It is *not* the mean over each person's answers under the heading: when "don't
know" leaves a person out of one factor but not another, that mean rests on a different set of
people from its factors', and putting the heading, the factors and how many answered each
together would give that person's answers away (six answer a heading of two one-statement
factors and one of them says "don't know" to one factor: twelve times the heading, less six
times one factor and five times the other, is that person's answer). As the mean of the factor
means, a heading tells nothing that its factors do not already show. Its ``n`` is how many
people answered at least one of its statements. Everything is exact (``Fraction``) until it is
shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .anonymity import MIN_ANSWERS, Withheld, withheld_groups
from .bands import SCALE, Band, band_of


class AnswerError(ValueError):
    """An answer the scale does not allow, or a statement the instrument does not have."""


@dataclass(frozen=True, slots=True)
class Instrument:
    """Which factor each statement belongs to (``items``) and which heading each factor is under
    (``factors``), by key."""

    items: Mapping[str, str]
    factors: Mapping[str, str]

    def heading_of(self, item: str) -> str:
        return self.factors[self.items[item]]


@dataclass(frozen=True, slots=True)
class Response:
    """One person's answers by statement key (``None`` for "don't know") and their group."""

    answers: Mapping[str, int | None]
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure: the mean of ``n`` people's scores, or withheld (``mean`` is then ``None``)."""

    n: int
    mean: Fraction | None
    withheld: Withheld | None = None

    @property
    def band(self) -> Band | None:
        return band_of(self.mean) if self.mean is not None else None


@dataclass(frozen=True, slots=True)
class Scores:
    factors: Mapping[str, Cell]
    headings: Mapping[str, Cell]


@dataclass(frozen=True, slots=True)
class GroupScores:
    responses: int
    withheld: Withheld | None
    scores: Scores


@dataclass(frozen=True, slots=True)
class WaveScores:
    responses: int
    withheld: Withheld | None  # the whole wave, when fewer than five people answered
    overall: Scores
    groups: Mapping[str, GroupScores]


def mean(values: Sequence[Fraction]) -> Fraction:
    return sum(values, Fraction(0)) / len(values)


def person_scores(instrument: Instrument, answers: Mapping[str, int | None]) -> dict[str, Fraction]:
    """One person's score for each factor they answered (not "don't know")."""
    by_factor: defaultdict[str, list[Fraction]] = defaultdict(list)
    for item, value in answers.items():
        if item not in instrument.items:
            raise AnswerError(f"no statement {item!r} in this health check")
        if value is None:
            continue
        if value not in SCALE:
            raise AnswerError(f"an answer must be 1 to 5 or don't know, not {value!r}")
        by_factor[instrument.items[item]].append(Fraction(value))
    return {key: mean(values) for key, values in by_factor.items()}


def _cells(
    keys: Iterable[str],
    everyone: Mapping[str, list[Fraction]],
    grouped: Mapping[str, Mapping[str, list[Fraction]]],
    minimum: int,
) -> tuple[dict[str, Cell], dict[str, dict[str, Cell]]]:
    overall: dict[str, Cell] = {}
    groups: dict[str, dict[str, Cell]] = {group: {} for group in grouped}
    for key in keys:
        values = everyone.get(key, [])
        counts = {group: len(scores.get(key, [])) for group, scores in grouped.items()}
        hidden = withheld_groups(counts, len(values), minimum=minimum)
        if len(values) < minimum:
            overall[key] = Cell(len(values), None, Withheld.FEW)
        else:
            overall[key] = Cell(len(values), mean(values))
        for group, scores in grouped.items():
            n = counts[group]
            if group in hidden:
                groups[group][key] = Cell(n, None, hidden[group])
            else:
                groups[group][key] = Cell(n, mean(list(scores[key])))
    return overall, groups


def _headings(
    instrument: Instrument, factors: Mapping[str, Cell], people: Mapping[str, int]
) -> dict[str, Cell]:
    """Each heading's figure from its factors' figures in the same table: the mean of their
    means when all are shown, withheld otherwise. ``people`` is how many answered under each."""
    under: defaultdict[str, list[Cell]] = defaultdict(list)
    for key, cell in factors.items():
        under[instrument.factors[key]].append(cell)
    cells: dict[str, Cell] = {}
    for heading, parts in under.items():
        means = [cell.mean for cell in parts if cell.mean is not None]
        n = people.get(heading, 0)
        if len(means) == len(parts):
            cells[heading] = Cell(n, mean(means))
            continue
        reasons = {cell.withheld for cell in parts}
        same = reasons.pop() if len(reasons) == 1 and not means else None
        cells[heading] = Cell(n, None, same or Withheld.FACTOR)
    return cells


def score_wave(
    instrument: Instrument, responses: Iterable[Response], *, minimum: int = MIN_ANSWERS
) -> WaveScores:
    """Every factor's and heading's figure, overall and by group, with small groups withheld."""
    factor_keys = list(dict.fromkeys(instrument.items.values()))
    factors: defaultdict[str, list[Fraction]] = defaultdict(list)
    group_factors: defaultdict[str, defaultdict[str, list[Fraction]]] = defaultdict(
        lambda: defaultdict(list)
    )
    people: defaultdict[str, int] = defaultdict(int)  # heading -> how many answered under it
    group_people: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    group_sizes: defaultdict[str, int] = defaultdict(int)
    count = 0
    for response in responses:
        count += 1
        by_factor = person_scores(instrument, response.answers)
        headings = {instrument.factors[key] for key in by_factor}
        for key, score in by_factor.items():
            factors[key].append(score)
        for heading in headings:
            people[heading] += 1
        if response.group is not None:
            group_sizes[response.group] += 1
            for key, score in by_factor.items():
                group_factors[response.group][key].append(score)
            for heading in headings:
                group_people[response.group][heading] += 1
    for group in group_sizes:  # a group whose people all said "don't know" still has a place
        group_factors.setdefault(group, defaultdict(list))
    overall_factors, grouped_factors = _cells(factor_keys, factors, group_factors, minimum)
    hidden_groups = withheld_groups(dict(group_sizes), count, minimum=minimum)
    return WaveScores(
        responses=count,
        withheld=Withheld.FEW if count < minimum else None,
        overall=Scores(overall_factors, _headings(instrument, overall_factors, people)),
        groups={
            group: GroupScores(
                responses=size,
                withheld=Withheld.FEW if hidden_groups.get(group) is Withheld.FEW else None,
                scores=Scores(
                    grouped_factors[group],
                    _headings(instrument, grouped_factors[group], group_people[group]),
                ),
            )
            for group, size in sorted(group_sizes.items())
        },
    )
