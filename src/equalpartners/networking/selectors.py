"""Reading seating plans, introductions, profiles (only the items a viewer may see), networks and
ties, always within one partnership; and (from `growth` and `report_section`) how the network
grows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django_scopes import scopes_disabled

from equalpartners.core.capabilities import ROLE_CAPABILITIES, Capability

# Network growth, offered here to other apps (the learning report), which read networking
# through its selectors.
from equalpartners.networking.growth import Growth as Growth
from equalpartners.networking.growth import network_for as network_for
from equalpartners.networking.models import (
    AssetCategory,
    Attendance,
    Introduction,
    Network,
    NetworkMembership,
    NetworkRole,
    NetworkStatus,
    PlanPerson,
    ProfileItem,
    ProfileItemKind,
    ProfileVisibility,
    Seat,
    SeatingPlan,
)
from equalpartners.networking.report_section import GrowthReportSection as GrowthReportSection
from equalpartners.networking.report_section import report_section as report_section
from equalpartners.partnerships.models import Membership, Partnership, Person
from equalpartners.programme import selectors as programme_selectors
from equalpartners.programme.models import Activity

User = AbstractBaseUser | AnonymousUser | None


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


# --- profiles ---------------------------------------------------------------------------------
@dataclass
class AssetGroup:
    label: str
    items: list[ProfileItem]


@dataclass
class Profile:
    """A person's items (all of them, or those a viewer may see), by kind."""

    items: list[ProfileItem] = field(default_factory=list)

    def _texts(self, kind: str) -> list[str]:
        return [item.text for item in self.items if item.kind == kind]

    @property
    def assets(self) -> list[str]:
        return self._texts(ProfileItemKind.ASSET)

    @property
    def interests(self) -> list[str]:
        return self._texts(ProfileItemKind.INTEREST)

    @property
    def needs(self) -> list[str]:
        return self._texts(ProfileItemKind.NEED)

    def of_kind(self, kind: str) -> list[ProfileItem]:
        return [item for item in self.items if item.kind == kind]

    @property
    def asset_groups(self) -> list[AssetGroup]:
        """What they can offer as skills, knowledge, connections, resources, then the rest."""
        assets = self.of_kind(ProfileItemKind.ASSET)
        groups = [
            AssetGroup(label, [a for a in assets if a.category == value])
            for value, label in [
                (AssetCategory.SKILL, "Skills"),
                (AssetCategory.KNOWLEDGE, "Knowledge"),
                (AssetCategory.CONNECTION, "Connections"),
                (AssetCategory.RESOURCE, "Resources"),
                ("", "Other"),
            ]
        ]
        return [g for g in groups if g.items]

    @property
    def interest_items(self) -> list[ProfileItem]:
        return self.of_kind(ProfileItemKind.INTEREST)

    @property
    def need_items(self) -> list[ProfileItem]:
        return self.of_kind(ProfileItemKind.NEED)

    @property
    def empty(self) -> bool:
        return not self.items


def profile_of(*, person: Person) -> Profile:
    """Every item on a person's profile: for the person (or someone who manages people) to
    change them. Pages showing a profile to others use `profile_visible_to`."""
    return Profile(items=list(ProfileItem.objects.filter(person=person).order_by("kind", "id")))


def _shares_a_partnership(user: AbstractBaseUser) -> Exists:
    return Exists(
        Membership.objects.filter(
            person__user_id=user.pk, partnership__memberships__person_id=OuterRef("person_id")
        )
    )


def _shares_a_network(user: AbstractBaseUser) -> Exists:
    return Exists(
        NetworkMembership.objects.filter(
            person__user_id=user.pk,
            status=NetworkStatus.MEMBER,
            network__memberships__person_id=OuterRef("person_id"),
            network__memberships__status=NetworkStatus.MEMBER,
        )
    )


def visible_items(*, user: User, person: Person) -> QuerySet[ProfileItem]:
    """The items of `person`'s profile that `user` may see: their own, all; public items, to
    anyone; partnership items, to people who share any partnership with them; network items,
    to people who are members of a network with them. Asked across partnerships (the page's
    own scope is one partnership), in one query."""
    with scopes_disabled():
        items = ProfileItem.objects.filter(person=person).order_by("kind", "id")
        if user is None or not user.is_authenticated:
            return items.filter(visibility=ProfileVisibility.PUBLIC)
        return items.filter(
            Q(person__user_id=user.pk)
            | Q(visibility=ProfileVisibility.PUBLIC)
            | Q(visibility=ProfileVisibility.PARTNERSHIP) & _shares_a_partnership(user)
            | Q(visibility=ProfileVisibility.NETWORK) & _shares_a_network(user)
        )


