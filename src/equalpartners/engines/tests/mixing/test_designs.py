"""Constructions for the social golfer problem, checked by a checker written here from the problem
statement (CSPLib prob010), independent of the module's own."""

from __future__ import annotations

import csv
import itertools
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equalpartners.engines.mixing import cyclic, designs, fields

FIELD_ORDERS = [2, 3, 4, 5, 7, 8, 9, 11, 13, 16]

# (groups, size, best known rounds) from bench/mixing/sgp-instances.csv (OEIS A107431,
# Triska's SGP page). Every seed we tried (0-7) reaches them, each in under 1.5 s.
BEST_KNOWN = [
    (4, 3, 4),
    (5, 3, 7),
    (6, 3, 8),
    (7, 3, 10),
    (4, 4, 5),
    (5, 4, 5),
    (6, 4, 7),
    (5, 5, 6),
    (6, 5, 6),
    (6, 6, 3),
]
# Best known but beyond our constructions: 8-4-10 (Aguado 2004) is a resolvable 4-GDD of type 2^16
# and neither Z_10 (three orbits of 10 and two fixed points) nor Z_5 searches found one; we reach
# 8-4-9 (see test_eight_fours_reach_nine).
NOT_REACHED = [(8, 4, 10)]
INSTANCES_CSV = Path(__file__).parents[5] / "bench" / "mixing" / "sgp-instances.csv"


def check(schedule: list[list[list[int]]], groups: int, size: int) -> set[frozenset[int]]:
    """Asserts every round partitions range(groups * size) into groups of `size` and no pair of
    players shares a group twice; returns the pairs that met."""
    everyone = set(range(groups * size))
    met: set[frozenset[int]] = set()
    for number, rnd in enumerate(schedule):
        assert len(rnd) == groups, f"round {number} has {len(rnd)} groups"
        seated = [p for group in rnd for p in group]
        assert len(seated) == len(everyone), f"round {number}"
        assert set(seated) == everyone, f"round {number}"
        for group in rnd:
            assert len(group) == size
            for a, b in itertools.combinations(group, 2):
                pair = frozenset((a, b))
                assert pair not in met, f"{a} and {b} meet twice"
                met.add(pair)
    return met


def all_pairs(n: int) -> set[frozenset[int]]:
    return {frozenset(p) for p in itertools.combinations(range(n), 2)}


# --- finite fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("q", FIELD_ORDERS)
def test_field_axioms(q):
    f = fields.field(q)
    elems = range(q)
    for a in elems:
        assert f.add(a, 0) == a
        assert f.mul(a, 1) == a
        assert f.mul(a, 0) == 0
        assert f.add(a, f.neg(a)) == 0
        assert f.sub(a, a) == 0
        if a:
            assert f.mul(a, f.inv(a)) == 1
        for b in elems:
            assert f.add(a, b) == f.add(b, a)
            assert f.mul(a, b) == f.mul(b, a)
            assert 0 <= f.add(a, b) < q
            assert 0 <= f.mul(a, b) < q
            if a and b:
                assert f.mul(a, b) != 0, "no zero divisors"
            for c in elems:
                assert f.add(f.add(a, b), c) == f.add(a, f.add(b, c))
                assert f.mul(f.mul(a, b), c) == f.mul(a, f.mul(b, c))
                assert f.mul(a, f.add(b, c)) == f.add(f.mul(a, b), f.mul(a, c))


@pytest.mark.parametrize("q", FIELD_ORDERS)
def test_field_characteristic(q):
    f = fields.field(q)
    p, _ = fields.prime_power(q) or (0, 0)
    for a in range(q):
        total = 0
        for _ in range(p):
            total = f.add(total, a)
        assert total == 0


def test_prime_powers():
    assert [q for q in range(1, 30) if fields.prime_power(q)] == [
        2, 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 19, 23, 25, 27, 29,
    ]  # fmt: skip
    assert fields.prime_power(64) == (2, 6)
    assert fields.prime_power(81) == (3, 4)


def test_no_field_of_composite_order():
    with pytest.raises(ValueError, match="not a prime power"):
        fields.field(6)
    with pytest.raises(ZeroDivisionError):
        fields.field(5).inv(0)


