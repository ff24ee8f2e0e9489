"""The decisions services: set up, change, propose and remove options, vote, close, record the
outcome (with calendar invitations for a meeting time) and remind. Each refuses what it must with
a ``ValidationError`` and leaves nothing behind, and each writes its audit entry, which never
holds what a ballot said."""

from __future__ import annotations

import datetime as dt
import json
import threading
import zoneinfo
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.decisions import selectors, services
from equalpartners.decisions.models import Ballot, Decision, DecisionStatus, Option, VoteRecord
from equalpartners.decisions.services import OptionSpec
from equalpartners.decisions.tests.builders import (
    URL,
    member_of,
    open_decision,
    options_by_label,
    partner_named,
)

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _later() -> dict[str, Any]:
    """Opening and closing times for a decision that has not opened yet."""
    now = timezone.now()
    return {"opens_at": now + dt.timedelta(days=1), "closes_at": now + dt.timedelta(days=8)}


def _create(partnership, actor=None, labels=("North", "South", "East"), **values):
    values = {"question": "Where?", "method": "borda", "weighting": "person", **_later(), **values}
    options = values.pop("options", None) or [OptionSpec(label=label) for label in labels]
    return services.decision_create(actor=actor, partnership=partnership, options=options, **values)


def _messages(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


def _rank(decision, *labels) -> dict[str, Any]:
    options = options_by_label(decision)
    return {"ranking": [[options[label].pk] for label in labels]}


# decision_create


def test_decision_create_saves_the_decision_its_options_and_an_audit_entry(
    partnership, coordinator
):
    leaders = partner_named(partnership, "Leaders Org")
    decision = _create(
        partnership,
        actor=coordinator,
        labels=("North", "South", "East"),
        voter_partners=[leaders],
        anonymous=True,
    )
    decision.refresh_from_db()
    assert [o.label for o in decision.options.all()] == ["North", "South", "East"]
    assert [o.position for o in decision.options.all()] == [0, 1, 2]
    assert list(decision.voter_partners.all()) == [leaders]
    assert decision.created_by == coordinator
    assert decision.anonymous is True
    assert decision.tie_break_seed is None
    (entry,) = _entries("decision.create")
    assert entry.actor == coordinator
    assert entry.object_id == str(decision.pk)
    assert entry.data["options"] == ["North", "South", "East"]
    assert entry.data["method"] == "borda"
    assert entry.data["tie_break_seed"] is None


@pytest.mark.parametrize(
    ("method", "labels", "words"),
    [
        ("consent", ("One", "Two"), "exactly one proposal"),
        ("consent", (), "exactly one proposal"),
        ("borda", ("Only",), "at least two options"),
        ("approval", ("Only",), "at least two options"),
        ("borda", ("Café", " café ", "Park"), "different name"),
    ],
)
def test_decision_create_checks_the_options_for_the_method(partnership, method, labels, words):
    options = [OptionSpec(label=label) for label in labels]
    with pytest.raises(ValidationError) as excinfo:
        services.decision_create(
            actor=None,
            partnership=partnership,
            options=options,
            question="Q?",
            method=method,
            **_later(),
        )
    assert words in excinfo.value.message_dict["options"][0]
    assert not Decision.objects.exists()
    assert not Option.objects.exists()


def test_decision_create_refuses_a_time_poll_option_that_is_not_a_time(partnership):
    start = dt.datetime(2027, 1, 20, 10, tzinfo=BERLIN)
    options = [
        OptionSpec.time_slot(start, start + dt.timedelta(hours=2)),
        OptionSpec(label="Some time next week"),
    ]
    with pytest.raises(ValidationError) as excinfo:
        _create(partnership, method="time_poll", options=options)
    assert "is a time" in excinfo.value.message_dict["options"][0]
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"method": "dot"}, "dot_budget", "number of dots"),
        ({"method": "time_poll", "anonymous": True}, "anonymous", "names who can come"),
    ],
)
def test_decision_create_refuses_rules_that_do_not_fit_the_method(
    partnership, values, field, words
):
    options = None
    if values["method"] == "time_poll":
        start = dt.datetime(2027, 1, 20, 10, tzinfo=BERLIN)
        options = [
            OptionSpec.time_slot(start, start + dt.timedelta(hours=1)),
            OptionSpec.time_slot(
                start + dt.timedelta(days=1), start + dt.timedelta(days=1, hours=1)
            ),
        ]
    with pytest.raises(ValidationError) as excinfo:
        _create(partnership, options=options, **values)
    assert words in excinfo.value.message_dict[field][0]
    assert not Decision.objects.exists()


def test_decision_create_with_a_budget_makes_a_dot_vote(partnership):
    decision = _create(partnership, method="dot", dot_budget=5)
    assert decision.dot_budget == 5


def test_decision_create_refuses_closing_before_opening(partnership):
    now = timezone.now()
    with pytest.raises(ValidationError) as excinfo:
        _create(partnership, opens_at=now + dt.timedelta(days=2), closes_at=now + dt.timedelta(1))
    assert excinfo.value.message_dict["closes_at"] == ["Voting must close after it opens"]
    with pytest.raises(ValidationError):
        _create(partnership, opens_at=now + dt.timedelta(days=2), closes_at=now + dt.timedelta(2))
    assert not Decision.objects.exists()


@pytest.mark.parametrize("as_casting", [False, True])
def test_decision_create_refuses_a_partner_of_another_partnership(
    partnership, other_partnership, as_casting
):
    stranger = other_partnership.partners.get()
    extra = {"casting_partner": stranger} if as_casting else {"voter_partners": [stranger]}
    with pytest.raises(ValidationError) as excinfo:
        _create(partnership, **extra)
    assert "is not a partner here" in excinfo.value.message_dict["voter_partners"][0]
    assert not Decision.objects.exists()


