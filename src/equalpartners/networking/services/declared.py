"""Declared ties: a member says "we worked together" about themselves and another person in the
partnership, on a day, with an optional note; only they may withdraw it.

Seating, introductions and check-ins record who met; a declaration records work done together
that no activity saw (a joint bid, a staff exchange, a call that became a project). It is kept
as a `Tie` with the source "declared", so the network measures read it like any other tie.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from equalpartners.core.services import Actor, model_create, model_delete
from equalpartners.networking.models import Tie, TieSource
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person
from equalpartners.programme import selectors as programme_selectors

NOTE_LENGTH = 300


@transaction.atomic
def tie_declare(
    *,
    actor: Actor,
    partnership: Any,
    person: Person,
    other: Person,
    on: dt.date,
    note: str = "",
    now: dt.datetime | None = None,
) -> Tie:
    """Record that `person` worked with `other` on `on`. Both must be members of the
    partnership, the day may not be after today (`now`'s day in the partnership's time zone),
    and a person declares a pair once (withdraw it to change the day)."""
    if other.pk == person.pk:
        raise ValidationError({"other": "Choose someone other than yourself"})
    for who, field in ((person, "person"), (other, "other")):
        if (
            partnership_selectors.membership_of_person(partnership=partnership, person_id=who.pk)
            is None
        ):
            raise ValidationError({field: f"{who.name} is not in {partnership.name}"})
    today = programme_selectors.partnership_today(partnership, now)
    if on > today:
        raise ValidationError({"on": "The date must be today or in the past"})
    low, high = sorted((person.pk, other.pk))
    if Tie.objects.filter(
        partnership=partnership,
        source=TieSource.DECLARED,
        person_a_id=low,
        person_b_id=high,
        declared_by=person,
    ).exists():
        raise ValidationError(
            {"other": f"You have already said you worked with {other.name}; remove that first"}
        )
    tie = Tie(
        partnership=partnership,
        person_a_id=low,
        person_b_id=high,
        source=TieSource.DECLARED,
        on=on,
        declared_by=person,
        note=" ".join(note.split())[:NOTE_LENGTH],
    )
    try:
        with transaction.atomic():
            return model_create(
                tie,
                actor=actor,
                action="tie.declare",
                partnership=partnership,
                data={"with": other.name, "on": on, "note": tie.note},
            )
    except IntegrityError as error:  # pragma: no cover - guarded by the check above
        raise ValidationError("You have already said you worked with this person") from error


@transaction.atomic
def tie_withdraw(*, actor: Actor, tie: Tie, person: Person) -> None:
    """Withdraw a declaration; only the person who made it may."""
    if tie.source != TieSource.DECLARED or tie.declared_by_id != person.pk:
        raise ValidationError("Only the person who said they worked together can remove this")
    model_delete(tie, actor=actor, action="tie.withdraw", partnership=tie.partnership)
