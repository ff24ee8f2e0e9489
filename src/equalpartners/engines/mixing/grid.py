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
Handbook of Combinatorial Designs, III.3); ours because it is a few lines on top of `fields`.
"""

from __future__ import annotations

from collections.abc import Callable

from .fields import field, prime_power

Cells = list[list[list[tuple[int, int]]]]  # round -> table -> (row, column)


def grid_rounds(rows: int, tables: int, rounds: int) -> tuple[Cells, str] | None:
    """The cells at each table in each round, or None when no grid of this shape has `rounds`
    rounds without a repeated pair. Also returns the construction's name."""
    if rows < 1 or tables < 1 or rounds < 1:
        return None
    if rows == 1:
        # one person a table: nobody meets anybody, any number of rounds
        return [[[(0, c)] for c in range(tables)] for _ in range(rounds)], "one row"
    column: Callable[[int, int, int], int]
    if prime_power(tables) is not None and rows <= tables and rounds <= tables:
        gf = field(tables)

        def column(r: int, c: int, i: int) -> int:
            return gf.add(c, gf.mul(r, i))

        name = f"truncated affine plane of order {tables}"
    elif _modular_ok(rows, tables, rounds):

        def column(r: int, c: int, i: int) -> int:
            return (c + r * i) % tables

        name = f"modular grid of {rows} rows and {tables} columns"
    else:
        return None
    return [
        [[(i, column(r, c, i)) for i in range(rows)] for c in range(tables)] for r in range(rounds)
    ], name


def _modular_ok(rows: int, tables: int, rounds: int) -> bool:
    """True when (r - r')(i - i') is never 0 mod `tables` for distinct rounds and rows."""
    return all((dr * di) % tables for dr in range(1, rounds) for di in range(1, rows))


def most_grid_rounds(rows: int, tables: int, limit: int) -> int:
    """The most rounds (up to `limit`) a grid of this shape reaches."""
    best = 0
    for rounds in range(1, limit + 1):
        if grid_rounds(rows, tables, rounds) is None:
            break
        best = rounds
    return best
