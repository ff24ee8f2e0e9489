"""Every write to a decision: set it up, propose options, vote, close, record the outcome.

The rules are declared before anyone votes and cannot change once voting opens; after that only
the closing time may move later. Audit entries name who did what, never what an anonymous ballot
said.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, model_create, model_update, validate
from equalpartners.decisions import invitations, mixing, selectors
from equalpartners.decisions.models import (
    Ballot,
    Decision,
    DecisionStatus,
    Option,
    VoteRecord,
)
from equalpartners.engines.voting import BallotError, Method
from equalpartners.partnerships.models import Membership, Partner, Person

MAX_OPTIONS = 30


@dataclass(frozen=True)
class OptionSpec:
    """An option as a form gives it: a name, and for a meeting-time poll its times."""

    label: str
    description: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None

    @classmethod
    def time_slot(cls, starts_at: dt.datetime, ends_at: dt.datetime) -> OptionSpec:
        """A meeting time, named by its day and times in its own zone."""
        label = f"{starts_at:%a %-d %b %Y, %H:%M}–{ends_at:%H:%M} {starts_at.tzname()}"
        return cls(label=label, starts_at=starts_at, ends_at=ends_at)


def _check_options(method: str, options: Sequence[OptionSpec]) -> None:
    labels = [option.label.strip().casefold() for option in options]
    if method == Method.CONSENT:
        if len(options) != 1:
            raise ValidationError({"options": "A consent decision puts exactly one proposal"})
    elif len(options) < 2:
        raise ValidationError({"options": "Give at least two options to choose between"})
    if len(set(labels)) != len(labels):
        raise ValidationError({"options": "Each option must have a different name"})
    if method == Method.TIME_POLL and any(o.starts_at is None for o in options):
        raise ValidationError({"options": "Every option of a meeting-time poll is a time"})


def _check_partners(partnership: Any, partners: Sequence[Partner], casting: Partner | None) -> None:
    for partner in [*partners, *([casting] if casting else [])]:
        if partner.partnership_id != partnership.pk:
            raise ValidationError({"voter_partners": f"{partner} is not a partner here"})


def _add_options(decision: Decision, options: Sequence[OptionSpec], start: int = 0) -> None:
    for position, spec in enumerate(options, start=start):
        option = Option(
            decision=decision,
            partnership_id=decision.partnership_id,
            label=spec.label.strip(),
            description=spec.description,
            starts_at=spec.starts_at,
            ends_at=spec.ends_at,
            position=position,
        )
        validate(option)
        option.save()


@transaction.atomic
def decision_create(
    *,
    actor: Actor,
    partnership: Any,
    options: Sequence[OptionSpec],
    voter_partners: Sequence[Partner] = (),
    draw_tie_break: bool = False,
    **values: Any,
) -> Decision:
    """Set up a decision with its options and rules. ``draw_tie_break`` declares a seeded
    random draw for ties, its seed chosen now and shown with the result."""
    method = values.get("method", Method.RANKED_PAIRS)
    _check_options(method, options)
    _check_partners(partnership, voter_partners, values.get("casting_partner"))
    decision = Decision(
        partnership=partnership,
        created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        tie_break_seed=secrets.randbelow(2**53) if draw_tie_break else None,
        **values,
    )
    model_create(
        decision,
        actor=actor,
        action="decision.create",
        partnership=partnership,
        data={
            "question": decision.question,
            "method": decision.method,
            "weighting": decision.weighting,
            "anonymous": decision.anonymous,
            "options": [o.label for o in options],
            "tie_break_seed": decision.tie_break_seed,
        },
    )
    decision.voter_partners.set(voter_partners)
    _add_options(decision, options)
    return decision


def _must_be(
    decision: Decision, status: DecisionStatus, doing: str, at: dt.datetime | None = None
) -> None:
    if decision.status_at(at or timezone.now()) != status:
        messages = {
            DecisionStatus.UPCOMING: "voting has already opened",
            DecisionStatus.OPEN: "voting is not open",
            DecisionStatus.CLOSED: "voting has not closed yet",
        }
        raise ValidationError(f"You cannot {doing}: {messages[status]}.")


@transaction.atomic
def decision_update(
    *,
    actor: Actor,
    decision: Decision,
    options: Sequence[OptionSpec] | None = None,
    voter_partners: Sequence[Partner] | None = None,
    draw_tie_break: bool | None = None,
    **values: Any,
) -> Decision:
    """Change a decision before voting opens. Once open, only a later closing time.

    Options are matched by name: those kept keep who proposed them and their description.
    ``draw_tie_break`` declares (with a new seed) or withdraws the random draw for ties.
    """
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    status = decision.status_at(timezone.now())
    if status == DecisionStatus.CLOSED:
        # A later closing time would reopen voting after the count has been seen.
        raise ValidationError("Voting has closed, so the decision stays as it was.")
    if status != DecisionStatus.UPCOMING:
        extra = {k for k, v in values.items() if getattr(decision, k) != v} - {"closes_at"}
        if extra or options is not None or voter_partners is not None or draw_tie_break is not None:
            raise ValidationError(
                "Voting has opened, so the question, options and rules stay as they were. "
                "Only the closing time can move later."
            )
        if "closes_at" in values and values["closes_at"] < decision.closes_at:
            raise ValidationError({"closes_at": "Once voting is open it can only close later"})
    related: dict[str, Any] = {}
    _check_partners(decision.partnership, voter_partners or (), values.get("casting_partner"))
    if voter_partners is not None:
        before = sorted(str(p) for p in decision.voter_partners.all())
        after = sorted(str(p) for p in voter_partners)
        if before != after:
            related["voter_partners"] = {"from": before, "to": after}
        decision.voter_partners.set(voter_partners)
    method = values.get("method", decision.method)
    if options is None and method != decision.method:
        # The options kept must suit the new method (one proposal for consent, times for a poll).
        kept = [
            OptionSpec(label=o.label, starts_at=o.starts_at, ends_at=o.ends_at)
            for o in decision.options.all()
        ]
        _check_options(method, kept)
    if options is not None:
        _check_options(method, options)
        before_options = [o.label for o in decision.options.all()]
        after_options = [o.label.strip() for o in options]
        if before_options != after_options:
            related["options"] = {"from": before_options, "to": after_options}
            _replace_options(decision, options)
    if draw_tie_break is not None and draw_tie_break != (decision.tie_break_seed is not None):
        values["tie_break_seed"] = secrets.randbelow(2**53) if draw_tie_break else None
    return model_update(
        decision,
        actor=actor,
        action="decision.update",
        partnership=decision.partnership,
        values=values,
        related_changes=related,
    )


def _replace_options(decision: Decision, options: Sequence[OptionSpec]) -> None:
    """The decision's options become ``options``, in their order; an option whose name stays
    keeps its row (its proposer and description), new names are added, the rest removed."""
    existing = {o.label.casefold(): o for o in decision.options.all()}
    wanted = {spec.label.strip().casefold() for spec in options}
    for key, option in existing.items():
        if key not in wanted:
            option.delete()
    for position, spec in enumerate(options):
        kept = existing.get(spec.label.strip().casefold())
        if kept is None:
            _add_options(decision, [spec], start=position)
            continue
        kept.position = position
        kept.starts_at, kept.ends_at = spec.starts_at, spec.ends_at
        kept.save(update_fields=["position", "starts_at", "ends_at"])


@transaction.atomic
def option_propose(
    *, actor: Actor, decision: Decision, person: Person, label: str, description: str = ""
) -> Option:
    """A member proposes an option, while proposals are allowed and voting has not opened."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.proposals_allowed:
        raise ValidationError("This decision does not take proposals.")
    _must_be(decision, DecisionStatus.UPCOMING, "propose an option")
    if decision.method in (Method.CONSENT, Method.TIME_POLL):
        raise ValidationError("Options of this decision are set by its coordinator.")
    label = label.strip()
    if Option.objects.filter(decision=decision, label__iexact=label).exists():
        raise ValidationError({"label": "This decision already has an option with this name"})
    position = decision.options.count()
    if position >= MAX_OPTIONS:
        raise ValidationError(f"A decision can put at most {MAX_OPTIONS} options to the vote.")
    option = Option(
        decision=decision,
        partnership_id=decision.partnership_id,
        label=label,
        description=description,
        proposed_by=person,
        position=position,
    )
    validate(option)
    option.save()
    # On the decision, so that its history shows the proposal beside the rest.
    audit_record(
        actor=actor,
        action="decision.option_propose",
        partnership=decision.partnership,
        target=decision,
        data={"label": label, "proposed_by": person.name},
    )
    return option


