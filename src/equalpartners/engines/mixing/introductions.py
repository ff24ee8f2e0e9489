"""Introductions: who should meet whom, because what one offers meets what the other needs.

Each person lists assets (skills, knowledge, connections, resources), interests and needs, as
short phrases in their own words. A pair scores (with `ScoreWeights`, all integers so that ties
are real ties):

- `asset_meets_need` for each of A's asset phrases that is one of B's needs, and the same the
  other way round;
- `shared_interest` for each interest both list;
- `cross_sector` once when their sectors differ (both known), only if the pair already scores.

Never introduced: people from the same organisation (both known; compared ignoring case and
surrounding spaces), pairs in `known` (they already know each other), and pairs that score 0.

Phrases match after `normalise`: casefold, punctuation to spaces, spaces collapsed, and a light
plural strip on each word ("charities" -> "charity", "bids" -> "bid"; words ending in "ss", "us"
or "is" and words of three letters or fewer are kept). So "Funding bids" meets "funding bid."
but not "grant funding": no synonyms, no stemming beyond plurals, the same answer every time.
A person's phrases count once each after normalising.

`introduce` chooses up to `per_person` introductions each as a b-matching (see `matching.py`):
not each person's top list, which would give popular people far more than their share. With
`slots`, it plans one-to-one meetings in time slots instead: each slot a matching, no pair twice.

Ours because networkx's `max_weight_matching` is exact but O(n^3) and only for one introduction
each (b = 1); we need b-matching for thousands of people in seconds. Scoring uses numpy:
people x phrases incidence matrices multiplied in row chunks, with only each person's best
`4 * k + 10` candidates kept (and their partners' choices, so the graph is symmetric).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .matching import b_matching
from .people import Pair, Person, pair

_PUNCTUATION = re.compile(r"[^\w\s]+|_")
_CHUNK_CELLS = 4_000_000  # scores computed this many cells at a time (16 MB of float32)


@dataclass(frozen=True)
class ScoreWeights:
    """Points for what a pair has in common; integers, so ties are real ties."""

    asset_meets_need: int = 3  # per phrase of A's assets among B's needs (each direction counted)
    shared_interest: int = 1  # per shared interest
    cross_sector: int = 1  # when sectors differ (both known), only added to a pair that scores

    def __post_init__(self) -> None:
        for name in ("asset_meets_need", "shared_interest", "cross_sector"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 0:
                raise ValueError(f"The weight {name} must be a whole number of 0 or more.")


@dataclass(frozen=True)
class Introduction:
    """Two people to introduce (ids, `person_a` < `person_b`), in a meeting slot numbered from 1
    (or None when not planning slots), with their score and the reason in plain English."""

    person_a: str
    person_b: str
    slot: int | None
    score: int
    reason: str


def normalise(phrase: str) -> str:
    """A phrase as it is compared: casefolded, punctuation gone, one space between words, and
    each word's plural stripped lightly. Empty when nothing is left."""
    words = _PUNCTUATION.sub(" ", phrase.casefold()).split()
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrases(items: Iterable[str]) -> dict[str, str]:
    """Normalised phrase -> the person's first wording of it."""
    found: dict[str, str] = {}
    for item in items:
        key = normalise(item)
        if key and key not in found:
            found[key] = item.strip()
    return found


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class _Profile:
    person: Person
    assets: dict[str, str]
    needs: dict[str, str]
    interests: dict[str, str]
    organisation: str
    sector: str

    @classmethod
    def of(cls, person: Person) -> _Profile:
        return cls(
            person,
            _phrases(person.assets),
            _phrases(person.needs),
            _phrases(person.interests),
            _key(person.organisation),
            _key(person.sector),
        )


@dataclass(frozen=True)
class _Match:
    """What two people have in common, in their own words."""

    a_offers: list[str]  # A's assets that B needs
    b_offers: list[str]  # B's assets that A needs
    shared: list[str]  # interests both list, in A's words
    sectors: tuple[str, str] | None  # (A's, B's) when they differ and the pair scores

    def score(self, weights: ScoreWeights) -> int:
        base = weights.asset_meets_need * (
            len(self.a_offers) + len(self.b_offers)
        ) + weights.shared_interest * len(self.shared)
        return base + weights.cross_sector if base > 0 and self.sectors else base


def _match(a: _Profile, b: _Profile, weights: ScoreWeights) -> _Match:
    a_offers = [a.assets[k] for k in a.assets if k in b.needs]
    b_offers = [b.assets[k] for k in b.assets if k in a.needs]
    shared = [a.interests[k] for k in a.interests if k in b.interests]
    scores = (weights.asset_meets_need > 0 and (a_offers or b_offers)) or (
        weights.shared_interest > 0 and shared
    )
    differ = bool(a.sector and b.sector and a.sector != b.sector and scores)
    sectors = (a.person.sector.strip(), b.person.sector.strip()) if differ else None
    return _Match(a_offers, b_offers, shared, sectors)


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _reason(a: Person, b: Person, match: _Match, weights: ScoreWeights) -> str:
    parts: list[str] = []
    if weights.asset_meets_need > 0:
        if match.a_offers:
            parts.append(f"{a.label} offers {_listed(match.a_offers)}, which {b.label} needs")
        if match.b_offers:
            parts.append(f"{b.label} offers {_listed(match.b_offers)}, which {a.label} needs")
    if weights.shared_interest > 0 and match.shared:
        parts.append(f"both are interested in {_listed(match.shared)}")
    if weights.cross_sector > 0 and match.sectors:
        parts.append(f"they work in different sectors ({match.sectors[0]} and {match.sectors[1]})")
    return "; ".join(parts)


