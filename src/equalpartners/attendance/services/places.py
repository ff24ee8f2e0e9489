"""Places and the waiting list: registering, cancelling, offers from the waiting list with
their deadline, and offers that lapse. Places are counted and given out with the activity's
setup locked (``lock``), so two people asking for the last place cannot both get it."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from equalpartners.attendance import messages
from equalpartners.attendance.models import (
    Answer,
    Registration,
    RegistrationSetup,
    Source,
    Status,
)
from equalpartners.attendance.services.setup import (
    check_open,
    checked_answers,
    lock,
    places_left,
    places_taken,
    setup_for,
)
from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, model_update, validate
from equalpartners.partnerships import services as partnerships
from equalpartners.programme.models import Activity

# No 0/O or 1/I/L: codes are read aloud and typed on phones at the door.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What someone typed or scanned, as a code: spaces and dashes dropped, capitals."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


@transaction.atomic
def setup_update(*, actor: Actor, setup: RegistrationSetup, **values: Any) -> RegistrationSetup:
    """Change who may register and how many places there are. More places (or no limit) offer
    the new places to the waiting list at once."""
    lock(setup)
    capacity = values.get("capacity", setup.capacity)
    if capacity is not None:
        confirmed = setup.activity.registrations.filter(status=Status.CONFIRMED).count()
        if capacity < confirmed:
            raise ValidationError(
                {
                    "capacity": f"{confirmed} people already have a place; cancel some "
                    f"registrations before lowering the limit below {confirmed}"
                }
            )
    model_update(
        setup,
        actor=actor,
        action="registration.setup.update",
        partnership=setup.partnership,
        values=values,
    )
    _offer_free_places(setup, timezone.now())
    return setup


@transaction.atomic
def register(
    *,
    actor: Actor,
    activity: Activity,
    name: str,
    email: str,
    organisation: str = "",
    sector: str = "",
    job_title: str = "",
    ticket_type: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
    listed: bool = False,
    answers: Mapping[int, str] | None = None,
    source: str = Source.SELF,
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Registration:
    """Register someone: a place if there is one, otherwise the waiting list.

    People registering themselves need registration to be open; organisers, imports and
    walk-ins do not. Walk-ins always get a place: they are already in the room.
    """
    now = now or timezone.now()
    setup = setup_for(actor=actor, activity=activity)
    lock(setup)
    setup.refresh_from_db()
    if source == Source.SELF:
        check_open(setup, now)
    if activity.status == "cancelled":
        raise ValidationError("This activity has been cancelled, so it takes no registrations")
    checked = checked_answers(setup, answers or {}, require=source == Source.SELF)
    person = partnerships.person_find_or_create(
        actor=actor,
        partnership=activity.partnership,
        name=name,
        email=email,
        job_title=job_title,
    )
    if (
        Registration.objects.filter(activity=activity, person=person)
        .exclude(status__in=(Status.CANCELLED, Status.LAPSED))
        .exists()
    ):
        raise ValidationError(
            {"email": f"{email.strip()} is already registered for {activity.title}"}
        )
    full = setup.capacity is not None and places_taken(setup) >= setup.capacity
    status = Status.WAITING if full and source != Source.WALK_IN else Status.CONFIRMED
    registration = Registration(
        partnership=activity.partnership,
        activity=activity,
        person=person,
        name=name.strip(),
        email=email.strip().lower(),
        organisation=organisation.strip(),
        sector=sector,
        job_title=job_title.strip(),
        ticket_type=ticket_type.strip(),
        access_needs=access_needs.strip(),
        dietary_needs=dietary_needs.strip(),
        listed=listed,
        status=status,
        source=source,
        code=_unused_code(activity),
        token=secrets.token_urlsafe(32),
    )
    validate(registration)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:  # pragma: no cover - guarded by the check above
        raise ValidationError("This person is already registered for this activity") from error
    Answer.objects.bulk_create(
        Answer(registration=registration, question_id=qid, text=text)
        for qid, text in checked.items()
    )
    audit_record(
        actor=actor,
        action="registration.create",
        partnership=activity.partnership,
        target=registration,
        data={"status": status, "source": source},
        actor_name=registration.name,
    )
    if notify:
        messages.registered(registration)
    return registration


def _unused_code(activity: Activity) -> str:
    while True:  # 31^6 codes: a clash is rare, and we hold the activity's lock
        code = new_code()
        if not Registration.objects.filter(activity=activity, code=code).exists():
            return code


@transaction.atomic
def registration_update(*, actor: Actor, registration: Registration, **values: Any) -> Registration:
    """Change what someone told us (not their place: that is cancel, confirm and promote)."""
    return model_update(
        registration,
        actor=actor,
        action="registration.update",
        partnership=registration.partnership,
        values=values,
    )


@transaction.atomic
def cancel(
    *, actor: Actor, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """Cancel a registration; a place it held goes to the first person waiting."""
    now = now or timezone.now()
    setup = setup_for(actor=actor, activity=registration.activity)
    lock(setup)
    registration.refresh_from_db()
    if not registration.is_live:
        raise ValidationError("This registration is already cancelled")
    if registration.checked_in_at is not None:
        raise ValidationError("This person has been checked in; undo the check-in first")
    _set_status(registration, Status.CANCELLED, now, actor=actor, action="registration.cancel")
    _offer_free_places(setup, now)
    return registration


def confirm_offer(
    *, actor: Actor, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """The person offered a place from the waiting list takes it, before the deadline.

    Too late, the offer lapses and goes to the next person waiting; that is saved before the
    refusal is raised, so it is not rolled back with it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        setup = setup_for(actor=actor, activity=registration.activity)
        lock(setup)
        registration.refresh_from_db()
        if registration.status == Status.CONFIRMED:
            return registration
        if registration.status != Status.OFFERED:
            raise ValidationError("There is no place waiting for you to confirm")
        too_late = (
            registration.offer_expires_at is not None and now >= registration.offer_expires_at
        )
        if too_late:
            _lapse(registration, now, actor=actor)
            _offer_free_places(setup, now)
        else:
            _set_status(
                registration, Status.CONFIRMED, now, actor=actor, action="registration.confirm"
            )
            messages.offer_taken(registration)
    if too_late:
        raise ValidationError(
            "The time to confirm this place has passed, so it went to the next person waiting"
        )
    return registration