# --- round robin -----------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(2, 21))
def test_round_robin(n):
    rounds = designs.round_robin(n)
    met: set[frozenset[int]] = set()
    for rnd in rounds:
        seated = [p for pair in rnd for p in pair]
        assert len(seated) == len(set(seated))
        assert all(len(pair) == 2 for pair in rnd)
        if n % 2 == 0:
            assert sorted(seated) == list(range(n))
        else:
            assert len(seated) == n - 1  # one bye
        for pair in rnd:
            key = frozenset(pair)
            assert key not in met
            met.add(key)
    assert len(rounds) == (n - 1 if n % 2 == 0 else n)
    assert met == all_pairs(n)
    if n % 2:
        byes = [next(iter(set(range(n)) - {p for pair in rnd for p in pair})) for rnd in rounds]
        assert sorted(byes) == list(range(n)), "everyone sits out exactly once"


def test_round_robin_of_one():
    assert designs.round_robin(1) == []


# --- affine planes and transversal designs ---------------------------------------------------


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9])
def test_affine_plane_is_a_resolvable_design(q):
    plane = designs.affine_plane(q)
    assert len(plane) == q + 1
    assert check(plane, q, q) == all_pairs(q * q), "every pair exactly once"


@pytest.mark.parametrize(("q", "rounds"), [(4, 1), (4, 3), (5, 6), (7, 0)])
def test_affine_plane_truncated(q, rounds):
    plane = designs.affine_plane(q, rounds)
    assert len(plane) == rounds
    check(plane, q, q)


def test_affine_plane_refuses_too_many_rounds():
    with pytest.raises(ValueError, match="parallel classes"):
        designs.affine_plane(4, 6)
    with pytest.raises(ValueError, match="prime power"):
        designs.affine_plane(6)


@pytest.mark.parametrize(("q", "size"), [(4, 3), (5, 4), (8, 5), (9, 2), (16, 7)])
def test_transversal(q, size):
    design = designs.transversal(q, size, q)
    assert len(design) == q
    check(design, q, size)


# --- modular grid ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tables", "size", "rounds"),
    [(250, 8, 5), (7, 7, 7), (11, 5, 9), (10, 3, 5), (6, 6, 3), (125, 8, 7)],
)
def test_modular_grid(tables, size, rounds):
    grid = designs.modular_grid(tables, size, rounds)
    assert grid is not None
    assert len(grid) == rounds
    check(grid, tables, size)


def test_two_thousand_people_in_tables_of_eight():
    grid = designs.modular_grid(250, 8, 5)
    assert grid is not None
    met = check(grid, 250, 8)
    assert len(met) == 5 * 250 * 28


@pytest.mark.parametrize(("tables", "size", "rounds"), [(6, 4, 3), (10, 3, 6), (8, 5, 3)])
def test_modular_grid_refuses_a_clash(tables, size, rounds):
    assert designs.modular_grid(tables, size, rounds) is None


def _grid_has_repeats(tables: int, size: int, rounds: int) -> bool:
    """Builds the grid by its definition and looks for a repeated pair."""
    met: set[frozenset[int]] = set()
    for r in range(rounds):
        for t in range(tables):
            group = [i * tables + (t + r * i) % tables for i in range(size)]
            for a, b in itertools.combinations(group, 2):
                if frozenset((a, b)) in met:
                    return True
                met.add(frozenset((a, b)))
    return False


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40), st.integers(1, 9), st.integers(0, 12))
def test_modular_grid_property(tables, size, rounds):
    grid = designs.modular_grid(tables, size, rounds)
    if grid is not None:
        assert len(grid) == rounds
        check(grid, tables, size)
    elif size != tables:
        assert _grid_has_repeats(tables, size, rounds)


@settings(max_examples=80, deadline=None)
@given(st.integers(2, 40), st.integers(2, 9))
def test_modular_grid_rounds_is_the_limit(tables, size):
    most = designs.modular_grid_rounds(tables, size)
    assert designs.modular_grid(tables, size, most) is not None
    assert designs.modular_grid(tables, size, most + 1) is None


