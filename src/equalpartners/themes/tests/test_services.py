"""The services of a call for themes: proposing, moving on, placing dots and their rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.themes import services
from equalpartners.themes.models import Allocation, CallStatus, Proposal

from .builders import (
    closed_call,
    dots,
    member_of,
    partner_named,
    propose,
    proposing_call,
    voting_call,
)

pytestmark = pytest.mark.django_db


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


# Setting up a call


def test_a_call_starts_taking_proposals_with_the_default_roles(partnership):
    call = proposing_call(partnership)
    assert call.status_at(timezone.now()) == CallStatus.PROPOSING
    assert call.proposer_roles == ["coordinator", "partner_lead", "staff"]
    assert call.tie_break_seed is not None  # declared when the call is made
    assert AuditEntry.objects.filter(action="call.create", object_id=str(call.pk)).exists()


def test_a_call_refuses_rules_that_cannot_work(partnership):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        proposing_call(
            partnership,
            dot_budget=5,
            max_dots_per_theme=6,
            proposer_roles=["guest"],
            proposals_close_at=now + dt.timedelta(days=2),
            voting_closes_at=now + dt.timedelta(days=1),
        )
    fields = error.value.message_dict
    assert "voting_closes_at" in fields
    assert "max_dots_per_theme" in fields
    assert "These roles cannot propose: guest" in fields["proposer_roles"][0]


def test_the_call_moves_on_by_its_dates(partnership):
    call = proposing_call(partnership)
    assert call.status_at(call.proposals_close_at) == CallStatus.VOTING
    assert call.status_at(call.voting_closes_at) == CallStatus.CLOSED


def test_once_voting_opens_only_the_words_and_a_later_close_may_change(partnership):
    call, _ = voting_call(partnership)
    with pytest.raises(ValidationError, match="stay as they were"):
        services.call_update(actor=None, call=call, dot_budget=20)
    with pytest.raises(ValidationError, match="only close later"):
        services.call_update(
            actor=None, call=call, voting_closes_at=call.voting_closes_at - dt.timedelta(hours=1)
        )
    later = call.voting_closes_at + dt.timedelta(days=1)
    call = services.call_update(actor=None, call=call, title="New title", voting_closes_at=later)
    assert (call.title, call.voting_closes_at) == ("New title", later)


def test_voting_needs_two_themes(partnership):
    call = proposing_call(partnership)
    propose(call, member_of(partnership, None, Role.STAFF), "Only one")
    with pytest.raises(ValidationError, match="at least two themes"):
        services.call_open_voting(actor=None, call=call)


# Proposing


def test_staff_propose_with_their_partner(partnership):
    call = proposing_call(partnership)
    leaders = partner_named(partnership, "Leaders Org")
    member = member_of(partnership, leaders, Role.STAFF)
    proposal = propose(call, member, "  Wellbeing at work  ")
    assert proposal.title == "Wellbeing at work"
    assert proposal.proposer == member.person
    assert proposal.partner == leaders


def test_only_the_roles_the_call_names_may_propose(partnership):
    call = proposing_call(partnership)
    board = member_of(partnership, None, Role.BOARD_MEMBER)
    with pytest.raises(ValidationError, match="themes are proposed by: Coordinator"):
        propose(call, board, "Governance")
    wider = proposing_call(partnership, proposer_roles=["board_member"])
    assert propose(wider, board, "Governance").pk


def test_a_long_description_is_refused_with_a_clear_message(partnership):
    call = proposing_call(partnership)
    with pytest.raises(ValidationError) as error:
        propose(call, member_of(partnership, None), "Data", "x" * 601)
    assert error.value.message_dict["description"] == [
        "The description must be 600 characters or fewer: it has 601. Keep it short; the "
        "session can say more"
    ]


def test_a_title_is_proposed_once_per_call(partnership):
    call = proposing_call(partnership)
    propose(call, member_of(partnership, None), "Data sharing")
    with pytest.raises(ValidationError, match="already has a theme with this title"):
        propose(call, member_of(partnership, None), "DATA SHARING")


def test_proposals_close_when_voting_opens(partnership):
    call, _ = voting_call(partnership)
    with pytest.raises(ValidationError, match="Proposals have closed"):
        propose(call, member_of(partnership, None), "Too late")


def test_proposals_close_on_their_date(partnership):
    call = proposing_call(partnership)
    with pytest.raises(ValidationError, match="Proposals have closed"):
        services.proposal_create(
            actor=None,
            call=call,
            membership=member_of(partnership, None),
            title="Too late",
            description="After the date.",
            at=call.proposals_close_at + dt.timedelta(minutes=1),
        )


def test_proposers_change_and_withdraw_their_own_before_voting(partnership):
    call = proposing_call(partnership)
    mine, theirs = member_of(partnership, None), member_of(partnership, None)
    proposal = propose(call, mine, "Data")
    with pytest.raises(ValidationError, match="Only the person who proposed"):
        services.proposal_update(
            actor=None, proposal=proposal, membership=theirs, title="X", description="Y"
        )
    with pytest.raises(ValidationError, match="Only the person who proposed"):
        services.proposal_withdraw(actor=None, proposal=proposal, membership=theirs)
    services.proposal_update(
        actor=None, proposal=proposal, membership=mine, title="Data across sectors", description="Z"
    )
    proposal.refresh_from_db()
    assert proposal.title == "Data across sectors"
    services.proposal_withdraw(actor=None, proposal=proposal, membership=mine)
    assert not Proposal.objects.filter(pk=proposal.pk).exists()
    assert AuditEntry.objects.filter(action="proposal.withdraw").exists()


def test_a_coordinator_may_withdraw_any_theme(partnership):
    call = proposing_call(partnership)
    proposal = propose(call, member_of(partnership, None), "Off topic")
    coordinator = member_of(partnership, None, Role.COORDINATOR)
    services.proposal_withdraw(actor=None, proposal=proposal, membership=coordinator)
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_nothing_changes_once_voting_opens(partnership):
    proposer = member_of(partnership, None)
    _, proposals = voting_call(partnership, proposer=proposer)
    with pytest.raises(ValidationError, match="proposals have closed"):
        services.proposal_withdraw(actor=None, proposal=proposals["Data"], membership=proposer)


# Placing dots


def test_dots_are_saved_by_theme(partnership):
    call, p = voting_call(partnership)
    voter = member_of(partnership, None)
    dots(voter, call, {p["Wellbeing"]: 6, p["Data"]: 4, p["Voice"]: 0})
    allocation = Allocation.objects.get(call=call, voter=voter.person)
    assert allocation.dots == {str(p["Wellbeing"].pk): 6, str(p["Data"].pk): 4}


def test_over_the_budget_is_refused(partnership):
    call, p = voting_call(partnership, dot_budget=10)
    with pytest.raises(ValidationError) as error:
        dots(member_of(partnership, None), call, {p["Wellbeing"]: 8, p["Data"]: 3})
    assert "You placed 11 dots, but you have 10: take 1 off" in _messages(error)
    assert not Allocation.objects.exists()


def test_negative_dots_are_refused_naming_the_theme(partnership):
    call, p = voting_call(partnership)
    with pytest.raises(ValidationError) as error:
        dots(member_of(partnership, None), call, {p["Data"]: -1})
    assert error.value.message_dict[f"theme_{p['Data'].pk}"] == [
        "Dots on “Data” cannot be fewer than 0"
    ]


def test_more_than_the_most_on_one_theme_is_refused_naming_it(partnership):
    call, p = voting_call(partnership, dot_budget=10, max_dots_per_theme=4)
    with pytest.raises(ValidationError) as error:
        dots(member_of(partnership, None), call, {p["Voice"]: 5})
    assert error.value.message_dict[f"theme_{p['Voice'].pk}"] == [
        "You can put at most 4 dots on “Voice”: you put 5"
    ]


def test_a_theme_of_another_call_is_refused(partnership):
    call, _ = voting_call(partnership)
    _, elsewhere = voting_call(partnership, title="Another call")
    with pytest.raises(ValidationError, match="not in this call"):
        dots(member_of(partnership, None), call, {elsewhere["Data"]: 1})


def test_placing_dots_again_replaces_them(partnership):
    call, p = voting_call(partnership)
    voter = member_of(partnership, None)
    dots(voter, call, {p["Wellbeing"]: 10})
    dots(voter, call, {p["Data"]: 3, p["Voice"]: 2})
    allocation = Allocation.objects.get(call=call, voter=voter.person)
    assert allocation.dots == {str(p["Data"].pk): 3, str(p["Voice"].pk): 2}
    actions = list(
        AuditEntry.objects.filter(object_id=str(call.pk), action__startswith="call.vote")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["call.vote", "call.vote_change"]


def test_a_refused_change_keeps_the_dots_there_were(partnership):
    call, p = voting_call(partnership)
    voter = member_of(partnership, None)
    dots(voter, call, {p["Wellbeing"]: 10})
    with pytest.raises(ValidationError):
        dots(voter, call, {p["Data"]: 11})
    assert Allocation.objects.get(voter=voter.person).dots == {str(p["Wellbeing"].pk): 10}


def test_no_dots_before_voting_opens(partnership):
    call = proposing_call(partnership)
    with pytest.raises(ValidationError, match="Voting has not opened"):
        services.dots_save(actor=None, call=call, membership=member_of(partnership, None), dots={})


def test_no_dots_once_voting_closes(partnership):
    call, p = closed_call(partnership)
    with pytest.raises(ValidationError, match="Voting has closed"):
        dots(member_of(partnership, None), call, {p["Data"]: 1})


def test_no_dots_after_the_closing_date(partnership):
    call, p = voting_call(partnership)
    with pytest.raises(ValidationError, match="Voting has closed"):
        services.dots_save(
            actor=None,
            call=call,
            membership=member_of(partnership, None),
            dots={p["Data"].pk: 1},
            at=call.voting_closes_at,
        )


def test_guests_do_not_vote(partnership):
    call, p = voting_call(partnership)
    with pytest.raises(ValidationError, match="Your role does not vote"):
        dots(member_of(partnership, None, Role.GUEST), call, {p["Data"]: 1})


def test_when_partners_count_equally_only_their_people_vote(partnership):
    call, p = voting_call(partnership, weighting="partner")
    with pytest.raises(ValidationError, match="your organisation is not a partner here"):
        dots(member_of(partnership, None), call, {p["Data"]: 1})
    health = member_of(partnership, partner_named(partnership, "Health Org"))
    dots(health, call, {p["Data"]: 1})
    assert str(Allocation.objects.get(voter=health.person).partner) == "Health Org"


def test_closing_early_needs_voting_to_be_open(partnership):
    call = proposing_call(partnership)
    with pytest.raises(ValidationError, match="voting has not opened yet"):
        services.call_close(actor=None, call=call)
