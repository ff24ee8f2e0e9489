"""Reads of challenges and actions that decide what a visitor sees.

Every member of a partnership (guests included) sees all of its actions. "Overdue" means open
and due before today, where today is the date in the *partnership's* time zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from equalpartners.core.capabilities import Capability
from equalpartners.partnerships.models import Partner, Person
from equalpartners.programme.action_models import (
    Action,
    ActionStatus,
    ActionUpdate,
    Challenge,
    zone_of,
)

User = AbstractBaseUser | AnonymousUser | None

# What the list filters offer: "overdue" is open and past its due date.
STATUS_FILTERS = [
    ("open", "Open"),
    ("overdue", "Overdue"),
    ("done", "Done"),
    ("dropped", "Dropped"),
    ("all", "All"),
]


def partnership_today(partnership: Any, now: dt.datetime | None = None) -> dt.date:
    """Today's date in the partnership's time zone: the day against which due dates count."""
    return (now or timezone.now()).astimezone(zone_of(partnership)).date()


def _members_see(user: User) -> Q:
    """Actions in partnerships this user is a member of; nothing for the signed-out."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    return Q(partnership__memberships__person__user_id=user.pk)


def _with_related(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related(
        "partnership",
        "activity",
        "challenge",
        "owner_person",
        "owner_person__organisation",
        "owner_partner__organisation",
    )


def actions_for_person(*, user: User, person: Person) -> QuerySet[Action]:
    """The actions this person owns, in the partnerships ``user`` is a member of.

    In a request the tenant scope narrows this to the partnership of the page.
    """
    return _with_related(Action.objects.filter(_members_see(user), owner_person=person))


def actions_for_activity(*, user: User, activity: Any) -> QuerySet[Action]:
    """The actions committed at an activity, if ``user`` is a member of its partnership."""
    return _with_related(
        Action.objects.filter(
            _members_see(user), partnership_id=activity.partnership_id, activity=activity
        )
    )


def challenges_for_activity(*, user: User, activity: Any) -> QuerySet[Challenge]:
    return Challenge.objects.filter(
        _members_see(user), partnership_id=activity.partnership_id, activity=activity
    ).select_related("posed_by", "posed_by__organisation")


def actions_of(
    *,
    partnership: Any,
    today: dt.date | None = None,
    status: str = "",
    partner_id: int | None = None,
    person_id: int | None = None,
    scale: str = "",
) -> QuerySet[Action]:
    """A partnership's actions, filtered; ``status`` is one of STATUS_FILTERS ("" for all).

    Overdue counts from ``today`` (by default, today in the partnership's time zone). The
    caller has already established that the visitor is a member.
    """
    actions = _owned_by(
        Action.objects.filter(partnership=partnership),
        partnership=partnership,
        partner_id=partner_id,
        person_id=person_id,
    )
    if scale:
        actions = actions.filter(scale=scale)
    if status == "overdue":
        today = today or partnership_today(partnership)
        actions = actions.filter(status=ActionStatus.OPEN, due_on__lt=today)
    elif status in ActionStatus.values:
        actions = actions.filter(status=status)
    return _with_related(actions)


def _owned_by(
    actions: QuerySet[Action], *, partnership: Any, partner_id: int | None, person_id: int | None
) -> QuerySet[Action]:
    """A partner's actions are its own and those of people who work for it."""
    if partner_id is not None:
        organisation_id = (
            Partner.objects.filter(partnership=partnership, pk=partner_id)
            .values_list("organisation_id", flat=True)
            .first()
        )
        actions = actions.filter(
            Q(owner_partner_id=partner_id) | Q(owner_person__organisation_id=organisation_id)
            if organisation_id is not None
            else Q(pk__in=[])
        )
    if person_id is not None:
        actions = actions.filter(owner_person_id=person_id)
    return actions


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int
    done: int
    dropped: int

    @property
    def total(self) -> int:
        return self.open + self.done + self.dropped


def action_counts(actions: QuerySet[Action], *, today: dt.date) -> ActionCounts:
    """How many of these actions are open (and of those, overdue), done and dropped: one query."""
    counts = actions.order_by().aggregate(
        open=Count("pk", filter=Q(status=ActionStatus.OPEN)),
        overdue=Count("pk", filter=Q(status=ActionStatus.OPEN, due_on__lt=today)),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
    )
    return ActionCounts(**counts)


def counts_of(
    *,
    partnership: Any,
    today: dt.date,
    partner_id: int | None = None,
    person_id: int | None = None,
    scale: str = "",
) -> ActionCounts:
    """The counts for a list's other filters, whatever status it shows."""
    actions = actions_of(
        partnership=partnership,
        today=today,
        partner_id=partner_id,
        person_id=person_id,
        scale=scale,
    )
    return action_counts(actions, today=today)


def action_years(*, partnership: Any) -> set[int]:
    """The years (in the partnership's time zone) in which actions were committed to or done.

    One query: the years of both dates, as a union.
    """
    zone = zone_of(partnership)
    actions = Action.objects.filter(partnership=partnership)
    committed = actions.datetimes("created_at", "year", tzinfo=zone).order_by()
    done = (
        actions.filter(completed_at__isnull=False)
        .datetimes("completed_at", "year", tzinfo=zone)
        .order_by()
    )
    return {moment.year for moment in committed.union(done)}


def action_in(*, partnership: Any, action_id: int) -> Action | None:
    return _with_related(Action.objects.filter(partnership=partnership, pk=action_id)).first()


def challenge_in(*, partnership: Any, challenge_id: int) -> Challenge | None:
    return Challenge.objects.filter(partnership=partnership, pk=challenge_id).first()


def updates_of(*, action: Action) -> QuerySet[ActionUpdate]:
    return ActionUpdate.objects.filter(partnership_id=action.partnership_id, action=action)


def person_in(*, partnership: Any, person_id: int) -> Person | None:
    """A person whose actions may be listed here: a member, or someone who owns an action here
    (and has since left)."""
    return (
        Person.objects.filter(
            Q(memberships__partnership=partnership) | Q(actions_owned__partnership=partnership),
            pk=person_id,
        )
        .select_related("organisation")
        .distinct()
        .first()
    )


def may_change_action(*, user: User, action: Action, capabilities: Any) -> bool:
    """Who may update, edit or drop an action: its owner, whoever recorded it, and anyone who
    manages the programme. All of them must also be able to contribute."""
    if user is None or not user.is_authenticated or Capability.CONTRIBUTE not in capabilities:
        return False
    if Capability.MANAGE_PROGRAMME in capabilities:
        return True
    if action.created_by_id is not None and action.created_by_id == user.pk:
        return True
    person = action.owner_person
    return person is not None and person.user_id is not None and person.user_id == user.pk
