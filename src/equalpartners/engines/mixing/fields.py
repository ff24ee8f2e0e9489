"""Small finite fields GF(p^k), for the affine planes and transversal designs in `designs`.

An element of GF(p^k) is an integer 0..q-1 whose base-p digits are the coefficients of a
polynomial of degree below k (digit i multiplies x^i); arithmetic is modulo the first monic
irreducible polynomial of degree k over GF(p) in lexicographic order, found by trial division
rather than copied from a table (so no table can hold a typo). Multiplication goes through
logarithms to a primitive element, found by search. Standard textbook material (e.g. Lidl &
Niederreiter, "Finite Fields"); written here because it is a few dozen lines and the Python
packages that provide it (galois) pull in numba and a large dependency tree for tables we build in
well under a millisecond for the sizes seating needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

Poly = tuple[int, ...]  # coefficients over GF(p), lowest degree first


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, k) with q = p^k for a prime p, or None when q is not a prime power."""
    if q < 2:
        return None
    p = 2
    while p * p <= q and q % p:
        p += 1
    if q % p:
        p = q  # q itself is prime
    k = 0
    rest = q
    while rest % p == 0:
        rest //= p
        k += 1
    return (p, k) if rest == 1 else None


def _poly_mod(a: Poly, m: Poly, p: int) -> Poly:
    """a mod m over GF(p), m monic."""
    rest = list(a)
    dm = len(m) - 1
    while len(rest) - 1 >= dm and rest:
        lead = rest[-1]
        if lead:
            shift = len(rest) - 1 - dm
            for i, c in enumerate(m):
                rest[shift + i] = (rest[shift + i] - lead * c) % p
        rest.pop()
    while rest and rest[-1] == 0:
        rest.pop()
    return tuple(rest)


def _monic(degree: int, p: int) -> list[Poly]:
    """All monic polynomials of a degree over GF(p)."""
    out: list[Poly] = []
    for code in range(p**degree):
        coeffs = []
        for _ in range(degree):
            coeffs.append(code % p)
            code //= p
        out.append((*coeffs, 1))
    return out


def irreducible(p: int, k: int) -> Poly:
    """The lexicographically first monic irreducible polynomial of degree k over GF(p)."""
    for cand in _monic(k, p):
        if k == 1 or all(
            _poly_mod(cand, d, p) for deg in range(1, k // 2 + 1) for d in _monic(deg, p)
        ):
            return cand
    raise ValueError(f"no irreducible polynomial of degree {k} over GF({p})")  # pragma: no cover


@dataclass(frozen=True)
class Field:
    """GF(q) with q = p^k: elements 0..q-1, 0 and 1 the usual identities."""

    q: int
    p: int
    k: int
    modulus: Poly
    add_table: tuple[tuple[int, ...], ...]
    exp: tuple[int, ...]  # exp[i] = g^i for a primitive element g, i in 0..2q-3
    log: tuple[int, ...]  # log[a] for a != 0; log[0] unused

    def add(self, a: int, b: int) -> int:
        return self.add_table[a][b]

    def neg(self, a: int) -> int:
        return self.add_table[a].index(0)

    def sub(self, a: int, b: int) -> int:
        return self.add_table[a][self.neg(b)]

    def mul(self, a: int, b: int) -> int:
        if a == 0 or b == 0:
            return 0
        return self.exp[self.log[a] + self.log[b]]

    def inv(self, a: int) -> int:
        if a == 0:
            raise ZeroDivisionError("0 has no inverse in a field")
        return self.exp[(self.q - 1 - self.log[a]) % (self.q - 1)]


def _digits(a: int, p: int, k: int) -> list[int]:
    out = []
    for _ in range(k):
        out.append(a % p)
        a //= p
    return out


def _number(digits: list[int] | Poly, p: int) -> int:
    out = 0
    for d in reversed(digits):
        out = out * p + d
    return out


def _mul_slow(a: int, b: int, p: int, k: int, modulus: Poly) -> int:
    da, db = _digits(a, p, k), _digits(b, p, k)
    prod = [0] * (2 * k)
    for i, x in enumerate(da):
        if x:
            for j, y in enumerate(db):
                prod[i + j] = (prod[i + j] + x * y) % p
    rest = list(_poly_mod(tuple(prod), modulus, p))
    return _number(rest + [0] * (k - len(rest)), p)


@lru_cache(maxsize=32)
def field(q: int) -> Field:
    """GF(q); raises ValueError when q is not a prime power."""
    pk = prime_power(q)
    if pk is None:
        raise ValueError(f"{q} is not a prime power, so there is no field of that order")
    p, k = pk
    modulus = irreducible(p, k)
    digits = [_digits(a, p, k) for a in range(q)]
    add_table = tuple(
        tuple(
            _number([(x + y) % p for x, y in zip(digits[a], digits[b], strict=True)], p)
            for b in range(q)
        )
        for a in range(q)
    )
    for g in range(1, q):
        powers = [1]
        x = g
        while x != 1:
            powers.append(x)
            x = _mul_slow(x, g, p, k, modulus)
        if len(powers) == q - 1:
            break
    else:  # pragma: no cover - a finite field's multiplicative group is cyclic
        raise AssertionError("no primitive element")
    log = [0] * q
    for i, x in enumerate(powers):
        log[x] = i
    exp = tuple(powers + powers)
    return Field(q, p, k, modulus, add_table, exp, tuple(log))
