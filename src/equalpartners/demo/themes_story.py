"""The demo's calls for themes: the spring call the staff teams have finished, whose favourite
theme is already a staff exchange session, and the autumn call they are voting in now.

Staff of the three third-sector partners propose; staff, partner leads and the coordinator place
dots, each partner counting equally in the spring call. Everything goes through the services, at
the moment a person would have done it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.utils import timezone

from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person
from equalpartners.themes import selectors as theme_selectors
from equalpartners.themes import services as themes

LONDON = zoneinfo.ZoneInfo("Europe/London")

WELLBEING = "Wellbeing of the third sector workforce"
COST_OF_LIVING = "Leading through cost-of-living pressures"
CHILDRENS_VOICES = "Children's voices in health services"
DATA = "Sharing data across sectors"
MENTORING = "Mentoring across organisations"
PARTICIPATION = "Participation that changes decisions"

# (title, proposer, description)
SPRING_THEMES = [
    (
        COST_OF_LIVING,
        "Kirsty Munro",
        "How leaders at every level keep services going, and look after their teams, when "
        "costs rise faster than funding.",
    ),
    (
        CHILDRENS_VOICES,
        "Aisha Rahman",
        "What it takes for children and young people to shape the health services they use, "
        "and what our staff can learn from those who do it well.",
    ),
    (
        WELLBEING,
        "Niamh Doherty",
        "Burnout, pay and fair work in our own sector: what each of us is trying, and what we "
        "could do together.",
    ),
    (
        DATA,
        "Euan Stewart",
        "Sharing what we know with the NHS and councils safely, so that decisions use the "
        "evidence the third sector holds.",
    ),
    (
        MENTORING,
        "Callum Reid",
        "Pairing staff across our three organisations, so that learning does not stop at our "
        "own front doors.",
    ),
    (
        PARTICIPATION,
        "Jamie Wilson",
        "Moving from consultation to participation that changes what organisations decide.",
    ),
]

# Each voter's dots (10 each, at most 5 on one theme).
SPRING_DOTS = {
    "Kirsty Munro": {COST_OF_LIVING: 4, WELLBEING: 4, MENTORING: 2},
    "Callum Reid": {MENTORING: 5, WELLBEING: 3, DATA: 2},
    "Heather Morrison": {WELLBEING: 5, COST_OF_LIVING: 3, PARTICIPATION: 2},
    "Alasdair MacLeod": {COST_OF_LIVING: 5, WELLBEING: 5},
    "Ishbel Grant": {CHILDRENS_VOICES: 4, PARTICIPATION: 3, WELLBEING: 3},
    "Jamie Wilson": {PARTICIPATION: 5, CHILDRENS_VOICES: 5},
    "Aisha Rahman": {CHILDRENS_VOICES: 5, WELLBEING: 3, DATA: 2},
    "Rhona Campbell": {CHILDRENS_VOICES: 4, COST_OF_LIVING: 3, WELLBEING: 3},
    "Eilidh Fraser": {WELLBEING: 5, DATA: 3, CHILDRENS_VOICES: 2},
    "Niamh Doherty": {WELLBEING: 5, DATA: 5},
    "Euan Stewart": {DATA: 5, WELLBEING: 3, MENTORING: 2},
    "Fiona Barr": {WELLBEING: 4, DATA: 4, COST_OF_LIVING: 2},
}

AUTUMN_THEMES = [
    (
        "Digital skills for small teams",
        "Zofia Kowalska",
        "Tools and habits that save a small team time, chosen by people who use them.",
    ),
    (
        "Working well with councils",
        "Heather Morrison",
        "What helps third sector staff and council officers plan services together.",
    ),
    (
        "Climate action in our own organisations",
        "Jamie Wilson",
        "Small, practical steps each of us can take, and how to bring colleagues along.",
    ),
]

AUTUMN_DOTS = {
    "Zofia Kowalska": {"Digital skills for small teams": 3, "Working well with councils": 2},
    "Ishbel Grant": {"Climate action in our own organisations": 4, "Working well with councils": 1},
    "Callum Reid": {"Working well with councils": 5},
}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def add_themes(*, partnership: Any, people: dict[str, Person], actor: Any, today: dt.date) -> None:
    """Tell the themes part of the story, once: nothing is added if the partnership has calls."""
    if theme_selectors.calls_of(partnership=partnership).exists():
        return
    _spring_call(partnership, people, actor, today)
    _autumn_call(partnership, people, actor)


def _membership(partnership: Any, person: Person) -> Any:
    membership = partnership_selectors.membership_of_person(
        partnership=partnership, person_id=person.pk
    )
    assert membership is not None, f"{person} is not a member"
    return membership


def _spring_call(partnership: Any, people: dict[str, Person], actor: Any, today: dt.date) -> None:
    proposals_close = _at(today - dt.timedelta(days=40), 17)
    voting_closes = _at(today - dt.timedelta(days=26), 17)
    call = themes.call_create(
        actor=actor,
        partnership=partnership,
        title="Themes for the spring staff exchange",
        description="Our staff teams choose what they learn about together. Propose a theme "
        "your team cares about; then everyone places ten dots on the themes they want most. "
        "The favourites become staff exchange sessions.",
        weighting="partner",
        dot_budget=10,
        max_dots_per_theme=5,
        proposals_close_at=proposals_close,
        voting_closes_at=voting_closes,
        time_zone="Europe/London",
        draw_tie_break=True,
    )
    proposed = proposals_close - dt.timedelta(days=10)
    ids = {}
    for hours, (title, name, description) in enumerate(SPRING_THEMES):
        proposal = themes.proposal_create(
            actor=people[name].user,
            call=call,
            membership=_membership(partnership, people[name]),
            title=title,
            description=description,
            at=proposed + dt.timedelta(hours=hours * 5),
        )
        ids[title] = proposal.pk
    for hours, (name, placed) in enumerate(SPRING_DOTS.items()):
        themes.dots_save(
            actor=people[name].user,
            call=call,
            membership=_membership(partnership, people[name]),
            dots={ids[title]: count for title, count in placed.items()},
            at=proposals_close + dt.timedelta(days=1, hours=hours * 3),
        )
    # Closed a day early, once everyone had placed their dots.
    call = themes.call_close(actor=actor, call=call, at=voting_closes - dt.timedelta(days=1))
    favourite = next(p for p in theme_selectors.proposals_of(call=call) if p.title == WELLBEING)
    session_day = today + dt.timedelta(days=35)
    themes.proposal_make_session(
        actor=actor,
        proposal=favourite,
        starts_at=_at(session_day, 10),
        ends_at=_at(session_day, 15),
        time_zone="Europe/London",
    )


def _autumn_call(partnership: Any, people: dict[str, Person], actor: Any) -> None:
    # Voting is open now, whenever the story is loaded.
    now = timezone.now()
    call = themes.call_create(
        actor=actor,
        partnership=partnership,
        title="Themes for the autumn staff exchange",
        description="The next round: propose and vote for what the autumn exchange covers.",
        weighting="person",
        dot_budget=6,
        proposals_close_at=now - dt.timedelta(days=3),
        voting_closes_at=now + dt.timedelta(days=6),
        time_zone="Europe/London",
        draw_tie_break=True,
    )
    ids = {}
    for hours, (title, name, description) in enumerate(AUTUMN_THEMES):
        proposal = themes.proposal_create(
            actor=people[name].user,
            call=call,
            membership=_membership(partnership, people[name]),
            title=title,
            description=description,
            at=now - dt.timedelta(days=6, hours=-hours),
        )
        ids[title] = proposal.pk
    for hours, (name, placed) in enumerate(AUTUMN_DOTS.items()):
        themes.dots_save(
            actor=people[name].user,
            call=call,
            membership=_membership(partnership, people[name]),
            dots={ids[title]: count for title, count in placed.items()},
            at=now - dt.timedelta(days=2, hours=-hours),
        )
