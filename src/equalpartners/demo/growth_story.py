"""The demo's network growth: who came to know whom over the programme's life.

The Summit's seating and introductions are already recorded as ties (`networking_story`); this
adds the rest of the story. The leaders at the January roundtable, a small table of twelve,
check in (so they count as having met); and people say who they worked with afterwards: the
first event's leaders across sectors, the research with the university, the roundtable's
follow-up, the Optimists' Network drawing civil servants, the NHS, councils and the third sector
together, the staff teams of the three partners working across organisations, and community
groups met at the Summit. Most of these ties cross sectors, so the growth page shows the
network widening across sectors quarter by quarter. Told through the services as people would.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.attendance import selectors as attendance_selectors
from equalpartners.attendance import services as attendance
from equalpartners.networking import services as networking
from equalpartners.programme import selectors as programme_selectors

ROUNDTABLE = "Roundtable: progressive universalism"
AT_THE_ROUNDTABLE = [
    "Dr Morven Aitken",
    "Alasdair MacLeod",
    "Rhona Campbell",
    "Fiona Barr",
    "Tariq Hussain",
    "Priya Nair",
    "Hannah Scott",
    "Mairi Robertson",
    "Lorna Watt",
    "Iain Crawford",
    "Yusuf Ali",
    "Morag Lindsay",
]

# (who says so, who they worked with, days before the demo's today, what they did)
WORKED_WITH: list[tuple[str, str, int, str]] = [
    # After the first event: leaders across sectors keep talking.
    ("Alasdair MacLeod", "Hannah Scott", 405, "Planned a leaders' breakfast together"),
    ("Fiona Barr", "Mairi Robertson", 400, "A joint response on health inequalities"),
    ("Rhona Campbell", "Lorna Watt", 395, "Early years pathways in Fife"),
    # The research, with the university.
    ("Morag Lindsay", "Sam Okafor", 390, "Interviews for the leadership research"),
    ("Ewan Young", "Sam Okafor", 360, "Co-wrote the research report's method"),
    ("Dr Morven Aitken", "Sam Okafor", 340, "Shared the foundation's data on poverty"),
    # The Optimists' Network forms after the gathering session.
    ("Priya Nair", "Eilidh Fraser", 245, "Ran the gathering session together"),
    ("Aisha Rahman", "Derek Simpson", 230, "Community planning stories for the network"),
    ("Neil Anderson", "Kirsty Munro", 215, "Swapped leadership coaching sessions"),
    ("Iain Crawford", "Alasdair MacLeod", 200, "Public service reform seminar"),
    ("Mairi Robertson", "Niamh Doherty", 185, "Health data for the voluntary sector"),
    # Staff teams of the three partners working across organisations.
    ("Jamie Wilson", "Euan Stewart", 170, "Young people's health panel"),
    ("Callum Reid", "Ishbel Grant", 160, "Shared events calendar"),
    ("Heather Morrison", "Zofia Kowalska", 150, "Learning and communications swap"),
    ("Niamh Doherty", "Tariq Hussain", 120, "Children's health policy briefing"),
    # After the Summit: community groups and the public sector.
    ("Yusuf Ali", "Fiona Barr", 50, "Community health network partnership"),
    ("Grace Murray", "Ross Thomson", 45, "Volunteering and the third sector unit"),
    ("Mairi Robertson", "Yusuf Ali", 40, "Population health and community voices"),
    ("Dr Morven Aitken", "Ewan Young", 35, "A joint seminar on poverty research"),
    ("Hannah Scott", "Shona Paterson", 20, "Planned the boards' shared learning session"),
    ("Lorna Watt", "Aisha Rahman", 12, "Children's services stories for the network"),
]
# (who says so, who they worked with, days after the roundtable, what they did); never later
# than the demo's today.
AFTER_THE_ROUNDTABLE: list[tuple[str, str, int, str]] = [
    ("Tariq Hussain", "Priya Nair", 9, "Followed up the roundtable's actions"),
    ("Derek Simpson", "Yusuf Ali", 16, "Community voices in local planning"),
]


def add_growth(*, partnership: Any, people: dict[str, Any], actor: Any, today: dt.date) -> None:
    """Add the growth story to the demo partnership (once: a second call changes nothing)."""
    roundtable = (
        programme_selectors.activities_visible_to(user=actor, partnership=partnership)
        .filter(title=ROUNDTABLE)
        .get()
    )
    if attendance_selectors.people_registered(activity=roundtable, checked_in_only=True).exists():
        return
    _roundtable_check_ins(roundtable, people, actor)
    held = roundtable.starts_at.astimezone(roundtable.zone).date()
    now = dt.datetime.combine(today, dt.time(12), tzinfo=roundtable.zone)
    said = [(a, b, today - dt.timedelta(days=n), note) for a, b, n, note in WORKED_WITH]
    said += [
        (a, b, min(today, held + dt.timedelta(days=n)), note)
        for a, b, n, note in AFTER_THE_ROUNDTABLE
    ]
    for who, other, on, note in said:
        networking.tie_declare(
            actor=people[who].user or actor,
            partnership=partnership,
            person=people[who],
            other=people[other],
            on=on,
            note=note,
            now=now,
        )


def _roundtable_check_ins(roundtable: Any, people: dict[str, Any], actor: Any) -> None:
    """The roundtable's twelve are registered by the organisers and checked in as they arrive."""
    arrival = roundtable.starts_at - dt.timedelta(minutes=15)
    for number, name in enumerate(AT_THE_ROUNDTABLE):
        person = people[name]
        organisation = person.organisation
        registration = attendance.register(
            actor=actor,
            activity=roundtable,
            name=person.name,
            email=person.email,
            organisation=organisation.name if organisation else "",
            sector=organisation.sector if organisation else "",
            job_title=person.job_title,
            source="organiser",
            notify=False,
        )
        attendance.check_in(
            actor=actor, registration=registration, now=arrival + dt.timedelta(minutes=number)
        )
