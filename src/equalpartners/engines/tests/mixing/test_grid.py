"""The grid construction: no pair meets twice, people in one row never meet, and the modular
grid is offered only when its condition holds (checked here by brute force)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equalpartners.engines.mixing.grid import grid_rounds, most_grid_rounds


def meetings(cells) -> Counter[frozenset[tuple[int, int]]]:
    met: Counter[frozenset[tuple[int, int]]] = Counter()
    for tables in cells:
        for table in tables:
            met.update(frozenset(p) for p in combinations(table, 2))
    return met


@pytest.mark.parametrize(("rows", "tables"), [(6, 8), (4, 4), (5, 9), (3, 7), (8, 16)])
def test_a_truncated_affine_plane_reaches_as_many_rounds_as_tables(rows, tables):
    found = grid_rounds(rows, tables, tables)
    assert found is not None
    cells, name = found
    assert "affine plane" in name
    met = meetings(cells)
    assert max(met.values()) == 1
    # every pair from different rows meets exactly once over all the rounds
    assert len(met) == (rows * tables) * (rows - 1) * tables // 2
    for tables_in_round in cells:
        assert sorted(c for t in tables_in_round for c in t) == sorted(
            (i, j) for i in range(rows) for j in range(tables)
        )


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 9), st.integers(2, 40), st.integers(1, 9))
def test_any_grid_offered_has_no_repeat_and_keeps_rows_apart(rows, tables, rounds):
    found = grid_rounds(rows, tables, rounds)
    if found is None:
        return
    cells, _ = found
    met = meetings(cells)
    assert all(n == 1 for n in met.values())
    assert all(a[0] != b[0] for a, b in (tuple(pair) for pair in met))
    for tables_in_round in cells:
        assert all(len(t) == rows for t in tables_in_round)


def test_the_modular_grid_is_refused_when_it_would_repeat():
    # 6 tables, 3 rows: rounds 0 and 3 with rows 0 and 2 give (3)(2) = 6 = 0 mod 6
    assert grid_rounds(3, 6, 4) is None
    assert grid_rounds(3, 6, 3) is not None
    assert most_grid_rounds(8, 250, 5) == 5
