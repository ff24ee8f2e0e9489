"""Reads for registration and attendance. Each takes the partnership (or activity) the
request resolved, so another partnership's registrations are never found."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from equalpartners.attendance.models import (
    HOLDS_A_PLACE,
    Question,
    Registration,
    RegistrationSetup,
    Session,
    Status,
)
from equalpartners.partnerships.models import Person
from equalpartners.programme.models import Activity

CHECK_IN_RESULTS = 20


@dataclass(frozen=True)
class Counts:
    confirmed: int
    offered: int
    waiting: int
    cancelled: int
    checked_in: int
    walk_ins: int
    capacity: int | None

    @property
    def places_taken(self) -> int:
        return self.confirmed + self.offered

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.places_taken)

    @property
    def expected(self) -> int:
        return self.confirmed


def setup_of(*, activity: Activity) -> RegistrationSetup | None:
    return RegistrationSetup.objects.filter(activity=activity).first()


def setup_by_link(*, token: str) -> RegistrationSetup | None:
    """The setup whose public or invitation link this is (any partnership: the link is the key)."""
    return (
        RegistrationSetup.objects.select_related("activity", "activity__partnership")
        .filter(link_token=token)
        .first()
    )


def counts_for(*, activity: Activity, setup: RegistrationSetup | None = None) -> Counts:
    """The numbers, in two index-only queries (per status, then who is checked in), and one
    for the setup unless given: a page at the door asks for them on every request."""
    setup = setup or setup_of(activity=activity)
    registrations = Registration.objects.filter(activity=activity)
    by_status: dict[str, int] = dict(
        registrations.order_by().values_list("status").annotate(n=Count("id"))
    )
    here = registrations.filter(checked_in_at__isnull=False).aggregate(
        checked_in=Count("id"), walk_ins=Count("id", filter=Q(source="walk_in"))
    )
    return Counts(
        capacity=setup.capacity if setup else None,
        confirmed=by_status.get(Status.CONFIRMED, 0),
        offered=by_status.get(Status.OFFERED, 0),
        waiting=by_status.get(Status.WAITING, 0),
        cancelled=by_status.get(Status.CANCELLED, 0) + by_status.get(Status.LAPSED, 0),
        checked_in=here["checked_in"],
        walk_ins=here["walk_ins"],
    )


@dataclass(frozen=True)
class DoorCounts:
    checked_in: int
    with_a_place: int


def door_counts(*, activity: Activity) -> DoorCounts:
    """The two numbers the check-in page shows, in one query."""
    totals = Registration.objects.filter(activity=activity).aggregate(
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        with_a_place=Count("id", filter=Q(status=Status.CONFIRMED)),
    )
    return DoorCounts(**totals)


def registrations_of(
    *, activity: Activity, status: str = "", search: str = ""
) -> QuerySet[Registration]:
    registrations = Registration.objects.filter(activity=activity)
    if status == "live":
        registrations = registrations.filter(status__in=(*HOLDS_A_PLACE, Status.WAITING))
    elif status == "checked_in":
        registrations = registrations.filter(checked_in_at__isnull=False)
    elif status == "not_checked_in":
        registrations = registrations.filter(status=Status.CONFIRMED, checked_in_at__isnull=True)
    elif status == "ended":
        registrations = registrations.filter(status__in=(Status.CANCELLED, Status.LAPSED))
    elif status:
        registrations = registrations.filter(status=status)
    if search.strip():
        registrations = registrations.filter(_matching(search))
    return registrations.order_by("name", "id")


def _matching(search: str) -> Q:
    text = search.strip()
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    query = Q(name__icontains=text) | Q(email__icontains=text) | Q(organisation__icontains=text)
    if code:
        query |= Q(code=code)
    return query


def check_in_matches(*, activity: Activity, search: str) -> list[Registration]:
    """At the door: people registered (not cancelled) whose name, email, organisation or code
    matches, few enough for a phone screen."""
    if not search.strip():
        return []
    return list(
        Registration.objects.filter(activity=activity)
        .exclude(status__in=(Status.CANCELLED, Status.LAPSED))
        .filter(_matching(search))
        .order_by("name", "id")[:CHECK_IN_RESULTS]
    )


def registration_in(*, activity: Activity, registration_id: int) -> Registration | None:
    return Registration.objects.filter(activity=activity, pk=registration_id).first()


def registration_by_token(*, token: str) -> Registration | None:
    """A registrant's own registration, found by the secret link they were sent."""
    return (
        Registration.objects.select_related("activity", "activity__partnership")
        .filter(token=token)
        .first()
    )


def registration_of_person(*, activity: Activity, person: Any) -> Registration | None:
    """Someone's live registration for an activity, if they have one."""
    if person is None:
        return None
    return (
        Registration.objects.filter(activity=activity, person=person)
        .exclude(status__in=(Status.CANCELLED, Status.LAPSED))
        .first()
    )


def participants_listed(*, activity: Activity) -> QuerySet[Registration]:
    """Who is coming, among those who agreed to be listed to other participants."""
    return Registration.objects.filter(
        activity=activity, listed=True, status__in=HOLDS_A_PLACE
    ).order_by("name", "id")


def questions_of(*, setup: RegistrationSetup) -> QuerySet[Question]:
    return setup.questions.all()


def question_in(*, setup: RegistrationSetup, question_id: int) -> Question | None:
    return setup.questions.filter(pk=question_id).first()


def sessions_of(*, activity: Activity) -> QuerySet[Session]:
    return Session.objects.filter(activity=activity)


def session_in(*, activity: Activity, session_id: int) -> Session | None:
    return Session.objects.filter(activity=activity, pk=session_id).first()


def people_registered(*, activity: Activity, checked_in_only: bool = False) -> QuerySet[Person]:
    """The people holding a place at an activity (or, if asked, only those checked in)."""
    registrations = Registration.objects.filter(activity=activity, status__in=HOLDS_A_PLACE)
    if checked_in_only:
        registrations = registrations.filter(checked_in_at__isnull=False)
    return Person.objects.filter(pk__in=registrations.values("person_id"))


def checked_in_counts(*, activities: QuerySet[Activity]) -> dict[int, int]:
    """How many people are checked in at each of these activities (those with anyone), counted
    in one query: for pages that look across the whole programme at once."""
    return dict(
        Registration.objects.filter(activity__in=activities, checked_in_at__isnull=False)
        .order_by()
        .values_list("activity_id")
        .annotate(n=Count("id"))
        .values_list("activity_id", "n")
    )


def people_checked_in(*, activity_ids: Collection[int]) -> QuerySet[Any]:
    """(activity id, person id) for everyone holding a place and checked in at these activities,
    in one query."""
    return (
        Registration.objects.filter(
            activity_id__in=activity_ids,
            status__in=HOLDS_A_PLACE,
            checked_in_at__isnull=False,
            person__isnull=False,
        )
        .order_by()
        .values_list("activity_id", "person_id")
    )


def registrations_for_person(*, person: Any, partnership: Any) -> QuerySet[Registration]:
    """A person's registrations in one partnership, newest activity first."""
    return (
        Registration.objects.filter(person=person, partnership=partnership)
        .select_related("activity")
        .order_by("-activity__starts_at", "-id")
    )
