"""Reads about calls for themes: who may propose and vote, who has, and the count as the voting
engine makes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from equalpartners.core.capabilities import Capability, capabilities_of
from equalpartners.engines.voting import Ballot as EngineBallot
from equalpartners.engines.voting import Dots, Election, Method, Result, TieBreak, tally
from equalpartners.partnerships.models import Membership, Partner, Person
from equalpartners.themes.models import (
    TAKING_PART_ROLES,
    Allocation,
    Call,
    CallStatus,
    Proposal,
)


def calls_of(*, partnership: Any) -> QuerySet[Call]:
    return (
        Call.objects.filter(partnership=partnership)
        .select_related("partnership")
        .annotate(
            proposal_count=Count("proposals", distinct=True),
            voter_count=Count("allocations", distinct=True),
        )
    )


def call_in(*, partnership: Any, call_id: int) -> Call | None:
    return (
        Call.objects.filter(partnership=partnership, pk=call_id)
        .select_related("partnership")
        .first()
    )


def proposals_of(*, call: Call) -> list[Proposal]:
    return list(
        Proposal.objects.filter(call=call).select_related(
            "proposer", "partner__organisation", "activity"
        )
    )


def proposal_in(*, call: Call, proposal_id: int) -> Proposal | None:
    return (
        Proposal.objects.filter(call=call, pk=proposal_id)
        .select_related("proposer", "partner__organisation", "activity", "call__partnership")
        .first()
    )


def partner_of(*, person: Person, partnership: Any) -> Partner | None:
    """The partner a person proposes and votes with: their organisation's place here."""
    if person.organisation_id is None:
        return None
    return (
        Partner.objects.filter(partnership=partnership, organisation_id=person.organisation_id)
        .select_related("organisation")
        .first()
    )


def voter_memberships(*, call: Call) -> QuerySet[Membership]:
    """Members who may vote: every role that takes part; when each partner counts equally, only
    people of a partner organisation (a partner's dots are shared among its own people)."""
    members = Membership.objects.filter(partnership=call.partnership_id, role__in=TAKING_PART_ROLES)
    if call.weighting == "partner":
        members = members.filter(
            person__organisation__partnerships__partnership=call.partnership_id
        )
    return members.select_related("person", "person__organisation").order_by("person__name")


@dataclass(frozen=True)
class Standing:
    """What one member may do in a call now, and why not when they may not."""

    may_propose: bool
    may_vote: bool
    has_voted: bool
    propose_reason: str = ""
    vote_reason: str = ""


def standing_of(
    *, call: Call, membership: Membership | None, now: dt.datetime | None = None
) -> Standing:
    now = now or timezone.now()
    if membership is None:
        return Standing(False, False, False, "Only members propose.", "Only members vote.")
    status = call.status_at(now)
    has_voted = Allocation.objects.filter(call=call, voter=membership.person_id).exists()
    takes_part = Capability.CONTRIBUTE in capabilities_of(membership.role)
    if status != CallStatus.PROPOSING:
        propose_reason = "Proposals have closed."
    elif membership.role not in call.proposer_roles or not takes_part:
        propose_reason = f"In this call, themes are proposed by: {call.proposer_roles_text}."
    else:
        propose_reason = ""
    if not takes_part:
        vote_reason = "Your role does not vote."
    elif not voter_memberships(call=call).filter(pk=membership.pk).exists():
        vote_reason = (
            "Each partner counts equally in this call, so the people of partner organisations "
            "vote, and your organisation is not a partner here."
        )
    elif status == CallStatus.PROPOSING:
        vote_reason = "Voting has not opened yet: themes are still being proposed."
    elif status == CallStatus.CLOSED:
        vote_reason = "Voting has closed."
    else:
        vote_reason = ""
    return Standing(
        may_propose=not propose_reason,
        may_vote=not vote_reason,
        has_voted=has_voted,
        propose_reason=propose_reason,
        vote_reason=vote_reason,
    )


def allocation_of(*, call: Call, person: Person) -> Allocation | None:
    return Allocation.objects.filter(call=call, voter=person).first()


@dataclass(frozen=True)
class Turnout:
    voted: int
    eligible: int
    not_voted: list[Membership]


def turnout_of(*, call: Call) -> Turnout:
    eligible = list(voter_memberships(call=call))
    voted_ids = set(Allocation.objects.filter(call=call).values_list("voter_id", flat=True))
    not_voted = [m for m in eligible if m.person_id not in voted_ids]
    return Turnout(
        voted=len(eligible) - len(not_voted), eligible=len(eligible), not_voted=not_voted
    )


def results_visible(*, call: Call, now: dt.datetime | None = None) -> bool:
    """The count is shown once voting closes, so that early dots do not sway later ones."""
    return call.status_at(now or timezone.now()) == CallStatus.CLOSED


@dataclass(frozen=True)
class AllocationLike:
    """What the count needs of a voter's dots: by proposal id, and their partner's name."""

    dots: dict[str, int]
    partner: str | None


def election_of(
    *, call: Call, proposals: Sequence[Proposal], allocations: Iterable[AllocationLike]
) -> Election:
    """The call as the engine counts it: themes by title, each voter's dots with their partner.

    When each partner counts equally, dots of a voter with no partner (possible only if their
    organisation stopped being a partner after they voted) are left out: the engine needs every
    ballot to name its partner.
    """
    names = {str(p.pk): p.title for p in proposals}
    ballots = []
    for allocation in allocations:
        if call.weighting == "partner" and allocation.partner is None:
            continue
        dots = {names[key]: int(n) for key, n in allocation.dots.items() if key in names and n}
        ballots.append(EngineBallot(content=Dots(dots), partner=allocation.partner))
    return Election(
        options=tuple(names.values()),
        ballots=tuple(ballots),
        dot_budget=call.dot_budget,
        tie_break=TieBreak(seed=call.tie_break_seed) if call.tie_break_seed is not None else None,
    )


def stored_allocations(*, call: Call) -> list[AllocationLike]:
    rows = Allocation.objects.filter(call=call).select_related("partner__organisation")
    return [
        AllocationLike(dots=dict(row.dots), partner=str(row.partner) if row.partner else None)
        for row in rows
    ]


def result_of(*, call: Call, proposals: Sequence[Proposal] | None = None) -> Result | None:
    """The count now, or None when there is nothing to count (no themes, or no dots placed)."""
    proposals = proposals_of(call=call) if proposals is None else proposals
    allocations = stored_allocations(call=call)
    if not proposals or not allocations:
        return None
    election = election_of(call=call, proposals=proposals, allocations=allocations)
    if not election.ballots:
        return None
    return tally(election, Method.DOT, call.weighting)


def calls_closing_soon(*, now: dt.datetime, within: dt.timedelta) -> QuerySet[Call]:
    """Calls in voting, in every partnership, whose voting closes within ``within`` of ``now``.

    For the reminders, which run outside any one partnership: the caller disables the tenant
    guard for this read only.
    """
    return (
        Call.objects.filter(
            closed_at__isnull=True,
            voting_closes_at__gt=now,
            voting_closes_at__lte=now + within,
        )
        .filter(Q(voting_opened_at__isnull=False) | Q(proposals_close_at__lte=now))
        .select_related("partnership")
    )
