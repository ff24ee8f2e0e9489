"""Declared tie-breaks pick one option and keep the tie visible."""

from __future__ import annotations

import pytest

from equalpartners.engines.voting import Ballot, Election, Ranking, TieBreak, tally


def tied(tie_break: TieBreak | None) -> Election:
    return Election(
        options=("Hall", "Garden", "Foyer"),
        ballots=(
            Ballot(Ranking((("Hall",), ("Foyer",), ("Garden",))), 2, "Leadership"),
            Ballot(Ranking((("Garden",), ("Foyer",), ("Hall",))), 1, "Children"),
            Ballot(Ranking((("Garden",), ("Hall",), ("Foyer",))), 1, "Health"),
        ),
        tie_break=tie_break,
    )


def test_without_a_declared_tie_break_the_tie_stands() -> None:
    result = tally(tied(None), "plurality")
    assert result.winners == ("Hall", "Garden")
    assert result.chosen is None
    assert result.tie_break is None


def test_casting_partner_uses_its_own_ballots() -> None:
    result = tally(tied(TieBreak(casting_partner="Health")), "plurality")
    assert result.winners == ("Hall", "Garden")
    assert result.chosen == "Garden"
    assert result.tie_break == (
        "Tied winners: Hall and Garden. The casting partner, Health, prefers Garden."
    )
    assert result.explanation.endswith(result.tie_break)


@pytest.mark.parametrize("seed", [1, 2, 3, 42])
def test_seeded_draw_is_repeatable_and_recorded(seed: int) -> None:
    first = tally(tied(TieBreak(seed=seed)), "plurality")
    again = tally(tied(TieBreak(seed=seed)), "plurality")
    assert first.chosen in ("Hall", "Garden")
    assert first == again
    assert f"with seed {seed}, chose {first.chosen}" in (first.tie_break or "")


def test_casting_partner_without_ballots_falls_back_to_the_draw() -> None:
    result = tally(tied(TieBreak(casting_partner="Nobody", seed=7)), "plurality")
    assert result.chosen in ("Hall", "Garden")
    assert "The casting partner, Nobody, cast no ballot." in (result.tie_break or "")
    assert "seed 7" in (result.tie_break or "")


def test_casting_partner_that_cannot_separate_leaves_the_tie() -> None:
    election = Election(
        options=("Hall", "Garden"),
        ballots=(
            Ballot(Ranking((("Hall", "Garden"),)), 2, "Leadership"),
            Ballot(Ranking((("Garden",),)), 1, "Children"),
            Ballot(Ranking((("Hall",),)), 1, "Health"),
        ),
        tie_break=TieBreak(casting_partner="Leadership"),
    )
    result = tally(election, "plurality")
    assert result.winners == ("Hall", "Garden")
    assert result.chosen is None
    assert result.tie_break == (
        "Tied winners: Hall and Garden. The casting partner, Leadership, does not separate them."
        " The tie stands."
    )
