"""Writing to the audit log: every service calls ``audit_record`` inside its transaction."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from equalpartners.core.models import AuditEntry


class _AuditEncoder(DjangoJSONEncoder):
    """Dates and decimals as Django writes them; any other object (a file, a row) by its name."""

    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    partnership: models.Model | None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    actor_name: str = "",
) -> AuditEntry:
    """Append one entry. ``data`` is stored as JSON (dates and decimals become strings).

    ``actor_name`` names who acted when they have no account to link (a person added by name).
    """
    user = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        # By id: core cannot name the partnership model, and the user model is the setting's.
        partnership_id=partnership.pk if partnership is not None else None,
        actor_id=user.pk if user is not None else None,
        actor_name=_actor_name(user) or actor_name[:200],
        action=action,
        data=json.loads(json.dumps(data or {}, cls=_AuditEncoder)),
    )
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_id = str(target.pk)
        entry.object_repr = str(target)[:300]
    entry.save()
    return entry


def changed_fields(instance: models.Model, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{field: {"from": old, "to": new}}`` for each value that differs from the instance's."""
    changes: dict[str, dict[str, Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = {"from": old, "to": new}
    return changes


def _actor_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    full_name = getattr(user, "get_full_name", lambda: "")()
    return str(full_name or user.get_username())[:200]
