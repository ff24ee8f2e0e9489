"""The partnership's content version: a counter that goes up whenever its records change.

Pages cache what is expensive to compute (a year of the timeline, say) under keys that include
the version, which the tenancy middleware has already read with the partnership. A change in any
worker, made by a service, the admin or a test's factory, sends a model signal here, which adds
one to the version in the same transaction; every worker then reads the new version and leaves
the old cache entries to expire. No cache is ever shared state that could go stale.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from equalpartners.partnerships.models import Organisation, Partnership


def content_changed(*, partnership_id: int | None) -> None:
    if partnership_id is not None:
        Partnership.objects.filter(pk=partnership_id).update(
            content_version=F("content_version") + 1
        )


def _on_change(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures: nothing is cached yet
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # many-to-many: count the change once
        return
    content_changed(partnership_id=getattr(instance, "partnership_id", None))


def _on_organisation_change(sender: type[Model], instance: Organisation, **kwargs: Any) -> None:
    """An organisation is shared: its name shows in every partnership it is a partner of."""
    if not kwargs.get("raw"):
        Partnership.objects.filter(partners__organisation=instance).update(
            content_version=F("content_version") + 1
        )


def track_changes(*models: type[Model]) -> None:
    """Bump the owning partnership's version when a row of these models, or a many-to-many
    set on one, is saved or deleted. Each app calls this from its ``ready()``."""
    post_save.connect(_on_organisation_change, sender=Organisation, dispatch_uid="version-org")
    for model in models:
        post_save.connect(_on_change, sender=model, dispatch_uid=f"version-save-{model._meta}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"version-del-{model._meta}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _on_change,
                sender=field.remote_field.through,
                dispatch_uid=f"version-m2m-{model._meta}-{field.name}",
            )