def test_decision_create_with_a_draw_records_its_seed_in_the_decision_and_the_audit(partnership):
    decision = _create(partnership, draw_tie_break=True)
    decision.refresh_from_db()
    assert isinstance(decision.tie_break_seed, int)
    assert 0 <= decision.tie_break_seed < 2**53
    (entry,) = _entries("decision.create")
    assert entry.data["tie_break_seed"] == decision.tie_break_seed
    # Each draw declares its own seed.
    assert _create(partnership, question="Again?", draw_tie_break=True).tie_break_seed != (
        decision.tie_break_seed
    )


# decision_update


def test_decision_update_before_opening_changes_anything_and_audits_it(partnership, coordinator):
    leaders = partner_named(partnership, "Leaders Org")
    decision = _create(partnership)
    services.decision_update(
        actor=coordinator,
        decision=decision,
        question="Where now?",
        method="approval",
        options=[OptionSpec(label="Here"), OptionSpec(label="There")],
        voter_partners=[leaders],
    )
    decision.refresh_from_db()
    assert (decision.question, decision.method) == ("Where now?", "approval")
    assert [o.label for o in decision.options.all()] == ["Here", "There"]
    assert list(decision.voter_partners.all()) == [leaders]
    (entry,) = _entries("decision.update")
    changes = entry.data["changes"]
    assert changes["question"] == {"from": "Where?", "to": "Where now?"}
    assert changes["options"] == {"from": ["North", "South", "East"], "to": ["Here", "There"]}
    assert changes["voter_partners"] == {"from": [], "to": ["Leaders Org"]}


def test_decision_update_once_open_moves_the_closing_time_later(partnership, coordinator):
    decision = open_decision(partnership)
    later = decision.closes_at + dt.timedelta(days=3)
    services.decision_update(actor=coordinator, decision=decision, closes_at=later)
    decision.refresh_from_db()
    assert decision.closes_at == later
    (entry,) = _entries("decision.update")
    assert set(entry.data["changes"]) == {"closes_at"}


@pytest.mark.parametrize(
    "change",
    [
        {"closes_at": "earlier"},
        {"question": "Something else?"},
        {"question": "Something else?", "closes_at": "later"},
        {"method": "plurality"},
        {"anonymous": True},
        {"options": [OptionSpec(label="A"), OptionSpec(label="B")]},
        {"voter_partners": []},
    ],
)
def test_decision_update_once_open_refuses_anything_else_and_changes_nothing(
    partnership, coordinator, change
):
    decision = open_decision(partnership)
    before = Decision.objects.values().get(pk=decision.pk)
    times = {"earlier": decision.closes_at - dt.timedelta(days=1)}
    times["later"] = decision.closes_at + dt.timedelta(days=1)
    values: dict[str, Any] = {
        k: times.get(v, v) if isinstance(v, str) else v for k, v in change.items()
    }
    with pytest.raises(ValidationError) as excinfo:
        services.decision_update(actor=coordinator, decision=decision, **values)
    assert "open" in _messages(excinfo)
    assert Decision.objects.values().get(pk=decision.pk) == before
    assert [o.label for o in decision.options.all()] == ["North", "South", "East"]
    assert not _entries("decision.update")


def test_decision_update_once_open_accepts_the_rules_as_they_are(partnership, coordinator):
    decision = open_decision(partnership)
    services.decision_update(
        actor=coordinator, decision=decision, question=decision.question, method="borda"
    )
    assert not _entries("decision.update")


def test_decision_update_after_closing_cannot_reopen_voting(partnership, coordinator):
    now = timezone.now()
    decision = open_decision(
        partnership, opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.decision_update(
            actor=coordinator, decision=decision, closes_at=now + dt.timedelta(days=5)
        )
    assert "closed" in _messages(excinfo)
    decision.refresh_from_db()
    assert decision.status_at(timezone.now()) == DecisionStatus.CLOSED


def test_decision_update_refuses_a_casting_partner_of_another_partnership(
    partnership, other_partnership, coordinator
):
    decision = _create(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.decision_update(
            actor=coordinator,
            decision=decision,
            casting_partner=other_partnership.partners.get(),
        )
    assert "is not a partner here" in excinfo.value.message_dict["voter_partners"][0]
    decision.refresh_from_db()
    assert decision.casting_partner is None


def test_decision_update_checks_the_kept_options_against_a_new_method(partnership, coordinator):
    decision = _create(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.decision_update(actor=coordinator, decision=decision, method="consent")
    assert "exactly one proposal" in excinfo.value.message_dict["options"][0]
    decision.refresh_from_db()
    assert decision.method == "borda"


# option_propose and option_remove


def test_option_propose_adds_the_option_last_with_its_proposer(partnership, coordinator):
    decision = _create(partnership, proposals_allowed=True)
    person = member_of(partnership, None).person
    option = services.option_propose(
        actor=coordinator, decision=decision, person=person, label="  West ", description="Why"
    )
    option.refresh_from_db()
    assert (option.label, option.proposed_by, option.position) == ("West", person, 3)
    assert [o.label for o in decision.options.all()] == ["North", "South", "East", "West"]
    (entry,) = _entries("decision.option_propose")
    assert entry.data == {"label": "West", "proposed_by": person.name}
    assert entry.object_id == str(decision.pk)  # in the decision's own history


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"proposals_allowed": False}, "does not take proposals"),
        ({"proposals_allowed": True, "opens_at": "past"}, "already opened"),
    ],
)
def test_option_propose_only_when_allowed_and_before_opening(partnership, values, words):
    values = dict(values)
    if values.pop("opens_at", None):
        values["opens_at"] = timezone.now() - dt.timedelta(hours=1)
    labels = ("The plan",) if values.get("method") == "consent" else ("North", "South")
    decision = _create(partnership, labels=labels, **values)
    person = member_of(partnership, None).person
    with pytest.raises(ValidationError) as excinfo:
        services.option_propose(actor=None, decision=decision, person=person, label="West")
    assert words in _messages(excinfo)
    assert decision.options.count() == len(labels)
    assert not _entries("decision.option_propose")


