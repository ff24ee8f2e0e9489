"""The demo's registration and attendance: the Summit's registrations, agenda and check-ins
(most came, a few did not, two walked in), the boards' shared learning session full with a
waiting list, and staff registering for the staff exchange."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from equalpartners.attendance import services as attendance
from equalpartners.programme.models import Activity

# People from beyond the partnership who registered for the Summit through the public link:
# (name, organisation, sector, job title).
SUMMIT_GUESTS = [
    ("Ailsa Brown", "Highland Third Sector Interface", "third", "Chief officer"),
    ("Tom Baxter", "Glasgow Council for the Voluntary Sector", "third", "Policy lead"),
    ("Karen Ng", "NHS Lothian", "public", "Head of partnerships"),
    ("Rory Gillespie", "Aberdeen City Council", "public", "Locality manager"),
    ("Leah Mackay", "Scottish Government Health Directorate", "government", "Policy officer"),
    ("Omar Haddad", "Refugee Welcome Network", "community", "Coordinator"),
    ("Julie Forsyth", "Inverclyde Carers Centre", "third", "Manager"),
]
NO_SHOWS = {"Tom Baxter", "Omar Haddad"}
WALK_INS = [
    ("Stuart Keay", "Perth and Kinross Council", "public"),
    ("Mhairi Lennox", "Volunteer Centre Perth", "third"),
]
WORKSHOPS = "Assets-based approaches in practice\nLeading across sectors\nChildren's voices"


def add_attendance(*, partnership: Any, people: dict[str, Any], actor: Any, today: dt.date) -> None:
    # People register "today", the day the demo is loaded (its dates are placed around it).
    now = dt.datetime.combine(today, dt.time(12), tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    _summit(partnership, people, actor)
    _boards_session(partnership, people, actor, now)
    _staff_exchange(partnership, people, actor, now)


def _member_details(person: Any) -> dict[str, Any]:
    organisation = person.organisation
    return {
        "name": person.name,
        "email": person.email,
        "organisation": organisation.name if organisation else "",
        "sector": organisation.sector if organisation else "",
        "job_title": person.job_title,
    }


def _summit(partnership: Any, people: dict[str, Any], actor: Any) -> None:
    summit = Activity.objects.get(partnership=partnership, title="Equal Partners Summit")
    setup = attendance.setup_for(actor=actor, activity=summit)
    attendance.setup_update(actor=actor, setup=setup, audience="public", capacity=60, is_open=False)
    workshop = attendance.question_save(
        actor=actor,
        setup=setup,
        label="Which afternoon workshop would you like to join?",
        kind="choice",
        choices=WORKSHOPS,
        required=True,
    )
    choices = WORKSHOPS.splitlines()
    attending = [p for name, p in people.items() if name != "Sam Okafor"]
    registrations = []
    for n, person in enumerate(attending):
        registrations.append(
            attendance.register(
                actor=actor,
                activity=summit,
                source="organiser",
                listed=n % 4 != 0,
                access_needs="Step-free access, please" if n == 5 else "",
                dietary_needs="Vegetarian" if n % 3 == 0 else "",
                answers={workshop.pk: choices[n % 3]},
                notify=False,
                **_member_details(person),
            )
        )
    for n, (name, organisation, sector, job_title) in enumerate(SUMMIT_GUESTS):
        registrations.append(
            attendance.register(
                actor=actor,
                activity=summit,
                name=name,
                email=name.lower().replace(" ", ".") + "@example.net",
                organisation=organisation,
                sector=sector,
                job_title=job_title,
                listed=True,
                answers={workshop.pk: choices[n % 3]},
                source="import",
                ticket_type="Delegate",
                notify=False,
            )
        )
    arrival = summit.starts_at - dt.timedelta(minutes=30)
    for n, registration in enumerate(registrations):
        if registration.name not in NO_SHOWS:
            attendance.check_in(
                actor=actor, registration=registration, now=arrival + dt.timedelta(seconds=40 * n)
            )
    for name, organisation, sector in WALK_INS:
        attendance.walk_in(
            actor=actor,
            activity=summit,
            name=name,
            email=name.lower().replace(" ", ".") + "@example.net",
            organisation=organisation,
            sector=sector,
            now=summit.starts_at + dt.timedelta(minutes=10),
        )
    start = summit.starts_at
    for offset, minutes, title, room, speakers in [
        (0, 45, "Welcome and opening plenary", "Main auditorium", "Alasdair MacLeod, Hannah Scott"),
        (45, 60, "Assets-based approaches in action: three stories", "Main auditorium", ""),
        (105, 15, "Break", "Foyer", ""),
        (120, 60, "Mixing tables: three rounds", "Gannochy suite", ""),
        (180, 60, "Lunch", "Foyer", ""),
        (240, 90, "Active leadership challenges (workshops)", "Rooms 1 to 3", ""),
        (
            330,
            90,
            "What we will do next, together",
            "Main auditorium",
            "Fiona Barr, Rhona Campbell",
        ),
    ]:
        attendance.session_save(
            actor=actor,
            activity=summit,
            title=title,
            starts_at=start + dt.timedelta(minutes=offset),
            ends_at=start + dt.timedelta(minutes=offset + minutes),
            room=room,
            speakers=speakers,
        )


def _boards_session(partnership: Any, people: dict[str, Any], actor: Any, now: Any) -> None:
    session = Activity.objects.get(
        partnership=partnership,
        title="Shared learning session: our three boards and the Third Sector Unit",
    )
    setup = attendance.setup_for(actor=actor, activity=session)
    attendance.setup_update(actor=actor, setup=setup, audience="invited", capacity=8)
    invited = [
        "Graham Ritchie",
        "Shona Paterson",
        "Catriona Bell",
        "Angus Mitchell",
        "Douglas Kerr",
        "Marek Nowak",
        "Hannah Scott",
        "Iain Crawford",
        "Ross Thomson",
        "Priya Nair",
    ]
    for name in invited:  # the last two join the waiting list
        attendance.register(
            actor=actor,
            activity=session,
            listed=True,
            notify=False,
            now=now,
            **_member_details(people[name]),
        )


def _staff_exchange(partnership: Any, people: dict[str, Any], actor: Any, now: Any) -> None:
    exchange = Activity.objects.get(
        partnership=partnership, title="Staff teams exchange: sharing knowledge and experience"
    )
    setup = attendance.setup_for(actor=actor, activity=exchange)
    attendance.setup_update(actor=actor, setup=setup, audience="members", capacity=None)
    for name in ["Kirsty Munro", "Callum Reid", "Ishbel Grant", "Niamh Doherty", "Euan Stewart"]:
        attendance.register(
            actor=actor,
            activity=exchange,
            listed=True,
            notify=False,
            now=now,
            **_member_details(people[name]),
        )
