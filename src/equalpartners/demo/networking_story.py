"""The demo's mixing of people: what people offer and need (most for the partnership, some for
anyone, some for their networks only), the Summit's seating plan (three rounds, all held, so who
sat together is recorded as contacts made), and introductions suggested between people whose
offers meet each other's needs."""

from __future__ import annotations

from typing import Any

from equalpartners.networking import services as networking
from equalpartners.networking.services import ProfileEntry
from equalpartners.programme.models import Activity

# name: (offers, interests, needs), in each person's own words
PROFILES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "Morag Lindsay": (["partnership working", "event planning"], ["leadership"], ["evaluation"]),
    "Tariq Hussain": (
        ["policy analysis", "children's rights"],
        ["public service reform"],
        ["health data"],
    ),
    "Eilidh Fraser": (["programme management"], ["health inequalities"], ["funding bids"]),
    "Priya Nair": (["government policy", "funding bids"], ["third sector"], ["community voices"]),
    "Alasdair MacLeod": (
        ["leadership coaching", "governance"],
        ["leadership"],
        ["research partners"],
    ),
    "Rhona Campbell": (["children's rights", "campaigning"], ["early years"], ["health data"]),
    "Fiona Barr": (["health policy", "community voices"], ["health inequalities"], ["governance"]),
    "Kirsty Munro": (["leadership coaching"], ["leadership"], ["evaluation"]),
    "Ishbel Grant": (["event planning"], ["networks"], ["digital engagement"]),
    "Aisha Rahman": (["digital engagement", "storytelling"], ["networks"], ["policy analysis"]),
    "Niamh Doherty": (
        ["health data", "policy analysis"],
        ["health inequalities"],
        ["children's rights"],
    ),
    "Hannah Scott": (["government policy"], ["public service reform"], ["leadership coaching"]),
    "Ross Thomson": (["funding bids"], ["third sector"], ["storytelling"]),
    "Mairi Robertson": (
        ["health data", "population health"],
        ["health inequalities"],
        ["community voices"],
    ),
    "Neil Anderson": (["organisational development"], ["leadership"], ["partnership working"]),
    "Lorna Watt": (["early years services"], ["early years"], ["children's rights"]),
    "Derek Simpson": (["community planning"], ["public service reform"], ["digital engagement"]),
    "Dr Morven Aitken": (["evaluation", "research partners"], ["poverty"], ["campaigning"]),
    "Yusuf Ali": (["community voices"], ["health inequalities"], ["funding bids"]),
    "Grace Murray": (["volunteer management"], ["networks"], ["governance"]),
    "Ewan Young": (
        ["evaluation", "research partners"],
        ["public service reform"],
        ["government policy"],
    ),
    "Iain Crawford": (
        ["public service reform"],
        ["public service reform"],
        ["organisational development"],
    ),
}


# What kind of thing each offer is (skill, knowledge, connection, resource).
CATEGORIES = {
    "partnership working": "skill",
    "event planning": "skill",
    "policy analysis": "skill",
    "children's rights": "knowledge",
    "programme management": "skill",
    "government policy": "knowledge",
    "funding bids": "skill",
    "leadership coaching": "skill",
    "governance": "knowledge",
    "campaigning": "skill",
    "health policy": "knowledge",
    "community voices": "connection",
    "digital engagement": "skill",
    "storytelling": "skill",
    "health data": "resource",
    "population health": "knowledge",
    "organisational development": "skill",
    "early years services": "knowledge",
    "community planning": "knowledge",
    "evaluation": "skill",
    "research partners": "connection",
    "volunteer management": "skill",
    "public service reform": "knowledge",
}
# Offers anyone may see (they are on the public page of the people who chose it) ...
PUBLIC_OFFERS = {"Morag Lindsay", "Fiona Barr", "Dr Morven Aitken", "Ewan Young", "Yusuf Ali"}
# ... and needs shown only to people in a network with them.
NETWORK_NEEDS = {"Tariq Hussain", "Aisha Rahman", "Hannah Scott"}


def profile_items(name: str) -> dict[str, list[str | ProfileEntry]]:
    offers, interests, needs = PROFILES[name]
    offer_level = "public" if name in PUBLIC_OFFERS else "partnership"
    need_level = "network" if name in NETWORK_NEEDS else "partnership"
    return {
        "asset": [ProfileEntry(o, offer_level, CATEGORIES.get(o, "")) for o in offers],
        "interest": list(interests),
        "need": [ProfileEntry(n, need_level) for n in needs],
    }


def add_networking(*, partnership: Any, people: dict[str, Any], actor: Any) -> None:
    for name in PROFILES:
        networking.profile_update(
            actor=actor, partnership=partnership, person=people[name], items=profile_items(name)
        )
    summit = Activity.objects.get(partnership=partnership, title="Equal Partners Summit")
    attending = [p for name, p in people.items() if name != "Sam Okafor"]
    plan = networking.plan_build(
        actor=actor,
        activity=summit,
        people=attending,
        facilitators=list(summit.led_by.all()),
        table_size=5,
        rounds=3,
    )
    networking.plan_replan(actor=actor, plan=plan, rounds_run=3)
    networking.introductions_build(actor=actor, activity=summit, people=attending, per_person=2)
