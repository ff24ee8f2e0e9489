"""Networking's records for the tenancy walk (tests/test_tenancy.py): a network at home in the
partnership, started by its staff member, who is then its organiser; and a tie that staff
member declared ("we worked together") with another member."""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.core.capabilities import Role
from equalpartners.networking import services
from equalpartners.partnerships.models import Person
from equalpartners.testing import factories as f


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
    colleague = f.MembershipFactory(
        partnership=partnership, person=f.PersonFactory(), role=Role.STAFF
    ).person
    tie = services.tie_declare(
        actor=None,
        partnership=partnership,
        person=creator,
        other=colleague,
        on=dt.date(2025, 6, 1),
        note="For the tenancy walk.",
    )
    return {"network_id": network.pk, "tie_id": tie.pk}
