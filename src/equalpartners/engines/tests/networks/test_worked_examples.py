"""The hand-checked worked examples (a copy of the shared file sits beside this test)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from equalpartners.engines.networks import Member, Tie, measure

EXAMPLES = json.loads((Path(__file__).parent / "network_examples.json").read_text("utf-8"))
CASES = {case["id"]: case for case in EXAMPLES["cases"]}
FIRST = datetime.date(2024, 1, 15)
SECOND = datetime.date(2024, 7, 15)


def people_of(case: dict[str, Any]) -> list[Member]:
    return [Member(id, f"org-{id}", sector) for id, sector in case["sectors"].items()]


def ties_of(case: dict[str, Any], on: datetime.date) -> list[Tie]:
    return [Tie(a, b, on, "declared") for a, b in case["ties"]]


@pytest.mark.parametrize("name", list(CASES))
def test_each_worked_example_gives_its_answers(name: str) -> None:
    case = CASES[name]
    ties = ties_of(case, SECOND)
    since = None
    if "previous" in case:  # the earlier wave's ties were first seen at the first wave
        ties = ties_of(CASES[case["previous"]], FIRST) + ties
        since = SECOND
    result = measure(people_of(case), ties, since=since, directed=case.get("directed", False))
    figures = result.as_json()
    for key, value in case["expected"].items():
        assert figures[key] == value, key


def test_wave_two_on_the_cumulative_network_finds_the_same_single_new_tie() -> None:
    one, two = CASES["wave-1"], CASES["wave-2"]
    first = ties_of(one, FIRST)
    added = [tie for tie in ties_of(two, SECOND) if [tie.a, tie.b] not in one["ties"]]
    assert len(added) == 1
    before = measure(people_of(two), first + added, until=FIRST)
    after = measure(people_of(two), first + added, until=SECOND)
    assert before.as_json()["assortativity"] == 1.0
    assert after.as_json()["assortativity"] == 0.3333
    assert after.new_cross_sector_ties == 1
    between = measure(people_of(two), first + added, since=FIRST + datetime.timedelta(days=1))
    assert between.new_cross_sector_ties == 1
    assert between.ties == 1


def test_the_brokerage_example_names_every_broker_and_only_them() -> None:
    case = CASES["brokerage"]
    result = measure(people_of(case), ties_of(case, FIRST), directed=True)
    assert result.brokerage == case["expected"]["brokerage"]
    # A -> B -> C and B -> C -> D are closed, so B and C have only one role each.
    assert sum(result.brokerage["B"].values()) == 1
    assert sum(result.brokerage["C"].values()) == 1


def test_the_star_example_has_a_as_the_person_who_connects_most() -> None:
    case = CASES["star-ish"]
    result = measure(people_of(case), ties_of(case, FIRST))
    a = result.by_person["A"]
    assert (a.degree, a.cross_sector_ties, a.sectors_reached, a.organisations_reached) == (
        3, 2, 1, 3,
    )  # fmt: skip
    assert result.by_person["B"].cross_sector_ties == 0