@transaction.atomic
def option_remove(*, actor: Actor, option: Option) -> None:
    # Locked, so that two removals at once cannot take the decision below its minimum.
    decision = Decision.objects.select_for_update().get(pk=option.decision_id)
    _must_be(decision, DecisionStatus.UPCOMING, "remove an option")
    if decision.method == Method.CONSENT:
        if decision.options.count() <= 1:
            raise ValidationError("A consent decision keeps its one proposal.")
    elif decision.options.count() <= 2:
        raise ValidationError("A decision needs at least two options to choose between.")
    audit_record(
        actor=actor,
        action="decision.option_remove",
        partnership=decision.partnership,
        target=decision,
        data={"label": option.label},
    )
    option.delete()


def _receipt_hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


@transaction.atomic
def ballot_cast(
    *,
    actor: Actor,
    decision: Decision,
    membership: Membership,
    content: dict[str, Any],
    receipt: str = "",
    at: dt.datetime | None = None,
) -> str:
    """Record a vote, or replace an earlier one while that is allowed.

    ``content`` names options by id, as the voting form gives it. Returns, for a first vote in
    an anonymous decision whose votes can change, a receipt code: the only way back to that
    ballot, shown to the voter once and stored only as a hash. ``at`` is when the vote is cast,
    for telling a past decision (the demo); pages never pass it.
    """
    at = at or timezone.now()
    # One vote at a time per decision: two tabs or a double click cannot make two ballots.
    decision = (
        Decision.objects.select_for_update().select_related("partnership").get(pk=decision.pk)
    )
    standing = selectors.standing_of(decision=decision, membership=membership, now=at)
    if not standing.may_vote:
        raise ValidationError(standing.reason)
    person = membership.person
    options = selectors.options_of(decision=decision)
    names = {str(option.pk): option.label for option in options}
    if not isinstance(content, dict) or set(content) != {decision.ballot_kind}:
        # The engine reads any kind of ballot; the count would then fail for everyone.
        raise ValidationError(f"This decision takes a {decision.ballot_kind} ballot.")
    try:
        selectors.content_in_names(content, names, decision=decision)
    except BallotError as error:
        raise ValidationError(_plain(error.problem)) from None
    partner = selectors.partner_of(person=person, partnership=decision.partnership)
    # An anonymous ballot keeps the partner only when the count needs it.
    keeps_partner = not decision.anonymous or decision.ballots_record_partner
    partner_id = partner.pk if partner and keeps_partner else None
    code = ""
    if standing.has_voted:
        ballot = _earlier_ballot(decision, person, receipt)
        ballot.content = content
        ballot.partner_id = partner_id
        ballot.save(update_fields=["content", "partner"])
        VoteRecord.objects.filter(decision=decision, person=person).update(voted_at=at)
        action = "decision.vote_change"
    else:
        if decision.anonymous and decision.votes_changeable:
            code = secrets.token_urlsafe(12)
        try:
            with transaction.atomic():
                Ballot.objects.create(
                    decision=decision,
                    partnership_id=decision.partnership_id,
                    partner_id=partner_id,
                    voter=None if decision.anonymous else person,
                    content=content,
                    receipt_hash=_receipt_hash(code) if code else "",
                )
                VoteRecord.objects.create(
                    decision=decision,
                    partnership_id=decision.partnership_id,
                    person=person,
                    voted_at=at,
                )
        except IntegrityError:
            raise ValidationError("You have already voted in this decision.") from None
        action = "decision.vote"
    if decision.anonymous:
        mixing.mix_ballots(decision=decision)
    # Who voted is no secret (the turnout shows it); what they said is never in the log.
    audit_record(
        actor=actor,
        action=action,
        partnership=decision.partnership,
        target=decision,
        actor_name=person.name,
    )
    return code


