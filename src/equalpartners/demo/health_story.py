"""The demo's health checks: two waves that closed about six months apart, a third open now, and
a relationship survey between the three partners that closed with the second wave. With three
partners each is rated by two others, fewer than the three an organisation's scores need, so
only the network's trust and value show.

Between the waves the partnership ran its mixing events and agreed how it decides things, so
communication, informal links, roles and shared ownership improve; money and time stay a
concern. In both closed waves one partner has fewer than five people answering, so its figures
are withheld while the others show. Everything goes through the services, on the day a person
would have answered; each person's answers are drawn around the wave's level for each factor
with a fixed seed, so the story is the same every time it is loaded.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from typing import Any

from equalpartners.health import selectors as health_selectors
from equalpartners.health import services as health
from equalpartners.health import survey_services as surveys
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person

LONDON = zoneinfo.ZoneInfo("Europe/London")

# Each factor's level in the first and second closed waves (the open wave is near the second).
LEVELS = {
    "history": (3.6, 3.7),
    "standing": (3.2, 3.6),
    "climate": (3.4, 3.4),
    "respect": (3.8, 4.2),
    "mix": (3.3, 3.5),
    "benefit": (3.4, 3.8),
    "give_and_take": (3.7, 4.0),
    "ownership": (2.9, 3.5),
    "every_level": (2.6, 3.3),
    "flexibility": (3.6, 3.8),
    "roles": (2.8, 3.6),
    "pace": (3.0, 3.2),
    "open_communication": (3.1, 3.9),
    "informal_links": (2.7, 4.1),
    "goals": (3.2, 3.6),
    "vision": (3.9, 4.2),
    "distinct_purpose": (4.0, 4.1),
    "capacity": (2.4, 2.6),
    "convening": (4.1, 4.3),
    "more_together": (3.8, 4.3),
    "learning": (3.3, 4.0),
}

# Who answered each wave: Children in Scotland (first) and Voluntary Health Scotland (second)
# have four people answering, so their figures are withheld.
FIRST_WAVE = [
    "Alasdair MacLeod", "Kirsty Munro", "Callum Reid", "Heather Morrison", "Shona Paterson",
    "Graham Ritchie",
    "Rhona Campbell", "Ishbel Grant", "Jamie Wilson", "Aisha Rahman",
    "Fiona Barr", "Eilidh Fraser", "Niamh Doherty", "Euan Stewart", "Douglas Kerr",
    "Hannah Scott", "Priya Nair", "Mairi Robertson",
]  # fmt: skip
SECOND_WAVE = [
    "Alasdair MacLeod", "Kirsty Munro", "Callum Reid", "Heather Morrison", "Shona Paterson",
    "Graham Ritchie", "Morag Lindsay",
    "Rhona Campbell", "Ishbel Grant", "Jamie Wilson", "Aisha Rahman", "Catriona Bell",
    "Tariq Hussain",
    "Fiona Barr", "Niamh Doherty", "Euan Stewart", "Zofia Kowalska",
    "Hannah Scott", "Ross Thomson", "Neil Anderson", "Mairi Robertson", "Lorna Watt",
]  # fmt: skip
# So far in the open wave; the demo's sign-ins have not answered, so visitors can.
OPEN_WAVE = [
    "Alasdair MacLeod", "Kirsty Munro", "Rhona Campbell", "Jamie Wilson", "Fiona Barr",
    "Niamh Doherty",
]  # fmt: skip

# Statements people of other sectors often cannot judge; they may say "don't know".
UNSURE = {"history", "climate"}

# (person, {rated organisation key: (reliable, mission, open, influence, involvement, resources)})
RATINGS: list[tuple[str, dict[str, tuple[int | None, ...]]]] = [
    ("Alasdair MacLeod", {"CiS": (4, 4, 4, 3, 4, 3), "VHS": (4, 3, 4, 3, 3, 3)}),
    ("Kirsty Munro", {"CiS": (4, 4, 3, 3, 4, None), "VHS": (3, 3, 4, 3, 3, 2)}),
    ("Rhona Campbell", {"ACOSVO": (4, 3, 4, 4, 4, 3), "VHS": (3, 4, 3, 3, 3, 3)}),
    ("Fiona Barr", {"ACOSVO": (4, 3, 3, 4, 4, 3), "CiS": (4, 4, 4, 3, 3, 2)}),
    ("Niamh Doherty", {"ACOSVO": (3, 3, 4, 4, 3, None), "CiS": (4, 3, 4, 3, 4, 3)}),
]
RATING_ITEMS = ("reliable", "mission", "open", "influence", "involvement", "resources")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def _membership(partnership: Any, person: Person) -> Any:
    membership = partnership_selectors.membership_of_person(
        partnership=partnership, person_id=person.pk
    )
    assert membership is not None, f"{person} is not a member"
    return membership


def _value(rng: random.Random, level: float) -> int:
    """An answer around ``level``: its whole part, one more as often as its fraction says,
    and now and then one either side."""
    value = int(level) + (1 if rng.random() < level - int(level) else 0)
    value += rng.choice([-1, 0, 0, 0, 0, 1])
    return max(1, min(5, value))


def _answer_all(
    partnership: Any,
    people: dict[str, Person],
    wave: Any,
    names: list[str],
    level: int,
    first_day: dt.date,
    seed: str,
    spread: int = 9,
) -> None:
    items = health_selectors.items_of(wave=wave)
    for n, name in enumerate(names):
        person = people[name]
        rng = random.Random(f"{seed}/{name}")  # noqa: S311 (a seed, for a story that repeats)
        unsure = person.organisation is not None and person.organisation.sector != "third"
        answers: dict[int, int | None] = {}
        for item in items:
            if unsure and item.factor in UNSURE and rng.random() < 0.5:
                answers[item.pk] = None
            else:
                answers[item.pk] = _value(rng, LEVELS[item.factor][level])
        health.wave_answer(
            actor=person.user,
            wave=wave,
            membership=_membership(partnership, person),
            answers=answers,
            at=_at(first_day + dt.timedelta(days=n % spread), 9 + n % 8),
        )


def _wave(partnership: Any, actor: Any, opens: dt.date, days: int) -> Any:
    return health.wave_create(
        actor=actor,
        partnership=partnership,
        name=f"{opens:%B %Y}",
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=days),
        at=_at(opens, 10),
    )


def add_health(*, partnership: Any, people: dict[str, Person], actor: Any, today: dt.date) -> None:
    """Tell the health-check part of the story, once: nothing is added if it has a wave."""
    if health_selectors.waves_of(partnership=partnership).exists():
        return
    first_opens = today - dt.timedelta(days=380)
    first = _wave(partnership, actor, first_opens, 14)
    _answer_all(partnership, people, first, FIRST_WAVE, 0, first_opens, seed="first")
    second_opens = first_opens + dt.timedelta(days=182)
    second = _wave(partnership, actor, second_opens, 14)
    _answer_all(partnership, people, second, SECOND_WAVE, 1, second_opens, seed="second")
    _relationship_survey(partnership, people, actor, second_opens)
    third_opens = today - dt.timedelta(days=3)
    third = _wave(partnership, actor, third_opens, 17)
    _answer_all(partnership, people, third, OPEN_WAVE, 1, third_opens, seed="third", spread=3)


def _relationship_survey(
    partnership: Any, people: dict[str, Person], actor: Any, opens: dt.date
) -> None:
    survey = surveys.survey_create(
        actor=actor,
        partnership=partnership,
        name="Trust and value between the partners",
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=14),
        at=_at(opens, 10),
    )
    partners = {
        str(partner.organisation.short_name or partner.organisation.name): partner
        for partner in health_selectors.roster_of(survey=survey)
    }
    keys = {"ACOSVO": "ACOSVO", "CiS": "Children in Scotland", "VHS": "Voluntary Health Scotland"}
    for n, (name, rated) in enumerate(RATINGS):
        person = people[name]
        surveys.survey_answer(
            actor=person.user,
            survey=survey,
            membership=_membership(partnership, person),
            ratings={
                partners[keys[key]].pk: dict(zip(RATING_ITEMS, values, strict=True))
                for key, values in rated.items()
            },
            at=_at(opens + dt.timedelta(days=1 + n), 14),
        )
