"""Building blocks that every app's services share: validate, save and audit in one step."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from equalpartners.core.audit import audit_record, changed_fields

M = TypeVar("M", bound=models.Model)
Actor = AbstractBaseUser | AnonymousUser | None


def model_create(
    instance: M, *, actor: Actor, action: str, partnership: models.Model | None,
    data: dict[str, Any] | None = None,
) -> M:
    """Validate and save a new instance, and audit it. Call inside the service's transaction."""
    instance.full_clean()
    instance.save()
    audit_record(actor=actor, action=action, partnership=partnership, target=instance,
                 data=data or {})
    return instance


def model_update(
    instance: M, *, actor: Actor, action: str, partnership: models.Model | None,
    values: dict[str, Any],
) -> M:
    """Apply ``values``, validate, save only the changed fields, and audit what changed."""
    changes = changed_fields(instance, values)
    if not changes:
        return instance
    for name in changes:
        setattr(instance, name, values[name])
    instance.full_clean()
    instance.save(update_fields=list(changes))
    audit_record(actor=actor, action=action, partnership=partnership, target=instance,
                 data={"changes": changes})
    return instance


def model_delete(
    instance: models.Model, *, actor: Actor, action: str, partnership: models.Model | None
) -> None:
    """Delete, recording what it was (the history outlives the object)."""
    audit_record(actor=actor, action=action, partnership=partnership, target=instance,
                 data={"deleted": str(instance)})
    instance.delete()