def score(a: Person, b: Person, weights: ScoreWeights = ScoreWeights()) -> int:
    """The pair's score as defined above, ignoring organisation and who knows whom."""
    return _match(_Profile.of(a), _Profile.of(b), weights).score(weights)


def reason(a: Person, b: Person, weights: ScoreWeights = ScoreWeights()) -> str:
    """Why a and b should meet, in plain English (empty when they have nothing to offer)."""
    return _reason(a, b, _match(_Profile.of(a), _Profile.of(b), weights), weights)


def _allowed(a: _Profile, b: _Profile) -> bool:
    return not (a.organisation and a.organisation == b.organisation)


def pair_scores(
    people: Sequence[Person],
    *,
    known: Iterable[tuple[str, str]] = (),
    weights: ScoreWeights = ScoreWeights(),
) -> dict[Pair, int]:
    """Every pair that may be introduced, with its score above 0: plain Python over all pairs,
    for small groups, checks and benchmarks (`introduce` uses the numpy path instead)."""
    profiles = sorted((_Profile.of(p) for p in people), key=lambda p: p.person.id)
    skip = _known_pairs(known)
    found: dict[Pair, int] = {}
    for i, a in enumerate(profiles):
        for b in profiles[i + 1 :]:
            key = pair(a.person.id, b.person.id)
            if key in skip or not _allowed(a, b):
                continue
            value = _match(a, b, weights).score(weights)
            if value > 0:
                found[key] = value
    return found


def _known_pairs(known: Iterable[tuple[str, str]]) -> set[Pair]:
    return {pair(a, b) for a, b in known if a != b}


FloatMatrix = npt.NDArray[np.float32]
Floats = npt.NDArray[np.floating[Any]]


def _incidence(rows: Sequence[dict[str, str]], columns: dict[str, int]) -> FloatMatrix:
    matrix = np.zeros((len(rows), len(columns)), dtype=np.float32)
    for i, phrases in enumerate(rows):
        for phrase in phrases:
            column = columns.get(phrase)
            if column is not None:
                matrix[i, column] = 1.0
    return matrix


