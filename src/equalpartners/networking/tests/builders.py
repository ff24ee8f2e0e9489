"""People to mix: members of the test partnership across sectors and organisations."""

from __future__ import annotations

from typing import Any

from equalpartners.core.capabilities import Role
from equalpartners.testing import factories as f

SECTORS = ("third", "public", "government")


def members(partnership: Any, count: int, *, per_organisation: int = 3) -> list[Any]:
    """`count` people who are members, in organisations of `per_organisation`, sectors mixed."""
    people = []
    organisations = [
        f.OrganisationFactory(sector=SECTORS[k % 3]) for k in range(-(-count // per_organisation))
    ]
    for i in range(count):
        person = f.PersonFactory(
            organisation=organisations[i // per_organisation], name=f"Member {i:02}"
        )
        f.MembershipFactory(partnership=partnership, person=person, role=Role.STAFF)
        people.append(person)
    return people