@pytest.mark.parametrize("method", ["consent", "time_poll"])
def test_proposals_are_only_for_a_choice_between_options(partnership, method):
    start = dt.datetime(2027, 1, 20, 10, tzinfo=BERLIN)
    options = (
        [OptionSpec(label="Adopt the plan")]
        if method == "consent"
        else [
            OptionSpec.time_slot(start, start + dt.timedelta(hours=1)),
            OptionSpec.time_slot(
                start + dt.timedelta(days=1), start + dt.timedelta(days=1, hours=1)
            ),
        ]
    )
    with pytest.raises(ValidationError) as excinfo:
        _create(partnership, method=method, options=options, proposals_allowed=True)
    assert (
        "not for consent or a meeting-time poll"
        in excinfo.value.message_dict["proposals_allowed"][0]
    )
    assert not Decision.objects.exists()


def test_option_propose_refuses_a_name_already_there_whatever_its_case(partnership):
    decision = _create(partnership, proposals_allowed=True)
    with pytest.raises(ValidationError) as excinfo:
        services.option_propose(
            actor=None,
            decision=decision,
            person=member_of(partnership, None).person,
            label=" nORTH ",
        )
    assert "already has an option" in excinfo.value.message_dict["label"][0]
    assert decision.options.count() == 3


def test_option_remove_before_opening_removes_it_and_audits_its_name(partnership, coordinator):
    decision = _create(partnership)
    services.option_remove(actor=coordinator, option=options_by_label(decision)["South"])
    assert [o.label for o in decision.options.all()] == ["North", "East"]
    (entry,) = _entries("decision.option_remove")
    assert entry.data == {"label": "South"}
    assert entry.object_id == str(decision.pk)


def test_option_remove_keeps_the_minimum_number_of_options(partnership):
    decision = _create(partnership, labels=("North", "South"))
    with pytest.raises(ValidationError) as excinfo:
        services.option_remove(actor=None, option=options_by_label(decision)["South"])
    assert "at least two options" in _messages(excinfo)
    assert decision.options.count() == 2

    consent = _create(partnership, question="Agree?", method="consent", labels=("The plan",))
    with pytest.raises(ValidationError) as excinfo:
        services.option_remove(actor=None, option=consent.options.get())
    assert "one proposal" in _messages(excinfo)
    assert consent.options.count() == 1
    assert not _entries("decision.option_remove")


def test_option_remove_refused_once_voting_opens(partnership):
    decision = open_decision(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.option_remove(actor=None, option=options_by_label(decision)["South"])
    assert "already opened" in _messages(excinfo)
    assert decision.options.count() == 3


# ballot_cast: who may vote, and when


def test_a_vote_is_stored_with_its_voter_partner_and_a_vote_record(partnership):
    leaders = partner_named(partnership, "Leaders Org")
    decision = open_decision(partnership)
    membership = member_of(partnership, leaders)
    at = timezone.now()
    content = _rank(decision, "South", "North")
    code = services.ballot_cast(
        actor=membership.person.user,
        decision=decision,
        membership=membership,
        content=content,
        at=at,
    )
    assert code == ""
    ballot = Ballot.objects.get(decision=decision)
    assert (ballot.voter, ballot.partner, ballot.content, ballot.receipt_hash) == (
        membership.person,
        leaders,
        content,
        "",
    )
    record = VoteRecord.objects.get(decision=decision)
    assert (record.person, record.voted_at) == (membership.person, at)
    (entry,) = _entries("decision.vote")
    assert entry.actor == membership.person.user
    assert entry.data == {}


def test_guests_cannot_be_made_voters(partnership):
    with pytest.raises(ValidationError) as excinfo:
        open_decision(partnership, voter_roles=[Role.GUEST])
    assert "These roles cannot vote: guest" in excinfo.value.message_dict["voter_roles"][0]


@pytest.mark.parametrize(
    ("voter_roles", "role", "may_vote"),
    [
        ([], Role.STAFF, True),
        ([], Role.COORDINATOR, True),
        ([], Role.PUBLIC_PARTNER, True),
        ([], Role.GUEST, False),
        ([Role.BOARD_MEMBER], Role.BOARD_MEMBER, True),
        ([Role.BOARD_MEMBER], Role.STAFF, False),
    ],
)
def test_ballot_cast_by_role(partnership, voter_roles, role, may_vote):
    decision = open_decision(partnership, voter_roles=voter_roles)
    membership = member_of(partnership, None, role)

    def cast():
        return services.ballot_cast(
            actor=None, decision=decision, membership=membership, content=_rank(decision, "North")
        )

    if may_vote:
        cast()
        assert Ballot.objects.filter(decision=decision).count() == 1
    else:
        with pytest.raises(ValidationError) as excinfo:
            cast()
        assert _messages(excinfo) == "This decision is for other roles or partners."
        assert not Ballot.objects.exists()
        assert not VoteRecord.objects.exists()


def test_ballot_cast_by_partner(partnership):
    leaders, children = (partner_named(partnership, n) for n in ("Leaders Org", "Children Org"))
    decision = open_decision(partnership, voter_partners=[leaders])
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(partnership, children),
            content=_rank(decision, "North"),
        )
    assert "other roles or partners" in _messages(excinfo)
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=member_of(partnership, leaders),
        content=_rank(decision, "North"),
    )
    assert Ballot.objects.get().partner == leaders


