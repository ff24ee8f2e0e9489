"""Small builders the themes tests share: members of a partner, and calls in each state, set
up through the services (so a call is what the services make of it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.partnerships.models import Membership, Partner
from equalpartners.testing import factories as f
from equalpartners.themes import services
from equalpartners.themes.models import Call, Proposal


def partner_named(partnership: Any, name: str) -> Partner:
    return Partner.objects.get(partnership=partnership, organisation__name=name)


def member_of(partnership: Any, partner: Partner | None, role: str = Role.STAFF) -> Membership:
    """A member with an account, whose organisation is ``partner``'s (or one that is no partner)."""
    user = f.UserFactory()
    fields: dict[str, Any] = {"user": user, "email": user.email}
    if partner is not None:
        fields["organisation"] = partner.organisation
    person = f.PersonFactory(**fields)
    membership: Membership = f.MembershipFactory(partnership=partnership, person=person, role=role)
    return membership


def proposing_call(partnership: Any, *, actor: Any = None, **values: Any) -> Call:
    """A call taking proposals for a week, then voting for a week after that."""
    now = timezone.now()
    values.setdefault("title", "Themes for the staff exchange")
    values.setdefault("dot_budget", 10)
    values.setdefault("proposals_close_at", now + dt.timedelta(days=7))
    values.setdefault("voting_closes_at", now + dt.timedelta(days=14))
    return services.call_create(actor=actor, partnership=partnership, **values)


def propose(call: Call, membership: Membership, title: str, description: str = "") -> Proposal:
    return services.proposal_create(
        actor=None,
        call=call,
        membership=membership,
        title=title,
        description=description or f"Why {title} matters to our staff.",
    )


def voting_call(
    partnership: Any,
    titles: tuple[str, ...] = ("Wellbeing", "Data", "Voice"),
    *,
    proposer: Membership | None = None,
    **values: Any,
) -> tuple[Call, dict[str, Proposal]]:
    """A call whose themes are proposed and whose voting opened just now."""
    call = proposing_call(partnership, **values)
    proposer = proposer or member_of(
        partnership, Partner.objects.filter(partnership=partnership).first()
    )
    proposals = {title: propose(call, proposer, title) for title in titles}
    call = services.call_open_voting(actor=None, call=call)
    return call, proposals


def closed_call(
    partnership: Any, titles: tuple[str, ...] = ("Wellbeing", "Data", "Voice"), **values: Any
) -> tuple[Call, dict[str, Proposal]]:
    call, proposals = voting_call(partnership, titles, **values)
    return services.call_close(actor=None, call=call), proposals


def dots(membership: Membership, call: Call, by_title: dict[Proposal, int]) -> None:
    services.dots_save(
        actor=None,
        call=call,
        membership=membership,
        dots={proposal.pk: count for proposal, count in by_title.items()},
    )
