"""Introductions: scores and reasons worked out by hand, the pairs that are never introduced,
capacities and slots kept for any input, the same answer every time, and the total against
exact optima (a brute force on tiny groups, networkx on 60 people)."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equalpartners.engines.mixing.introductions import (
    Introduction,
    ScoreWeights,
    introduce,
    normalise,
    pair_scores,
    reason,
    score,
)
from equalpartners.engines.mixing.people import Person, pair

ANA = Person(
    id="ana",
    name="Ana",
    organisation="Riverside Trust",
    sector="third sector",
    assets=("funding bids", "Evaluation"),
    needs=("data sharing",),
    interests=("housing", "youth work"),
)
BEN = Person(
    id="ben",
    name="Ben",
    organisation="City Council",
    sector="government",
    assets=("Data-sharing",),
    needs=("funding bid", "evaluation."),
    interests=("Housing",),
)
ANA_BEN = (
    "Ana offers funding bids and Evaluation, which Ben needs; Ben offers Data-sharing, which "
    "Ana needs; both are interested in housing; they work in different sectors (third sector "
    "and government)"
)


def test_normalise() -> None:
    assert normalise("Funding bids.") == normalise("funding bid") == "funding bid"
    assert normalise("  Data   Sharing ") == "data sharing"
    assert normalise("Data-sharing") == "data sharing"
    assert normalise("Charities") == "charity"
    assert normalise("analysis") == "analysis"  # "is", "ss", "us" endings are kept
    assert normalise("access") == "access"
    assert normalise("bus") == "bus"  # three letters or fewer are kept
    assert normalise("!!") == ""
    assert normalise("grant funding") != normalise("funding")


def test_score_and_reason_by_hand() -> None:
    # Ana's 2 assets meet Ben's needs, Ben's 1 meets Ana's: 3 x 3; housing: 1; sectors: 1.
    assert score(ANA, BEN) == 11
    assert score(BEN, ANA) == 11
    assert reason(ANA, BEN) == ANA_BEN
    [intro] = introduce([BEN, ANA], 1)
    assert intro == Introduction("ana", "ben", None, 11, ANA_BEN)


def test_weights_change_score_and_reason() -> None:
    weights = ScoreWeights(asset_meets_need=1, shared_interest=5, cross_sector=0)
    assert score(ANA, BEN, weights) == 3 + 5
    assert reason(ANA, BEN, weights) == (
        "Ana offers funding bids and Evaluation, which Ben needs; Ben offers Data-sharing, "
        "which Ana needs; both are interested in housing"
    )
    only_interests = ScoreWeights(asset_meets_need=0)
    assert score(ANA, BEN, only_interests) == 1 + 1
    assert reason(ANA, BEN, only_interests) == (
        "both are interested in housing; they work in different sectors (third sector and "
        "government)"
    )
    with pytest.raises(ValueError, match="cross_sector"):
        ScoreWeights(cross_sector=-1)


def test_sector_bonus_only_with_a_match_and_both_sectors_known() -> None:
    a = Person(id="a", sector="public sector", interests=("transport",))
    b = Person(id="b", sector="government", interests=("schools",))
    assert score(a, b) == 0  # different sectors alone are not a reason to meet
    b2 = Person(id="b2", sector="", interests=("Transport",))
    assert score(a, b2) == 1  # sector unknown: no bonus
    b3 = Person(id="b3", sector=" Public Sector ", interests=("transport",))
    assert score(a, b3) == 1  # the same sector, written differently
    b4 = Person(id="b4", sector="government", interests=("transport",))
    assert score(a, b4) == 2
    assert reason(a, b4) == (
        "both are interested in transport; they work in different sectors (public sector and "
        "government)"
    )


def test_labels_fall_back_to_ids_and_lists_read_naturally() -> None:
    a = Person(id="p1", assets=("mentoring", "venue space", "research"))
    b = Person(id="p2", needs=("research", "mentoring", "venue spaces"))
    assert reason(a, b) == "p1 offers mentoring, venue space and research, which p2 needs"
    assert score(a, b) == 9


def test_never_colleagues_known_pairs_or_zero_scores() -> None:
    cara = Person(
        id="cara",
        organisation=" riverside TRUST",
        assets=("data sharing", "funding bids", "evaluation"),
        needs=("funding bids", "evaluation", "data sharing"),
    )
    dev = Person(id="dev", organisation="Other", interests=("gardening",))
    assert score(ANA, cara) == 9  # Cara would suit Ana, but they are colleagues
    assert score(BEN, cara) == 9
    intros = introduce([ANA, BEN, cara, dev], 3)
    pairs_made = {(x.person_a, x.person_b) for x in intros}
    assert ("ana", "cara") not in pairs_made
    assert all("dev" not in p for p in pairs_made)  # scores 0 with everyone
    assert pairs_made == {("ana", "ben"), ("ben", "cara")}
    # Known in either order: never introduced.
    intros = introduce([ANA, BEN, cara, dev], 3, known=[("ben", "ana")])
    assert {(x.person_a, x.person_b) for x in intros} == {("ben", "cara")}
    # Known pairs naming nobody here are ignored.
    assert introduce([ANA, BEN], 1, known=[("x", "y"), ("ana", "ana")])[0].score == 11


def test_popular_person_is_shared_out() -> None:
    """A b-matching, not everyone's top choice: Hub is everyone's best match, but with one
    introduction each Hub meets one person and the others meet each other."""
    hub = Person(id="hub", assets=("funding bids", "legal advice"), needs=("venue space",))
    others = [
        Person(
            id=f"o{i}",
            organisation=f"org {i}",
            assets=("venue space", "training") if i % 2 == 0 else ("venue space",),
            needs=("funding bids", "training"),
            interests=("training",) if i % 2 else (),
        )
        for i in range(4)
    ]
    # Hub with anyone: 6. o0 with o2: 6 (training both ways). Even with odd: 3. o1 with o3: 1.
    assert score(hub, others[1]) == score(others[0], others[2]) == 6
    intros = introduce([hub, *others], 1)
    assert sum("hub" in (x.person_a, x.person_b) for x in intros) == 1
    assert ("o0", "o2") in {(x.person_a, x.person_b) for x in intros}
    assert sum(x.score for x in intros) == 12


def test_validation() -> None:
    with pytest.raises(ValueError, match="per_person"):
        introduce([ANA, BEN], 0)
    with pytest.raises(ValueError, match="slots"):
        introduce([ANA, BEN], 1, slots=0)
    with pytest.raises(ValueError, match="different id"):
        introduce([ANA, ANA], 1)
    assert introduce([], 2) == []
    assert introduce([ANA], 2, slots=2) == []


def test_slots_by_hand() -> None:
    # Three people who all suit each other, two slots, two meetings each: a matching per slot.
    people = [
        Person(id="a", organisation="A", assets=("x",), needs=("y",)),
        Person(id="b", organisation="B", assets=("y",), needs=("z",)),
        Person(id="c", organisation="C", assets=("z",), needs=("x",)),
    ]
    intros = introduce(people, 2, slots=3)
    assert [x.slot for x in intros] == [1, 2, 3]
    assert len({(x.person_a, x.person_b) for x in intros}) == 3
    one_each = introduce(people, 1, slots=3)
    assert len(one_each) == 1


# --- random people -------------------------------------------------------------------------

PHRASES = (
    "funding bids",
    "Funding bid",
    "data sharing",
    "youth work",
    "evaluation",
    "venue space",
    "legal advice",
    "mentoring",
    "housing",
    "transport",
)
SECTORS = ("third sector", "government", "public sector", "")


def random_people(n: int, seed: int, organisations: int | None = None) -> list[Person]:
    rng = random.Random(seed)
    groups = organisations if organisations is not None else max(1, n // 4)
    return [
        Person(
            id=f"p{i:03}",
            name=f"Person {i}",
            organisation=rng.choice([f"org {rng.randrange(groups)}", ""]),
            sector=rng.choice(SECTORS),
            assets=tuple(rng.sample(PHRASES, rng.randint(0, 3))),
            needs=tuple(rng.sample(PHRASES, rng.randint(0, 2))),
            interests=tuple(rng.sample(PHRASES, rng.randint(0, 2))),
        )
        for i in range(n)
    ]


def check_valid(
    people: list[Person],
    intros: list[Introduction],
    per_person: int,
    known: set[tuple[str, str]],
    slots: int | None,
) -> None:
    by_id = {p.id: p for p in people}
    count = dict.fromkeys(by_id, 0)
    seen: set[tuple[str, str]] = set()
    in_slot: set[tuple[int | None, str]] = set()
    for x in intros:
        a, b = by_id[x.person_a], by_id[x.person_b]
        assert x.person_a < x.person_b
        assert (x.person_a, x.person_b) not in seen, "a pair introduced twice"
        seen.add((x.person_a, x.person_b))
        assert pair(a.id, b.id) not in known
        assert not (
            a.organisation.strip()
            and a.organisation.strip().casefold() == b.organisation.strip().casefold()
        )
        assert x.score == score(a, b) > 0
        assert x.reason == reason(a, b) != ""
        count[a.id] += 1
        count[b.id] += 1
        if slots is None:
            assert x.slot is None
        else:
            assert x.slot is not None
            assert 1 <= x.slot <= slots
            for p in (a.id, b.id):
                assert (x.slot, p) not in in_slot, "two meetings in one slot"
                in_slot.add((x.slot, p))
    assert all(c <= per_person for c in count.values())
    keys = [(x.slot or 0, -x.score, x.person_a, x.person_b) for x in intros]
    assert keys == sorted(keys)


@st.composite
def groups(draw: st.DrawFn) -> tuple[list[Person], set[tuple[str, str]], int, int | None]:
    n = draw(st.integers(0, 16))
    people = random_people(n, draw(st.integers(0, 10**6)), draw(st.integers(1, 5)))
    ids = [p.id for p in people]
    possible = list(itertools.combinations(ids, 2))
    known = set(draw(st.lists(st.sampled_from(possible), max_size=10))) if possible else set()
    per_person = draw(st.integers(1, 3))
    slots = draw(st.none() | st.integers(1, 3))
    return people, known, per_person, slots


@settings(max_examples=60, deadline=None)
@given(groups())
def test_valid_for_any_group(group: tuple[list[Person], set[tuple[str, str]], int, int | None]):
    people, known, per_person, slots = group
    intros = introduce(people, per_person, known=known, slots=slots)
    check_valid(people, intros, per_person, {pair(*k) for k in known}, slots)


@settings(max_examples=30, deadline=None)
@given(groups(), st.randoms(use_true_random=False))
def test_deterministic_whatever_the_order(
    group: tuple[list[Person], set[tuple[str, str]], int, int | None], rng: random.Random
) -> None:
    people, known, per_person, slots = group
    first = introduce(people, per_person, known=known, slots=slots)
    assert introduce(people, per_person, known=known, slots=slots) == first
    shuffled = list(people)
    rng.shuffle(shuffled)
    flipped = [(b, a) for a, b in known]
    assert introduce(shuffled, per_person, known=flipped, slots=slots) == first


@pytest.mark.parametrize("n", [9, 30, 120])
def test_numpy_scores_agree_with_plain_python(n: int) -> None:
    """With room for everyone, every pair that may meet is introduced, so the fast scoring
    must find exactly the pairs and scores the plain loop over all pairs finds."""
    people = random_people(n, seed=n)
    known = {pair(people[0].id, people[1].id), pair(people[2].id, people[5].id)}
    weights = ScoreWeights(asset_meets_need=2, shared_interest=3, cross_sector=1)
    intros = introduce(people, n, known=known, weights=weights)
    assert {(x.person_a, x.person_b): x.score for x in intros} == pair_scores(
        people, known=known, weights=weights
    )


def brute_force(scores: dict[tuple[str, str], int], per_person: int) -> int:
    edges = list(scores.items())
    best = 0

    def walk(i: int, total: int, used: dict[str, int]) -> None:
        nonlocal best
        if i == len(edges):
            best = max(best, total)
            return
        (a, b), w = edges[i]
        if used.get(a, 0) < per_person and used.get(b, 0) < per_person:
            used[a] = used.get(a, 0) + 1
            used[b] = used.get(b, 0) + 1
            walk(i + 1, total + w, used)
            used[a] -= 1
            used[b] -= 1
        walk(i + 1, total, used)

    walk(0, 0, {})
    return best


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 8), st.integers(0, 10**6), st.integers(1, 2))
def test_equals_brute_force_on_tiny_groups(n: int, seed: int, per_person: int) -> None:
    """Exact: up to 8 people have at most 28 pairs, which the matching solves exactly."""
    people = random_people(n, seed, organisations=n)
    scores = pair_scores(people)
    intros = introduce(people, per_person)
    assert sum(x.score for x in intros) == brute_force(scores, per_person)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_within_one_percent_of_networkx_on_60_people(seed: int) -> None:
    people = random_people(60, seed, organisations=15)
    scores = pair_scores(people)
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in scores.items())
    optimum = sum(scores[pair(a, b)] for a, b in nx.max_weight_matching(graph))
    ours = sum(x.score for x in introduce(people, 1))
    assert optimum > 0
    assert optimum >= ours >= 0.99 * optimum


def test_slots_on_a_larger_group() -> None:
    people = random_people(80, seed=5, organisations=20)
    intros = introduce(people, 3, slots=4)
    check_valid(people, intros, 3, set(), 4)
    assert {x.slot for x in intros} <= {1, 2, 3, 4}
    assert len(intros) > 60
