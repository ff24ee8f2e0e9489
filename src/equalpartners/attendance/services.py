"""Every write to registration and attendance.

Places are counted and given out with the activity's registration setup locked (an UPDATE of
its row, which PostgreSQL holds until commit and SQLite's immediate transactions serialise),
so two people asking for the last place at the same moment cannot both get it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from equalpartners.attendance import calendar_mail, messages
from equalpartners.attendance.models import (
    HOLDS_A_PLACE,
    Answer,
    Audience,
    Question,
    Registration,
    RegistrationSetup,
    Session,
    Source,
    Status,
)
from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, model_create, model_delete, model_update, validate
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


# --- The setup ---------------------------------------------------------------------------------


def setup_for(*, actor: Actor, activity: Activity) -> RegistrationSetup:
    """The activity's registration setup, made with the defaults the first time it is asked for
    (members register; no limit on places)."""
    existing = RegistrationSetup.objects.filter(activity=activity).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        setup = RegistrationSetup(
            partnership=activity.partnership,
            activity=activity,
            link_token=secrets.token_urlsafe(32),
            calendar_fingerprint=calendar_mail.fingerprint(activity),
        )
        return model_create(
            setup, actor=actor, action="registration.setup", partnership=activity.partnership
        )


@transaction.atomic
def setup_update(*, actor: Actor, setup: RegistrationSetup, **values: Any) -> RegistrationSetup:
    """Change who may register and how many places there are. More places (or no limit) offer
    the new places to the waiting list at once."""
    _lock(setup)
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
def new_link(*, actor: Actor, setup: RegistrationSetup) -> RegistrationSetup:
    """A new public or invitation link; the old one stops working."""
    return model_update(
        setup,
        actor=actor,
        action="registration.link.renew",
        partnership=setup.partnership,
        values={"link_token": secrets.token_urlsafe(32)},
    )


def _lock(setup: RegistrationSetup) -> None:
    RegistrationSetup.objects.filter(pk=setup.pk).update(lock_version=F("lock_version") + 1)


def places_taken(setup: RegistrationSetup) -> int:
    return setup.activity.registrations.filter(status__in=HOLDS_A_PLACE).count()


def places_left(setup: RegistrationSetup) -> int | None:
    if setup.capacity is None:
        return None
    return max(0, setup.capacity - places_taken(setup))


# --- Questions ---------------------------------------------------------------------------------


@transaction.atomic
def question_save(
    *, actor: Actor, setup: RegistrationSetup, question: Question | None = None, **values: Any
) -> Question:
    if (
        values.get("kind") == "choice"
        and len([line for line in values.get("choices", "").splitlines() if line.strip()]) < 2
    ):
        raise ValidationError({"choices": "Give at least two choices, one per line"})
    if question is None:
        position = setup.questions.count()
        return model_create(
            Question(setup=setup, position=position, **values),
            actor=actor,
            action="registration.question.create",
            partnership=setup.partnership,
        )
    return model_update(
        question,
        actor=actor,
        action="registration.question.update",
        partnership=setup.partnership,
        values=values,
    )


@transaction.atomic
def question_delete(*, actor: Actor, question: Question) -> None:
    model_delete(
        question,
        actor=actor,
        action="registration.question.delete",
        partnership=question.setup.partnership,
    )


def _checked_answers(
    setup: RegistrationSetup, answers: Mapping[int, str], *, require: bool
) -> dict[int, str]:
    """Answers checked against their questions. Required questions bind people registering
    themselves; an organiser adding someone (or a walk-in, or an import) may not know."""
    errors: dict[str, str] = {}
    checked: dict[int, str] = {}
    for question in setup.questions.all():
        text = (answers.get(question.pk) or "").strip()
        field = f"question_{question.pk}"
        if not text:
            if question.required and require:
                errors[field] = f"Answer '{question.label}'"
            continue
        if question.kind == "choice" and text not in question.choice_list:
            errors[field] = f"Choose one of the answers listed for '{question.label}'"
        elif question.kind == "yes_no" and text not in ("yes", "no"):
            errors[field] = f"Answer yes or no to '{question.label}'"
        elif len(text) > 2000:
            errors[field] = f"Keep the answer to '{question.label}' to 2,000 characters"
        checked[question.pk] = text
    if errors:
        raise ValidationError(errors)
    return checked


# --- Registering -------------------------------------------------------------------------------


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
    _lock(setup)
    setup.refresh_from_db()
    if source == Source.SELF:
        check_open(setup, now)
    if activity.status == "cancelled":
        raise ValidationError("This activity has been cancelled, so it takes no registrations")
    checked = _checked_answers(setup, answers or {}, require=source == Source.SELF)
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


def check_open(setup: RegistrationSetup, now: dt.datetime | None = None) -> None:
    """Refuses (with the reason) when people may not register themselves now."""
    now = now or timezone.now()
    if not setup.is_open:
        raise ValidationError("Registration for this activity is closed")
    if setup.closes_at is not None and now >= setup.closes_at:
        raise ValidationError("Registration for this activity has closed")
    if now >= setup.activity.ends_at:
        raise ValidationError("This activity has already taken place")


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
    _lock(setup)
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
        _lock(setup)
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
            _lock(setup)
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


# --- The agenda --------------------------------------------------------------------------------


@transaction.atomic
def session_save(
    *, actor: Actor, activity: Activity, session: Session | None = None, **values: Any
) -> Session:
    starts, ends = values["starts_at"], values["ends_at"]
    if ends <= starts:
        raise ValidationError({"ends_at": "The session must end after it starts"})
    if starts < activity.starts_at or ends > activity.ends_at:
        raise ValidationError(
            {"starts_at": "The session must fall within the activity's own start and end"}
        )
    if session is None:
        return model_create(
            Session(partnership=activity.partnership, activity=activity, **values),
            actor=actor,
            action="agenda.session.create",
            partnership=activity.partnership,
        )
    return model_update(
        session,
        actor=actor,
        action="agenda.session.update",
        partnership=activity.partnership,
        values=values,
    )


@transaction.atomic
def session_delete(*, actor: Actor, session: Session) -> None:
    model_delete(
        session, actor=actor, action="agenda.session.delete", partnership=session.partnership
    )


def audience_allows_link(setup: RegistrationSetup) -> bool:
    """Whether the registration link works for people who are not signed in."""
    return setup.audience in (Audience.PUBLIC, Audience.INVITED)
