"""Random networks measured by the engine and by networkx (or a plain loop where networkx has
no such measure) must agree on every figure."""

from __future__ import annotations

import datetime
import random

import pytest
from hypothesis import given, settings

from equalpartners.engines.networks import Member, Tie, measure

from . import reference
from .strategies import Case, cases

CHECK = settings(max_examples=300, deadline=None)


def agree(case: Case) -> None:
    got = measure(
        case.people, case.ties, since=case.since, until=case.until, directed=case.directed
    )
    want = reference.expected(
        case.people, case.ties, since=case.since, until=case.until, directed=case.directed
    )
    assert got.people == want.people
    assert got.ties == want.ties
    assert got.directed == case.directed
    assert got.density == pytest.approx(want.density, abs=1e-12)
    assert got.degree_centralization == pytest.approx(want.degree_centralization, abs=1e-12)
    assert got.ei_index == pytest.approx(want.ei_index, abs=1e-12)
    assert got.assortativity == pytest.approx(want.assortativity, abs=1e-9)
    assert got.brokerage == want.brokerage
    assert got.new_cross_sector_ties == want.new_cross_sector_ties
    assert got.by_person == want.by_person


@CHECK
@given(cases())
def test_every_measure_agrees_with_networkx_on_random_networks(case: Case) -> None:
    agree(case)


@settings(max_examples=60, deadline=None)
@given(cases(max_people=40))
def test_every_measure_agrees_on_larger_random_networks(case: Case) -> None:
    agree(case)


@pytest.mark.parametrize("seed", range(4))
def test_brokerage_agrees_on_a_clustered_network_with_many_closed_and_mutual_paths(
    seed: int,
) -> None:
    """Organisations of five inside four sectors, most ties inside the organisation and many
    returned, so closed two-step paths and paths back to the start are common."""
    rng = random.Random(seed)
    people = [Member(f"p{i}", f"o{i // 5}", "TPBC"[(i // 5) % 4]) for i in range(120)]
    ties = []
    day = datetime.date(2024, 1, 1)
    for _ in range(1500):
        a = rng.randrange(120)
        b = 5 * (a // 5) + rng.randrange(5) if rng.random() < 0.6 else rng.randrange(120)
        if a != b:
            ties.append(Tie(f"p{a}", f"p{b}", day))
            if rng.random() < 0.5:
                ties.append(Tie(f"p{b}", f"p{a}", day))
    agree(Case(people, ties, None, None, True))
    agree(Case(people, ties, None, None, False))


def test_nobody_brokers_in_a_complete_network_as_every_path_is_closed() -> None:
    """Every role has closed paths here (four sectors, two people each), so each subtraction of
    closed paths is exercised; a missing one would leave that role non-zero."""
    people = [Member(f"p{i}", f"o{i}", "TPBC"[i // 2]) for i in range(8)]
    day = datetime.date(2024, 1, 1)
    ties = [Tie(a.id, b.id, day) for a in people for b in people if a != b]
    result = measure(people, ties, directed=True)
    assert result.brokerage == {}
    assert result.density == 1.0
    one_way = [t for t in ties if t.a < t.b]  # closed paths but none back to the start
    assert measure(people, one_way, directed=True).brokerage == {}
