"""Ranked ballots gathered into lane sets, and the head-to-head counts built from them.

Written here rather than taken from a voting library because building this profile is where the
time goes: a library that loops over 100,000 ballots in Python (or compiles code on first use) is
what we are measured against. Every ranking becomes a lane in the integers of `bitsets`, so one
AND and one popcount answer a question about all ballots at once. Checked ballots are grouped first
(identical rankings share a lane); plain lists are not, as hashing them costs more than it saves.

The semantics are the file format's: a tier of several options ranks them level, and options a
ballot leaves out are level with each other below every option it ranks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, zip_longest
from math import lcm
from operator import itemgetter

from .ballots import BallotError, Ranking
from .bitsets import Column, Weigher, count_per_lane, every_lane, lanes_counting, union
from .fileformat import parse_ranking

MAX_OPTIONS = 250  # tier numbers and option codes must fit in one byte per ballot
_UNRANKED = 255
_GAP = object()  # fills the end of a ranking shorter than the longest one


@dataclass(frozen=True, eq=False)
class RankingProfile:
    """Rankings (one lane each) with their weights, as lane sets per option and tier.

    `ranked[a][t]` holds the ballots that rank option a in tier t (counting only ranked tiers);
    `unranked[a]` the ballots that leave a out; `bottom[t]` the ballots with exactly t ranked tiers,
    whose unranked options therefore sit level in tier t.
    """

    options: tuple[str, ...]
    ranked: tuple[tuple[int, ...], ...]
    unranked: tuple[int, ...]
    bottom: tuple[int, ...]
    weigher: Weigher
    unit: int
    everyone: int
    widest_tie: int  # the most options any ballot ranks level in one ranked tier

    @property
    def tier_count(self) -> int:
        """How many ranked tiers the longest ranking has."""
        return len(self.bottom) - 1

    def weight(self, lanes: int) -> int:
        """The summed weight (in 1/unit) of the ballots in `lanes`."""
        return self.weigher.total(lanes)

    @cached_property
    def total_weight(self) -> int:
        """The weight of every ballot."""
        return self.weight(self.everyone)

    @cached_property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """support[a][b]: the weight of ballots ranking a strictly above b."""
        placed = [self._placed(option) for option in range(len(self.options))]
        below = [_below_each_tier(tiers) for tiers in placed]
        return tuple(
            tuple(
                0
                if a == b
                else sum(self.weight(at & under) for at, under in zip(tiers, below[b], strict=True))
                for b in range(len(self.options))
            )
            for a, tiers in enumerate(placed)
        )

    def _placed(self, option: int) -> list[int]:
        """Tier by tier, the ballots placing `option` there, unranked tier included."""
        unranked = self.unranked[option]
        ranked = (*self.ranked[option], 0)
        return [ranked[tier] | (unranked & self.bottom[tier]) for tier in range(len(self.bottom))]


def _below_each_tier(tiers: Sequence[int]) -> list[int]:
    """For each tier t, the ballots placing the option in a tier after t."""
    below = [0] * len(tiers)
    after = 0
    for tier in range(len(tiers) - 1, -1, -1):
        below[tier] = after
        after |= tiers[tier]
    return below


def profile_from_rankings(
    options: Sequence[str],
    rankings: Sequence[Sequence[object]],
    weights: Sequence[int] | None = None,
    unit: int = 1,
) -> RankingProfile:
    """Build a profile from rankings as plain lists (best first, nested lists for ties).

    Each ranking weighs `weights[i] / unit` (1 when no weights are given). Bad rankings raise
    `BallotError` naming the first one at fault.
    """
    options = tuple(options)
    _check_options(options)
    if weights is not None:
        _check_weights(weights, len(rankings))
    flat_weights = [1] * len(rankings) if weights is None else weights
    profile = _profile_from_flat(options, rankings, flat_weights, unit)
    if profile is not None:
        return profile
    known = frozenset(options)
    checked = [_checked(raw, index, known) for index, raw in enumerate(rankings)]
    return profile_from_tiers(options, checked, weights, unit)


def profile_from_tiers(
    options: Sequence[str],
    rankings: Sequence[Ranking],
    weights: Sequence[int] | None = None,
    unit: int = 1,
) -> RankingProfile:
    """Build a profile from already-checked rankings."""
    options = tuple(options)
    _check_options(options)
    totals: Counter[tuple[tuple[str, ...], ...]] = Counter()
    if weights is None:
        totals.update(ranking.tiers for ranking in rankings)
    else:
        for ranking, weight in zip(rankings, weights, strict=True):
            totals[ranking.tiers] += weight
    unique = list(totals)
    if all(len(tier) == 1 for tiers in unique for tier in tiers):
        flat = [[tier[0] for tier in tiers] for tiers in unique]
        profile = _profile_from_flat(options, flat, list(totals.values()), unit)
        if profile is not None:
            return profile
    return _profile_from_nested(options, unique, list(totals.values()), unit)


def _check_options(options: tuple[str, ...]) -> None:
    if not options:
        raise BallotError("there must be at least one option")
    if len(options) > MAX_OPTIONS:
        raise BallotError(f"the engine counts at most {MAX_OPTIONS} options")
    if len(set(options)) != len(options):
        raise BallotError("an option is listed twice")


def _check_weights(weights: Sequence[int], expected: int) -> None:
    if len(weights) != expected:
        raise BallotError("there must be one weight per ranking")
    for index, weight in enumerate(weights):
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
            raise BallotError(f"the weight must be a whole number, not {weight!r}", index)


def _checked(raw: object, index: int, known: frozenset[str]) -> Ranking:
    try:
        return parse_ranking(raw, known)
    except ValueError as error:
        raise BallotError(str(error), index) from None


def _profile_from_flat(
    options: tuple[str, ...],
    rankings: Sequence[Sequence[object]],
    weights: Sequence[int],
    unit: int,
) -> RankingProfile | None:
    """The fast path for rankings without ties: columns of positions, one byte per ballot.

    Returns None when any ranking is not a flat list of known options, each named once, so the
    caller can take the general path, which finds and names the ballot at fault.
    """
    if not set(map(type, rankings)) <= {list, tuple}:
        return None
    codes: dict[object, int] = {option: code for code, option in enumerate(options, 1)}
    codes[_GAP] = 0
    try:
        columns = _coded_columns(rankings, codes)
    except (KeyError, TypeError):  # an unknown option, or a nested list (a tie)
        return None
    if len(columns) > len(options):
        return None
    everyone = every_lane(len(rankings))
    ranked = tuple(
        tuple(column.where(code) for column in columns) for code in range(1, len(options) + 1)
    )
    present = [union(tiers) for tiers in ranked]
    if any(
        sum(lanes.bit_count() for lanes in tiers) != anywhere.bit_count()
        for tiers, anywhere in zip(ranked, present, strict=True)
    ):
        return None  # some ranking names an option twice
    ends = [everyone, *(everyone ^ column.where(0) for column in columns), 0]
    return RankingProfile(
        options=options,
        ranked=ranked,
        unranked=tuple(everyone ^ lanes for lanes in present),
        bottom=tuple(ends[tier] ^ ends[tier + 1] for tier in range(len(columns) + 1)),
        weigher=Weigher(weights),
        unit=unit,
        everyone=everyone,
        widest_tie=1,
    )


def _coded_columns(rankings: Sequence[Sequence[object]], codes: dict[object, int]) -> list[Column]:
    """Column t holds every ballot's code for its option in position t (0 past its end)."""
    lengths = set(map(len, rankings))
    if len(lengths) == 1:  # equal lengths: code row by row in one call, then slice out columns
        (length,) = lengths
        row_major = _code(list(chain.from_iterable(rankings)), codes)
        return [Column(row_major[position::length]) for position in range(length)]
    return [Column(_code(column, codes)) for column in zip_longest(*rankings, fillvalue=_GAP)]


