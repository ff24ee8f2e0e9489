"""Networking's records for the tenancy walk (tests/test_tenancy.py): a network at home in the
partnership, started by its staff member, who is then its organiser."""

from __future__ import annotations

from typing import Any

from equalpartners.networking import services
from equalpartners.partnerships.models import Person


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    creator = Person.objects.get(pk=ids["person_id"])
    network = services.network_create(
        actor=None,
        partnership=partnership,
        person=creator,
        name=f"Network of {partnership.slug}",
        description="For the tenancy walk.",
        joining="approval",
    )
    return {"network_id": network.pk}