def test_partner_weighting_needs_the_voter_to_belong_to_a_partner(partnership):
    health = partner_named(partnership, "Health Org")
    decision = open_decision(partnership, weighting="partner")
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(partnership, None),
            content=_rank(decision, "North"),
        )
    assert "other roles or partners" in _messages(excinfo)
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=member_of(partnership, health),
        content=_rank(decision, "North"),
    )
    assert Ballot.objects.get().partner == health


def test_a_member_of_another_partnership_cannot_vote(partnership, other_partnership):
    decision = open_decision(partnership)
    with pytest.raises(ValidationError):
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(other_partnership, None),
            content=_rank(decision, "North"),
        )
    assert not Ballot.objects.exists()


def test_ballot_cast_only_while_voting_is_open(partnership):
    decision = open_decision(partnership)
    membership = member_of(partnership, None)

    def cast(at):
        return services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content=_rank(decision, "North"),
            at=at,
        )

    with pytest.raises(ValidationError) as excinfo:
        cast(decision.opens_at - dt.timedelta(seconds=1))
    assert _messages(excinfo) == "Voting has not opened yet."
    with pytest.raises(ValidationError) as excinfo:
        cast(decision.closes_at)
    assert _messages(excinfo) == "Voting has closed."
    assert not Ballot.objects.exists()
    cast(decision.opens_at)
    assert Ballot.objects.count() == 1


def test_no_vote_after_an_early_close(partnership):
    decision = open_decision(partnership)
    services.decision_close(actor=None, decision=decision)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(partnership, None),
            content=_rank(decision, "North"),
        )
    assert _messages(excinfo) == "Voting has closed."


# ballot_cast: what a ballot may say


def _assert_nothing_written(decision):
    assert not Ballot.objects.filter(decision=decision).exists()
    assert not VoteRecord.objects.filter(decision=decision).exists()
    assert not _entries("decision.vote")


@pytest.mark.parametrize(
    ("method", "extra", "content", "words"),
    [
        ("borda", {}, lambda o: {"ranking": [[o["North"].pk], [999999]]}, "not one of the options"),
        (
            "borda",
            {},
            lambda o: {"ranking": [[o["North"].pk], [o["South"].pk], [o["North"].pk]]},
            "appears twice in the ranking",
        ),
        (
            "borda",
            {},
            lambda o: {"ranking": [[o["North"].pk, o["South"].pk], [o["South"].pk]]},
            "appears twice in the ranking",
        ),
        (
            "dot",
            {"dot_budget": 5},
            lambda o: {"dots": {str(o["North"].pk): 3, str(o["South"].pk): 3}},
            "6 dots are over the budget of 5",
        ),
        ("dot", {"dot_budget": 5}, lambda o: {"dots": {str(o["North"].pk): -1}}, "negative"),
        (
            "score",
            {"scale_high": 5},
            lambda o: {"grades": {str(o["North"].pk): 6}},
            "off the scale 0 to 5",
        ),
        ("approval", {}, lambda o: {"grades": {str(o["North"].pk): 2}}, "off the scale 0 to 1"),
        (
            "majority_judgment",
            {},
            lambda o: {"grades": {str(o["North"].pk): 6}},
            "off the scale 0 to 5",
        ),
        ("borda", {}, lambda o: {"ranking": "North"}, "must be a list"),
        ("borda", {}, lambda o: {"ranking": None}, "must be a list"),
        ("borda", {}, lambda o: {"ranking": [o["North"].pk]}, "non-empty lists of tied options"),
        ("borda", {}, lambda o: {"ranking": [[]]}, "non-empty lists of tied options"),
        ("score", {}, lambda o: {"grades": [o["North"].pk]}, "must map options to whole numbers"),
        ("score", {}, lambda o: {"grades": {str(o["North"].pk): "5"}}, "must be a whole number"),
        ("dot", {"dot_budget": 5}, lambda o: {"dots": None}, "must map options to whole numbers"),
        ("consent", {}, lambda o: {"stance": ["agree"]}, "stance must be one of"),
        ("borda", {}, lambda o: {"stance": "agree"}, "takes a ranking ballot"),
        ("approval", {}, lambda o: {"ranking": [[o["North"].pk]]}, "takes a grades ballot"),
        ("borda", {}, lambda o: {}, "takes a ranking ballot"),
        (
            "borda",
            {},
            lambda o: {"ranking": [[o["North"].pk]], "count": 50},
            "takes a ranking ballot",
        ),
    ],
)
def test_ballot_cast_refuses_what_cannot_be_counted_with_a_clear_message(
    partnership, method, extra, content, words
):
    labels = ("The plan",) if method == "consent" else ("North", "South", "East")
    decision = open_decision(partnership, method=method, labels=labels, **extra)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(partnership, None),
            content=content(options_by_label(decision)),
        )
    message = _messages(excinfo)
    assert words in message
    assert not message[0].islower()
    assert message.endswith(".")
    _assert_nothing_written(decision)


def test_ballot_cast_refuses_an_option_of_another_decision(partnership):
    decision = open_decision(partnership)
    other = open_decision(partnership, question="Other?", labels=("Elsewhere", "Nowhere"))
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(partnership, None),
            content={"ranking": [[options_by_label(other)["Elsewhere"].pk]]},
        )
    assert "is not one of the options" in _messages(excinfo)
    _assert_nothing_written(decision)


