"""The registration setup of an activity: who may register, how many places, its link,
the questions asked; and the lock that makes changes to its places happen one at a time."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from equalpartners.attendance import calendar_mail
from equalpartners.attendance.models import (
    HOLDS_A_PLACE,
    Audience,
    Question,
    RegistrationSetup,
)
from equalpartners.core.services import Actor, model_create, model_delete, model_update
from equalpartners.programme.models import Activity


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
def new_link(*, actor: Actor, setup: RegistrationSetup) -> RegistrationSetup:
    """A new public or invitation link; the old one stops working."""
    return model_update(
        setup,
        actor=actor,
        action="registration.link.renew",
        partnership=setup.partnership,
        values={"link_token": secrets.token_urlsafe(32)},
    )


def lock(setup: RegistrationSetup) -> None:
    """Take the activity's places for this transaction: an UPDATE of the setup's row, which
    PostgreSQL holds until commit and SQLite's immediate transactions serialise. Call inside
    the transaction, before counting places."""
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


def checked_answers(
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


def check_open(setup: RegistrationSetup, now: dt.datetime | None = None) -> None:
    """Refuses (with the reason) when people may not register themselves now."""
    now = now or timezone.now()
    if not setup.is_open:
        raise ValidationError("Registration for this activity is closed")
    if setup.closes_at is not None and now >= setup.closes_at:
        raise ValidationError("Registration for this activity has closed")
    if now >= setup.activity.ends_at:
        raise ValidationError("This activity has already taken place")


def audience_allows_link(setup: RegistrationSetup) -> bool:
    """Whether the registration link works for people who are not signed in."""
    return setup.audience in (Audience.PUBLIC, Audience.INVITED)