# --- the difference method -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "size"),
    [
        (cyclic.Action(7, (1, 7, 7), 1), 3),  # Kirkman triple system of order 15
        (cyclic.Action(4, (2, 4, 4, 4, 4), 2), 3),  # nearly Kirkman, 18 points
        (cyclic.Action(7, (1, 1, 1, 7, 7, 7), 1), 4),
    ],
)
def test_search_base_rounds(action, size):
    found = cyclic.difference_search(
        action.points // size,
        size,
        action.rounds,
        deadline=time.monotonic() + 30,
        seed=1,
        candidates=[action],
    )
    assert found is not None
    rounds, used = found
    assert used == action
    assert len(rounds) == action.rounds
    check(rounds, action.points // size, size)
    base = cyclic.search_base_rounds(
        action, size, seed=1, node_limit=1, deadline=time.monotonic() + 30
    )
    assert base is None, "a budget of one node runs out"


def test_actions_respect_counting():
    for action in cyclic.actions(5, 3, 7):
        assert action.points == 15
        assert action.rounds >= 7
        assert action.full_orbits() >= action.base * 5 * 3
    assert cyclic.Action(7, (1, 7, 7), 1) in cyclic.actions(5, 3, 7)


def test_orbit_matrix_counts_kirkman_orbits():
    orbit, count = cyclic.orbit_matrix(cyclic.Action(7, (1, 7, 7), 1))
    assert count == 15  # 2 x 3 pure differences, 7 mixed, 2 with the fixed point
    assert all(orbit[a][a] == count for a in range(15))


# --- the dispatcher --------------------------------------------------------------------------


def test_best_known_list_matches_the_shared_csv():
    with INSTANCES_CSV.open() as handle:
        rows = [
            (int(r["groups"]), int(r["size"]), int(r["best_known_rounds"]))
            for r in csv.DictReader(handle)
        ]
    assert sorted(rows) == sorted(BEST_KNOWN + NOT_REACHED)


@pytest.mark.parametrize(("groups", "size", "rounds"), BEST_KNOWN)
def test_construct_reaches_best_known(groups, size, rounds):
    found = designs.construct(groups, size, rounds, deadline=time.monotonic() + 60, seed=0)
    assert found is not None, f"{groups}-{size}-{rounds}"
    schedule, name = found
    assert len(schedule) == rounds
    check(schedule, groups, size)
    assert name


def test_eight_fours_reach_nine():
    found = designs.construct(8, 4, 9, deadline=time.monotonic() + 60, seed=0)
    assert found is not None
    check(found[0], 8, 4)


@pytest.mark.parametrize(
    ("groups", "size", "rounds", "name"),
    [
        (10, 2, 19, "round robin"),
        (4, 4, 5, "affine plane of order 4"),
        (7, 7, 8, "affine plane of order 7"),
        (5, 4, 5, "transversal design from GF(5)"),
        (250, 8, 5, "modular grid (250 tables)"),
        (3, 1, 4, "groups of one"),
        (3, 3, 0, "no rounds"),
    ],
)
def test_construct_names_its_method(groups, size, rounds, name):
    found = designs.construct(groups, size, rounds)
    assert found is not None
    assert found[1] == name
    assert len(found[0]) == rounds
    check(found[0], groups, size)


def test_construct_beyond_the_counting_bound_is_none():
    assert designs.construct(5, 3, 8) is None
    assert designs.construct(1, 4, 2) is None


def test_construct_gives_up_at_the_deadline():
    start = time.monotonic()
    assert designs.construct(5, 4, 6, deadline=start + 0.5) is None  # proved impossible
    assert time.monotonic() - start < 2


def test_construct_rejects_nonsense():
    with pytest.raises(ValueError, match="at least"):
        designs.construct(0, 3, 1)


def test_construct_is_reproducible():
    a = designs.construct(7, 3, 10, deadline=time.monotonic() + 30, seed=3)
    b = designs.construct(7, 3, 10, deadline=time.monotonic() + 30, seed=3)
    assert a == b


@pytest.mark.parametrize(("groups", "size", "rounds"), [(3, 3, 4), (5, 3, 7), (10, 2, 19)])
def test_max_rounds_reaches_the_bound(groups, size, rounds):
    found = designs.max_rounds(groups, size, deadline=time.monotonic() + 20)
    assert found is not None
    assert len(found[0]) == rounds
    check(found[0], groups, size)


def test_max_rounds_falls_back_to_what_it_has():
    found = designs.max_rounds(4, 3, deadline=time.monotonic() + 0.5)  # 5 rounds are impossible
    assert found is not None
    assert len(found[0]) == 4
    check(found[0], 4, 3)
