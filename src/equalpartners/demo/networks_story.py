"""The demo's networks: the Optimists' Network, open to anyone in the partnership, with members
across the third sector, the public sector and government and its LinkedIn group (one member
has asked not to be listed), and a staff network on health inequalities whose organisers
approve each request (one is waiting). Told through the services as people would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.networking import selectors
from equalpartners.networking import services as networking
from equalpartners.partnerships.models import Person

OPTIMISTS = "The Optimists' Network"
OPTIMISTS_MEMBERS = [
    # third sector
    "Tariq Hussain",
    "Alasdair MacLeod",
    "Fiona Barr",
    "Aisha Rahman",
    # public sector
    "Mairi Robertson",
    "Neil Anderson",
    "Lorna Watt",
    "Derek Simpson",
    # government
    "Priya Nair",
    "Hannah Scott",
    "Iain Crawford",
]
OPTIMISTS_NOT_LISTED = "Derek Simpson"

STAFF_NETWORK = "Health Inequalities Staff Network"
STAFF_MEMBERS = ["Niamh Doherty", "Zofia Kowalska", "Kirsty Munro", "Aisha Rahman"]
STAFF_WAITING = "Jamie Wilson"


def add_networks(
    *, partnership: Any, people: dict[str, Person], actor: Any, today: dt.date
) -> None:
    """Add the two networks to the demo partnership (once: a second call changes nothing)."""
    existing = {n.name for n in selectors.networks_visible_in(user=None, partnership=partnership)}
    if OPTIMISTS not in existing:
        _optimists(partnership, people, actor, today)
    if STAFF_NETWORK not in existing:
        _staff_network(partnership, people, actor)


def _optimists(partnership: Any, people: dict[str, Person], actor: Any, today: dt.date) -> None:
    network = networking.network_create(
        actor=actor,
        partnership=partnership,
        person=people["Morag Lindsay"],
        name=OPTIMISTS,
        description=(
            "Leaders from the third sector, the public sector and government who believe "
            "partnership between equals is possible, and want to show it. We share what works, "
            "meet after each Equal Partners event and keep talking in our LinkedIn group. "
            f"Started in {today.year - 1}."
        ),
        joining="open",
        external_url="https://www.linkedin.com/groups/6941914/",
    )
    for name in OPTIMISTS_MEMBERS:
        networking.network_join(actor=actor, network=network, person=people[name])
    networking.network_listing_set(
        actor=actor, network=network, person=people[OPTIMISTS_NOT_LISTED], listed=False
    )
    networking.network_organiser_add(actor=actor, network=network, person=people["Priya Nair"])


def _staff_network(partnership: Any, people: dict[str, Person], actor: Any) -> None:
    network = networking.network_create(
        actor=actor,
        partnership=partnership,
        person=people["Eilidh Fraser"],
        name=STAFF_NETWORK,
        description=(
            "For staff of the partner organisations working on health inequalities: a monthly "
            "call to swap evidence, funding news and what we hear from communities. Organisers "
            "approve each request so the group stays small enough to talk."
        ),
        joining="approval",
    )
    organiser = people["Eilidh Fraser"].user
    for name in STAFF_MEMBERS:
        networking.network_join(actor=actor, network=network, person=people[name])
        networking.network_request_approve(
            actor=organiser or actor, network=network, person=people[name]
        )
    networking.network_join(actor=actor, network=network, person=people[STAFF_WAITING])