def test_a_consent_ballot_needs_a_known_stance(partnership):
    decision = open_decision(partnership, method="consent", labels=("The plan",))
    membership = member_of(partnership, None)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None, decision=decision, membership=membership, content={"stance": "maybe"}
        )
    assert _messages(excinfo) == (
        "The stance must be one of agree, abstain, disagree, block, not 'maybe'."
    )
    services.ballot_cast(
        actor=None, decision=decision, membership=membership, content={"stance": "block"}
    )
    assert Ballot.objects.get().content == {"stance": "block"}


# ballot_cast: changing a vote


def test_a_named_vote_changed_replaces_the_ballot(partnership):
    decision = open_decision(partnership)
    membership = member_of(partnership, None)
    first, second = timezone.now(), timezone.now() + dt.timedelta(minutes=5)
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=membership,
        content=_rank(decision, "North"),
        at=first,
    )
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=membership,
        content=_rank(decision, "East", "South"),
        at=second,
    )
    ballot = Ballot.objects.get(decision=decision)
    assert ballot.content == _rank(decision, "East", "South")
    assert VoteRecord.objects.get(decision=decision).voted_at == second
    assert len(_entries("decision.vote")) == 1
    (change,) = _entries("decision.vote_change")
    assert change.data == {}


def test_final_votes_refuse_a_second_vote(partnership):
    decision = open_decision(partnership, votes_changeable=False)
    membership = member_of(partnership, None)
    services.ballot_cast(
        actor=None, decision=decision, membership=membership, content=_rank(decision, "North")
    )
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None, decision=decision, membership=membership, content=_rank(decision, "East")
        )
    assert "final" in _messages(excinfo)
    assert Ballot.objects.get().content == _rank(decision, "North")


def test_anonymous_final_votes_give_no_receipt(partnership):
    decision = open_decision(partnership, anonymous=True, votes_changeable=False)
    code = services.ballot_cast(
        actor=None,
        decision=decision,
        membership=member_of(partnership, None),
        content=_rank(decision, "North"),
    )
    assert code == ""
    assert Ballot.objects.get().receipt_hash == ""


def test_an_anonymous_vote_changes_only_with_its_receipt_code(partnership):
    decision = open_decision(partnership, anonymous=True)
    alice, bob = member_of(partnership, None), member_of(partnership, None)

    def cast(membership, *labels, receipt=""):
        return services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content=_rank(decision, *labels),
            receipt=receipt,
        )

    alice_code = cast(alice, "North")
    bob_code = cast(bob, "South")
    assert alice_code
    assert bob_code
    assert alice_code != bob_code
    assert len(alice_code) >= 16  # 12 random bytes, URL-safe

    with pytest.raises(ValidationError) as excinfo:
        cast(alice, "East")
    assert "Enter the receipt code" in excinfo.value.message_dict["receipt"][0]
    with pytest.raises(ValidationError) as excinfo:
        cast(alice, "East", receipt="not-a-code")
    assert "not the receipt code" in excinfo.value.message_dict["receipt"][0]
    assert sorted(str(b.content) for b in Ballot.objects.all()) == sorted(
        [str(_rank(decision, "North")), str(_rank(decision, "South"))]
    )

    assert cast(alice, "East", receipt=f"  {alice_code} ") == ""
    contents = {str(b.pk): b.content for b in Ballot.objects.filter(decision=decision)}
    assert len(contents) == 2
    assert sorted(map(str, contents.values())) == sorted(
        [str(_rank(decision, "East")), str(_rank(decision, "South"))]
    )
    # The code still leads to the same ballot.
    cast(alice, "North", "East", receipt=alice_code)
    assert Ballot.objects.count() == 2
    assert VoteRecord.objects.filter(decision=decision).count() == 2


def test_two_ballot_casts_make_one_ballot_each(partnership):
    decision = open_decision(partnership)
    membership = member_of(partnership, None)
    for labels in (("North",), ("South",)):
        services.ballot_cast(
            actor=None, decision=decision, membership=membership, content=_rank(decision, *labels)
        )
    assert Ballot.objects.filter(decision=decision).count() == 1
    assert VoteRecord.objects.filter(decision=decision).count() == 1


