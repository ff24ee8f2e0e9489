"""A large generated partnership, for benchmarks and for trying the pages at scale.

``load_large`` builds, deterministically from a seed and the day it is loaded, a partnership
of twelve partner organisations across the sectors, thousands of people with memberships and
roles, and a programme of activities spread over several calendar years (the earlier ones in
the past, the last one in the future), with themes, lead and co-delivering partners, people
leading them, milestones, outputs and related initiatives.

The partnership itself, its partners, links and initiatives go through the services, as a
person would create them (and so are audited); the bulk of the rows (people, memberships,
activities, milestones, outputs and their links) is written with ``bulk_create``, with one
audit entry recording the load. Everyone is fictional; the addresses are under example.org.
The names, titles and weights it draws from are in ``large_vocabulary``.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from equalpartners.attendance.models import Audience, Registration, RegistrationSetup
from equalpartners.attendance.models import Status as RegistrationStatus
from equalpartners.attendance.services import new_code
from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Role
from equalpartners.demo.large_vocabulary import (
    FIRST_NAMES,
    INITIATIVES,
    JOB_TITLES,
    KIND_TITLES,
    KIND_WEIGHTS,
    LAST_NAMES,
    OTHER_ORGANISATIONS,
    PARTNER_ORGANISATIONS,
    ROLE_WEIGHTS,
    THEMES,
    TIME_ZONES,
    TITLE_TOPICS,
    VENUES,
)
from equalpartners.partnerships import services as partnerships
from equalpartners.partnerships.models import (
    Membership,
    Organisation,
    Partner,
    Partnership,
    Person,
)
from equalpartners.programme.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Milestone,
    Output,
    OutputKind,
    Theme,
    Visibility,
)

SLUG = "large"
REGISTRATIONS = 2000
SEED = 20_240_501
PASSWORD = "large-partnership-bench"  # noqa: S105 (fictional data for benchmarks and trials)
BATCH = 500


@dataclass(frozen=True)
class LargeResult:
    partnership: Partnership
    created: bool
    coordinator_email: str
    counts: dict[str, int]


def coordinator_email(slug: str) -> str:
    return f"coordinator@{slug}.example.org"


def load_large(
    *,
    slug: str = SLUG,
    people: int = 5000,
    activities: int = 1000,
    years: int = 5,
    seed: int = SEED,
    today: dt.date | None = None,
) -> LargeResult:
    """Create the large partnership ``slug``, or leave it alone if it is already there."""
    if people < 1 or activities < 0 or years < 1:
        raise ValueError("people and years must be at least 1, activities at least 0")
    with scopes_disabled():
        existing = Partnership.objects.filter(slug=slug).first()
        if existing is not None:
            return LargeResult(existing, False, coordinator_email(slug), _counts(existing))
        partnership = _generate(
            slug=slug,
            people=people,
            activities=activities,
            years=years,
            rng=random.Random(seed),  # noqa: S311 (fictional data)
            today=today or timezone.localdate(),
        )
        return LargeResult(partnership, True, coordinator_email(slug), _counts(partnership))


def year_span(today: dt.date, years: int) -> tuple[int, int]:
    """The calendar years the programme covers: the last is next year when there are two or more."""
    last = today.year + (1 if years >= 2 else 0)
    return last - years + 1, last


@transaction.atomic
def _generate(
    *,
    slug: str,
    people: int,
    activities: int,
    years: int,
    rng: random.Random,
    today: dt.date,
) -> Partnership:
    coordinator = _coordinator_account(slug)
    partnership = partnerships.partnership_create(
        actor=coordinator,
        name=f"Large Partnership ({slug})",
        slug=slug,
        purpose="Twelve organisations from the third, public, academic, private and community "
        "sectors, working together as equals on a shared programme: a generated "
        "partnership for trying the pages at scale.",
        commitments=[
            "Tackling inequalities",
            "Working across sectors as equals",
            "Sharing what we learn",
        ],
        contact_email=f"partnership@{slug}.example.org",
        is_public=True,
    )
    partnerships.public_link_add(
        actor=coordinator,
        partnership=partnership,
        label="Our network group",
        url="https://www.example.org/network",
    )
    partner_list = _partners(partnership, coordinator, rng, today, years)
    person_list = _people(partnership, partner_list, coordinator, rng, people, slug)
    theme_list = Theme.objects.bulk_create(
        [Theme(partnership=partnership, name=name) for name in THEMES]
    )
    first_year, last_year = year_span(today, years)
    start = dt.date(first_year, 1, 1)
    days = (dt.date(last_year, 12, 31) - start).days + 1
    activity_list = _activities(
        partnership,
        partner_list,
        person_list,
        theme_list,
        rng,
        count=activities,
        start=start,
        days=days,
        today=today,
    )
    _milestones(partnership, partner_list, rng, count=12 * years, start=start, days=days)
    _outputs(partnership, partner_list, activity_list, rng, count=activities // 5, today=today)
    _registrations(partnership, person_list, rng, count=min(REGISTRATIONS, people))
    for name, how in INITIATIVES:
        partnerships.initiative_create(
            actor=coordinator,
            partnership=partnership,
            name=name,
            how_it_fits=how,
            url=f"https://www.example.org/{slugify(name)}",
        )
    audit_record(
        actor=coordinator,
        action="demo.load_large",
        partnership=partnership,
        target=partnership,
        data=_counts(partnership),
    )
    return partnership


def _coordinator_account(slug: str) -> Any:
    email = coordinator_email(slug)
    user_model = get_user_model()
    user = user_model.objects.filter(username=email).first() or user_model(
        username=email, email=email, first_name="Morag", last_name="Lindsay"
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def _partners(
    partnership: Partnership,
    actor: Any,
    rng: random.Random,
    today: dt.date,
    years: int,
) -> list[Partner]:
    partners = []
    for name, short, sector, remit in PARTNER_ORGANISATIONS:
        organisation = partnerships.organisation_find_or_create(
            actor=actor,
            name=name,
            sector=sector,
            short_name=short,
            website=f"https://www.example.org/{short.lower()}",
        )
        partners.append(
            partnerships.partner_add(
                actor=actor,
                partnership=partnership,
                organisation=organisation,
                remit=remit,
                aims=f"{name} brings its work on {remit.lower()} to the partnership, and learns "
                "from partners in other sectors.",
                policy_context="Public service reform and the national outcomes.",
                leadership_style=rng.choice(
                    [
                        "Peer-led and reflective",
                        "Convening and participative",
                        "Networked and evidence-led",
                        "Distributed",
                    ]
                ),
                joined_on=today - dt.timedelta(days=rng.randint(30, 365 * years)),
            )
        )
    return partners


def _people(
    partnership: Partnership,
    partners: list[Partner],
    coordinator: Any,
    rng: random.Random,
    count: int,
    slug: str,
) -> list[Person]:
    """``count`` people, the coordinator first, each with a membership and a role."""
    others = []
    for name, sector in OTHER_ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name).first()
        others.append(organisation or Organisation.objects.create(name=name, sector=sector))
    roles = [Role.COORDINATOR, Role.COORDINATOR] + [Role.PARTNER_LEAD] * (2 * len(partners))
    roles += rng.choices(
        list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()), k=max(0, count - len(roles))
    )
    roles = roles[:count]
    rows = []
    for number, role in enumerate(roles):
        if number == 0:
            name, organisation = "Morag Lindsay", partners[0].organisation
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            in_partner = role in (Role.COORDINATOR, Role.PARTNER_LEAD) or rng.random() < 0.8
            organisation = (
                partners[number % len(partners)].organisation
                if role == Role.PARTNER_LEAD
                else rng.choice(partners).organisation
                if in_partner
                else rng.choice(others)
            )
        email = (
            coordinator.email
            if number == 0
            else f"{name.lower().replace(' ', '.')}.{number}@{slug}.example.org"
        )
        rows.append(
            Person(
                name=name,
                email=email,
                organisation=organisation,
                job_title=rng.choice(JOB_TITLES[role]),
                user=coordinator if number == 0 else None,
            )
        )
    person_list = Person.objects.bulk_create(rows, batch_size=BATCH)
    Membership.objects.bulk_create(
        [
            Membership(partnership=partnership, person=person, role=role)
            for person, role in zip(person_list, roles, strict=True)
        ],
        batch_size=BATCH,
    )
    return person_list


def _activities(
    partnership: Partnership,
    partners: list[Partner],
    people: list[Person],
    themes: list[Theme],
    rng: random.Random,
    *,
    count: int,
    start: dt.date,
    days: int,
    today: dt.date,
) -> list[Activity]:
    kinds, kind_weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    zones, zone_weights = [z for z, _ in TIME_ZONES], [w for _, w in TIME_ZONES]
    rows = []
    for number in range(count):
        # Evenly spread over the span, with a little jitter, so each year has its share.
        day = start + dt.timedelta(days=min(days - 1, int((number + rng.random()) * days / count)))
        kind = rng.choices(kinds, weights=kind_weights)[0]
        zone_name = rng.choices(zones, weights=zone_weights)[0]
        zone = zoneinfo.ZoneInfo(zone_name)
        starts = dt.datetime.combine(
            day, dt.time(rng.choice([9, 10, 13, 14, 17]), rng.choice([0, 30])), tzinfo=zone
        )
        if kind == ActivityKind.RESEARCH:
            ends = starts + dt.timedelta(days=rng.randint(14, 120))
        elif kind == ActivityKind.SUMMIT:
            ends = starts + dt.timedelta(days=rng.randint(0, 1), hours=7)
        else:
            ends = starts + dt.timedelta(hours=rng.choice([1, 2, 3, 6]), minutes=30)
        venue = rng.choice(VENUES)
        rows.append(
            Activity(
                partnership=partnership,
                kind=kind,
                title=KIND_TITLES[kind].format(topic=rng.choice(TITLE_TOPICS)) + f" ({number + 1})",
                summary=f"Partners come together on {rng.choice(TITLE_TOPICS)}, share what works "
                "and agree what each of us will do next.",
                starts_at=starts,
                ends_at=ends,
                time_zone=zone_name,
                venue="" if venue == "Online" else venue,
                online_url=f"https://meet.example.org/{number + 1}" if venue == "Online" else "",
                status=_status(rng, day, today),
                visibility=rng.choices(list(Visibility), weights=[50, 20, 30])[0],
            )
        )
    activity_list = Activity.objects.bulk_create(rows, batch_size=BATCH)
    lead, co, themed, led = [], [], [], []
    for activity in activity_list:
        chosen = rng.sample(partners, rng.randint(1, 5))
        split = rng.randint(1, min(2, len(chosen)))
        lead += [
            Activity.lead_partners.through(activity=activity, partner=p) for p in chosen[:split]
        ]
        co += [Activity.co_partners.through(activity=activity, partner=p) for p in chosen[split:]]
        themed += [
            Activity.themes.through(activity=activity, theme=t)
            for t in rng.sample(themes, rng.randint(1, 3))
        ]
        led += [
            Activity.led_by.through(activity=activity, person=p)
            for p in rng.sample(people, rng.randint(0, 2))
        ]
    for through, links in (
        (Activity.lead_partners.through, lead),
        (Activity.co_partners.through, co),
        (Activity.themes.through, themed),
        (Activity.led_by.through, led),
    ):
        through.objects.bulk_create(links, batch_size=BATCH)
    return activity_list


def _status(rng: random.Random, day: dt.date, today: dt.date) -> str:
    if day < today:
        return rng.choices([ActivityStatus.DONE, ActivityStatus.CANCELLED], weights=[92, 8])[0]
    return rng.choices(
        [
            ActivityStatus.IDEA,
            ActivityStatus.PLANNED,
            ActivityStatus.CONFIRMED,
            ActivityStatus.CANCELLED,
        ],
        weights=[20, 45, 30, 5],
    )[0]


def _milestones(
    partnership: Partnership,
    partners: list[Partner],
    rng: random.Random,
    *,
    count: int,
    start: dt.date,
    days: int,
) -> None:
    rows = [
        Milestone(
            partnership=partnership,
            date=start
            + dt.timedelta(days=min(days - 1, int((number + rng.random()) * days / count))),
            title=f"Milestone {number + 1}: "
            + rng.choice(
                [
                    "plan agreed",
                    "review of the year",
                    "new partners join",
                    "evaluation published",
                    "funding confirmed",
                    "shared learning gathered",
                ]
            ),
            description="Where the partnership stands, and what comes next.",
        )
        for number in range(count)
    ]
    milestones = Milestone.objects.bulk_create(rows, batch_size=BATCH)
    Milestone.partners.through.objects.bulk_create(
        [
            Milestone.partners.through(milestone=m, partner=p)
            for m in milestones
            for p in rng.sample(partners, rng.randint(1, 4))
        ],
        batch_size=BATCH,
    )


def _outputs(
    partnership: Partnership,
    partners: list[Partner],
    activities: list[Activity],
    rng: random.Random,
    *,
    count: int,
    today: dt.date,
) -> None:
    done = [a for a in activities if a.status == ActivityStatus.DONE]
    if not done:
        return
    kinds = list(OutputKind)
    rows = []
    for number in range(count):
        activity = rng.choice(done)
        published = min(today, activity.ends_at.date() + dt.timedelta(days=rng.randint(7, 60)))
        kind = rng.choice(kinds)
        rows.append(
            Output(
                partnership=partnership,
                kind=kind,
                activity=activity,
                published_on=published,
                title=f"{kind.label}: what we learned from {activity.title}"[:200],
                summary="What the partners found, and what they will do about it.",
                url=f"https://www.example.org/outputs/{number + 1}",
                is_public=rng.random() < 0.4,
            )
        )
    outputs = Output.objects.bulk_create(rows, batch_size=BATCH)
    Output.partners.through.objects.bulk_create(
        [
            Output.partners.through(output=o, partner=p)
            for o in outputs
            for p in rng.sample(partners, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )


def _registrations(
    partnership: Partnership, people: list[Person], rng: random.Random, *, count: int
) -> None:
    """The first activity still to come takes ``count`` registrations: nine in ten have a
    place (the limit), the rest wait, and half of those with a place are already checked in."""
    summit = registered_activity_choice(partnership)
    if summit is None or count < 1:
        return
    starts = summit.starts_at
    places = count * 9 // 10
    RegistrationSetup.objects.create(
        partnership=partnership,
        activity=summit,
        audience=Audience.MEMBERS,
        capacity=places,
        link_token=secrets.token_urlsafe(32),
    )
    codes: set[str] = set()
    rows = []
    for number, person in enumerate(rng.sample(people, count)):
        code = new_code()
        while code in codes:
            code = new_code()
        codes.add(code)
        confirmed = number < places
        organisation = person.organisation
        rows.append(
            Registration(
                partnership=partnership,
                activity=summit,
                person=person,
                name=person.name,
                email=person.email,
                organisation=organisation.name if organisation else "",
                sector=organisation.sector if organisation else "",
                job_title=person.job_title,
                listed=rng.random() < 0.7,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
                source="self",
                code=code,
                token=secrets.token_urlsafe(32),
                checked_in_at=starts + dt.timedelta(seconds=number) if number % 2 else None,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=BATCH)


def registered_activity_choice(partnership: Partnership) -> Activity | None:
    """The activity that takes the registrations: the first one still to come."""
    return (
        Activity.objects.filter(partnership=partnership, starts_at__gt=timezone.now())
        .exclude(status=ActivityStatus.CANCELLED)
        .order_by("starts_at", "id")
        .first()
    )


def _counts(partnership: Partnership) -> dict[str, int]:
    return {
        "partners": Partner.objects.filter(partnership=partnership).count(),
        "people": Membership.objects.filter(partnership=partnership).count(),
        "activities": Activity.objects.filter(partnership=partnership).count(),
        "milestones": Milestone.objects.filter(partnership=partnership).count(),
        "outputs": Output.objects.filter(partnership=partnership).count(),
        "themes": Theme.objects.filter(partnership=partnership).count(),
        "related_initiatives": partnership.related_initiatives.count(),
        "registrations": Registration.objects.filter(partnership=partnership).count(),
    }
