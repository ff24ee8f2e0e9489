"""Benchmark: introductions (`equalpartners.engines.mixing.introductions.introduce`).

Run from the repository root with the virtual environment active:

    python bench/mixing/intros.py            # both cases
    python bench/mixing/intros.py --quick    # smaller cases, for a smoke test

Cases:
1. 400 random people, one introduction each: our total score as a share of the exact optimum,
   networkx's `max_weight_matching` on every pair that scores above 0 (scored by our own
   `pair_scores`, so the oracle sees the same graph). Target: 99% or more.
2. 5,000 random people, three introductions each: our time (target under 5 s), against a greedy
   baseline written here (every pair that scores, heaviest first, taken while both have room).

`reference_seconds` is the reference's own time on scores computed beforehand; scoring every pair
in plain Python (`pair_scores`, an independent path from our numpy scoring) is reported apart as
`reference_scoring_seconds`.

People come from a seeded generator: a vocabulary of 40 partnership phrases, 2-4 assets, 1-3
needs and 1-3 interests each, three sectors, organisations of about five. `peak_mib` is the
Python heap peak of our run (tracemalloc, in a separate run so it does not slow the timed one).
"""

from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from equalpartners.engines.mixing.introductions import Introduction, introduce, pair_scores
from equalpartners.engines.mixing.people import Pair, Person

VOCABULARY = (
    "funding bids",
    "data sharing",
    "youth work",
    "community engagement",
    "volunteer recruitment",
    "evaluation",
    "impact measurement",
    "digital skills",
    "social media",
    "venue space",
    "mental health",
    "housing advice",
    "legal advice",
    "procurement",
    "commissioning",
    "policy writing",
    "research",
    "translation",
    "training",
    "mentoring",
    "safeguarding",
    "governance",
    "financial planning",
    "fundraising",
    "local councillors",
    "health services",
    "schools",
    "employers",
    "faith groups",
    "press contacts",
    "event planning",
    "graphic design",
    "co-production",
    "lived experience",
    "transport",
    "food banks",
    "climate action",
    "arts programmes",
    "sports clubs",
    "older people",
)
SECTORS = ("third sector", "public sector", "government")


def random_people(n: int, seed: int) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for i in range(n):
        organisation = i // 5
        people.append(
            Person(
                id=f"p{i:05}",
                name=f"Person {i}",
                organisation=f"org {organisation}",
                sector=SECTORS[organisation % 3],
                assets=tuple(rng.sample(VOCABULARY, rng.randint(2, 4))),
                needs=tuple(rng.sample(VOCABULARY, rng.randint(1, 3))),
                interests=tuple(rng.sample(VOCABULARY, rng.randint(1, 3))),
            )
        )
    return people


def greedy(scores: dict[Pair, int], per_person: int) -> int:
    """The greedy baseline: pairs heaviest first (ties by ids), each taken while both have room."""
    room: dict[str, int] = {}
    total = 0
    for (a, b), value in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if room.get(a, per_person) > 0 and room.get(b, per_person) > 0:
            room[a] = room.get(a, per_person) - 1
            room[b] = room.get(b, per_person) - 1
            total += value
    return total


def exact_k1(scores: dict[Pair, int]) -> int:
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in scores.items())
    matching = nx.max_weight_matching(graph)
    return sum(scores[(a, b) if a < b else (b, a)] for a, b in matching)


def timed_ours(people: Sequence[Person], per_person: int) -> tuple[list[Introduction], float]:
    start = time.perf_counter()
    result = introduce(people, per_person)
    return result, time.perf_counter() - start


def peak_mib(people: Sequence[Person], per_person: int) -> float:
    tracemalloc.start()
    try:
        introduce(people, per_person)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round(peak / 2**20, 1)


def row(case: str, people: Sequence[Person], per_person: int, reference: str) -> dict[str, object]:
    ours, seconds = timed_ours(people, per_person)
    ours_total = sum(x.score for x in ours)
    start = time.perf_counter()
    scores = pair_scores(people)
    scoring_seconds = time.perf_counter() - start
    start = time.perf_counter()
    if reference.startswith("networkx"):
        reference_total = exact_k1(scores)
    else:
        reference_total = greedy(scores, per_person)
    reference_seconds = time.perf_counter() - start
    return {
        "case": case,
        "people": len(people),
        "per_person": per_person,
        "ours_seconds": round(seconds, 3),
        "ours_total": ours_total,
        "reference": reference,
        "reference_seconds": round(reference_seconds, 3),
        "reference_total": reference_total,
        "share_of_optimum": round(ours_total / reference_total, 4) if reference_total else None,
        "peak_mib": peak_mib(people, per_person),
        "reference_scoring_seconds": round(scoring_seconds, 3),
    }


def measure(quick: bool = False) -> list[dict[str, object]]:
    small = 120 if quick else 400
    large = 1000 if quick else 5000
    rows = [
        row(
            f"{small} people, 1 each, against the exact optimum",
            random_people(small, seed=1),
            1,
            "networkx max_weight_matching (exact)",
        ),
        row(
            f"{large} people, 3 each, time (target under 5 s)",
            random_people(large, seed=2),
            3,
            "greedy by weight (all scoring pairs)",
        ),
    ]
    rows[1]["share_of_optimum"] = None  # greedy is no optimum; its total is reported alongside
    return rows


def main() -> None:
    rows = measure(quick="--quick" in sys.argv)
    keys = list(rows[0])
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in keys}
    print("  ".join(k.ljust(widths[k]) for k in keys))
    for r in rows:
        print("  ".join(str(r[k]).ljust(widths[k]) for k in keys))
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