def test_a_named_ballot_without_its_vote_record_is_not_doubled(partnership):
    """If the record of who voted were missing (the state two racing requests would both
    read), the named ballot's own constraint still refuses a second ballot, and keeps none."""
    decision = open_decision(partnership)
    membership = member_of(partnership, None)
    services.ballot_cast(
        actor=None, decision=decision, membership=membership, content=_rank(decision, "North")
    )
    VoteRecord.objects.filter(decision=decision).delete()
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(
            actor=None, decision=decision, membership=membership, content=_rank(decision, "East")
        )
    assert "already voted" in _messages(excinfo)
    assert Ballot.objects.get(decision=decision).content == _rank(decision, "North")
    assert not VoteRecord.objects.filter(decision=decision).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks and a second connection (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("anonymous", [False, True])
def test_two_votes_sent_at_once_make_one_ballot(partnership, anonymous):
    decision = open_decision(partnership, anonymous=anonymous, votes_changeable=False)
    membership = member_of(partnership, None)
    outcome = {}

    def vote_again():
        try:
            with scopes_disabled():
                services.ballot_cast(
                    actor=None,
                    decision=decision,
                    membership=membership,
                    content=_rank(decision, "East"),
                )
            outcome["second"] = "recorded"
        except ValidationError as error:
            outcome["second"] = " ".join(error.messages)
        finally:
            connection.close()

    with transaction.atomic():
        services.ballot_cast(
            actor=None, decision=decision, membership=membership, content=_rank(decision, "North")
        )
        other = threading.Thread(target=vote_again)
        other.start()
        other.join(timeout=1)  # it must wait for this vote to commit, not decide without it
        assert other.is_alive()
    other.join(timeout=10)
    assert "final" in outcome["second"]
    assert [b.content for b in Ballot.objects.filter(decision=decision)] == [
        _rank(decision, "North")
    ]
    assert VoteRecord.objects.filter(decision=decision).count() == 1


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    votes=st.lists(
        st.tuples(st.integers(0, 2), st.permutations(["North", "South", "East"])),
        min_size=1,
        max_size=6,
    )
)
def test_named_votes_make_one_ballot_per_voter_whatever_the_order(partnership, votes):
    decision = open_decision(partnership)
    voters = [member_of(partnership, None) for _ in range(3)]
    latest: dict[int, list[str]] = {}
    for index, ranking in votes:
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=voters[index],
            content=_rank(decision, *ranking),
        )
        latest[index] = list(ranking)
        assert Ballot.objects.filter(decision=decision).count() == len(latest)
    for index, ranking in latest.items():
        ballot = Ballot.objects.get(decision=decision, voter=voters[index].person)
        assert ballot.content == _rank(decision, *ranking)


# decision_close


def test_decision_close_closes_an_open_decision_now(partnership, coordinator):
    decision = open_decision(partnership)
    at = timezone.now()
    closed = services.decision_close(actor=coordinator, decision=decision, at=at)
    decision.refresh_from_db()
    assert decision.closed_at == at
    assert closed.closed_at == at
    assert decision.status_at(at) == DecisionStatus.CLOSED
    assert decision.status_at(at - dt.timedelta(minutes=1)) == DecisionStatus.CLOSED
    (entry,) = _entries("decision.close")
    assert entry.actor == coordinator
    assert entry.data["closed_at"]


def test_decision_close_only_while_open(partnership):
    upcoming = _create(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.decision_close(actor=None, decision=upcoming)
    assert "voting is not open" in _messages(excinfo)
    decision = open_decision(partnership)
    services.decision_close(actor=None, decision=decision)
    with pytest.raises(ValidationError):
        services.decision_close(actor=None, decision=decision)
    upcoming.refresh_from_db()
    assert upcoming.closed_at is None
    assert len(_entries("decision.close")) == 1


# decision_record_outcome


def _closed(partnership, **values):
    decision = open_decision(partnership, **values)
    return services.decision_close(actor=None, decision=decision)


def test_decision_record_outcome_records_it_with_the_count(partnership, coordinator):
    decision = open_decision(partnership)
    for _ in range(2):
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=member_of(partnership, None),
            content=_rank(decision, "South", "North"),
        )
    services.decision_close(actor=None, decision=decision)
    south = options_by_label(decision)["South"]
    services.decision_record_outcome(
        actor=coordinator, decision=decision, outcome="South it is.", chosen_option=south
    )
    decision.refresh_from_db()
    assert (decision.outcome, decision.chosen_option) == ("South it is.", south)
    assert decision.outcome_recorded_at is not None
    (entry,) = _entries("decision.outcome")
    assert entry.data["changes"]["outcome"] == {"from": "", "to": "South it is."}
    assert entry.data["changes"]["count"] == {"from": "", "to": "Winner: South"}


def test_decision_record_outcome_only_when_closed(partnership):
    decision = open_decision(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record_outcome(
            actor=None, decision=decision, outcome="Done.", chosen_option=None
        )
    assert "has not closed yet" in _messages(excinfo)
    decision.refresh_from_db()
    assert decision.outcome == ""
    assert not _entries("decision.outcome")


def test_decision_record_outcome_refuses_an_empty_outcome(partnership):
    decision = _closed(partnership)
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record_outcome(
            actor=None, decision=decision, outcome="  \n ", chosen_option=None
        )
    assert "Say what the partners decided" in excinfo.value.message_dict["outcome"][0]
    decision.refresh_from_db()
    assert decision.outcome_recorded_at is None


def test_decision_record_outcome_refuses_an_option_of_another_decision(partnership):
    decision = _closed(partnership)
    other = open_decision(partnership, question="Other?", labels=("Elsewhere", "Nowhere"))
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record_outcome(
            actor=None,
            decision=decision,
            outcome="Elsewhere.",
            chosen_option=options_by_label(other)["Elsewhere"],
        )
    assert "this decision's options" in excinfo.value.message_dict["chosen_option"][0]
    decision.refresh_from_db()
    assert decision.chosen_option is None


def test_a_time_poll_outcome_invites_those_who_can_come(
    partnership, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    leaders, children, health = (
        partner_named(partnership, n) for n in ("Leaders Org", "Children Org", "Health Org")
    )
    first = dt.datetime(2027, 1, 20, 10, tzinfo=BERLIN)
    second = first + dt.timedelta(days=1)
    decision = open_decision(
        partnership,
        method="time_poll",
        time_zone="Europe/Berlin",
        question="When shall the boards meet?",
        options=[
            OptionSpec.time_slot(first, first + dt.timedelta(hours=2)),
            OptionSpec.time_slot(second, second + dt.timedelta(hours=2)),
        ],
    )
    slot, other_slot = decision.options.all()
    answers = {"yes": 2, "if need be": 1, "no": 0}
    voters = {}
    for name, partner, here, there in [
        ("yes", leaders, "yes", "no"),
        ("maybe", children, "if need be", "yes"),
        ("no", health, "no", "yes"),
    ]:
        membership = member_of(partnership, partner)
        voters[name] = membership.person
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content={"grades": {str(slot.pk): answers[here], str(other_slot.pk): answers[there]}},
        )
    not_voted = member_of(partnership, leaders).person
    services.decision_close(actor=None, decision=decision)

    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record_outcome(
            actor=coordinator,
            decision=decision,
            outcome="We meet on the 20th.",
            chosen_option=slot,
            invite_url=URL,
        )

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [voters["yes"].email, voters["maybe"].email]
    )
    assert all(len(m.to) == 1 for m in mailoutbox)
    assert not_voted.email not in {m.to[0] for m in mailoutbox}
    message = mailoutbox[0]
    assert message.subject == "Invitation: When shall the boards meet?"
    assert "We meet on the 20th." in message.body
    ((filename, ics, mimetype),) = message.attachments
    assert filename == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    text = ics if isinstance(ics, str) else ics.decode()
    lines = text.replace("\r\n ", "").splitlines()
    assert "METHOD:REQUEST" in lines
    # 10:00 in Berlin in winter is 09:00 UTC.
    assert "DTSTART:20270120T090000Z" in lines
    assert "DTEND:20270120T110000Z" in lines
    assert "SUMMARY:When shall the boards meet?" in lines
    assert f"URL:{URL}" in lines
    (entry,) = _entries("decision.invitation")
    assert entry.data == {"slot": slot.label, "sent_to": 2}


