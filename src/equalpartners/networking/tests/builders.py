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


def network(
    partnership: Any,
    *,
    creator: Any = None,
    name: str = "Optimists' Network",
    joining: str = "open",
    shared_with: tuple[Any, ...] = (),
    external_url: str = "",
) -> Any:
    """A network at home in `partnership`, started (and organised) by `creator` (a new staff
    member when not given), through the service as a person would."""
    from equalpartners.networking import services

    if creator is None:
        creator = members(partnership, 1, per_organisation=1)[0]
    return services.network_create(
        actor=None,
        partnership=partnership,
        person=creator,
        name=name,
        description=f"People who meet about {name}.",
        joining=joining,
        external_url=external_url,
        shared_with=shared_with,
    )