def profile_visible_to(*, user: User, person: Person) -> Profile:
    with scopes_disabled():
        return Profile(items=list(visible_items(user=user, person=person)))


def activities_led_by(*, user: User, partnership: Partnership, person: Person) -> list[Activity]:
    """The activities of this partnership's programme that `person` leads, as `user` sees the
    programme, newest first."""
    activities = programme_selectors.activities_visible_to(user=user, partnership=partnership)
    return list(activities.filter(led_by=person).order_by("-starts_at"))


# --- networks ---------------------------------------------------------------------------------
def networks_visible_in(*, user: User, partnership: Partnership) -> list[Network]:
    """Networks at home in this partnership or shared with it, with how many members each has
    and where the viewer stands (`mine`: their membership or None)."""
    networks: list[Network] = list(
        Network.objects.filter(partnerships=partnership)
        .select_related("partnership")
        .annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__status=NetworkStatus.MEMBER),
                distinct=True,
            )
        )
        .order_by("name", "id")
    )
    mine: dict[int, NetworkMembership] = {}
    if user is not None and user.is_authenticated:
        mine = {
            m.network_id: m
            for m in NetworkMembership.objects.filter(
                network__in=[n.pk for n in networks], person__user_id=user.pk
            )
        }
    for network in networks:
        network.mine = mine.get(network.pk)  # type: ignore[attr-defined]
    return networks


def network_in(*, partnership: Partnership, network_id: int) -> Network | None:
    """A network visible in this partnership (at home or shared with it), else None."""
    return (
        Network.objects.filter(partnerships=partnership, pk=network_id)
        .select_related("partnership", "created_by")
        .prefetch_related("partnerships")
        .first()
    )


@dataclass
class NetworkMembers:
    listed: list[NetworkMembership]  # members in the list, with organisation and sector
    not_listed: int  # members who asked not to be listed: counted, never named
    requests: list[NetworkMembership]  # asking to join, oldest first

    @property
    def count(self) -> int:
        return len(self.listed) + self.not_listed


def network_members(*, network: Network) -> NetworkMembers:
    memberships = list(
        NetworkMembership.objects.filter(network=network).select_related("person__organisation")
    )
    members = [m for m in memberships if m.status == NetworkStatus.MEMBER]
    return NetworkMembers(
        listed=[m for m in members if m.listed],
        not_listed=sum(1 for m in members if not m.listed),
        requests=sorted(
            (m for m in memberships if m.status == NetworkStatus.REQUESTED),
            key=lambda m: (m.requested_at, m.pk),
        ),
    )


def network_membership_of(*, network: Network, user: User) -> NetworkMembership | None:
    if user is None or not user.is_authenticated:
        return None
    return NetworkMembership.objects.filter(network=network, person__user_id=user.pk).first()


def network_membership_of_person(*, network: Network, person_id: int) -> NetworkMembership | None:
    return (
        NetworkMembership.objects.filter(network=network, person_id=person_id)
        .select_related("person")
        .first()
    )


def may_organise(
    *,
    network: Network,
    membership: NetworkMembership | None,
    partnership: Partnership,
    capabilities: frozenset[str],
) -> bool:
    """Organisers run a network; so do those who run its home partnership, on that
    partnership's pages (for a network whose organisers have all gone)."""
    if (
        membership is not None
        and membership.status == NetworkStatus.MEMBER
        and membership.role == NetworkRole.ORGANISER
    ):
        return True
    return (
        network.partnership_id == partnership.pk and Capability.MANAGE_PARTNERSHIP in capabilities
    )


def partnerships_to_share_with(*, user: User, partnership: Partnership) -> QuerySet[Partnership]:
    """Other partnerships the user may contribute to, with which a new network can be shared."""
    if user is None or not user.is_authenticated:
        return Partnership.objects.none()
    roles = [role for role, caps in ROLE_CAPABILITIES.items() if Capability.CONTRIBUTE in caps]
    with scopes_disabled():
        ids = list(
            Membership.objects.filter(person__user_id=user.pk, role__in=roles)
            .exclude(partnership=partnership)
            .values_list("partnership_id", flat=True)
        )
    return Partnership.objects.filter(pk__in=ids).order_by("name")


def networks_of(*, user: User, person: Person, partnership: Partnership) -> list[Network]:
    """The networks visible in this partnership that `person` is a member of. Networks where
    they asked not to be listed are left out, unless `user` is the person themselves."""
    memberships = NetworkMembership.objects.filter(
        person=person, status=NetworkStatus.MEMBER, network__partnerships=partnership
    )
    own = user is not None and user.is_authenticated and person.user_id == user.pk
    if not own:
        memberships = memberships.filter(listed=True)
    return [
        m.network
        for m in memberships.select_related("network__partnership").order_by("network__name")
    ]
