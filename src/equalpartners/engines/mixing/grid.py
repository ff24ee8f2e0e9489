"""People in a grid: rounds in which each table takes one person from every row.

Seats form `rows` x `tables` cells. In round r, table c takes from row i the cell in column
y = c + m_r * x_i, where the x_i are distinct and the m_r are distinct round multipliers:

- over the finite field GF(q) when the number of tables q is a prime power: x_i and m_r are field
  elements, so this is the truncated affine plane AG(2, q) (the lines of slope m_r restricted to
  the rows x_i), a resolvable transversal design; up to q rounds;
- over the integers mod T for any number of tables T, with x_i = i and m_r = r, whenever
  (r - r')(i - i') is never 0 mod T (checked directly).

Either way two cells in one row never share a table, and two cells in different rows share one
at most once, because y - y' = m (x_i - x_i') fixes m. The rows are what make the grid useful for
events rather than puzzles: colleagues placed in one row never sit together, a row of
facilitators puts one at every table, and people sorted by sector and filled row by row spread
their sectors across every table. With the last row only partly filled, tables differ by at most
one person.

Reference: the construction of transversal designs from affine planes (Colbourn and Dinitz,
Handbook of Combinatorial Designs, III.3). This module adds the rows' meaning for events on top of
the constructions in `designs`.
"""

from __future__ import annotations

from .designs import grid_clash_free, modular_grid, transversal
from .fields import prime_power

Cells = list[list[list[tuple[int, int]]]]  # round -> table -> (row, column)


def grid_rounds(rows: int, tables: int, rounds: int) -> tuple[Cells, str] | None:
    """The cells at each table in each round, or None when no grid of this shape has `rounds`
    rounds without a repeated pair (the rows never meet). Also returns the construction's name.
    The arithmetic is `designs.transversal` and `designs.modular_grid`, whose player i*T + j is
    the cell in row i and column j."""
    if rows < 1 or tables < 1 or rounds < 1:
        return None
    if rows == 1:
        # one person a table: nobody meets anybody, any number of rounds
        return [[[(0, c)] for c in range(tables)] for _ in range(rounds)], "one row"
    if prime_power(tables) is not None and rows <= tables and rounds <= tables:
        schedule = transversal(tables, rows, rounds)
        name = f"truncated affine plane of order {tables}"
    elif grid_clash_free(tables, rows, rounds):
        # checked here so that modular_grid never adds its round of whole rows, which would
        # seat row-mates together
        found = modular_grid(tables, rows, rounds)
        if found is None:
            return None
        schedule = found
        name = f"modular grid of {rows} rows and {tables} columns"
    else:
        return None
    cells = [[[divmod(p, tables) for p in table] for table in rnd] for rnd in schedule]
    return cells, name


def most_grid_rounds(rows: int, tables: int, limit: int) -> int:
    """The most rounds (up to `limit`) a grid of this shape reaches."""
    best = 0
    for rounds in range(1, limit + 1):
        if grid_rounds(rows, tables, rounds) is None:
            break
        best = rounds
    return best