def _candidate_edges(
    profiles: Sequence[_Profile],
    candidates: int,
    known: set[tuple[int, int]],
    weights: ScoreWeights,
) -> list[tuple[int, int, int]]:
    """Pairs (i, j, score), i < j, score above 0, allowed, among each person's best `candidates`
    (ties to the earlier person), computed with numpy in chunks of rows."""
    n = len(profiles)
    if n < 2:
        return []
    # Only phrases that could match somebody get a column.
    offered = {k for p in profiles for k in p.assets}
    useful = sorted(offered & {k for p in profiles for k in p.needs})
    counts: dict[str, int] = {}
    for p in profiles:
        for k in p.interests:
            counts[k] = counts.get(k, 0) + 1
    common = sorted(k for k, c in counts.items() if c > 1)
    need_columns = {k: c for c, k in enumerate(useful)}
    interest_columns = {k: c for c, k in enumerate(common)}
    assets = _incidence([p.assets for p in profiles], need_columns)
    needs = _incidence([p.needs for p in profiles], need_columns)
    interests = _incidence([p.interests for p in profiles], interest_columns)
    # One product gives the score before the sector bonus: row i of `left` against row j of
    # `right` counts i's assets among j's needs, j's assets among i's needs, shared interests.
    left = np.hstack(
        [
            weights.asset_meets_need * assets,
            weights.asset_meets_need * needs,
            weights.shared_interest * interests,
        ]
    )
    right = np.hstack([needs, assets, interests])
    # Scores are whole numbers held in floats, so BLAS does the products; the ranking folds in
    # each column's order as score * n + (n - 1 - column), exact in float32 below 2 ** 24.
    highest = int(left.sum(axis=1).max()) + weights.cross_sector if left.size else 0
    dtype: type[np.floating[Any]] = np.float32 if (highest + 1) * n < 2**24 else np.float64
    left = left.astype(dtype, copy=False)
    right = right.astype(dtype, copy=False)

    excluded: list[list[int]] = [[i] for i in range(n)]  # self, colleagues, known
    colleagues: dict[str, list[int]] = {}
    for i, p in enumerate(profiles):
        if p.organisation:
            colleagues.setdefault(p.organisation, []).append(i)
    for members in colleagues.values():
        if len(members) > 1:
            for i in members:
                excluded[i].extend(members)
    for i, j in known:
        excluded[i].append(j)
        excluded[j].append(i)
    sector_codes = _codes([p.sector for p in profiles])
    with_sector = np.flatnonzero(sector_codes >= 0)
    sector_of: Floats = np.zeros(
        (n, int(sector_codes.max()) + 1 if with_sector.size else 1), dtype=dtype
    )
    sector_of[with_sector, sector_codes[with_sector]] = 1
    has_sector: Floats = (sector_codes >= 0).astype(dtype)

    order_bonus: Floats = np.arange(n - 1, -1, -1).astype(dtype)  # earlier people win ties
    rows_at_once = max(1, _CHUNK_CELLS // n)
    keep = min(candidates, n - 1)
    found_rows: list[npt.NDArray[np.int64]] = []
    found_cols: list[npt.NDArray[np.int64]] = []
    found_scores: list[npt.NDArray[np.float64]] = []
    for start in range(0, n, rows_at_once):
        stop = min(n, start + rows_at_once)
        block = left[start:stop] @ right.T
        for i in range(start, stop):
            block[i - start, excluded[i]] = 0
        if weights.cross_sector:
            differ = np.outer(has_sector[start:stop], has_sector)
            differ -= sector_of[start:stop] @ sector_of.T
            differ[block <= 0] = 0
            differ *= weights.cross_sector
            block += differ
        # Negated, so the best come first (argpartition is far quicker with a small kth here).
        ranked = block * -n
        ranked -= order_bonus
        ranked[block <= 0] = 1
        if keep < n - 1:
            top = np.argpartition(ranked, keep - 1, axis=1)[:, :keep]
        else:
            top = np.broadcast_to(np.arange(n), (stop - start, n))
        picked = np.take_along_axis(block, top, axis=1)
        mask = picked > 0
        rows = np.arange(start, stop)
        found_rows.append(np.broadcast_to(rows[:, None], top.shape)[mask])
        found_cols.append(top[mask].astype(np.int64))
        found_scores.append(picked[mask].astype(np.float64))
    i_all = np.concatenate(found_rows)
    j_all = np.concatenate(found_cols)
    s_all = np.rint(np.concatenate(found_scores)).astype(np.int64)
    lo = np.minimum(i_all, j_all)
    hi = np.maximum(i_all, j_all)
    _, first = np.unique(lo * n + hi, return_index=True)
    return list(zip(lo[first].tolist(), hi[first].tolist(), s_all[first].tolist(), strict=True))


def _codes(values: Sequence[str]) -> npt.NDArray[np.int64]:
    """Each value's number (the same text, the same number); -1 for an empty one."""
    numbers: dict[str, int] = {}
    return np.array(
        [numbers.setdefault(v, len(numbers)) if v else -1 for v in values], dtype=np.int64
    )


def introduce(
    people: Sequence[Person],
    per_person: int,
    *,
    known: Iterable[tuple[str, str]] = (),
    slots: int | None = None,
    weights: ScoreWeights = ScoreWeights(),
) -> list[Introduction]:
    """Up to `per_person` introductions for each person, chosen together for the largest total
    score; or, with `slots`, one-to-one meetings in that many time slots (each person in at most
    one meeting a slot and `per_person` over all, no pair twice). Sorted by slot, then score
    (highest first), then ids."""
    if per_person < 1:
        raise ValueError("per_person must be at least 1: each person needs room for a meeting.")
    if slots is not None and slots < 1:
        raise ValueError("slots must be at least 1 when given (or None for no time slots).")
    ids = [p.id for p in people]
    if len(set(ids)) != len(ids):
        raise ValueError("Each person must have a different id.")
    profiles = sorted((_Profile.of(p) for p in people), key=lambda p: p.person.id)
    index = {p.person.id: i for i, p in enumerate(profiles)}
    known_indices = {
        (min(index[a], index[b]), max(index[a], index[b]))
        for a, b in _known_pairs(known)
        if a in index and b in index
    }
    k = per_person if slots is None else min(per_person, slots)
    edges = _candidate_edges(profiles, 4 * k + 10, known_indices, weights)

    chosen: list[tuple[int, int, int, int | None]] = []  # (i, j, score, slot)
    if slots is None:
        for e in b_matching(edges, [per_person] * len(profiles)):
            chosen.append((*edges[e], None))
    else:
        left = [per_person] * len(profiles)
        open_edges = edges
        for number in range(1, slots + 1):
            taken = b_matching(open_edges, [min(1, c) for c in left])
            if not taken:
                break
            for e in taken:
                i, j, s = open_edges[e]
                chosen.append((i, j, s, number))
                left[i] -= 1
                left[j] -= 1
            gone = set(taken)
            open_edges = [
                edge
                for e, edge in enumerate(open_edges)
                if e not in gone and left[edge[0]] > 0 and left[edge[1]] > 0
            ]

    introductions: list[Introduction] = []
    for i, j, value, slot in chosen:
        a, b = profiles[i], profiles[j]
        reason_text = _reason(a.person, b.person, _match(a, b, weights), weights)
        introductions.append(Introduction(a.person.id, b.person.id, slot, value, reason_text))
    introductions.sort(key=lambda x: (x.slot or 0, -x.score, x.person_a, x.person_b))
    return introductions
