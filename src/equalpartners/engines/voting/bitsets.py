"""Sets of ballots as big integers, so counting runs in C without numpy.

We wrote this ourselves because the engine is the product and must stay dependency-free, yet tally
100,000 ballots quickly. Python integers do AND, OR and popcount over thousands of machine words in
C. Each unique ballot gets one byte "lane" in an integer (`bytes.translate` builds such integers
from a column of codes in one C call), so a question like "on which ballots is A in the top tier
and B below it?" is one AND over every ballot at once, and counting them is one `bit_count()`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from math import gcd
from operator import or_

# _EQUALS[code] turns a byte string into 1 where the byte equals code, 0 elsewhere.
_EQUALS = [bytes(int(byte == code) for byte in range(256)) for code in range(256)]


def lanes_where(codes: bytes, code: int) -> int:
    """The set of lanes (ballots) whose byte in `codes` equals `code`."""
    return int.from_bytes(codes.translate(_EQUALS[code]), "little")


def lanes_from_flags(flags: Sequence[int]) -> int:
    """The set of lanes whose flag is 1 (flags are 0 or 1, one per ballot)."""
    return int.from_bytes(bytes(flags), "little")


def every_lane(size: int) -> int:
    """The set of all `size` lanes."""
    return int.from_bytes(b"\x01" * size, "little")


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
        factor = reduce(gcd, weights, 0) or 1
        reduced = [weight // factor for weight in weights]
        self._factor = factor
        self._uniform = all(weight == 1 for weight in reduced)
        highest = max(reduced, default=0).bit_length()
        self._planes = [
            lanes_from_flags([(weight >> bit) & 1 for weight in reduced]) for bit in range(highest)
        ]

    def total(self, lanes: int) -> int:
        """The summed weight of the ballots in `lanes`."""
        if self._uniform:
            return self._factor * lanes.bit_count()
        planes = self._planes
        return self._factor * sum(
            (lanes & plane).bit_count() << bit for bit, plane in enumerate(planes)
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