def test_a_changed_time_withdraws_the_first_invitation_and_a_repeat_sends_nothing(
    partnership, mailoutbox, django_capture_on_commit_callbacks
):
    first = dt.datetime(2027, 1, 20, 10, tzinfo=BERLIN)
    decision = open_decision(
        partnership,
        method="time_poll",
        time_zone="Europe/Berlin",
        options=[
            OptionSpec.time_slot(first, first + dt.timedelta(hours=2)),
            OptionSpec.time_slot(
                first + dt.timedelta(days=1), first + dt.timedelta(days=1, hours=2)
            ),
        ],
    )
    one, two = decision.options.all()
    early, late = (member_of(partnership, partnership.partners.first()) for _ in range(2))
    for membership, grades in ((early, (2, 0)), (late, (0, 2))):
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content={"grades": {str(one.pk): grades[0], str(two.pk): grades[1]}},
        )
    services.decision_close(actor=None, decision=decision)

    def record(option):
        with django_capture_on_commit_callbacks(execute=True):
            services.decision_record_outcome(
                actor=None, decision=decision, outcome="We meet then.", chosen_option=option
            )

    record(one)
    assert [(m.subject.split(":")[0], m.to[0]) for m in mailoutbox] == [
        ("Invitation", early.person.email)
    ]
    record(one)  # the outcome's wording changes, the time does not: nobody is invited twice
    assert len(mailoutbox) == 1
    record(two)
    sent = [(m.subject.split(":")[0], m.to[0]) for m in mailoutbox[1:]]
    assert sent == [("Cancelled", early.person.email), ("Invitation", late.person.email)]
    cancel = mailoutbox[1].attachments[0][1]
    text = cancel if isinstance(cancel, str) else cancel.decode()
    assert "METHOD:CANCEL" in text.splitlines()
    assert "STATUS:CANCELLED" in text.splitlines()
    assert f"UID:decision-{decision.pk}-option-{one.pk}@equalpartners" in text.splitlines()
    assert _entries("decision.cancellation")[0].data == {"slot": one.label, "sent_to": 1}


