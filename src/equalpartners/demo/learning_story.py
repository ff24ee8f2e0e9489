"""The demo's learning: what the partners wrote in the learning log after each part of the
programme, the stories of change people told, and the round in which a group chose the most
significant.

The reflections follow what the partners said they learned: that working as equals starts with
small habits; that the relationships they had built turned the row about the Gathering stand
into a compromise; that civil servants, public and third sector partners can tackle real
challenges on an equal footing (the Optimists' Network); and that staff teams lead their own
exchange. Three public reflections and two consented stories are chosen for the report.
Everything goes through the services, at the moment a person would have done it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any, NamedTuple

from django.utils import timezone

from equalpartners.decisions import selectors as decision_selectors
from equalpartners.learning import round_services, services, story_selectors, story_services
from equalpartners.learning import selectors as learning_selectors
from equalpartners.learning.models import SUGGESTED_DOMAINS
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person
from equalpartners.programme import selectors as programme_selectors
from equalpartners.themes import selectors as theme_selectors

LONDON = zoneinfo.ZoneInfo("Europe/London")

EVENT = "Equal Partners: Leading for children and young people's health and wellbeing"
RESEARCH = "Cross Sector Partnerships from a Leadership Perspective"
ROUNDTABLE = "Roundtable: progressive universalism"
OPTIMISTS = "The Optimists' Network: an active session at the Third Sector Gathering"
STAND = "Our shared stand at the Third Sector Gathering"
SUMMIT = "Equal Partners Summit"
STAND_DECISION = "Where should our shared stand at the Third Sector Gathering go?"
WELLBEING = "Wellbeing of the third sector workforce"

ROUND_NAME = "Stories from our first year"


class Note(NamedTuple):
    """A reflection to add: written some days after the first activity it is about."""

    author: str
    title: str
    visibility: str
    worked: str
    hard: str
    differently: str
    on: tuple[str, ...] = ()
    decided: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    days_after: int = 0
    for_report: bool = False


REFLECTIONS = [
    Note(
        "Morag Lindsay",
        "Working as equals starts with small habits",
        "public",
        "Taking turns to host and to chair, and each chief executive opening one part of the "
        "day. Nobody was the lead partner, so everyone brought their people.",
        "We are different sizes with different ways of deciding. At first one of us waited for "
        "board approval while the others had already said yes.",
        "Agree at the start how each partner decides, and how long it needs, before the first "
        "deadline rather than after it.",
        on=(EVENT,),
        days_after=3,
        for_report=True,
    ),
    Note(
        "Rhona Campbell",
        "The research gave us a shared language",
        "public",
        "Hearing leaders from both sectors describe the same barriers in different words. We "
        "now say 'assets' and 'outcomes' and mean the same thing.",
        "Finding leaders in the public sector with the time to be interviewed.",
        "Involve our public sector partners in writing the questions, not only answering them.",
        on=(RESEARCH,),
        days_after=75,
    ),
    Note(
        "Kirsty Munro",
        "Taking the roundtable's questions back to our own board",
        "partner",
        "The challenge to name one small change each of us would make was easy to carry back.",
        "Our board wanted to talk about the large-scale change and not the small steps.",
        "Bring a board member to the next roundtable, so the question is theirs too.",
        on=(ROUNDTABLE,),
        days_after=5,
    ),
    Note(
        "Tariq Hussain",
        "The stand that could have split us",
        "partnership",
        "Because we had built relationships first, the argument about where our stand should go"
        " became a compromise we could all agree on.",
        "It was the first time each of us had to give something up for the partnership.",
        "Use the joint decision, each partner counting equally, from the start of any choice "
        "that touches all three of us.",
        on=(STAND,),
        decided=(STAND_DECISION,),
        days_after=2,
    ),
    Note(
        "Eilidh Fraser",
        "An equal footing, on our feet",
        "public",
        "Getting civil servants, public sector and third sector people moving and working on "
        "one real assets-based challenge together. The Optimists' Network grew from that hour.",
        "Keeping the energy going once people went back to their desks.",
        "Plan the follow-up conversation before the session, not after it.",
        on=(OPTIMISTS,),
        days_after=1,
        for_report=True,
    ),
    Note(
        "Priya Nair",
        "What government takes from working alongside",
        "public",
        "Being one voice among equals rather than the funder in the room. People told us what "
        "they really thought.",
        "Our own processes are slow, and partners noticed.",
        "Say plainly at the start what government can and cannot change, and by when.",
        on=(
            OPTIMISTS,
            SUMMIT,
        ),
        days_after=4,
    ),
    Note(
        "Alasdair MacLeod",
        "The human assets in the room",
        "partnership",
        "The leadership challenges put people to work on their own organisations, and new "
        "networks formed around the tables.",
        "Too many people for the time: some tables only started talking as we closed.",
        "Fewer talks from the stage, longer at the tables.",
        on=(SUMMIT,),
        days_after=2,
    ),
    Note(
        "Niamh Doherty",
        "Staff teams choosing their own themes",
        "partnership",
        "Our staff proposed and chose the themes themselves, and wellbeing came first by a "
        "distance. People turn up for what they chose.",
        "Staff in the smallest teams found it hardest to take a day out.",
        "Offer the exchange in two shorter parts so small teams can take part.",
        themes=(WELLBEING,),
    ),
    Note(
        "Fiona Barr",
        "What we would tell others about partnering",
        "public",
        "Understanding each other's remits, policy context and leadership style before planning"
        " anything together.",
        "Three sets of priorities and one small shared budget.",
        "Write down early how you will share the learning with others who want to work together"
        " more closely, and keep notes as you go.",
        for_report=True,
    ),
]

# (teller, title, domain, the story, why it matters, days before today, consent)
STORIES = [
    (
        "Priya Nair",
        "A civil servant who now calls us first",
        "Relationships between sectors",
        "After the Optimists' Network session, a colleague in government rang the partners to "
        "ask how a new funding rule would land with small charities, before it was written.",
        "Third sector evidence now shapes decisions before they are made, not after.",
        220,
        True,
    ),
    (
        "Lorna Watt",
        "Planning the summer programme with a charity, not for it",
        "Relationships between sectors",
        "Our children's services team sat down with a children's charity to plan the summer "
        "holiday programme from the first meeting, instead of sending them a specification.",
        "Families got a programme they asked for, and both sides learned how the other works.",
        150,
        False,
    ),
    (
        "Alasdair MacLeod",
        "Chief officers who lean on each other",
        "How we lead",
        "Three chief executives who used to meet at conferences now phone each other when a "
        "hard decision comes. One of us talked through a restructure with the other two first.",
        "Leading alone is lonely; peer support made us braver and kinder leaders.",
        120,
        True,
    ),
    (
        "Niamh Doherty",
        "Staff leading the exchange themselves",
        "How we lead",
        "Staff proposed and voted for the exchange themes and are running the sessions, with "
        "the chief executives as participants.",
        "Leadership at all levels is something we now do, not only something we say.",
        30,
        True,
    ),
    (
        "Jamie Wilson",
        "Young people in the room at the summit",
        "Children and families' experience",
        "Two young people from a participation group chaired a table at the summit and asked "
        "leaders what they would change by next year.",
        "Leaders heard from the people their services are for, in the same room, as equals.",
        55,
        True,
    ),
    (
        "Douglas Kerr",
        "A board that asks about health inequalities",
        "How we lead",
        "Our board now asks of every new piece of work who it reaches and who it misses.",
        "It changes what we fund, quietly, every meeting.",
        90,
        False,
    ),
]

# (story title, the group's reasons)
CHOSEN = [
    (
        "A civil servant who now calls us first",
        "The clearest sign that the relationship between sectors has changed: government asks "
        "before it decides. It is the change the programme set out to make, and it lasts "
        "beyond any one event.",
    ),
    (
        "Chief officers who lean on each other",
        "It shows the peer support we hoped for among leaders, and the group recognised it in "
        "their own organisations. Without it, the rest of the partnership would not hold.",
    ),
]
SELECTORS = ["Morag Lindsay", "Tariq Hussain", "Fiona Barr", "Priya Nair", "Jamie Wilson"]


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


def _membership(partnership: Any, person: Person) -> Any:
    membership = partnership_selectors.membership_of_person(
        partnership=partnership, person_id=person.pk
    )
    assert membership is not None, f"{person} is not a member"
    return membership


def add_learning(
    *, partnership: Any, people: dict[str, Person], actor: Any, today: dt.date
) -> None:
    """Tell the learning part of the story, once: nothing is added if there are reflections or
    domains of change already."""
    coordinator = _membership(partnership, people["Morag Lindsay"])
    if (
        learning_selectors.reflections_visible_to(
            viewer=coordinator, partnership=partnership
        ).exists()
        or story_selectors.domains_of(partnership=partnership).exists()
    ):
        return
    # Reflections and stories cannot be dated in the future, so a demo loaded "as of" a later
    # day (the tests do this) tells them as of the real today.
    today = min(today, timezone.localdate())
    _reflections(partnership, people, actor, coordinator, today)
    _stories(partnership, people, actor, coordinator, today)


def _reflections(
    partnership: Any, people: dict[str, Person], actor: Any, coordinator: Any, today: dt.date
) -> None:
    activities = {
        a.title: a
        for a in programme_selectors.activities_visible_to(user=actor, partnership=partnership)
    }
    decisions = {d.question: d for d in decision_selectors.decisions_of(partnership=partnership)}
    themes = {
        p.title: p
        for call in theme_selectors.calls_of(partnership=partnership)
        for p in theme_selectors.proposals_of(call=call)
    }
    for note in REFLECTIONS:
        linked = [activities[t] for t in note.on if t in activities]
        written = _at(today - dt.timedelta(days=12))
        if linked:  # a few days after the activity, and never later than yesterday
            after = linked[0].ends_at + dt.timedelta(days=note.days_after)
            written = min(after, _at(today - dt.timedelta(days=1)))
        person = people[note.author]
        reflection = services.reflection_create(
            actor=person.user,
            partnership=partnership,
            membership=_membership(partnership, person),
            title=note.title,
            what_worked=note.worked,
            what_was_hard=note.hard,
            do_differently=note.differently,
            visibility=note.visibility,
            activities=linked,
            decisions=[decisions[q] for q in note.decided if q in decisions],
            themes=[themes[t] for t in note.themes if t in themes],
            at=written,
        )
        if note.for_report:
            services.reflection_choose_for_report(
                actor=actor, reflection=reflection, membership=coordinator, for_report=True
            )


def _stories(
    partnership: Any, people: dict[str, Person], actor: Any, coordinator: Any, today: dt.date
) -> None:
    names = [name for name, _ in SUGGESTED_DOMAINS]
    domains = {
        d.name: d
        for d in story_services.domains_add_suggested(
            actor=actor, partnership=partnership, membership=coordinator, names=names
        )
    }
    stories = {}
    for teller, title, domain, text, why, days_before, consent in STORIES:
        person = people[teller]
        stories[title] = story_services.story_create(
            actor=person.user,
            partnership=partnership,
            membership=_membership(partnership, person),
            title=title,
            story=text,
            domain=domains[domain],
            why_it_matters=why,
            teller=person,
            told_on=today - dt.timedelta(days=days_before),
            consent_to_publish=consent,
        )
    selection_round = round_services.round_create(
        actor=actor,
        partnership=partnership,
        membership=coordinator,
        name=ROUND_NAME,
        domain=None,
        starts_on=today - dt.timedelta(days=400),
        ends_on=today - dt.timedelta(days=20),
        stories=list(stories.values()),
        selectors=[people[name] for name in SELECTORS],
    )
    met = _at(today - dt.timedelta(days=14), 14)
    for title, reasons in CHOSEN:
        round_services.round_choose(
            actor=actor,
            selection_round=selection_round,
            membership=coordinator,
            story=stories[title],
            reasons=reasons,
            at=met,
        )
    round_services.round_close(
        actor=actor, selection_round=selection_round, membership=coordinator, at=met
    )