def _earlier_ballot(decision: Decision, person: Person, receipt: str) -> Ballot:
    if not decision.anonymous:
        return Ballot.objects.select_for_update().get(decision=decision, voter=person)
    if not receipt.strip():
        raise ValidationError(
            {"receipt": "Enter the receipt code you were given when you voted, to change your vote"}
        )
    ballot = (
        Ballot.objects.select_for_update()
        .filter(decision=decision, receipt_hash=_receipt_hash(receipt))
        .first()
    )
    if ballot is None:
        raise ValidationError({"receipt": "This is not the receipt code of a vote here"})
    return ballot


def _plain(problem: str) -> str:
    """The engine's message as a sentence for the form."""
    return problem[0].upper() + problem[1:] + "." if problem else "This vote cannot be counted."


@transaction.atomic
def decision_close(*, actor: Actor, decision: Decision, at: dt.datetime | None = None) -> Decision:
    """Close voting now (or ``at``, telling a past decision), before the closing time."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    _must_be(decision, DecisionStatus.OPEN, "close voting", at)
    decision.closed_at = at or timezone.now()
    decision.save(update_fields=["closed_at"])
    audit_record(
        actor=actor,
        action="decision.close",
        partnership=decision.partnership,
        target=decision,
        data={"closed_at": decision.closed_at},
    )
    return decision


@transaction.atomic
def decision_record_outcome(
    *,
    actor: Actor,
    decision: Decision,
    outcome: str,
    chosen_option: Option | None,
    invite_url: str = "",
    at: dt.datetime | None = None,
) -> Decision:
    """Say what the partners decided. For a meeting-time poll the chosen time is sent as a
    calendar invitation to everyone who said they could come."""
    decision = (
        Decision.objects.select_for_update().select_related("partnership").get(pk=decision.pk)
    )
    _must_be(decision, DecisionStatus.CLOSED, "record the outcome", at)
    if chosen_option is not None and chosen_option.decision_id != decision.pk:
        raise ValidationError({"chosen_option": "Choose one of this decision's options"})
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what the partners decided"})
    result = selectors.result_of(decision=decision)
    first_time = decision.outcome_recorded_at is None
    earlier = decision.chosen_option
    changes = {
        "outcome": outcome,
        "chosen_option": chosen_option,
        "outcome_recorded_at": decision.outcome_recorded_at or at or timezone.now(),
    }
    decision = model_update(
        decision,
        actor=actor,
        action="decision.outcome",
        partnership=decision.partnership,
        values=changes,
        related_changes={
            "count": {"from": "", "to": _count_in_words(result)}
            if result is not None and first_time
            else {}
        },
    )
    if decision.method == Method.TIME_POLL and chosen_option != earlier:
        # Invitations go once per chosen time; a change of time withdraws the earlier one.
        if earlier is not None:
            invitations.send(actor=actor, decision=decision, option=earlier, url="", cancel=True)
        if chosen_option is not None:
            invitations.send(
                actor=actor, decision=decision, option=chosen_option, url=invite_url, cancel=False
            )
    return decision


def _count_in_words(result: Any) -> str:
    """What the count said when the outcome was first recorded, for the history."""
    winners = " and ".join(result.winners) or "no option"
    text = f"{'Winner' if len(result.winners) == 1 else 'Tied winners'}: {winners}"
    if result.chosen:
        text += f"; the tie-break chose {result.chosen}"
    return text


@transaction.atomic
def decision_remind(*, actor: Actor, decision: Decision, url: str) -> int:
    """Email everyone who may vote and has not yet; returns how many were reminded."""
    _must_be(decision, DecisionStatus.OPEN, "send reminders")
    turnout = selectors.turnout_of(decision=decision)
    people = [m.person for m in turnout.not_voted if m.person.email]
    body = render_to_string(
        "decisions/email/reminder.txt",
        {
            "decision": decision,
            "url": url,
            "closes": decision.closing_text,
        },
    )
    subject = f"Your vote: {decision.question}"
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [p.email]) for p in people]
    transaction.on_commit(lambda: send_mass_mail(messages))
    audit_record(
        actor=actor,
        action="decision.remind",
        partnership=decision.partnership,
        target=decision,
        data={"reminded": len(people)},
    )
    return len(people)