def test_option_propose_stops_at_the_most_options_a_decision_takes(partnership):
    decision = open_decision(
        partnership,
        labels=tuple(f"Theme {n}" for n in range(services.MAX_OPTIONS)),
        proposals_allowed=True,
        opens_at=timezone.now() + dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    member = member_of(partnership, partnership.partners.first())
    with pytest.raises(ValidationError, match="at most 30 options"):
        services.option_propose(
            actor=None, decision=decision, person=member.person, label="One more"
        )
    assert decision.options.count() == services.MAX_OPTIONS


def test_an_anonymous_decision_cannot_show_its_count_live(partnership):
    with pytest.raises(ValidationError) as excinfo:
        open_decision(partnership, anonymous=True, results_live=True)
    assert "shows its results when voting closes" in excinfo.value.message_dict["results_live"][0]


def test_an_outcome_without_a_time_sends_no_invitation(
    partnership, mailoutbox, django_capture_on_commit_callbacks
):
    decision = _closed(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record_outcome(
            actor=None,
            decision=decision,
            outcome="North.",
            chosen_option=options_by_label(decision)["North"],
        )
    assert mailoutbox == []
    assert not _entries("decision.invitation")


# decision_remind


def test_decision_remind_emails_only_eligible_members_who_have_not_voted(
    partnership, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    leaders = partner_named(partnership, "Leaders Org")
    decision = open_decision(partnership, voter_partners=[leaders])
    voted = member_of(partnership, leaders)
    waiting = [member_of(partnership, leaders), member_of(partnership, leaders, Role.BOARD_MEMBER)]
    member_of(partnership, leaders, Role.GUEST)
    member_of(partnership, partner_named(partnership, "Health Org"))
    services.ballot_cast(
        actor=None, decision=decision, membership=voted, content=_rank(decision, "North")
    )
    with django_capture_on_commit_callbacks(execute=True):
        count = services.decision_remind(actor=coordinator, decision=decision, url=URL)
    assert count == 2
    assert sorted(m.to for m in mailoutbox) == sorted([[m.person.email] for m in waiting])
    assert URL in mailoutbox[0].body
    assert mailoutbox[0].subject == f"Your vote: {decision.question}"
    (entry,) = _entries("decision.remind")
    assert entry.data == {"reminded": 2}


def test_decision_remind_only_while_open(
    partnership, mailoutbox, django_capture_on_commit_callbacks
):
    member_of(partnership, None)
    for decision in (_create(partnership), _closed(partnership)):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
            services.decision_remind(actor=None, decision=decision, url=URL)
    assert mailoutbox == []
    assert not _entries("decision.remind")


# The audit log as a whole


def test_the_audit_log_never_holds_ballot_content(partnership, coordinator):
    decision = open_decision(partnership, actor=coordinator, anonymous=True)
    codes = []
    for labels in (("North", "South"), ("East",), ("South", "East", "North")):
        codes.append(
            services.ballot_cast(
                actor=coordinator,
                decision=decision,
                membership=member_of(partnership, None),
                content=_rank(decision, *labels),
            )
        )
    services.decision_close(actor=coordinator, decision=decision)
    services.decision_record_outcome(
        actor=coordinator, decision=decision, outcome="Decided.", chosen_option=None
    )
    entries = list(AuditEntry.objects.filter(partnership=partnership))
    assert [e.action for e in entries if e.action.startswith("decision.vote")] == [
        "decision.vote"
    ] * 3
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    for entry in entries:
        text = json.dumps(entry.data)
        assert "ranking" not in text
        assert not any(
            ballot_id in text or ballot_id == entry.object_id for ballot_id in ballot_ids
        )
        assert not any(code in text for code in codes)
        if entry.action == "decision.vote":
            assert entry.data == {}
            assert entry.object_id == str(decision.pk)


def test_the_reminder_gives_the_closing_time_in_the_decisions_own_zone(
    partnership, mailoutbox, django_capture_on_commit_callbacks
):
    closes = dt.datetime(2030, 1, 15, 17, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    decision = open_decision(partnership, closes_at=closes, time_zone="America/New_York")
    member_of(partnership, partnership.partners.first())
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_remind(actor=None, decision=decision, url=URL)
    assert "Tuesday 15 January 2030, 17:00 EST (America/New_York)" in mailoutbox[0].body


# What an anonymous ballot keeps of its partner


@pytest.mark.parametrize(
    ("values", "keeps_partner"),
    [
        ({"weighting": "person"}, False),
        ({"weighting": "partner"}, True),
        ({"weighting": "person", "quorum_per_partner": 1}, True),
    ],
)
def test_an_anonymous_ballot_keeps_its_partner_only_when_the_count_needs_it(
    partnership, values, keeps_partner
):
    decision = open_decision(partnership, anonymous=True, **values)
    leaders = partner_named(partnership, "Leaders Org")
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=member_of(partnership, leaders),
        content=_rank(decision, "North"),
    )
    ballot = Ballot.objects.get(decision=decision)
    assert ballot.partner_id == (leaders.pk if keeps_partner else None)


def test_an_anonymous_block_is_not_traced_to_its_partner_under_person_weighting(partnership):
    decision = open_decision(
        partnership,
        method="consent",
        anonymous=True,
        options=[OptionSpec(label="Adopt the plan")],
    )
    children = partner_named(partnership, "Children Org")
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=member_of(partnership, children),
        content={"stance": "block"},
    )
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=member_of(partnership, partner_named(partnership, "Leaders Org")),
        content={"stance": "agree"},
    )
    result = selectors.result_of(decision=services.decision_close(actor=None, decision=decision))
    assert result is not None
    assert "someone blocks" in result.explanation
    assert "Children Org" not in result.explanation


# Changing a decision before it opens


def _upcoming(partnership, **values):
    now = timezone.now()
    return open_decision(
        partnership,
        opens_at=now + dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=2),
        **values,
    )


def test_options_kept_by_name_keep_their_proposer_and_description(partnership):
    decision = _upcoming(partnership, proposals_allowed=True)
    person = member_of(partnership, None).person
    services.option_propose(
        actor=None, decision=decision, person=person, label="West", description="Near the door"
    )
    services.decision_update(
        actor=None,
        decision=decision,
        options=[OptionSpec(label="West"), OptionSpec(label="North"), OptionSpec(label="Centre")],
    )
    options = list(Option.objects.filter(decision=decision))
    assert [o.label for o in options] == ["West", "North", "Centre"]
    west = options[0]
    assert (west.proposed_by, west.description) == (person, "Near the door")
    (entry,) = _entries("decision.update")
    assert entry.data["changes"]["options"] == {
        "from": ["North", "South", "East", "West"],
        "to": ["West", "North", "Centre"],
    }


def test_the_random_draw_can_be_declared_and_withdrawn_before_opening(partnership):
    decision = _upcoming(partnership)
    assert decision.tie_break_seed is None
    services.decision_update(actor=None, decision=decision, draw_tie_break=True)
    decision.refresh_from_db()
    seed = decision.tie_break_seed
    assert seed is not None
    services.decision_update(actor=None, decision=decision, draw_tie_break=True)
    decision.refresh_from_db()
    assert decision.tie_break_seed == seed  # declared already: the seed stays
    services.decision_update(actor=None, decision=decision, draw_tie_break=False)
    decision.refresh_from_db()
    assert decision.tie_break_seed is None
    changes = [e.data["changes"]["tie_break_seed"] for e in _entries("decision.update")]
    assert {"from": None, "to": seed} in changes
    assert {"from": seed, "to": None} in changes
