"""Every write to challenges and actions.

An action's status changes only through ``action_status_change``, which keeps the history
(one ``ActionUpdate`` for each change or note) and, when the action is done or dropped,
withdraws any reminders its owner has not yet read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, model_create, model_update, validate
from equalpartners.partnerships.models import Partner, Person
from equalpartners.programme import action_reminders
from equalpartners.programme.action_models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Challenge,
)
from equalpartners.programme.models import Activity

NO_OWNER = "Choose who will do this: a person, a partner organisation, or both"


def _check_person(partnership: Any, person: Person | None, field: str) -> None:
    if person is not None and not person.memberships.filter(partnership=partnership).exists():
        raise ValidationError({field: f"{person} is not a member of this partnership"})


def _check_activity(partnership: Any, activity: Activity | None) -> None:
    if activity is not None and activity.partnership_id != partnership.pk:
        raise ValidationError({"activity": "That activity belongs to another partnership"})


@transaction.atomic
def challenge_create(
    *,
    actor: Actor,
    activity: Activity,
    text: str,
    posed_by: Person | None = None,
    now: dt.datetime | None = None,
) -> Challenge:
    partnership = activity.partnership
    _check_person(partnership, posed_by, "posed_by")
    return model_create(
        Challenge(
            partnership=partnership,
            activity=activity,
            text=text.strip(),
            posed_by=posed_by,
            created_by_id=_user_id(actor),
            created_at=now or timezone.now(),
        ),
        actor=actor,
        action="challenge.create",
        partnership=partnership,
        data={"activity": activity.title},
    )


def _check_action(action: Action) -> None:
    """What an action must be, beyond its fields: an owner, owners in the partnership, a
    challenge from its own activity, and not due before the activity it came from."""
    partnership = action.partnership
    if action.owner_person is None and action.owner_partner is None:
        raise ValidationError({"owner_person": NO_OWNER})
    _check_person(partnership, action.owner_person, "owner_person")
    partner = action.owner_partner
    if partner is not None and partner.partnership_id != partnership.pk:
        raise ValidationError({"owner_partner": f"{partner} is not a partner in this partnership"})
    _check_activity(partnership, action.activity)
    challenge = action.challenge
    if challenge is not None and challenge.activity_id != action.activity_id:
        raise ValidationError({"challenge": "That challenge was posed at another activity"})
    activity = action.activity
    if activity is not None and action.due_on is not None:
        # The activity's own day, in its own zone: the day the action was committed at the
        # earliest.
        held_on = activity.starts_at.astimezone(activity.zone).date()
        if action.due_on < held_on:
            raise ValidationError(
                {
                    "due_on": f"The due date must be on or after the activity it came from "
                    f"({held_on:%-d %B %Y})"
                }
            )


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    partnership: Any,
    what: str,
    due_on: dt.date,
    scale: str,
    owner_person: Person | None = None,
    owner_partner: Partner | None = None,
    activity: Activity | None = None,
    challenge: Challenge | None = None,
    now: dt.datetime | None = None,
) -> Action:
    """Record an action someone commits to, at an activity or on its own.

    Given a challenge and no activity, the action belongs to the challenge's activity.
    ``now`` is when it was committed to (by default, now).
    """
    if challenge is not None and activity is None:
        activity = challenge.activity
    action = Action(
        partnership=partnership,
        activity=activity,
        challenge=challenge,
        what=what.strip(),
        owner_person=owner_person,
        owner_partner=owner_partner,
        due_on=due_on,
        scale=scale,
        created_by_id=_user_id(actor),
        created_at=now or timezone.now(),
    )
    _check_action(action)
    model_create(
        action,
        actor=actor,
        action="action.create",
        partnership=partnership,
        data={
            "what": action.what,
            "owner": action.owner_text,
            "due_on": due_on,
            "scale": scale,
            "activity": activity.title if activity is not None else "",
        },
    )
    first = ActionUpdate(
        partnership=partnership,
        action=action,
        status=ActionStatus.OPEN,
        note="",
        by_id=action.created_by_id,
        by_name=_name_of(actor),
        at=action.created_at,
    )
    validate(first)
    first.save()
    return action


EDITABLE = ("what", "owner_person", "owner_partner", "due_on", "scale", "challenge")


@transaction.atomic
def action_update(*, actor: Actor, action: Action, **values: Any) -> Action:
    """Change what an action is, who will do it, by when, or its scale (not its status)."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    if "what" in values:
        values["what"] = values["what"].strip()
    old_due_on, old_owner = action.due_on, action.owner_person
    # Check the action as it would be, on a copy, so a refusal leaves the instance as it was.
    proposed = Action(**{f.attname: getattr(action, f.attname) for f in Action._meta.fields})
    proposed._state.adding = False  # the same row: its id is not a duplicate of itself
    for name, value in values.items():
        setattr(proposed, name, value)
    _check_action(proposed)
    validate(proposed)
    model_update(
        action, actor=actor, action="action.update", partnership=action.partnership, values=values
    )
    if action.due_on != old_due_on or action.owner_person != old_owner:
        # Reminders name the due date and go to the owner: those already sent no longer apply.
        action_reminders.withdraw_reminders(action=action, person=old_owner, due_on=old_due_on)
    return action


@transaction.atomic
def action_status_change(
    *, actor: Actor, action: Action, status: str, note: str = "", now: dt.datetime | None = None
) -> ActionUpdate:
    """Mark an action done, dropped or open again, or add a note on its progress.

    Keeping the status needs a note (that is the update); done sets the completion time.
    """
    note = note.strip()
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose open, done or dropped"})
    if status == action.status and not note:
        raise ValidationError({"note": "Write a note on progress, or choose a different status"})
    now = now or timezone.now()
    previous = action.status
    update = ActionUpdate(
        partnership=action.partnership,
        action=action,
        status=status,
        note=note,
        by_id=_user_id(actor),
        by_name=_name_of(actor),
        at=now,
    )
    validate(update)
    if status != previous:
        completed_at = now if status == ActionStatus.DONE else None
        model_update(
            action,
            actor=actor,
            action="action.status",
            partnership=action.partnership,
            values={"status": status, "completed_at": completed_at},
        )
    else:
        audit_record(
            actor=actor,
            action="action.note",
            partnership=action.partnership,
            target=action,
            data={"note": note},
        )
    update.save()
    if status != ActionStatus.OPEN:
        action_reminders.withdraw_reminders(
            action=action, person=action.owner_person, due_on=action.due_on
        )
    return update


def action_drop(
    *, actor: Actor, action: Action, reason: str = "", now: dt.datetime | None = None
) -> ActionUpdate:
    """Drop an action: it stays on record, with the reason, and is no longer followed up."""
    return action_status_change(
        actor=actor, action=action, status=ActionStatus.DROPPED, note=reason, now=now
    )


def _user_id(actor: Actor) -> Any:
    return actor.pk if actor is not None and actor.is_authenticated else None


def _name_of(actor: Actor) -> str:
    if actor is None or not actor.is_authenticated:
        return ""
    full_name = getattr(actor, "get_full_name", lambda: "")()
    return str(full_name or actor.get_username())[:200]
