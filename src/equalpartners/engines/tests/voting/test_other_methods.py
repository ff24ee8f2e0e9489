"""Approval, score, dot, consent and time polls, worked by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest

from equalpartners.engines.voting import (
    Ballot,
    BallotError,
    Dots,
    Election,
    Grades,
    Quorum,
    Scale,
    Stance,
    Threshold,
    tally,
)

from .strategies import exact

THEMES = ("Wellbeing", "Data", "Workforce")


def test_approval_counts_ones() -> None:
    election = Election(
        options=THEMES,
        ballots=(
            Ballot(Grades({"Wellbeing": 1, "Data": 1}), 3),
            Ballot(Grades({"Workforce": 1, "Data": 0}), 4),
        ),
    )
    result = tally(election, "approval")
    assert result.scores == exact({"Wellbeing": 3, "Data": 3, "Workforce": 4})
    assert result.winners == ("Workforce",)


def test_approval_rejects_other_grades_naming_the_ballot() -> None:
    election = Election(
        options=THEMES, ballots=(Ballot(Grades({"Data": 1})), Ballot(Grades({"Data": 2})))
    )
    with pytest.raises(BallotError, match=r"ballot 1: approval grades are 1 \(approve\) or 0"):
        tally(election, "approval")


def test_score_counts_ungraded_as_the_lowest_grade() -> None:
    election = Election(
        options=THEMES,
        ballots=(
            Ballot(Grades({"Wellbeing": 5}), 2),
            Ballot(Grades({"Data": 4, "Workforce": 3}), 3),
        ),
        scale=Scale(1, 5),
    )
    result = tally(election, "score")
    assert result.scores == exact({"Wellbeing": 13, "Data": 14, "Workforce": 11})
    assert result.winners == ("Data",)
    assert "count as the lowest grade, 1" in result.explanation


def test_score_needs_a_scale() -> None:
    election = Election(options=THEMES, ballots=(Ballot(Grades({"Data": 4})),))
    with pytest.raises(BallotError, match="declare a 'scale'"):
        tally(election, "score")


def test_dot_voting_adds_dots_within_the_budget() -> None:
    election = Election(
        options=THEMES,
        ballots=(Ballot(Dots({"Data": 5, "Wellbeing": 3}), 2), Ballot(Dots({"Workforce": 8}), 1)),
        dot_budget=8,
    )
    result = tally(election, "dot")
    assert result.scores == exact({"Wellbeing": 6, "Data": 10, "Workforce": 8})
    assert result.winners == ("Data",)
    with pytest.raises(BallotError, match="dot_budget"):
        tally(Election(options=THEMES, ballots=election.ballots), "dot")


def proposal(*stances: tuple[Stance, int, str], **rules: object) -> Election:
    return Election(
        options=("Adopt the shared charter",),
        ballots=tuple(Ballot(stance, count, partner) for stance, count, partner in stances),
        **rules,  # type: ignore[arg-type]
    )


def test_consent_passes_with_no_block_and_a_majority() -> None:
    result = tally(
        proposal(
            (Stance.AGREE, 4, "Leadership"),
            (Stance.DISAGREE, 3, "Health"),
            (Stance.ABSTAIN, 5, "Children"),
        ),
        "consent",
    )
    assert result.winners == ("Adopt the shared charter",)
    assert result.checks == {"no_block": True, "threshold": True, "quorum": True}
    assert result.scores == exact({"agree": 4, "abstain": 5, "disagree": 3, "block": 0})


def test_consent_says_every_condition_that_failed() -> None:
    result = tally(
        proposal(
            (Stance.AGREE, 2, "Leadership"),
            (Stance.DISAGREE, 2, "Health"),
            (Stance.BLOCK, 1, "Health"),
            quorum=Quorum(people=6, per_partner={"Children": 1}),
        ),
        "consent",
    )
    assert result.winners == ()
    assert result.checks == {"no_block": False, "threshold": False, "quorum": False}
    assert "Health blocks" in result.explanation
    assert "too few agree: 2 agree and 2 disagree" in result.explanation
    assert "5 people took part, fewer than the 6 needed" in result.explanation
    assert "Children brought 0 of the 1 people it needs" in result.explanation


def test_consent_threshold_and_partner_weighting() -> None:
    election = proposal(
        (Stance.AGREE, 1, "Leadership"),
        (Stance.AGREE, 1, "Children"),
        (Stance.DISAGREE, 9, "Health"),
        threshold=Threshold(Fraction(2, 3), strict=False),
    )
    assert tally(election, "consent").winners == ()
    by_partner = tally(election, "consent", "partner")
    assert by_partner.scores is not None
    assert by_partner.scores["agree"] == 2
    assert by_partner.winners == ("Adopt the shared charter",)
    assert "at least 2/3" in by_partner.explanation


SLOTS = ("Mon 10:00", "Tue 14:00", "Wed 09:30")


def test_time_poll_needs_every_partner_quorum() -> None:
    election = Election(
        options=SLOTS,
        ballots=(
            Ballot(Grades({"Mon 10:00": 2, "Tue 14:00": 1}), 4, "Leadership"),
            Ballot(Grades({"Mon 10:00": 2, "Tue 14:00": 2, "Wed 09:30": 2}), 2, "Children"),
            Ballot(Grades({"Tue 14:00": 2, "Wed 09:30": 1}), 1, "Health"),
        ),
    )
    result = tally(election, "time_poll")
    assert result.scores == exact({"Mon 10:00": 12, "Tue 14:00": 10, "Wed 09:30": 5})
    assert result.checks == {"Mon 10:00": False, "Tue 14:00": True, "Wed 09:30": False}
    assert result.winners == ("Tue 14:00",)
    assert "Mon 10:00 scores more (12), but there Health has 0 of the 1" in result.explanation


def test_time_poll_with_no_qualifying_slot_has_no_winner() -> None:
    election = Election(
        options=SLOTS,
        ballots=(
            Ballot(Grades({"Mon 10:00": 2}), 1, "Leadership"),
            Ballot(Grades({"Tue 14:00": 2}), 1, "Health"),
        ),
        quorum=Quorum(per_partner=1),
    )
    result = tally(election, "time_poll")
    assert result.winners == ()
    assert result.explanation.startswith("No time suits every partner")


def test_time_poll_rejects_answers_other_than_0_1_2() -> None:
    election = Election(options=SLOTS, ballots=(Ballot(Grades({"Mon 10:00": 3})),))
    with pytest.raises(BallotError, match=r"ballot 0: answer 3 for 'Mon 10:00' must be 2 \(yes\)"):
        tally(election, "time_poll")
