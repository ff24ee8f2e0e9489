"""The decisions forms: setting up a decision (options one per line, times for a meeting-time
poll, read in the chosen zone) and the voting forms, which return ballots as the services store
them (options by id)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest

from equalpartners.decisions.ballot_forms import (
    ApprovalBallotForm,
    DotsBallotForm,
    GradesBallotForm,
    RankingBallotForm,
    StanceBallotForm,
    ballot_form_class,
)
from equalpartners.decisions.forms import DecisionForm
from equalpartners.decisions.services import MAX_OPTIONS
from equalpartners.testing import factories as f

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _data(**overrides: Any) -> dict[str, Any]:
    data = {
        "question": "Where should our shared stand go?",
        "method": "ranked_pairs",
        "options": "By the entrance\nBy the café\nIn the health zone",
        "weighting": "partner",
        "opens_on_day": "10",
        "opens_on_month": "1",
        "opens_on_year": "2027",
        "opens_time": "09:00",
        "closes_on_day": "17",
        "closes_on_month": "1",
        "closes_on_year": "2027",
        "closes_time": "17:00",
        "time_zone": "Europe/London",
        "votes_changeable": "on",
        "scale_high": "5",
    }
    data.update(overrides)
    return data


def _form(partnership, **overrides):
    return DecisionForm(_data(**overrides), partnership=partnership)


# DecisionForm


def test_a_valid_form_gives_the_service_its_values(partnership):
    form = _form(partnership)
    assert form.is_valid(), form.errors
    values = form.service_values()
    assert [o.label for o in values["options"]] == [
        "By the entrance",
        "By the café",
        "In the health zone",
    ]
    london = zoneinfo.ZoneInfo("Europe/London")
    assert values["opens_at"] == dt.datetime(2027, 1, 10, 9, tzinfo=london)
    assert values["closes_at"] == dt.datetime(2027, 1, 17, 17, tzinfo=london)
    assert values["method"] == "ranked_pairs"
    assert values["voter_roles"] == []
    assert values["voter_partners"] == []


def test_options_are_one_per_line_leaving_out_blank_lines(partnership):
    form = _form(partnership, options="  North \n\n   \nSouth\n")
    assert form.is_valid(), form.errors
    assert [o.label for o in form.service_values()["options"]] == ["North", "South"]


def test_a_time_poll_line_becomes_a_slot_in_the_chosen_zone(partnership):
    form = _form(
        partnership,
        method="time_poll",
        weighting="person",
        time_zone="America/New_York",
        options="2027-01-20 10:00-12:00\n2027-1-21 9.30 to 11:00",
    )
    assert form.is_valid(), form.errors
    first, second = form.service_values()["options"]
    assert first.starts_at == dt.datetime(2027, 1, 20, 10, tzinfo=NEW_YORK)
    assert first.ends_at == dt.datetime(2027, 1, 20, 12, tzinfo=NEW_YORK)
    assert first.starts_at.astimezone(dt.UTC) == dt.datetime(2027, 1, 20, 15, tzinfo=dt.UTC)
    assert first.label == "Wed 20 Jan 2027, 10:00–12:00 EST"
    assert second.starts_at == dt.datetime(2027, 1, 21, 9, 30, tzinfo=NEW_YORK)
    assert second.ends_at == dt.datetime(2027, 1, 21, 11, tzinfo=NEW_YORK)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "2027-01-20 10:00-12:00\nnext Tuesday",
            "Line 2: write a time as a date and a start and end, like 2027-01-20 10:00-12:00",
        ),
        (
            "2027-01-20 10:00-12:00\n\nnext Tuesday",
            "Line 3: write a time as a date and a start and end, like 2027-01-20 10:00-12:00",
        ),
        (
            "2027-01-20 10:00-12:00\n2027-02-30 10:00-12:00",
            "Line 2: 2027-02-30 10:00-12:00 is not a real date and time",
        ),
        (
            "2027-01-20 12:00-10:00\n2027-01-21 10:00-12:00",
            "Line 1: the end must be after the start",
        ),
        ("2027-01-20 10:00-12:00\n2027-01-20 10:00-12:00", "Line 2 repeats line 1"),
        (
            # The clocks go forward at 01:00 on 28 March 2027 in London: 01:30 never happens.
            "2027-01-20 10:00-12:00\n2027-03-28 01:30-03:00",
            "Line 2: there is no 01:30 on 28 March 2027 in Europe/London",
        ),
    ],
)
def test_a_bad_time_poll_line_is_named_by_its_number(partnership, options, message):
    form = _form(partnership, method="time_poll", weighting="person", options=options)
    assert not form.is_valid()
    (error,) = form.errors["options"]
    assert error.startswith(message)


def test_a_repeated_option_names_both_lines(partnership):
    form = _form(partnership, options="North\nSouth\n\nnorth")
    assert not form.is_valid()
    assert form.errors["options"] == ["Line 4 repeats line 1: give each option once"]


def test_more_than_thirty_options_are_refused(partnership):
    form = _form(partnership, options="\n".join(f"Option {n}" for n in range(MAX_OPTIONS + 1)))
    assert not form.is_valid()
    assert form.errors["options"] == ["Give at most 30 options"]
    exactly = _form(partnership, options="\n".join(f"Option {n}" for n in range(MAX_OPTIONS)))
    assert exactly.is_valid(), exactly.errors


@pytest.mark.parametrize(
    ("method", "options", "message"),
    [
        ("consent", "One\nTwo", "For consent, write the one proposal on one line"),
        ("borda", "Only one", "Give at least two options to choose between"),
        ("borda", "A\n" + "x" * 201, "Line 2: an option can be at most 200 characters long"),
    ],
)
def test_the_options_fit_the_method(partnership, method, options, message):
    form = _form(partnership, method=method, options=options)
    assert not form.is_valid()
    assert form.errors["options"] == [message]


def test_closing_before_opening_is_an_error_on_the_closing_date(partnership):
    form = _form(partnership, closes_on_day="10", closes_time="08:59")
    assert not form.is_valid()
    assert form.errors["closes_on"] == ["Voting must close after it opens"]
    same = _form(partnership, closes_on_day="10", closes_time="09:00")
    assert same.errors["closes_on"] == ["Voting must close after it opens"]


def test_a_dot_vote_needs_a_budget_and_a_time_poll_cannot_be_anonymous(partnership):
    dots = _form(partnership, method="dot")
    assert not dots.is_valid()
    assert dots.errors["dot_budget"] == ["Give the number of dots each person may place"]
    poll = _form(
        partnership,
        method="time_poll",
        anonymous="on",
        options="2027-01-20 10:00-12:00\n2027-01-21 10:00-12:00",
    )
    assert not poll.is_valid()
    assert "meeting-time poll is named" in poll.errors["anonymous"][0]


def test_only_this_partnerships_partners_may_be_chosen(partnership, other_partnership):
    stranger = other_partnership.partners.get()
    form = _form(partnership, voter_partners=[stranger.pk])
    assert not form.is_valid()
    assert "voter_partners" in form.errors


# Ballot forms


@pytest.fixture
def ranked(partnership):
    return f.DecisionFactory(partnership=partnership, options=["North", "South", "East"])


def _ballot_form(form_class, decision, data, asks_receipt=False):
    return form_class(
        data,
        decision=decision,
        options=list(decision.options.all()),
        asks_receipt=asks_receipt,
    )


def test_a_ranking_gives_option_ids_best_first_leaving_out_blanks(ranked):
    north, _, east = ranked.options.all()
    form = _ballot_form(
        RankingBallotForm, ranked, {"rank_1": str(east.pk), "rank_2": "", "rank_3": str(north.pk)}
    )
    assert form.is_valid(), form.errors
    assert form.content() == {"ranking": [[east.pk], [north.pk]]}
    assert [form.fields[n].label for n in ("rank_1", "rank_2", "rank_3")] == [
        "1st choice",
        "2nd choice",
        "3rd choice",
    ]


def test_a_ranking_refuses_an_option_chosen_twice_naming_it(ranked):
    north, south, _ = ranked.options.all()
    form = _ballot_form(
        RankingBallotForm,
        ranked,
        {"rank_1": str(south.pk), "rank_2": str(north.pk), "rank_3": str(south.pk)},
    )
    assert not form.is_valid()
    assert form.errors["rank_3"] == ["South is already your 1st choice: choose each option once"]


def test_a_ranking_needs_a_first_choice(ranked):
    form = _ballot_form(RankingBallotForm, ranked, {"rank_1": "", "rank_2": ""})
    assert not form.is_valid()
    assert "rank_1" in form.errors


def test_a_ranking_refuses_an_option_not_offered(ranked, partnership):
    other = f.DecisionFactory(partnership=partnership, options=["Elsewhere", "Nowhere"])
    form = _ballot_form(RankingBallotForm, ranked, {"rank_1": str(other.options.first().pk)})
    assert not form.is_valid()
    assert "rank_1" in form.errors


def test_dots_over_the_budget_are_refused(partnership):
    decision = f.DecisionFactory(partnership=partnership, method="dot", dot_budget=5)
    north, south, east = decision.options.all()
    data = {f"option_{north.pk}": "3", f"option_{south.pk}": "3", f"option_{east.pk}": "0"}
    form = _ballot_form(DotsBallotForm, decision, data)
    assert not form.is_valid()
    assert form.non_field_errors() == ["You placed 6 dots; you have 5 to place"]


def test_dots_within_the_budget_name_only_the_options_with_dots(partnership):
    decision = f.DecisionFactory(partnership=partnership, method="dot", dot_budget=5)
    north, south, east = decision.options.all()
    data = {f"option_{north.pk}": "4", f"option_{south.pk}": "0", f"option_{east.pk}": "1"}
    form = _ballot_form(DotsBallotForm, decision, data)
    assert form.is_valid(), form.errors
    assert form.content() == {"dots": {str(north.pk): 4, str(east.pk): 1}}


def test_approval_marks_every_option_approved_or_not(partnership):
    decision = f.DecisionFactory(partnership=partnership, method="approval")
    north, south, east = decision.options.all()
    form = _ballot_form(ApprovalBallotForm, decision, {"approved": [str(north.pk), str(east.pk)]})
    assert form.is_valid(), form.errors
    assert form.content() == {"grades": {str(north.pk): 1, str(south.pk): 0, str(east.pk): 1}}
    nothing = _ballot_form(ApprovalBallotForm, decision, {})
    assert nothing.is_valid()
    assert set(nothing.content()["grades"].values()) == {0}


def test_a_stance_is_one_of_four(partnership):
    decision = f.DecisionFactory(partnership=partnership, method="consent", options=["The plan"])
    form = _ballot_form(StanceBallotForm, decision, {"stance": "block"})
    assert form.is_valid(), form.errors
    assert form.content() == {"stance": "block"}
    assert [value for value, _ in form.fields["stance"].choices] == [
        "agree",
        "abstain",
        "disagree",
        "block",
    ]
    assert not _ballot_form(StanceBallotForm, decision, {"stance": "maybe"}).is_valid()


def test_a_time_poll_asks_yes_if_need_be_or_no_for_each_time(partnership):
    decision = f.DecisionFactory(partnership=partnership, method="time_poll")
    north, south, east = decision.options.all()
    data = {f"option_{north.pk}": "2", f"option_{south.pk}": "1", f"option_{east.pk}": "0"}
    form = _ballot_form(GradesBallotForm, decision, data)
    assert form.is_valid(), form.errors
    assert form.content() == {"grades": {str(north.pk): 2, str(south.pk): 1, str(east.pk): 0}}
    assert [label for _, label in form.fields[f"option_{north.pk}"].choices] == [
        "Yes",
        "If need be",
        "No",
    ]


def test_the_receipt_is_asked_for_only_when_changing_an_anonymous_vote(ranked):
    north = ranked.options.first()
    without = _ballot_form(RankingBallotForm, ranked, {"rank_1": str(north.pk)})
    assert "receipt" not in without.fields
    asked = _ballot_form(RankingBallotForm, ranked, {"rank_1": str(north.pk)}, asks_receipt=True)
    assert not asked.is_valid()
    assert "receipt" in asked.errors
    assert list(asked.fields)[-1] == "receipt"


@pytest.mark.parametrize(
    ("method", "form_class"),
    [
        ("borda", RankingBallotForm),
        ("ranked_pairs", RankingBallotForm),
        ("approval", ApprovalBallotForm),
        ("score", GradesBallotForm),
        ("majority_judgment", GradesBallotForm),
        ("time_poll", GradesBallotForm),
        ("dot", DotsBallotForm),
        ("consent", StanceBallotForm),
    ],
)
def test_each_method_has_its_ballot_form(partnership, method, form_class):
    decision = f.DecisionFactory.build(partnership=partnership, method=method)
    assert ballot_form_class(decision) is form_class
