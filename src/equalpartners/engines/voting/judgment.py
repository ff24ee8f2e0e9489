"""Majority judgment with Balinski and Laraki's full tie-break, computed without removing grades.

Ours because common implementations stop after the first tie-break step. The full procedure takes
each option's lower median grade; while two options share it, one median grade is removed from each
and the new medians compared. Removing medians one at a time visits the sorted grades from the
middle outwards (the lower side first when the count is odd, the middle-low grade first when it is
even), so the procedure compares the two sorted lists at the earliest-visited position where they
differ. We find that position from the runs of equal grades, which takes a few steps per grade
whatever the number of voters.

With partner weighting, a partner's weight is shared among its people; the procedure then removes
grades in the smallest whole unit that represents every option's share of each grade exactly, which
duplicating a partner's ballots does not change.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key, reduce
from itertools import accumulate
from math import gcd

from .ballots import BallotError, Election, Grades
from .methods import Method
from .result import Result
from .weighting import Weights
from .wording import amount, join, plural


@dataclass(frozen=True, slots=True)
class GradeRuns:
    """An option's grades sorted low to high, as runs: grades[i] fills positions up to ends[i]."""

    grades: tuple[int, ...]
    ends: tuple[int, ...]  # cumulative counts, 1-based last position of each run

    @property
    def size(self) -> int:
        return self.ends[-1] if self.ends else 0

    def at(self, position: int) -> int:
        """The grade at a 1-based position in the sorted list."""
        return self.grades[bisect_left(self.ends, position)]

    @property
    def median(self) -> int | None:
        """The lower median grade."""
        return self.at((self.size + 1) // 2) if self.size else None


def runs_from_counts(counts: dict[int, int]) -> GradeRuns:
    """Runs from a grade -> count mapping (zero counts dropped)."""
    grades = tuple(sorted(grade for grade, count in counts.items() if count))
    return GradeRuns(grades, tuple(accumulate(counts[grade] for grade in grades)))


def removal_step(position: int, size: int) -> int:
    """How many median grades are removed before the one at `position` becomes the median."""
    if size % 2:
        centre = (size + 1) // 2
        return 2 * (centre - position) - 1 if position < centre else 2 * (position - centre)
    half = size // 2
    return 2 * (half - position) if position <= half else 2 * (position - half - 1) + 1


@dataclass(frozen=True, slots=True)
class Difference:
    """Where two options' majority values first differ: after `step` removals, their medians."""

    step: int
    first: int
    second: int


def first_difference(first: GradeRuns, second: GradeRuns) -> Difference | None:
    """The earliest removal step at which the two options' medians differ, or None if never."""
    size = first.size
    centres = (size + 1) // 2, size // 2 + 1
    best: tuple[int, int] | None = None  # (step, position)
    low = 1
    for high in sorted(set(first.ends) | set(second.ends)):
        if first.at(high) != second.at(high):
            spots = {low, high, *(c for c in centres if low <= c <= high)}
            step, position = min((removal_step(p, size), p) for p in spots)
            if best is None or step < best[0]:
                best = step, position
        low = high + 1
    if best is None:
        return None
    return Difference(best[0], first.at(best[1]), second.at(best[1]))


def compare(first: GradeRuns, second: GradeRuns) -> int:
    """Positive if `first` ranks above `second` under majority judgment, 0 if they tie."""
    difference = first_difference(first, second)
    return 0 if difference is None else difference.first - difference.second


def grade_runs(election: Election, weights: Weights) -> dict[str, GradeRuns]:
    """Each option's grades (ungraded counting as the lowest grade) in whole units."""
    if election.scale is None:
        raise BallotError("majority judgment needs the file to declare a 'scale'")
    lowest = election.scale.low
    grades = range(lowest, election.scale.high + 1)
    counts = {option: dict.fromkeys(grades, 0) for option in election.options}
    for ballot, weight in zip(election.ballots, weights.values, strict=True):
        given = ballot.content.grades if isinstance(ballot.content, Grades) else {}
        for option in election.options:
            counts[option][given.get(option, lowest)] += weight
    smallest = reduce(gcd, (c for per in counts.values() for c in per.values()), weights.unit)
    return {
        option: runs_from_counts({grade: c // smallest for grade, c in per.items()})
        for option, per in counts.items()
    }


def majority_judgment(election: Election, weights: Weights) -> Result:
    """Highest lower median grade wins; ties settled by removing median grades one at a time."""
    options = election.options
    runs = grade_runs(election, weights)

    def better_first(a: str, b: str) -> int:
        return compare(runs[b], runs[a])

    order = sorted(options, key=cmp_to_key(better_first))
    tiers: list[list[str]] = []
    for option in order:
        if tiers and compare(runs[tiers[-1][0]], runs[option]) == 0:
            tiers[-1].append(option)
        else:
            tiers.append([option])
    ranking = tuple(tuple(o for o in options if o in tier) for tier in tiers)
    medians = {o: runs[o].median for o in options}
    scores = {o: Fraction(m) for o, m in medians.items() if m is not None} or None
    winners = ranking[0] if scores else options
    text = _explain(ranking, runs, scores)
    return Result(Method.MAJORITY_JUDGMENT, options, winners, text, ranking=ranking, scores=scores)


def _explain(
    ranking: Sequence[Sequence[str]], runs: dict[str, GradeRuns], scores: dict[str, Fraction] | None
) -> str:
    if scores is None:
        return "No ballot grades any option, so every option ties."
    winners = ranking[0]
    top = amount(scores[winners[0]])
    others = join(f"{amount(scores[o])} for {o}" for tier in ranking[1:] for o in tier)
    if len(winners) == 1:
        text = f"{winners[0]} has the highest median grade, {top}"
    else:
        text = f"{join(winners)} tie with the same grades throughout, median {top}"
    text += f", against {others}." if others else "."
    if len(ranking) > 1:
        runner_up = ranking[1][0]
        if scores[runner_up] == scores[winners[0]]:
            difference = first_difference(runs[winners[0]], runs[runner_up])
            if difference is not None:
                text += (
                    f" {join(winners)} and {runner_up} share that median, so median grades are"
                    f" removed one at a time (Balinski and Laraki's procedure): after"
                    f" {plural(difference.step, 'removal')}, the median is {difference.first} for"
                    f" {winners[0]} and {difference.second} for {runner_up}."
                )
    return text
