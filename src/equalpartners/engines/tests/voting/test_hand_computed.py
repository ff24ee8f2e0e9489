"""Results worked out by hand: the Tennessee capital, a three-partner cycle, ties, truncation."""

from __future__ import annotations

from fractions import Fraction

import pytest

from equalpartners.engines.voting import Ballot, Election, Ranking, tally, tally_rankings

from .strategies import exact

TENNESSEE = ("Memphis", "Nashville", "Chattanooga", "Knoxville")
TENNESSEE_BALLOTS = (
    (42, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
    (26, ["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
    (15, ["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
    (17, ["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
)


def ranking(*tiers: str | tuple[str, ...]) -> Ranking:
    return Ranking(tuple((t,) if isinstance(t, str) else t for t in tiers))


def tennessee() -> Election:
    ballots = tuple(
        Ballot(ranking(*order), count, partner="Partner " + order[0][0])
        for count, order in TENNESSEE_BALLOTS
    )
    return Election(options=TENNESSEE, ballots=ballots)


def test_tennessee_plurality_goes_to_memphis() -> None:
    result = tally(tennessee(), "plurality")
    assert result.winners == ("Memphis",)
    assert result.scores == exact(
        {"Memphis": 42, "Nashville": 26, "Chattanooga": 15, "Knoxville": 17}
    )
    assert result.ranking == (("Memphis",), ("Nashville",), ("Knoxville",), ("Chattanooga",))


def test_tennessee_borda_goes_to_nashville() -> None:
    result = tally(tennessee(), "borda")
    assert result.winners == ("Nashville",)
    assert result.scores == exact(
        {
            "Memphis": 126,
            "Nashville": 194,
            "Chattanooga": 173,
            "Knoxville": 107,
        }
    )


def test_tennessee_instant_runoff_goes_to_knoxville_in_three_rounds() -> None:
    result = tally(tennessee(), "irv")
    assert result.winners == ("Knoxville",)
    assert result.rounds is not None
    assert [r.eliminated for r in result.rounds] == [("Chattanooga",), ("Nashville",), ()]
    assert result.rounds[1].tallies == exact({"Memphis": 42, "Nashville": 26, "Knoxville": 32})
    assert result.rounds[2].tallies == exact({"Memphis": 42, "Knoxville": 58})
    assert result.ranking == (("Knoxville",), ("Memphis",), ("Nashville",), ("Chattanooga",))
    assert "Knoxville has 58 of 100 continuing votes, a majority, and wins" in result.explanation


@pytest.mark.parametrize("method", ["schulze", "ranked_pairs", "copeland", "minimax"])
def test_tennessee_condorcet_methods_go_to_nashville_and_say_why(method: str) -> None:
    result = tally(tennessee(), method)
    assert result.winners == ("Nashville",)
    assert result.explanation.startswith(
        "Nashville beats each other option head to head: 68 to 32 against Chattanooga,"
        " 68 to 32 against Knoxville and 58 to 42 against Memphis."
    )
    assert result.pairwise is not None
    assert result.pairwise.support["Nashville"]["Memphis"] == 58
    assert result.pairwise.margin("Chattanooga", "Knoxville") == 66


def test_tennessee_copeland_and_minimax_scores() -> None:
    copeland = tally(tennessee(), "copeland")
    assert copeland.scores == exact(
        {"Memphis": 0, "Nashville": 3, "Chattanooga": 2, "Knoxville": 1}
    )
    minimax = tally(tennessee(), "minimax")
    assert minimax.scores == exact(
        {"Memphis": 16, "Nashville": 0, "Chattanooga": 36, "Knoxville": 66}
    )
    schulze = tally(tennessee(), "schulze")
    assert schulze.ranking == (("Nashville",), ("Chattanooga",), ("Knoxville",), ("Memphis",))


def test_tennessee_from_plain_lists_matches_the_file_path() -> None:
    rankings = [order for count, order in TENNESSEE_BALLOTS for _ in range(count)]
    for method in ("plurality", "borda", "irv", "schulze", "ranked_pairs"):
        plain = tally_rankings(TENNESSEE, rankings, method)
        assert plain == tally(tennessee(), method)


def three_partner_cycle() -> Election:
    """Each partner ranks the three sites in a rotation; Leadership brings five people."""
    return Election(
        options=("Hall", "Foyer", "Garden"),
        ballots=(
            Ballot(ranking("Hall", "Foyer", "Garden"), 5, "Leadership"),
            Ballot(ranking("Foyer", "Garden", "Hall"), 1, "Children"),
            Ballot(ranking("Garden", "Hall", "Foyer"), 2, "Health"),
        ),
    )


@pytest.mark.parametrize(
    "method", ["borda", "irv", "schulze", "ranked_pairs", "copeland", "minimax", "plurality"]
)
def test_three_partner_cycle_is_a_three_way_tie_when_partners_count_equally(method: str) -> None:
    result = tally(three_partner_cycle(), method, "partner")
    assert result.winners == ("Hall", "Foyer", "Garden")
    assert result.ranking == (("Hall", "Foyer", "Garden"),)


def test_three_partner_cycle_by_person_follows_the_largest_partner() -> None:
    election = three_partner_cycle()
    assert tally(election, "schulze").winners == ("Hall",)
    assert tally(election, "ranked_pairs").winners == ("Hall",)
    pairwise = tally(election, "copeland", "partner").pairwise
    assert pairwise is not None
    assert pairwise.support["Hall"]["Foyer"] == 2
    assert pairwise.support["Foyer"]["Hall"] == 1


def test_irv_follows_every_order_when_options_tie_for_last() -> None:
    # First preferences A 3, B 2, C 2: B and C tie for last.
    election = Election(
        options=("A", "B", "C"),
        ballots=(
            Ballot(ranking("A", "B", "C"), 3),
            Ballot(ranking("B", "C", "A"), 2),
            Ballot(ranking("C", "A", "B"), 2),
        ),
    )
    result = tally(election, "irv")
    # Without B, C has 4 of 7; without C, A has 5 of 7. Dropping both at once would elect A alone.
    assert result.winners == ("A", "C")
    assert result.rounds is not None
    assert result.rounds[0].tied_for_last == ("B", "C")
    assert "every order of eliminating them was followed" in result.explanation


def test_plurality_splits_a_ballot_with_several_options_level_at_the_top() -> None:
    election = Election(
        options=("A", "B", "C"),
        ballots=(Ballot(ranking(("A", "B"), "C"), 3), Ballot(ranking("C"), 1)),
    )
    result = tally(election, "plurality")
    assert result.scores == exact({"A": Fraction(3, 2), "B": Fraction(3, 2), "C": 1})
    assert result.winners == ("A", "B")


def test_borda_handles_ties_and_truncation_by_one_rule() -> None:
    # Four options; "A" then B and C level; D unranked below them. Scores per ballot:
    # A 3, B 1 + 1/2, C 1 + 1/2, D 0. Second ballot ranks only D: D 3, others 1 each (level).
    election = Election(
        options=("A", "B", "C", "D"),
        ballots=(Ballot(ranking("A", ("B", "C"))), Ballot(ranking("D"))),
    )
    result = tally(election, "borda")
    assert result.scores == exact({"A": 4, "B": Fraction(5, 2), "C": Fraction(5, 2), "D": 3})
    assert result.ranking == (("A",), ("D",), ("B", "C"))


def test_truncated_ballots_exhaust_in_instant_runoff() -> None:
    election = Election(
        options=("A", "B", "C"),
        ballots=(
            Ballot(ranking("A"), 4),
            Ballot(ranking("B", "A"), 2),
            Ballot(ranking("C"), 3),
        ),
    )
    result = tally(election, "irv")
    assert result.rounds is not None
    assert result.rounds[0].eliminated == ("B",)
    assert result.rounds[1].tallies == exact({"A": 6, "C": 3})
    assert result.winners == ("A",)
    truncated = tally(
        Election(
            options=("A", "B", "C"), ballots=(Ballot(ranking("A"), 2), Ballot(ranking("B"), 3))
        ),
        "irv",
    )
    assert truncated.winners == ("B",)


def test_ties_are_never_hidden() -> None:
    election = Election(
        options=("A", "B"), ballots=(Ballot(ranking("A", "B")), Ballot(ranking("B", "A")))
    )
    for method in ("plurality", "borda", "irv", "schulze", "ranked_pairs", "copeland", "minimax"):
        result = tally(election, method)
        assert result.winners == ("A", "B"), method
        assert result.chosen is None


def test_empty_ballot_box_ties_everything() -> None:
    election = Election(options=("A", "B", "C"), ballots=())
    for method in ("plurality", "borda", "irv", "schulze", "ranked_pairs", "copeland", "minimax"):
        assert tally(election, method).winners == ("A", "B", "C"), method


def test_options_no_ballot_counts_for_go_out_together() -> None:
    options = [f"Site {i}" for i in range(40)]
    result = tally_rankings(
        options, [["Site 1", "Site 2"], ["Site 2"], ["Site 3", "Site 1"]], "irv"
    )
    assert result.winners == ("Site 1", "Site 2", "Site 3")
    assert result.rounds is not None
    first = result.rounds[0]
    assert len(first.eliminated) == 37
    assert "so they are eliminated together" in result.explanation
    assert result.ranking is not None
    assert len(result.ranking[-1]) == 37