def _code(items: Sequence[object], codes: dict[object, int]) -> bytes:
    """The code of every item, looked up in one C call (itemgetter)."""
    if not items:
        return b""
    found = itemgetter(*items)(codes)
    return bytes(found if len(items) > 1 else (found,))


def _profile_from_nested(
    options: tuple[str, ...],
    unique: Sequence[tuple[tuple[str, ...], ...]],
    weights: Sequence[int],
    unit: int,
) -> RankingProfile:
    """The general path: one row of tier numbers per unique ranking, read back by column."""
    width = len(options)
    codes = {option: code for code, option in enumerate(options)}
    rows = bytearray([_UNRANKED]) * (width * len(unique))
    lengths = bytearray(len(unique))
    widest_tie = 1
    for ballot, tiers in enumerate(unique):
        start = ballot * width
        lengths[ballot] = len(tiers)
        for tier, members in enumerate(tiers):
            widest_tie = max(widest_tie, len(members))
            for option in members:
                rows[start + codes[option]] = tier
    tier_count = max(lengths, default=0)
    columns = [Column(bytes(rows[option::width])) for option in range(width)]
    length_codes = Column(bytes(lengths))
    return RankingProfile(
        options=options,
        ranked=tuple(tuple(column.where(tier) for tier in range(tier_count)) for column in columns),
        unranked=tuple(column.where(_UNRANKED) for column in columns),
        bottom=tuple(length_codes.where(tier) for tier in range(tier_count + 1)),
        weigher=Weigher(weights),
        unit=unit,
        everyone=every_lane(len(unique)),
        widest_tie=widest_tie,
    )


def split_unit(profile: RankingProfile) -> int:
    """A multiplier that makes every equal split of a ballot between level options whole."""
    return lcm(*range(1, profile.widest_tie + 1))


def first_choices(profile: RankingProfile, continuing: Sequence[int]) -> tuple[list[int], int]:
    """Each ballot's weight shared equally among its highest-ranked continuing options.

    Returns the tally per continuing option and the weight of ballots that rank none of them
    (exhausted), both in units of 1 / (profile.unit * split_unit(profile)).
    """
    split = split_unit(profile)
    tallies = [0] * len(continuing)
    counted = 0
    for tier in range(profile.tier_count):
        here = [profile.ranked[option][tier] for option in continuing]
        present = union(here)
        fresh = present & ~counted
        if not fresh:
            continue
        counted |= present
        if profile.widest_tie == 1:
            for position, lanes in enumerate(here):
                tallies[position] += profile.weight(lanes & fresh) * split
            continue
        level = count_per_lane([lanes & fresh for lanes in here])
        for sharing in range(1, len(continuing) + 1):
            shared = lanes_counting(level, sharing, fresh)
            if shared:
                for position, lanes in enumerate(here):
                    tallies[position] += profile.weight(lanes & shared) * (split // sharing)
    exhausted = profile.weight(profile.everyone & ~counted) * split
    return tallies, exhausted


def option_indices(profile: RankingProfile, names: Iterable[str]) -> list[int]:
    """Positions of the named options."""
    position = {option: index for index, option in enumerate(profile.options)}
    return [position[name] for name in names]
