"""Random small networks for property tests: people in a few sectors and organisations, and
dated ties that repeat pairs, go both ways and close triangles often enough to matter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from hypothesis import strategies as st

from equalpartners.engines.networks import Member, Tie

START = datetime.date(2023, 1, 1)


@dataclass(frozen=True)
class Case:
    people: list[Member]
    ties: list[Tie]
    since: datetime.date | None
    until: datetime.date | None
    directed: bool


def day(offset: int | None) -> datetime.date | None:
    return None if offset is None else START + datetime.timedelta(days=offset)


@st.composite
def cases(draw: st.DrawFn, max_people: int = 12) -> Case:
    n = draw(st.integers(min_value=1, max_value=max_people))
    sectors = draw(st.integers(min_value=1, max_value=4))
    people = [
        Member(
            id=f"p{i}",
            organisation=f"o{draw(st.integers(0, 3))}",
            sector="TPBC"[draw(st.integers(0, sectors - 1))],
        )
        for i in range(n)
    ]
    ties: list[Tie] = []
    if n >= 2:
        # b is a step of 1..n-1 round from a, so nobody is tied to themself; `both` adds the
        # tie back the other way, which makes the paths a -> v -> a that brokerage must skip.
        dated = st.tuples(
            st.integers(0, n - 1), st.integers(1, n - 1), st.integers(0, 30), st.booleans()
        )
        for a, step, on, both in draw(st.lists(dated, max_size=4 * n)):
            b, when = (a + step) % n, START + datetime.timedelta(days=on)
            ties.append(Tie(f"p{a}", f"p{b}", when, "met"))
            if both:
                ties.append(Tie(f"p{b}", f"p{a}", when, "met"))
    since = draw(st.none() | st.integers(0, 30))
    until = draw(st.none() | st.integers(since or 0, 30))
    return Case(people, ties, day(since), day(until), draw(st.booleans()))
