"""On the day: checking people in (by code or from a search), undoing it, and walk-ins."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from equalpartners.attendance.models import (
    Registration,
    Source,
    Status,
)
from equalpartners.attendance.services.places import normalise_code, register
from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor
from equalpartners.programme.models import Activity

# --- On the day --------------------------------------------------------------------------------


@transaction.atomic
def check_in(
    *, actor: Actor, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """Mark someone as here. Someone waiting or offered who turns up is given their place."""
    registration.refresh_from_db()
    if registration.checked_in_at is not None:
        raise ValidationError(f"{registration.name} is already checked in")
    if not registration.is_live:
        raise ValidationError(
            f"{registration.name}'s registration was cancelled; add them as a walk-in instead"
        )
    now = now or timezone.now()
    registration.checked_in_at = now
    registration.checked_in_by = actor if actor is not None and actor.is_authenticated else None  # type: ignore[assignment]
    fields = ["checked_in_at", "checked_in_by"]
    if registration.status != Status.CONFIRMED:
        registration.status = Status.CONFIRMED
        registration.status_changed_at = now
        registration.offer_expires_at = None
        fields += ["status", "status_changed_at", "offer_expires_at"]
    registration.save(update_fields=fields)
    audit_record(
        actor=actor,
        action="registration.check_in",
        partnership=registration.partnership,
        target=registration,
    )
    return registration


@transaction.atomic
def undo_check_in(*, actor: Actor, registration: Registration) -> Registration:
    registration.refresh_from_db()
    if registration.checked_in_at is None:
        raise ValidationError(f"{registration.name} is not checked in")
    registration.checked_in_at = None
    registration.checked_in_by = None
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    audit_record(
        actor=actor,
        action="registration.check_in.undo",
        partnership=registration.partnership,
        target=registration,
    )
    return registration


def check_in_by_code(
    *, actor: Actor, activity: Activity, code: str, now: dt.datetime | None = None
) -> Registration:
    wanted = normalise_code(code)
    if not wanted:
        raise ValidationError({"code": "Enter the attendance code"})
    registration = Registration.objects.filter(activity=activity, code=wanted).first()
    if registration is None:
        raise ValidationError({"code": f"No registration for this activity has the code {wanted}"})
    return check_in(actor=actor, registration=registration, now=now)


@transaction.atomic
def walk_in(
    *,
    actor: Actor,
    activity: Activity,
    name: str,
    email: str,
    organisation: str = "",
    sector: str = "",
    now: dt.datetime | None = None,
) -> Registration:
    """Someone who turned up without registering: registered and checked in at once."""
    registration = register(
        actor=actor,
        activity=activity,
        name=name,
        email=email,
        organisation=organisation,
        sector=sector,
        source=Source.WALK_IN,
        now=now,
        notify=False,
    )
    return check_in(actor=actor, registration=registration, now=now)
