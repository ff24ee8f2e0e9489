"""Small and awkward networks, the period rules, and what bad input is told."""

from __future__ import annotations

import datetime

import pytest

from equalpartners.engines.networks import Member, NetworkInputError, Tie, measure

JAN, FEB, MAR = (datetime.date(2024, month, 1) for month in (1, 2, 3))


def people(*sectors: str) -> list[Member]:
    return [Member(f"p{i}", f"o{i}", sector) for i, sector in enumerate(sectors)]


def test_no_ties_has_no_e_i_index_or_assortativity_and_zero_density() -> None:
    result = measure(people("T", "P", "P"), [])
    assert (result.people, result.ties) == (3, 0)
    assert result.density == 0.0
    assert result.degree_centralization == 0.0
    assert result.ei_index is None
    assert result.assortativity is None
    assert result.new_cross_sector_ties == 0
    assert result.as_json()["ei_index"] is None
    assert all(f.degree == 0 for f in result.by_person.values())


def test_one_sector_has_assortativity_undefined_but_e_i_index_minus_one() -> None:
    result = measure(people("T", "T", "T"), [Tie("p0", "p1", JAN), Tie("p1", "p2", JAN)])
    assert result.assortativity is None
    assert result.ei_index == -1.0
    assert result.degree_centralization == 1.0  # a path of three is a star


def test_isolates_count_as_people_and_lower_density() -> None:
    tied = measure(people("T", "P"), [Tie("p0", "p1", JAN)])
    with_isolates = measure(people("T", "P", "T", "P"), [Tie("p0", "p1", JAN)])
    assert tied.density == 1.0
    assert with_isolates.people == 4
    assert with_isolates.density == pytest.approx(1 / 6)
    assert with_isolates.degree_centralization == pytest.approx(2 / 6)
    assert with_isolates.by_person["p3"].degree == 0


def test_two_people_across_sectors() -> None:
    result = measure(people("T", "P"), [Tie("p0", "p1", JAN)])
    assert result.density == 1.0
    assert result.degree_centralization == 0.0
    assert result.ei_index == 1.0
    assert result.assortativity == -1.0
    assert result.new_cross_sector_ties == 1
    figures = result.by_person["p0"]
    assert (figures.cross_sector_ties, figures.sectors_reached, figures.organisations_reached) == (
        1, 1, 1,
    )  # fmt: skip


def test_nobody_and_one_person_measure_as_empty_networks() -> None:
    for group in ([], people("T")):
        result = measure(group, [], directed=True)
        assert (result.density, result.degree_centralization) == (0.0, 0.0)
        assert result.brokerage == {}
        assert result.as_json()["people"] == len(group)


def test_repeated_ties_make_one_edge_and_one_arc_each_way_when_directed() -> None:
    ties = [Tie("p0", "p1", JAN, "seated"), Tie("p0", "p1", FEB, "seated"),
            Tie("p1", "p0", MAR, "introduced")]  # fmt: skip
    assert measure(people("T", "P"), ties).ties == 1
    directed = measure(people("T", "P"), ties, directed=True)
    assert directed.ties == 2
    assert directed.density == 1.0
    assert directed.by_person["p0"].degree == 2  # total degree: one out, one in
    assert directed.by_person["p0"].cross_sector_ties == 1  # but one neighbour


def test_the_period_includes_both_ends_and_open_ends_are_open() -> None:
    ties = [Tie("p0", "p1", JAN), Tie("p1", "p2", FEB), Tie("p2", "p3", MAR)]
    group = people("T", "P", "T", "P")
    assert measure(group, ties, since=FEB, until=FEB).ties == 1
    assert measure(group, ties, since=FEB).ties == 2
    assert measure(group, ties, until=FEB).ties == 2
    assert measure(group, ties).ties == 3
    assert measure(group, ties, since=MAR + datetime.timedelta(days=1)).ties == 0


def test_a_pair_first_tied_before_the_period_is_not_new_when_tied_again_within_it() -> None:
    ties = [Tie("p0", "p1", JAN, "seated"), Tie("p0", "p1", MAR, "met"), Tie("p2", "p1", MAR)]
    result = measure(people("T", "P", "B"), ties, since=FEB)
    assert result.ties == 2  # both pairs are in the period's network
    assert result.new_cross_sector_ties == 1  # only p1-p2 is new
    assert measure(people("T", "P", "B"), ties, until=FEB).new_cross_sector_ties == 1
    assert measure(people("T", "T", "T"), ties, since=FEB).new_cross_sector_ties == 0


def test_a_pair_tied_both_ways_is_one_new_tie_even_when_directed() -> None:
    ties = [Tie("p0", "p1", JAN), Tie("p1", "p0", FEB)]
    assert measure(people("T", "P"), ties, directed=True).new_cross_sector_ties == 1
    assert measure(people("T", "P"), ties, since=FEB, directed=True).new_cross_sector_ties == 0


def test_brokerage_is_only_for_directed_networks() -> None:
    ties = [Tie("p0", "p1", JAN), Tie("p1", "p2", JAN)]
    assert measure(people("T", "P", "T"), ties).brokerage == {}
    assert measure(people("T", "P", "T"), ties, directed=True).brokerage == {"p1": {"itinerant": 1}}


def test_directed_centralization_uses_total_degree_so_a_two_way_star_is_one() -> None:
    spokes = [Tie("p0", f"p{i}", JAN) for i in range(1, 5)]
    back = [Tie(f"p{i}", "p0", JAN) for i in range(1, 5)]
    assert measure(people(*"TTTTT"), spokes + back, directed=True).degree_centralization == 1.0
    assert measure(people(*"TTTTT"), spokes, directed=True).degree_centralization == 0.5


def test_json_has_the_documented_keys_and_four_places() -> None:
    result = measure(people("T", "P", "P"), [Tie("p0", "p1", JAN)], directed=True)
    figures = result.as_json()
    assert list(figures) == ["people", "ties", "directed", "density", "degree_centralization",
                             "ei_index", "assortativity", "brokerage",
                             "new_cross_sector_ties"]  # fmt: skip
    assert figures["density"] == 0.1667
    assert figures["directed"] is True


@pytest.mark.parametrize(
    ("group", "ties", "since", "until", "message"),
    [
        (people("T", "P"), [Tie("p0", "zed", JAN)], None, None, "'zed', who is not among"),
        (people("T", "P"), [Tie("ghost", "p0", JAN)], None, None, "'ghost', who is not among"),
        (people("T", "P"), [Tie("p1", "p1", JAN)], None, None, "joins 'p1' to themself"),
        ([Member("p0", "o", "T"), Member("p0", "o", "P")], [], None, None, "listed twice"),
        (people("T", "P"), [], MAR, JAN, "dates are out of order"),
        (people("T", "P"), [Tie("p0", "p1", "2024-01-01")], None, None, "has no date"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_cause(
    group: list[Member],
    ties: list[Tie],
    since: datetime.date | None,
    until: datetime.date | None,
    message: str,
) -> None:
    with pytest.raises(NetworkInputError, match=message):
        measure(group, ties, since=since, until=until)
    assert issubclass(NetworkInputError, ValueError)
