"""Sets of ballots as big integers, so counting runs in C without numpy.

We wrote this ourselves because the engine is the product and must stay dependency-free, yet tally
100,000 ballots quickly. Python integers do AND, OR and popcount over thousands of machine words in
C. Each ballot is one bit ("lane") of an integer (`bytes.translate` builds such integers from a
column of one-byte codes in a few C calls), so a question like "on which ballots is A in the top
tier and B below it?" is one AND over every ballot at once, and counting them is one `bit_count()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, reduce
from math import gcd
from operator import or_


@cache
def _marker(code: int, bit: int) -> bytes:
    """A translation table turning byte `code` into 1 << bit and every other byte into 0."""
    return bytes((1 << bit) if byte == code else 0 for byte in range(256))


class Column:
    """One byte per ballot (a code), read back as lane sets: lane i is bit i of an integer.

    Ballots 8j..8j+7 share byte j of the result. Slicing the column into its eight residues mod 8
    lets `bytes.translate` place each ballot's bit directly: a lane set costs eight C calls.
    """

    __slots__ = ("_parts",)

    def __init__(self, codes: bytes) -> None:
        self._parts = [codes[offset::8] for offset in range(8)]

    def where(self, code: int) -> int:
        """The lanes whose code equals `code`."""
        lanes = 0
        for offset, part in enumerate(self._parts):
            lanes |= int.from_bytes(part.translate(_marker(code, offset)), "little")
        return lanes


def lanes_where(codes: bytes, code: int) -> int:
    """The set of lanes (ballots) whose byte in `codes` equals `code`."""
    return Column(codes).where(code)


def lanes_from_flags(flags: Sequence[int]) -> int:
    """The set of lanes whose flag is 1 (flags are 0 or 1, one per ballot)."""
    return Column(bytes(flags)).where(1)


def every_lane(size: int) -> int:
    """The set of all `size` lanes."""
    return (1 << size) - 1


def union(sets: Sequence[int]) -> int:
    """The union of several lane sets."""
    return reduce(or_, sets, 0)


class Weigher:
    """Adds up the integer weights of a set of lanes.

    Weights are split into binary planes (the lanes whose weight has bit p set), so a weighted
    count is a handful of ANDs and popcounts. The common factor of all weights is taken out first:
    when every ballot counts once, there is a single plane.
    """

    __slots__ = ("_factor", "_planes", "_uniform")

    def __init__(self, weights: Sequence[int]) -> None:
        lightest, heaviest = min(weights, default=0), max(weights, default=0)
        self._uniform = lightest == heaviest
        if self._uniform:  # every ballot weighs the same: a weighted count is a popcount
            self._factor, self._planes = heaviest, []
            return
        factor = reduce(gcd, weights, 0)
        reduced = [weight // factor for weight in weights]
        self._factor = factor
        self._planes = [
            lanes_from_flags([(weight >> bit) & 1 for weight in reduced])
            for bit in range(max(reduced).bit_length())
        ]

    def total(self, lanes: int) -> int:
        """The summed weight of the ballots in `lanes`."""
        if self._uniform:
            return self._factor * lanes.bit_count()
        return self._factor * sum(
            (lanes & plane).bit_count() << bit for bit, plane in enumerate(self._planes)
        )


def count_per_lane(sets: Sequence[int]) -> list[int]:
    """How many of `sets` hold each lane, as binary digit planes (bit-sliced addition).

    Plane p holds the lanes whose count has bit p set. Used to split a ballot equally between the
    options it ranks level, without looking at ballots one by one.
    """
    planes: list[int] = []
    for lanes in sets:
        carry = lanes
        for position, plane in enumerate(planes):
            if not carry:
                break
            planes[position], carry = plane ^ carry, plane & carry
        if carry:
            planes.append(carry)
    return planes


def lanes_counting(planes: Sequence[int], count: int, within: int) -> int:
    """The lanes of `within` whose bit-sliced count (from `count_per_lane`) equals `count`."""
    lanes = within
    for position, plane in enumerate(planes):
        lanes &= plane if (count >> position) & 1 else within ^ (plane & within)
    if count >> len(planes):
        return 0
    return lanes
