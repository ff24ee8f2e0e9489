"""Reading seating plans, introductions, profiles and ties, always within one partnership."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from equalpartners.networking.models import (
    Attendance,
    Introduction,
    PlanPerson,
    ProfileItem,
    ProfileItemKind,
    Seat,
    SeatingPlan,
)
from equalpartners.partnerships.models import Person


def plan_for(*, activity: Any) -> SeatingPlan | None:
    return SeatingPlan.objects.filter(activity=activity).first()


@dataclass
class SeatedPerson:
    person: Person
    facilitator: bool
    attendance: str

    @property
    def organisation(self) -> str:
        return str(self.person.organisation) if self.person.organisation else ""

    @property
    def sector(self) -> str:
        organisation = self.person.organisation
        return organisation.get_sector_display() if organisation else ""


@dataclass
class TableView:
    number: int
    people: list[SeatedPerson] = field(default_factory=list)


@dataclass
class RoundView:
    number: int
    run: bool
    tables: list[TableView] = field(default_factory=list)


def plan_people(*, plan: SeatingPlan) -> list[PlanPerson]:
    return list(plan.people.select_related("person__organisation"))


def rounds_of(*, plan: SeatingPlan) -> list[RoundView]:
    """Every round with its tables and who sits at each, for the plan page and table cards."""
    members = {pp.person_id: pp for pp in plan_people(plan=plan)}
    rounds = [RoundView(number=r, run=r <= plan.rounds_run) for r in range(1, plan.rounds + 1)]
    for seat in Seat.objects.filter(plan=plan).order_by("round", "table", "person__name"):
        tables = rounds[seat.round - 1].tables
        while len(tables) < seat.table:
            tables.append(TableView(number=len(tables) + 1))
        pp = members[seat.person_id]
        tables[seat.table - 1].people.append(SeatedPerson(pp.person, pp.facilitator, pp.attendance))
    return rounds


@dataclass
class Itinerary:
    person: Person
    attendance: str
    tables: list[int | None]  # table per round, None when not seated in that round


def itineraries_of(*, plan: SeatingPlan) -> list[Itinerary]:
    """Each person's table in each round, in name order, for personal itineraries."""
    members = plan_people(plan=plan)
    table_of: dict[tuple[int, int], int] = {
        (pid, r): t
        for pid, r, t in Seat.objects.filter(plan=plan).values_list("person_id", "round", "table")
    }
    return [
        Itinerary(
            person=pp.person,
            attendance=pp.attendance,
            tables=[table_of.get((pp.person_id, r)) for r in range(1, plan.rounds + 1)],
        )
        for pp in members
    ]


def people_here(*, plan: SeatingPlan) -> list[PlanPerson]:
    return [pp for pp in plan_people(plan=plan) if pp.attendance != Attendance.LEFT]


def introductions_for(*, activity: Any) -> QuerySet[Introduction]:
    return Introduction.objects.filter(activity=activity).select_related(
        "person_a__organisation", "person_b__organisation"
    )


@dataclass
class Profile:
    assets: list[str]
    interests: list[str]
    needs: list[str]

    @property
    def empty(self) -> bool:
        return not (self.assets or self.interests or self.needs)


def profile_of(*, person: Person) -> Profile:
    items = ProfileItem.objects.filter(person=person).order_by("id")
    by_kind: dict[str, list[str]] = {kind: [] for kind in ProfileItemKind.values}
    for item in items:
        by_kind[item.kind].append(item.text)
    return Profile(
        assets=by_kind[ProfileItemKind.ASSET],
        interests=by_kind[ProfileItemKind.INTEREST],
        needs=by_kind[ProfileItemKind.NEED],
    )
