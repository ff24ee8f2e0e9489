"""Building blocks that every app's services share: validate, save and audit in one step."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from equalpartners.core.audit import audit_record, changed_fields

M = TypeVar("M", bound=models.Model)
Actor = AbstractBaseUser | AnonymousUser | None


def validate(instance: models.Model) -> None:
    """``full_clean``, and also the ``max_length`` of text fields.

    Django checks a ``TextField``'s ``max_length`` only in forms, not in ``full_clean``; a
    service called without a form must still refuse text longer than the model allows.
    """
    errors: dict[str, list[ValidationError]] = {}
    try:
        instance.full_clean()
    except ValidationError as error:
        errors = dict(error.error_dict)  # full_clean always reports by field
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.TextField) and field.max_length and field.name not in errors:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                try:
                    MaxLengthValidator(field.max_length)(value)
                except ValidationError as error:
                    errors[field.name] = error.error_list
    if errors:
        raise ValidationError(errors)


def model_create(
    instance: M,
    *,
    actor: Actor,
    action: str,
    partnership: models.Model | None,
    data: dict[str, Any] | None = None,
) -> M:
    """Validate and save a new instance, and audit it. Call inside the service's transaction."""
    validate(instance)
    instance.save()
    audit_record(
        actor=actor, action=action, partnership=partnership, target=instance, data=data or {}
    )
    return instance


def model_update(
    instance: M,
    *,
    actor: Actor,
    action: str,
    partnership: models.Model | None,
    values: dict[str, Any],
    related_changes: dict[str, Any] | None = None,
) -> M:
    """Apply ``values``, validate, save only the changed fields, and audit what changed.

    ``related_changes`` (e.g. partners added or removed, set by the caller) go in the same
    audit entry, so one edit is one entry in the history.
    """
    changes = changed_fields(instance, values)
    related = {name: change for name, change in (related_changes or {}).items() if change}
    if not changes and not related:
        return instance
    for name in changes:
        setattr(instance, name, values[name])
    if changes:
        validate(instance)
        instance.save(update_fields=list(changes))
    audit_record(
        actor=actor,
        action=action,
        partnership=partnership,
        target=instance,
        data={"changes": {**changes, **related}},
    )
    return instance


def model_delete(
    instance: models.Model, *, actor: Actor, action: str, partnership: models.Model | None
) -> None:
    """Delete, recording what it was (the history outlives the object)."""
    audit_record(
        actor=actor,
        action=action,
        partnership=partnership,
        target=instance,
        data={"deleted": str(instance)},
    )
    instance.delete()
