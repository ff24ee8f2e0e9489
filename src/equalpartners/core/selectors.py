"""Reading the audit log: a partnership's history, or one object's."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from equalpartners.core.models import AuditEntry


def audit_entries(
    *, partnership: models.Model, target: models.Model | None = None
) -> models.QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(partnership_id=partnership.pk)
    if target is not None:
        entries = entries.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
        )
    return entries.select_related("content_type")