def lapse_expired_offers(now: dt.datetime) -> int:
    """Offers not confirmed by their deadline lapse and go to the next person waiting.
    Run by the notifications command with the other reminders; returns how many lapsed."""
    lapsed = 0
    expired = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .values_list("activity_id", flat=True)
        .distinct()
    )
    for activity_id in list(expired):
        with transaction.atomic():
            setup = RegistrationSetup.objects.get(activity_id=activity_id)
            lock(setup)
            for registration in Registration.objects.filter(
                activity_id=activity_id, status=Status.OFFERED, offer_expires_at__lte=now
            ):
                _lapse(registration, now, actor=None)
                lapsed += 1
            _offer_free_places(setup, now)
    return lapsed


def _lapse(registration: Registration, now: dt.datetime, *, actor: Actor) -> None:
    _set_status(registration, Status.LAPSED, now, actor=actor, action="registration.lapse")
    messages.offer_lapsed(registration)


def _offer_free_places(setup: RegistrationSetup, now: dt.datetime) -> list[Registration]:
    """Offer each free place to the next person waiting, in the order they joined the list.
    Call with the setup locked."""
    free = places_left(setup)
    waiting = setup.activity.registrations.filter(status=Status.WAITING).order_by(
        "created_at", "id"
    )
    offered = list(waiting if free is None else waiting[:free])
    for registration in offered:
        registration.offer_expires_at = now + dt.timedelta(hours=setup.offer_hours)
        _set_status(registration, Status.OFFERED, now, actor=None, action="registration.offer")
        messages.place_offered(registration)
    return offered


def _set_status(
    registration: Registration, status: str, now: dt.datetime, *, actor: Actor, action: str
) -> None:
    registration.status = status
    registration.status_changed_at = now
    if status != Status.OFFERED:
        registration.offer_expires_at = None
    registration.save(update_fields=["status", "status_changed_at", "offer_expires_at"])
    audit_record(
        actor=actor,
        action=action,
        partnership=registration.partnership,
        target=registration,
        data={"status": status},
    )
