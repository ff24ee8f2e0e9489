"""Every write to a call for themes: set it up, propose, move it on, place dots, and make a chosen
theme a staff exchange session in the programme.

The rules (dots, who proposes, whose voice counts once) are set while proposals are taken and
stay as they were once voting opens; after that only the description and a later closing time
may change.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Capability, capabilities_of
from equalpartners.core.services import Actor, model_create, model_update, validate
from equalpartners.notifications import services as notifications
from equalpartners.partnerships.models import Membership
from equalpartners.programme import services as programme
from equalpartners.programme.models import Activity, ActivityKind
from equalpartners.themes import reminders, selectors
from equalpartners.themes.models import (
    DESCRIPTION_LIMIT,
    MAX_PROPOSALS,
    TITLE_LIMIT,
    Allocation,
    Call,
    CallStatus,
    Proposal,
)

# Fields of a call that may change only while proposals are being taken.
RULES = (
    "proposer_roles",
    "weighting",
    "dot_budget",
    "max_dots_per_theme",
    "proposals_close_at",
)


def _must_be(call: Call, status: CallStatus, doing: str, at: dt.datetime | None = None) -> None:
    current = call.status_at(at or timezone.now())
    if current != status:
        why = {
            CallStatus.PROPOSING: "proposals have closed",
            CallStatus.VOTING: (
                "voting has not opened yet"
                if current == CallStatus.PROPOSING
                else "voting has closed"
            ),
            CallStatus.CLOSED: "voting has not closed yet",
        }[status]
        raise ValidationError(f"You cannot {doing}: {why}.")


@transaction.atomic
def call_create(
    *,
    actor: Actor,
    partnership: Any,
    title: str,
    proposals_close_at: dt.datetime,
    voting_closes_at: dt.datetime,
    dot_budget: int,
    description: str = "",
    proposer_roles: list[str] | None = None,
    weighting: str = "person",
    max_dots_per_theme: int | None = None,
    time_zone: str = "Europe/London",
    draw_tie_break: bool = True,
) -> Call:
    """Open a call for themes. ``draw_tie_break`` declares, now, the seed of a random draw that
    picks one theme when several tie for the most dots; the seed is shown with the call."""
    call = Call(
        partnership=partnership,
        title=title.strip(),
        description=description.strip(),
        weighting=weighting,
        dot_budget=dot_budget,
        max_dots_per_theme=max_dots_per_theme,
        proposals_close_at=proposals_close_at,
        voting_closes_at=voting_closes_at,
        time_zone=time_zone,
        tie_break_seed=secrets.randbelow(2**53) if draw_tie_break else None,
        created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
    )
    if proposer_roles is not None:
        call.proposer_roles = list(proposer_roles)
    return model_create(
        call,
        actor=actor,
        action="call.create",
        partnership=partnership,
        data={
            "title": call.title,
            "dot_budget": call.dot_budget,
            "max_dots_per_theme": call.max_dots_per_theme,
            "weighting": call.weighting,
            "proposer_roles": call.proposer_roles,
            "tie_break_seed": call.tie_break_seed,
        },
    )


@transaction.atomic
def call_update(*, actor: Actor, call: Call, **values: Any) -> Call:
    """Change a call. While proposals are taken, anything; once voting opens, the title, the
    description and a later closing time only; once closed, nothing."""
    call = Call.objects.select_for_update().select_related("partnership").get(pk=call.pk)
    status = call.status_at(timezone.now())
    if status == CallStatus.CLOSED:
        raise ValidationError("Voting has closed, so the call stays as it was.")
    if "draw_tie_break" in values:
        draw = values.pop("draw_tie_break")
        if draw != (call.tie_break_seed is not None):
            values["tie_break_seed"] = secrets.randbelow(2**53) if draw else None
    if status == CallStatus.VOTING:
        fixed = {*RULES, "tie_break_seed"}
        changed = {k for k, v in values.items() if k in fixed and getattr(call, k) != v}
        if changed:
            raise ValidationError(
                "Voting has opened, so who proposes, the dots and how they are counted stay as "
                "they were. The title, the description and a later closing time can change."
            )
        closes = values.get("voting_closes_at")
        if closes is not None and closes < call.voting_closes_at:
            raise ValidationError(
                {"voting_closes_at": "Once voting is open it can only close later"}
            )
    return model_update(
        call, actor=actor, action="call.update", partnership=call.partnership, values=values
    )


@transaction.atomic
def call_open_voting(*, actor: Actor, call: Call, at: dt.datetime | None = None) -> Call:
    """Close proposals now and open voting, before the date set for it."""
    at = at or timezone.now()
    call = Call.objects.select_for_update().select_related("partnership").get(pk=call.pk)
    _must_be(call, CallStatus.PROPOSING, "open voting", at)
    if Proposal.objects.filter(call=call).count() < 2:
        raise ValidationError("Voting needs at least two themes to choose between.")
    call.voting_opened_at = at
    call.save(update_fields=["voting_opened_at"])
    audit_record(
        actor=actor,
        action="call.open_voting",
        partnership=call.partnership,
        target=call,
        data={"voting_opened_at": at},
    )
    return call


@transaction.atomic
def call_close(*, actor: Actor, call: Call, at: dt.datetime | None = None) -> Call:
    """Close voting now, before its closing time."""
    at = at or timezone.now()
    call = Call.objects.select_for_update().select_related("partnership").get(pk=call.pk)
    _must_be(call, CallStatus.VOTING, "close voting", at)
    call.closed_at = at
    call.save(update_fields=["closed_at"])
    audit_record(
        actor=actor, action="call.close", partnership=call.partnership, target=call, data={}
    )
    return call


def _clean_text(title: str, description: str) -> tuple[str, str]:
    title, description = title.strip(), description.strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Give the theme a title"
    elif len(title) > TITLE_LIMIT:
        errors["title"] = (
            f"The title must be {TITLE_LIMIT} characters or fewer: it has {len(title)}"
        )
    if not description:
        errors["description"] = "Say in a sentence or two what the theme is about"
    elif len(description) > DESCRIPTION_LIMIT:
        errors["description"] = (
            f"The description must be {DESCRIPTION_LIMIT} characters or fewer: it has "
            f"{len(description)}. Keep it short; the session can say more"
        )
    if errors:
        raise ValidationError(errors)
    return title, description


def _title_taken(call: Call, title: str, *, other_than: int | None = None) -> bool:
    taken = Proposal.objects.filter(call=call, title__iexact=title)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    return taken.exists()


@transaction.atomic
def proposal_create(
    *,
    actor: Actor,
    call: Call,
    membership: Membership,
    title: str,
    description: str,
    at: dt.datetime | None = None,
) -> Proposal:
    """A member whose role the call names proposes a theme, while proposals are taken.

    ``at`` is when, for telling a past call (the demo); pages never pass it.
    """
    call = Call.objects.select_for_update().select_related("partnership").get(pk=call.pk)
    standing = selectors.standing_of(call=call, membership=membership, now=at)
    if not standing.may_propose:
        raise ValidationError(standing.propose_reason)
    title, description = _clean_text(title, description)
    if _title_taken(call, title):
        raise ValidationError({"title": "This call already has a theme with this title"})
    if Proposal.objects.filter(call=call).count() >= MAX_PROPOSALS:
        raise ValidationError(f"A call can take at most {MAX_PROPOSALS} themes.")
    person = membership.person
    proposal = Proposal(
        call=call,
        partnership_id=call.partnership_id,
        title=title,
        description=description,
        proposer=person,
        partner=selectors.partner_of(person=person, partnership=call.partnership),
    )
    validate(proposal)
    proposal.save()
    audit_record(
        actor=actor,
        action="proposal.create",
        partnership=call.partnership,
        target=proposal,
        data={"call": call.title, "proposed_by": person.name},
        actor_name=person.name,
    )
    return proposal


def _must_be_theirs(proposal: Proposal, membership: Membership, doing: str) -> None:
    if proposal.proposer_id != membership.person_id:
        raise ValidationError(f"Only the person who proposed a theme can {doing} it.")


@transaction.atomic
def proposal_update(
    *, actor: Actor, proposal: Proposal, membership: Membership, title: str, description: str
) -> Proposal:
    """The proposer changes their theme, while proposals are taken."""
    proposal = (
        Proposal.objects.select_for_update().select_related("call__partnership").get(pk=proposal.pk)
    )
    _must_be_theirs(proposal, membership, "change")
    _must_be(proposal.call, CallStatus.PROPOSING, "change the theme")
    title, description = _clean_text(title, description)
    if _title_taken(proposal.call, title, other_than=proposal.pk):
        raise ValidationError({"title": "This call already has a theme with this title"})
    return model_update(
        proposal,
        actor=actor,
        action="proposal.update",
        partnership=proposal.call.partnership,
        values={"title": title, "description": description},
    )


@transaction.atomic
def proposal_withdraw(*, actor: Actor, proposal: Proposal, membership: Membership) -> None:
    """The proposer, or someone who runs calls, withdraws a theme while proposals are taken.

    The theme is removed; the history keeps what it was and who withdrew it.
    """
    proposal = (
        Proposal.objects.select_for_update().select_related("call__partnership").get(pk=proposal.pk)
    )
    if Capability.RUN_DECISIONS not in capabilities_of(membership.role):
        _must_be_theirs(proposal, membership, "withdraw")
    _must_be(proposal.call, CallStatus.PROPOSING, "withdraw the theme")
    audit_record(
        actor=actor,
        action="proposal.withdraw",
        partnership=proposal.call.partnership,
        target=proposal,
        data={"call": proposal.call.title, "proposed_by": proposal.proposer.name},
    )
    proposal.delete()


def check_dots(
    *, call: Call, titles: Mapping[int, str], dots: Mapping[int, int]
) -> dict[str, list[str]]:
    """What is wrong with a voter's dots, by form field (``theme_<id>``, or ``__all__``).

    Shared by the voting form and the service, so the page and the rule say the same thing.
    """
    errors: dict[str, list[str]] = {}
    for proposal_id, count in dots.items():
        title = titles.get(proposal_id)
        field = f"theme_{proposal_id}"
        if title is None:
            errors.setdefault("__all__", []).append("One of the themes is not in this call.")
        elif count < 0:
            errors.setdefault(field, []).append(f"Dots on “{title}” cannot be fewer than 0")
        elif call.max_dots_per_theme is not None and count > call.max_dots_per_theme:
            errors.setdefault(field, []).append(
                f"You can put at most {call.max_dots_per_theme} dots on “{title}”: you put {count}"
            )
    placed = sum(count for count in dots.values() if count > 0)
    if placed > call.dot_budget:
        errors.setdefault("__all__", []).append(
            f"You placed {placed} dots, but you have {call.dot_budget}: take "
            f"{placed - call.dot_budget} off"
        )
    return errors


@transaction.atomic
def dots_save(
    *,
    actor: Actor,
    call: Call,
    membership: Membership,
    dots: Mapping[int, int],
    at: dt.datetime | None = None,
) -> Allocation:
    """Record a voter's dots, replacing any they placed before, while voting is open.

    ``dots`` is by proposal id; themes left out get none. ``at`` is when, for telling a past
    call (the demo); pages never pass it.
    """
    at = at or timezone.now()
    # One save at a time per call: two tabs or a double click cannot make two allocations.
    call = Call.objects.select_for_update().select_related("partnership").get(pk=call.pk)
    standing = selectors.standing_of(call=call, membership=membership, now=at)
    if not standing.may_vote:
        raise ValidationError(standing.vote_reason)
    titles = {p.pk: p.title for p in Proposal.objects.filter(call=call)}
    errors = check_dots(call=call, titles=titles, dots=dots)
    if errors:
        raise ValidationError(errors)
    content = {str(pk): int(count) for pk, count in dots.items() if count}
    person = membership.person
    partner = selectors.partner_of(person=person, partnership=call.partnership)
    allocation = Allocation.objects.select_for_update().filter(call=call, voter=person).first()
    if allocation is not None:
        allocation.dots = content
        allocation.partner = partner
        allocation.voted_at = at
        allocation.save(update_fields=["dots", "partner", "voted_at"])
        action = "call.vote_change"
    else:
        try:
            with transaction.atomic():
                allocation = Allocation.objects.create(
                    call=call,
                    partnership_id=call.partnership_id,
                    voter=person,
                    partner=partner,
                    dots=content,
                    voted_at=at,
                )
        except IntegrityError:
            raise ValidationError("Your dots were saved a moment ago: look again.") from None
        action = "call.vote"
    # Named dots: who placed how many on what is no secret in a call for themes.
    audit_record(
        actor=actor,
        action=action,
        partnership=call.partnership,
        target=call,
        data={"dots": {titles[int(pk)]: n for pk, n in content.items()}},
        actor_name=person.name,
    )
    _voted(person=person, call=call)
    return allocation


def _voted(*, person: Any, call: Call) -> None:
    """Someone who has voted needs no reminder to vote."""
    notifications.withdraw(person=person, key=reminders.vote_key(call))


@transaction.atomic
def proposal_make_session(
    *,
    actor: Actor,
    proposal: Proposal,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    time_zone: str,
) -> Activity:
    """Make a chosen theme a staff exchange session in the programme, once.

    Asked again (a second click, a second tab), it returns the session made the first time.
    """
    proposal = (
        # Only the proposal's row is locked: its partner and session may be empty, and an
        # empty side of a join cannot be locked.
        Proposal.objects.select_for_update(of=("self",))
        .select_related("call__partnership", "partner__organisation", "proposer", "activity")
        .get(pk=proposal.pk)
    )
    if proposal.activity is not None:
        return proposal.activity
    call = proposal.call
    _must_be(call, CallStatus.CLOSED, "make the theme a session")
    partner = proposal.partner
    by = proposal.proposer.name + (f" ({partner.organisation.name})" if partner else "")
    activity = programme.activity_create(
        actor=actor,
        partnership=call.partnership,
        kind=ActivityKind.STAFF_EXCHANGE,
        title=f"Staff exchange: {proposal.title}"[:200],
        summary=f"{proposal.description}\n\nA theme chosen by the staff teams in “{call.title}”, "
        f"proposed by {by}.",
        themes=[proposal.title],
        starts_at=starts_at,
        ends_at=ends_at,
        time_zone=time_zone,
        lead_partners=[partner] if partner is not None else [],
        status="planned",
        visibility="partners",
    )
    proposal.activity = activity
    proposal.save(update_fields=["activity"])
    audit_record(
        actor=actor,
        action="proposal.make_session",
        partnership=call.partnership,
        target=proposal,
        data={"activity": activity.title, "starts_at": starts_at},
    )
    return activity
