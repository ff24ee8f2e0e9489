"""Follow-up reminders for open actions, sent to the person who owns them.

A reminder goes out when an action is due within ``BEFORE_DAYS`` days (one reminder, "due
soon"), then once it is overdue: the day after its due date, and every week after that, up to
``OVERDUE_TIMES`` reminders in all (days 1, 8, 15 and 22 after the due date). Days count in
the partnership's time zone. Done and dropped actions are never followed up, and an action
owned only by a partner organisation has nobody to remind.

Each reminder has a stable key naming the action, its due date and the reminder, so running
``make_action_reminders`` again (the notifications app runs it periodically) sends nothing
twice; changing the due date starts the reminders again for the new date. When an action is
done or dropped, or its due date or owner changes, the reminders not yet read are withdrawn.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import F
from django.urls import reverse
from django_scopes import scopes_disabled

from equalpartners.notifications import services as notifications
from equalpartners.programme.action_models import Action, ActionStatus, zone_of

BEFORE_DAYS = 3
FIRST_OVERDUE_DAY = 1
OVERDUE_EVERY = 7
OVERDUE_TIMES = 4
LAST_OVERDUE_DAY = FIRST_OVERDUE_DAY + OVERDUE_EVERY * OVERDUE_TIMES - 1  # 28: no more after
TOPIC = "actions"
CHUNK = 500


def due_key(action_id: int, due_on: dt.date) -> str:
    return f"action-due:{action_id}:{due_on.isoformat()}"


def overdue_key(action_id: int, due_on: dt.date, number: int) -> str:
    return f"action-overdue:{action_id}:{due_on.isoformat()}:{number}"


def reminder_keys(action_id: int, due_on: dt.date) -> list[str]:
    """Every reminder an action due on ``due_on`` can have."""
    return [due_key(action_id, due_on)] + [
        overdue_key(action_id, due_on, number) for number in range(1, OVERDUE_TIMES + 1)
    ]


def reminder_for(action_id: int, due_on: dt.date, today: dt.date) -> tuple[str, int] | None:
    """The reminder due today for an open action, as (key, days overdue), or None.

    Only the latest reminder is due: a run that was missed for a few days sends one, not a
    burst of them.
    """
    days_left = (due_on - today).days
    if 0 <= days_left <= BEFORE_DAYS:
        return due_key(action_id, due_on), -days_left
    days_over = -days_left
    if FIRST_OVERDUE_DAY <= days_over <= LAST_OVERDUE_DAY:
        number = (days_over - FIRST_OVERDUE_DAY) // OVERDUE_EVERY + 1
        return overdue_key(action_id, due_on, number), days_over
    return None


def make_action_reminders(now: dt.datetime) -> int:
    """Send the reminders due at ``now`` for every partnership; return how many were sent."""
    utc_today = now.astimezone(dt.UTC).date()
    # Every zone's date is within a day of UTC's: read only actions that might be due a reminder.
    earliest = utc_today - dt.timedelta(days=LAST_OVERDUE_DAY + 1)
    latest = utc_today + dt.timedelta(days=BEFORE_DAYS + 1)
    sent = 0
    with scopes_disabled():  # a periodic job for every partnership
        actions = (
            Action.objects.filter(
                status=ActionStatus.OPEN,
                owner_person__isnull=False,
                due_on__range=(earliest, latest),
                # Still a member of the partnership the action belongs to.
                owner_person__memberships__partnership=F("partnership"),
            )
            .select_related("partnership", "owner_person", "activity")
            .order_by("pk")
        )
        for action in actions.iterator(chunk_size=CHUNK):
            today = now.astimezone(zone_of(action.partnership)).date()
            reminder = reminder_for(action.pk, action.due_on, today)
            person = action.owner_person
            if reminder is None or person is None:
                continue
            key, days_over = reminder
            subject, body = _message(action, days_over)
            notification = notifications.notify(
                person=person,
                partnership=action.partnership,
                topic=TOPIC,
                subject=subject,
                body=body,
                url=_address(action),
                key=key,
            )
            if notification is not None:
                sent += 1
    return sent


def withdraw_reminders(*, action: Action, person: Any, due_on: dt.date) -> None:
    """Withdraw the reminders for an action's due date that its owner has not read."""
    if person is None or action.pk is None:
        return
    for key in reminder_keys(action.pk, due_on):
        notifications.withdraw(person=person, key=key)


def _address(action: Action) -> str:
    return reverse(
        "programme:action",
        kwargs={"partnership_slug": action.partnership.slug, "action_id": action.pk},
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _message(action: Action, days_over: int) -> tuple[str, str]:
    due = f"{action.due_on:%A %-d %B %Y}"
    if days_over < 0:
        when = "in 1 day" if days_over == -1 else f"in {-days_over} days"
        subject = f"Action due {when}: {_short(action.what)}"
        opening = f"Your action is due on {due}."
    elif days_over == 0:
        subject = f"Action due today: {_short(action.what)}"
        opening = f"Your action is due today, {due}."
    else:
        ago = "yesterday" if days_over == 1 else f"{days_over} days ago"
        subject = f"Action overdue: {_short(action.what)}"
        opening = f"Your action was due on {due} ({ago}) and is still open."
    where = f" at {action.activity.title}" if action.activity is not None else ""
    body = (
        f"{opening}\n\n"
        f"What you committed to{where}:\n{action.what}\n\n"
        f"If it is done, mark it done. If it has changed, add a note or change the due date. "
        f"If it is no longer going ahead, drop it. You will not be reminded about it again "
        f"once it is done or dropped."
    )
    return subject, body
