"""Hypothesis strategies for random elections (shared by the oracle and property tests)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from hypothesis import strategies as st

from equalpartners.engines.voting import Ballot, Election, Grades, Ranking, Scale

NAMES = ("Ayr", "Banff", "Crail", "Dunbar", "Elgin", "Fife")
PARTNERS = ("Leadership", "Children", "Health")


@dataclass(frozen=True)
class Profile:
    """Options and rankings as index lists (best first, inner lists for ties), with counts."""

    size: int
    rankings: tuple[tuple[tuple[int, ...], ...], ...]
    counts: tuple[int, ...]
    partners: tuple[str, ...]

    @property
    def options(self) -> tuple[str, ...]:
        return NAMES[: self.size]

    def election(self) -> Election:
        ballots = tuple(
            Ballot(
                Ranking(tuple(tuple(self.options[i] for i in tier) for tier in ranking)),
                count,
                partner,
            )
            for ranking, count, partner in zip(
                self.rankings, self.counts, self.partners, strict=True
            )
        )
        return Election(options=self.options, ballots=ballots)


@st.composite
def strict_ranking(draw: st.DrawFn, size: int) -> tuple[tuple[int, ...], ...]:
    order = draw(st.permutations(range(size)))
    return tuple((i,) for i in order)


@st.composite
def weak_ranking(draw: st.DrawFn, size: int) -> tuple[tuple[int, ...], ...]:
    """A ranking with ties and, sometimes, options left out (never empty)."""
    order = draw(st.permutations(range(size)))
    ranked = draw(st.integers(1, size))
    tiers: list[tuple[int, ...]] = []
    position = 0
    while position < ranked:
        width = draw(st.integers(1, ranked - position))
        tiers.append(tuple(sorted(order[position : position + width])))
        position += width
    return tuple(tiers)


@st.composite
def profiles(
    draw: st.DrawFn,
    *,
    min_size: int = 2,
    max_size: int = 5,
    weak: bool = False,
    max_ballots: int = 12,
) -> Profile:
    size = draw(st.integers(min_size, max_size))
    kind = weak_ranking if weak else strict_ranking
    rankings = draw(st.lists(kind(size), min_size=1, max_size=max_ballots))
    counts = draw(st.lists(st.integers(1, 5), min_size=len(rankings), max_size=len(rankings)))
    partners = draw(
        st.lists(st.sampled_from(PARTNERS), min_size=len(rankings), max_size=len(rankings))
    )
    return Profile(size, tuple(rankings), tuple(counts), tuple(partners))


@st.composite
def graded_elections(
    draw: st.DrawFn, *, low: int = 0, high: int = 4, complete: bool = True, max_size: int = 5
) -> Election:
    """Grades ballots; `complete` grades every option on every ballot."""
    size = draw(st.integers(2, max_size))
    options = NAMES[:size]
    grade = st.integers(low, high)
    count = draw(st.integers(1, 12))
    ballots = []
    for _ in range(count):
        if complete:
            grades = {option: draw(grade) for option in options}
        else:
            grades = draw(st.dictionaries(st.sampled_from(options), grade))
        ballots.append(
            Ballot(Grades(grades), draw(st.integers(1, 4)), draw(st.sampled_from(PARTNERS)))
        )
    return Election(options=options, ballots=tuple(ballots), scale=Scale(low, high))


def exact(scores: Mapping[str, int | Fraction]) -> dict[str, Fraction]:
    """Expected figures as the exact fractions results hold."""
    return {name: Fraction(value) for name, value in scores.items()}
