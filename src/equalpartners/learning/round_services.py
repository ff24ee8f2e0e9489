"""Every write to a selection round: set it up, change it while open, record the stories the
group chose and why, and close it.

A round reads the stories of one domain (or of all) told within its period. The group's
reasons for each choice are required: in the Most Significant Change technique the reasons are
what the partnership learns from, more than the choice itself. A closed round stays as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Capability
from equalpartners.core.services import Actor, model_create, validate
from equalpartners.learning import hooks
from equalpartners.learning.models import REASONS_LIMIT, Domain, Selection, SelectionRound, Story
from equalpartners.learning.services import require
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Membership, Person

MIN_STORIES = 2


def _check_contents(
    partnership: Any,
    *,
    domain: Domain | None,
    starts_on: dt.date,
    ends_on: dt.date,
    stories: Sequence[Story],
    selectors: Sequence[Person],
) -> None:
    errors: dict[str, str] = {}
    if domain is not None and domain.partnership_id != partnership.pk:
        errors["domain"] = "Choose one of this partnership's domains"
    if ends_on < starts_on:
        errors["ends_on"] = "The period must end on or after the day it starts"
    outside = [
        s.title
        for s in stories
        if s.partnership_id != partnership.pk
        or (domain is not None and s.domain_id != domain.pk)
        or not starts_on <= s.told_on <= ends_on
    ]
    if outside:
        errors["stories"] = (
            "Choose stories of the round's domain, told within its period. These are not: "
            + "; ".join(outside)
        )
    elif len(stories) < MIN_STORIES:
        errors["stories"] = f"Choose at least {MIN_STORIES} stories for the group to read"
    members = set(
        partnership_selectors.people_choices(partnership=partnership).values_list("pk", flat=True)
    )
    if not selectors:
        errors["selectors"] = "Choose the people who will choose"
    elif any(person.pk not in members for person in selectors):
        errors["selectors"] = "Choose the people who will choose from the partnership's members"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    partnership: Any,
    membership: Membership,
    name: str,
    domain: Domain | None,
    starts_on: dt.date,
    ends_on: dt.date,
    stories: Sequence[Story],
    selectors: Sequence[Person],
) -> SelectionRound:
    require(membership, partnership, Capability.MANAGE_LEARNING, "run selection rounds")
    _check_contents(
        partnership,
        domain=domain,
        starts_on=starts_on,
        ends_on=ends_on,
        stories=stories,
        selectors=selectors,
    )
    selection_round = SelectionRound(
        partnership=partnership,
        name=name.strip(),
        domain=domain,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
    )
    model_create(
        selection_round,
        actor=actor,
        action="round.create",
        partnership=partnership,
        data={
            "domain": domain.name if domain else "every domain",
            "starts_on": starts_on,
            "ends_on": ends_on,
            "stories": [s.title for s in stories],
            "selectors": [p.name for p in selectors],
        },
    )
    selection_round.stories.set(stories)
    selection_round.selectors.set(selectors)
    return selection_round


def _open(selection_round: SelectionRound, membership: Membership, doing: str) -> SelectionRound:
    selection_round = (
        SelectionRound.objects.select_for_update(of=("self",))
        .select_related("partnership", "domain")
        .get(pk=selection_round.pk)
    )
    require(membership, selection_round.partnership, Capability.MANAGE_LEARNING, doing)
    if selection_round.is_closed:
        raise ValidationError("The round is closed, so it stays as it was.")
    return selection_round


@transaction.atomic
def round_update(
    *,
    actor: Actor,
    selection_round: SelectionRound,
    membership: Membership,
    name: str,
    domain: Domain | None,
    starts_on: dt.date,
    ends_on: dt.date,
    stories: Sequence[Story],
    selectors: Sequence[Person],
) -> SelectionRound:
    """Change an open round. A story it has chosen stays in it."""
    selection_round = _open(selection_round, membership, "change selection rounds")
    partnership = selection_round.partnership
    _check_contents(
        partnership,
        domain=domain,
        starts_on=starts_on,
        ends_on=ends_on,
        stories=stories,
        selectors=selectors,
    )
    chosen = Story.objects.filter(selections__round=selection_round).exclude(
        pk__in=[s.pk for s in stories]
    )
    if chosen.exists():
        raise ValidationError(
            {
                "stories": "The group has chosen these, so they stay in the round: "
                + "; ".join(s.title for s in chosen)
            }
        )
    selection_round.name = name.strip()
    selection_round.domain = domain
    selection_round.starts_on = starts_on
    selection_round.ends_on = ends_on
    validate(selection_round)
    selection_round.save()
    selection_round.stories.set(stories)
    selection_round.selectors.set(selectors)
    audit_record(
        actor=actor,
        action="round.update",
        partnership=partnership,
        target=selection_round,
        data={
            "domain": domain.name if domain else "every domain",
            "starts_on": starts_on,
            "ends_on": ends_on,
            "stories": [s.title for s in stories],
            "selectors": [p.name for p in selectors],
        },
    )
    return selection_round


@transaction.atomic
def round_choose(
    *,
    actor: Actor,
    selection_round: SelectionRound,
    membership: Membership,
    story: Story,
    reasons: str,
    at: dt.datetime | None = None,
) -> Selection:
    """Record a story the group chose as most significant, with the group's reasons.

    ``at`` is when, for telling a past story (the demo); pages never pass it.
    """
    selection_round = _open(selection_round, membership, "record the group's choice")
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError({"reasons": "Write down why the group chose this story"})
    if len(reasons) > REASONS_LIMIT:
        raise ValidationError(
            {
                "reasons": f"The reasons must be {REASONS_LIMIT} characters or fewer: they have "
                f"{len(reasons)}"
            }
        )
    if not selection_round.stories.filter(pk=story.pk).exists():
        raise ValidationError({"story": "Choose one of the stories in this round"})
    if Selection.objects.filter(round=selection_round, story=story).exists():
        raise ValidationError({"story": "The group has already chosen this story in this round"})
    selection = Selection(
        round=selection_round,
        partnership_id=selection_round.partnership_id,
        story=story,
        reasons=reasons,
        recorded_at=at or timezone.now(),
        recorded_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
    )
    validate(selection)
    selection.save()
    # On the round, so that its history shows each choice with its reasons.
    audit_record(
        actor=actor,
        action="round.choose",
        partnership=selection_round.partnership,
        target=selection_round,
        data={"story": story.title, "reasons": reasons, "in_report": story.consent_to_publish},
    )
    return selection


@transaction.atomic
def round_unchoose(*, actor: Actor, selection: Selection, membership: Membership) -> None:
    """Take back a choice recorded by mistake, while the round is open. A story it had put in
    the learning report leaves it, and reports already generated with it (``hooks``)."""
    selection_round = _open(selection.round, membership, "change the group's choices")
    audit_record(
        actor=actor,
        action="round.unchoose",
        partnership=selection_round.partnership,
        target=selection_round,
        data={"story": selection.story.title, "reasons": selection.reasons},
    )
    in_report = selection.story.consent_to_publish
    selection.delete()
    if in_report:
        hooks.withdrawn(partnership=selection_round.partnership)


@transaction.atomic
def round_close(
    *,
    actor: Actor,
    selection_round: SelectionRound,
    membership: Membership,
    at: dt.datetime | None = None,
) -> SelectionRound:
    """Close a round once the group has chosen at least one story."""
    selection_round = _open(selection_round, membership, "close selection rounds")
    if not Selection.objects.filter(round=selection_round).exists():
        raise ValidationError(
            "Record at least one story the group chose, with its reasons, before closing."
        )
    selection_round.closed_at = at or timezone.now()
    selection_round.save(update_fields=["closed_at"])
    audit_record(
        actor=actor,
        action="round.finish",
        partnership=selection_round.partnership,
        target=selection_round,
        data={"closed_at": selection_round.closed_at},
    )
    return selection_round
