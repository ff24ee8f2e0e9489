"""The demo partnership: the Equal Partners story, told through the services as a user would.

Three Scottish third-sector intermediaries (leadership, children, health) and their programme
with the public sector and government. Dates are placed around the day the demo is loaded,
so there is always a past to look back on and a future to plan. The people are fictional.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from equalpartners.core.capabilities import Role
from equalpartners.demo.actions_story import add_actions
from equalpartners.demo.attendance_story import add_attendance
from equalpartners.demo.decisions_story import add_decisions
from equalpartners.demo.growth_story import add_growth
from equalpartners.demo.health_story import add_health
from equalpartners.demo.learning_story import add_learning
from equalpartners.demo.networking_story import add_networking
from equalpartners.demo.networks_story import add_networks
from equalpartners.demo.report_story import add_report
from equalpartners.demo.themes_story import add_themes
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships import services as partnerships
from equalpartners.programme import services as programme

SLUG = "equal-partners"
DEMO_PASSWORD = "equal-partners-demo"  # noqa: S105 (printed for visitors; the demo serves on loopback only)
LONDON = zoneinfo.ZoneInfo("Europe/London")


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    name: str
    role: Role


# Each of these has an account; everyone else in the directory does not.
SIGN_INS = [
    DemoSignIn("coordinator@example.org", "Morag Lindsay", Role.COORDINATOR),
    DemoSignIn("lead.children@example.org", "Tariq Hussain", Role.PARTNER_LEAD),
    DemoSignIn("staff.health@example.org", "Eilidh Fraser", Role.STAFF),
    DemoSignIn("board@example.org", "Graham Ritchie", Role.BOARD_MEMBER),
    DemoSignIn("civil.servant@example.org", "Priya Nair", Role.PUBLIC_PARTNER),
    DemoSignIn("guest@example.org", "Sam Okafor", Role.GUEST),
]

# key: (name, sector, website, short name)
ORGANISATIONS = {
    "ACOSVO": (
        "Association of Chief Officers of Scottish Voluntary Organisations",
        "third",
        "https://www.acosvo.org.uk",
        "ACOSVO",
    ),
    "CiS": ("Children in Scotland", "third", "https://childreninscotland.org.uk", ""),
    "VHS": ("Voluntary Health Scotland", "third", "https://vhscotland.org.uk", ""),
    "SG": ("Scottish Government Third Sector Unit", "government", "", ""),
    "NHS": ("NHS Forth Valley", "public", "", ""),
    "COUNCIL": ("Fife Council", "public", "", ""),
    "JRF": ("Joseph Rowntree Foundation", "third", "https://www.jrf.org.uk", ""),
    "UNI": ("University of Stirling", "academic", "", ""),
    "COMMUNITY": ("Dundee Community Health Network", "community", "", ""),
}

# (name, organisation, job title, role); the first six match SIGN_INS.
PEOPLE = [
    ("Morag Lindsay", "ACOSVO", "Partnership coordinator", Role.COORDINATOR),
    ("Tariq Hussain", "CiS", "Head of policy", Role.PARTNER_LEAD),
    ("Eilidh Fraser", "VHS", "Programme officer", Role.STAFF),
    ("Graham Ritchie", "ACOSVO", "Board member", Role.BOARD_MEMBER),
    ("Priya Nair", "SG", "Policy manager", Role.PUBLIC_PARTNER),
    ("Sam Okafor", "UNI", "Research fellow", Role.GUEST),
    ("Alasdair MacLeod", "ACOSVO", "Chief executive", Role.PARTNER_LEAD),
    ("Rhona Campbell", "CiS", "Chief executive", Role.PARTNER_LEAD),
    ("Fiona Barr", "VHS", "Chief executive", Role.PARTNER_LEAD),
    ("Kirsty Munro", "ACOSVO", "Leadership programmes manager", Role.STAFF),
    ("Callum Reid", "ACOSVO", "Membership officer", Role.STAFF),
    ("Ishbel Grant", "CiS", "Events manager", Role.STAFF),
    ("Jamie Wilson", "CiS", "Participation officer", Role.STAFF),
    ("Aisha Rahman", "CiS", "Communications officer", Role.STAFF),
    ("Niamh Doherty", "VHS", "Policy officer", Role.STAFF),
    ("Euan Stewart", "VHS", "Development officer", Role.STAFF),
    ("Catriona Bell", "CiS", "Board chair", Role.BOARD_MEMBER),
    ("Douglas Kerr", "VHS", "Board member", Role.BOARD_MEMBER),
    ("Shona Paterson", "ACOSVO", "Board chair", Role.BOARD_MEMBER),
    ("Marek Nowak", "VHS", "Treasurer", Role.BOARD_MEMBER),
    ("Hannah Scott", "SG", "Head of third sector unit", Role.PUBLIC_PARTNER),
    ("Ross Thomson", "SG", "Policy officer", Role.PUBLIC_PARTNER),
    ("Mairi Robertson", "NHS", "Director of public health", Role.PUBLIC_PARTNER),
    ("Neil Anderson", "NHS", "Organisational development lead", Role.PUBLIC_PARTNER),
    ("Lorna Watt", "COUNCIL", "Head of children's services", Role.PUBLIC_PARTNER),
    ("Derek Simpson", "COUNCIL", "Community planning manager", Role.PUBLIC_PARTNER),
    ("Dr Morven Aitken", "JRF", "Policy and research manager", Role.GUEST),
    ("Yusuf Ali", "COMMUNITY", "Network coordinator", Role.GUEST),
    ("Grace Murray", "COMMUNITY", "Volunteer lead", Role.GUEST),
    ("Ewan Young", "UNI", "Lecturer in public management", Role.GUEST),
    ("Heather Morrison", "ACOSVO", "Learning officer", Role.STAFF),
    ("Angus Mitchell", "CiS", "Board member", Role.BOARD_MEMBER),
    ("Zofia Kowalska", "VHS", "Communications officer", Role.STAFF),
    ("Iain Crawford", "SG", "Civil servant, public service reform", Role.PUBLIC_PARTNER),
]

PARTNERS = {
    "ACOSVO": {
        "remit": "Leadership",
        "aims": "Support, connect and develop the leaders of Scotland's voluntary organisations, "
        "so that they can lead well and lead together.",
        "policy_context": "The public service reform agenda, the national performance framework "
        "and the fair work agenda for the third sector workforce.",
        "leadership_style": "Peer-led and reflective: chief officers learning from one another, "
        "with coaching and mentoring at the centre.",
    },
    "CiS": {
        "remit": "Children",
        "aims": "Improve the lives of all children and young people in Scotland, bringing "
        "together the voluntary, public and private sectors that work with them.",
        "policy_context": "Getting it right for every child, the UN Convention on the Rights of "
        "the Child, the Promise for care-experienced young people.",
        "leadership_style": "Convening and participative: children's and young people's voices "
        "shape what the organisation does.",
    },
    "VHS": {
        "remit": "Health",
        "aims": "Be the national voice of voluntary health organisations, and help them tackle "
        "health inequalities alongside the NHS and local government.",
        "policy_context": "Health and social care integration, the public health priorities for "
        "Scotland and the work to reduce health inequalities.",
        "leadership_style": "Networked and evidence-led: building alliances and bringing the "
        "evidence of what members see on the ground.",
    },
}


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def _last_january(today: dt.date) -> dt.date:
    year = today.year if today.month > 1 else today.year - 1
    return dt.date(year, 1, 22)


def demo_exists() -> bool:
    return partnership_selectors.partnership_by_slug(slug=SLUG) is not None


@transaction.atomic
def load_story(*, today: dt.date | None = None) -> Any:
    """Create the demo partnership through the services, unless it is there already (then it
    is left as people have changed it). Returns the partnership."""
    today = today or timezone.localdate()
    with scopes_disabled():
        existing = partnership_selectors.partnership_by_slug(slug=SLUG)
        if existing is not None:
            return existing
        coordinator = _account(SIGN_INS[0])
        actor = coordinator
        partnership = partnerships.partnership_create(
            actor=actor,
            name="Equal Partners",
            slug=SLUG,
            purpose="Three third sector intermediaries, for leadership, children and health, "
            "working together and with the public sector and the Scottish Government "
            "to walk the talk of partnership: connecting leaders across sectors, "
            "learning from each other, and sharing what we learn.",
            commitments=[
                "Tackling inequalities",
                "Transforming public services through an assets-based approach",
                "Working across the third and public sectors as equals",
            ],
            contact_email="equalpartners@example.org",
            is_public=True,
        )
        partnerships.public_link_add(
            actor=actor,
            partnership=partnership,
            label="Join the Optimists' Network on LinkedIn",
            url="https://www.linkedin.com/groups/6941914/",
        )
        orgs = {
            key: partnerships.organisation_find_or_create(
                actor=actor, name=name, sector=sector, short_name=short, website=website
            )
            for key, (name, sector, website, short) in ORGANISATIONS.items()
        }
        joined = today - dt.timedelta(days=450)
        partners = {
            key: partnerships.partner_add(
                actor=actor,
                partnership=partnership,
                organisation=orgs[key],
                joined_on=joined,
                **text,
            )
            for key, text in PARTNERS.items()
        }
        people = _people(partnership, orgs, actor)
        _programme(partnership, partners, people, actor, today)
        add_actions(partnership=partnership, people=people, actor=actor, today=today)
        add_decisions(
            partnership=partnership, partners=partners, people=people, actor=actor, today=today
        )
        _initiatives(partnership, actor)
        add_attendance(partnership=partnership, people=people, actor=actor, today=today)
        add_networking(partnership=partnership, people=people, actor=actor)
        add_networks(partnership=partnership, people=people, actor=actor, today=today)
        add_growth(partnership=partnership, people=people, actor=actor, today=today)
        add_themes(partnership=partnership, people=people, actor=actor, today=today)
        add_learning(partnership=partnership, people=people, actor=actor, today=today)
        add_health(partnership=partnership, people=people, actor=actor, today=today)
        add_report(partnership=partnership, actor=actor, today=today)
    return partnership


def _account(sign_in: DemoSignIn) -> Any:
    user_model = get_user_model()
    first, _, last = sign_in.name.partition(" ")
    user = user_model.objects.filter(username=sign_in.email).first() or user_model(
        username=sign_in.email, email=sign_in.email, first_name=first, last_name=last
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _people(partnership: Any, orgs: dict[str, Any], actor: Any) -> dict[str, Any]:
    accounts = {s.name: s for s in SIGN_INS}
    people = {}
    for name, org_key, job_title, role in PEOPLE:
        sign_in = accounts.get(name)
        email = (
            sign_in.email
            if sign_in
            else (name.lower().replace("dr ", "").replace(" ", ".") + "@example.org")
        )
        membership = partnerships.person_add(
            actor=actor,
            partnership=partnership,
            name=name,
            email=email,
            role=role,
            organisation=orgs[org_key],
            job_title=job_title,
        )
        person = membership.person
        if sign_in is not None and person.user_id is None:
            person.user = _account(sign_in)
            person.save(update_fields=["user"])
        people[name] = person
    return people


def _programme(
    partnership: Any,
    partners: dict[str, Any],
    people: dict[str, Any],
    actor: Any,
    today: dt.date,
) -> None:
    acosvo, cis, vhs = partners["ACOSVO"], partners["CiS"], partners["VHS"]
    everyone = [acosvo, cis, vhs]
    add = programme.activity_create
    programme.milestone_create(
        actor=actor,
        partnership=partnership,
        title="Equal Partners programme agreed",
        date=today - dt.timedelta(days=440),
        partners=everyone,
        description="The three chief executives agree to work together as equal partners "
        "and to 'walk the talk' across the third and public sectors.",
    )
    add(
        actor=actor,
        partnership=partnership,
        kind="event",
        title="Equal Partners: Leading for children and young people's health and wellbeing",
        summary="Connecting leaders across the third and public sectors, building dialogue "
        "and mutual understanding, to improve leadership for transformational change.",
        themes=["Leadership", "Children and young people", "Health and wellbeing"],
        starts_at=_at(today - dt.timedelta(days=420), 9, 30),
        ends_at=_at(today - dt.timedelta(days=420), 16, 0),
        time_zone="Europe/London",
        venue="Edinburgh",
        lead_partners=everyone,
        status="done",
        visibility="public",
        led_by=[people["Alasdair MacLeod"], people["Rhona Campbell"], people["Fiona Barr"]],
    )
    research = add(
        actor=actor,
        partnership=partnership,
        kind="research",
        title="Cross Sector Partnerships from a Leadership Perspective",
        summary="Research into partnership working between the third and public sectors, "
        "seen through the eyes of the leaders who make it work.",
        themes=["Leadership", "Partnership working"],
        starts_at=_at(today - dt.timedelta(days=400), 9),
        ends_at=_at(today - dt.timedelta(days=330), 17),
        time_zone="Europe/London",
        lead_partners=[acosvo],
        co_partners=[cis, vhs],
        status="done",
        visibility="public",
        led_by=[people["Sam Okafor"]],
    )
    programme.output_create(
        actor=actor,
        partnership=partnership,
        kind="research",
        title="Cross Sector Partnerships from a Leadership Perspective: the report",
        published_on=today - dt.timedelta(days=320),
        partners=everyone,
        activity=research,
        summary="What leaders told us makes partnerships between sectors work, and what gets "
        "in the way.",
        is_public=True,
    )
    roundtable_day = _last_january(today)
    roundtable = add(
        actor=actor,
        partnership=partnership,
        kind="roundtable",
        title="Roundtable: progressive universalism",
        summary="A guest from the Joseph Rowntree Foundation set out the scale of the challenge "
        "and how a progressive approach to universal services could tackle deep "
        "inequalities alongside public sector reform, then asked the leaders around "
        "the table what action each of us will take: the small changes we can all "
        "make, and how we influence the large-scale change needed.",
        themes=["Progressive universalism", "Tackling inequalities", "Public service reform"],
        starts_at=_at(roundtable_day, 10),
        ends_at=_at(roundtable_day, 13),
        time_zone="Europe/London",
        venue="Glasgow",
        lead_partners=[cis],
        co_partners=[acosvo, vhs],
        status="done",
        visibility="partners",
        led_by=[people["Dr Morven Aitken"]],
    )
    programme.output_create(
        actor=actor,
        partnership=partnership,
        kind="resource",
        title="Roundtable notes: small changes and large-scale change",
        published_on=roundtable_day + dt.timedelta(days=14),
        partners=everyone,
        activity=roundtable,
        summary="The actions leaders committed to at the roundtable.",
    )
    gathering_day = today - dt.timedelta(days=250)
    add(
        actor=actor,
        partnership=partnership,
        kind="gathering_session",
        title="The Optimists' Network: an active session at the Third Sector Gathering",
        summary="A physically and mentally active session creating a space for civil "
        "servants, public sector and third sector partners to work together on an "
        "equal footing on real assets-based challenges facing Scotland today.",
        themes=["Assets-based approach", "Networks"],
        starts_at=_at(gathering_day, 14),
        ends_at=_at(gathering_day, 15, 30),
        time_zone="Europe/London",
        venue="Third Sector Gathering, Glasgow",
        lead_partners=[vhs],
        co_partners=[acosvo, cis],
        status="done",
        visibility="public",
        led_by=[people["Eilidh Fraser"], people["Priya Nair"]],
    )
    add(
        actor=actor,
        partnership=partnership,
        kind="gathering_session",
        title="Our shared stand at the Third Sector Gathering",
        summary="One stand for all three partners. Where to site it was our first real "
        "disagreement, and we turned it into a compromise we could all agree on.",
        themes=["Partnership working"],
        starts_at=_at(gathering_day, 9),
        ends_at=_at(gathering_day + dt.timedelta(days=1), 17),
        time_zone="Europe/London",
        venue="Third Sector Gathering, Glasgow",
        lead_partners=everyone,
        status="done",
        visibility="public",
    )
    summit_day = today - dt.timedelta(days=60)
    add(
        actor=actor,
        partnership=partnership,
        kind="summit",
        title="Equal Partners Summit",
        summary="Leaders from the third and public sectors hear from people putting an "
        "assets-based approach into action, then take on active leadership challenges "
        "about carrying the agenda into their own organisations, making new networks "
        "and collaborations.",
        themes=["Assets-based approach", "Leadership", "Networks"],
        starts_at=_at(summit_day, 9, 30),
        ends_at=_at(summit_day, 16, 30),
        time_zone="Europe/London",
        venue="Perth Concert Hall",
        lead_partners=everyone,
        status="done",
        visibility="public",
        led_by=[people["Alasdair MacLeod"], people["Hannah Scott"]],
    )
    programme.milestone_create(
        actor=actor,
        partnership=partnership,
        title="One year of Equal Partners",
        date=today - dt.timedelta(days=75),
        partners=everyone,
        description="A year of working together: what we have learned so far.",
    )
    boards_day = today + dt.timedelta(days=45)
    add(
        actor=actor,
        partnership=partnership,
        kind="board_session",
        title="Shared learning session: our three boards and the Third Sector Unit",
        summary="The boards of all three partners together with members of the Scottish "
        "Government's Third Sector Unit, for a shared learning session.",
        themes=["Governance", "Partnership working"],
        starts_at=_at(boards_day, 17, 30),
        ends_at=_at(boards_day, 20),
        time_zone="Europe/London",
        venue="Edinburgh",
        lead_partners=[acosvo],
        co_partners=[cis, vhs],
        status="planned",
        visibility="invited",
        led_by=[people["Shona Paterson"], people["Hannah Scott"]],
    )
    exchange_day = today + dt.timedelta(days=90)
    add(
        actor=actor,
        partnership=partnership,
        kind="staff_exchange",
        title="Staff teams exchange: sharing knowledge and experience",
        summary="Leadership at all levels: our staff teams come together to share knowledge "
        "and experience on the themes they chose, and to form their own networks.",
        themes=["Leadership at all levels", "Networks"],
        starts_at=_at(exchange_day, 10),
        ends_at=_at(exchange_day, 15),
        time_zone="Europe/London",
        online_url="https://meet.example.org/staff-exchange",
        lead_partners=[vhs],
        co_partners=[acosvo, cis],
        status="confirmed",
        visibility="partners",
    )
    programme.milestone_create(
        actor=actor,
        partnership=partnership,
        title="Reflect on what we have learned",
        date=today + dt.timedelta(days=150),
        partners=everyone,
        description="Once the planned activities are done: how we worked together, what we "
        "co-delivered, and how to share the learning with others.",
    )


def _initiatives(partnership: Any, actor: Any) -> None:
    partnerships.initiative_create(
        actor=actor,
        partnership=partnership,
        name="Scottish Leaders Forum",
        how_it_fits="Leaders across Scotland's public services working on shared outcomes; "
        "our work brings third sector leadership into that conversation.",
    )
    partnerships.initiative_create(
        actor=actor,
        partnership=partnership,
        name="Workforce Scotland",
        how_it_fits="Collaborative learning and development across public services; our staff "
        "exchange and leadership work can feed into and learn from it.",
    )
