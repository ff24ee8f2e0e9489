"""Reads about partnerships, partners and people, for this app's pages and for other apps."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django_scopes import scopes_disabled

from equalpartners.partnerships.models import (
    Invitation,
    Membership,
    Organisation,
    Partner,
    Partnership,
    Person,
    PublicLink,
    RelatedInitiative,
)


@dataclass(frozen=True)
class MyPartnership:
    partnership: Partnership
    role_label: str


def partnerships_of(*, user: AbstractBaseUser | AnonymousUser) -> list[MyPartnership]:
    """The partnerships this person belongs to, with their role in each."""
    if not user.is_authenticated:
        return []
    with scopes_disabled():
        memberships = Membership.objects.filter(person__user_id=user.pk).select_related(
            "partnership"
        )
        return [
            MyPartnership(partnership=m.partnership, role_label=m.get_role_display())
            for m in memberships.order_by("partnership__name")
        ]


def partnership_by_slug(*, slug: str) -> Partnership | None:
    """For setup code only (commands, the demo): pages resolve partnerships in the middleware."""
    return Partnership.objects.filter(slug=slug).first()


def public_partnership(*, slug: str) -> Partnership | None:
    return Partnership.objects.filter(slug=slug, is_public=True).first()


def public_partnerships() -> QuerySet[Partnership]:
    return Partnership.objects.filter(is_public=True)


def partners_of(*, partnership: Partnership) -> QuerySet[Partner]:
    return Partner.objects.filter(partnership=partnership).select_related("organisation")


def partner_in(*, partnership: Partnership, partner_id: int) -> Partner | None:
    return partners_of(partnership=partnership).filter(pk=partner_id).first()


def people_of(
    *,
    partnership: Partnership,
    partner_id: int | None = None,
    role: str | None = None,
    sector: str | None = None,
    query: str = "",
) -> QuerySet[Membership]:
    """The people directory: members with their organisation, optionally filtered."""
    memberships = Membership.objects.filter(partnership=partnership).select_related(
        "person", "person__organisation"
    )
    if partner_id is not None:
        memberships = memberships.filter(
            person__organisation__partnerships__pk=partner_id,
            person__organisation__partnerships__partnership=partnership,
        )
    if role:
        memberships = memberships.filter(role=role)
    if sector:
        memberships = memberships.filter(person__organisation__sector=sector)
    if query:
        memberships = memberships.filter(person__name__icontains=query)
    return memberships.order_by("person__name")


def membership_in(*, partnership: Partnership, membership_id: int) -> Membership | None:
    return (
        Membership.objects.filter(partnership=partnership, pk=membership_id)
        .select_related("person", "person__organisation")
        .first()
    )


def membership_of_person(*, partnership: Partnership, person_id: int) -> Membership | None:
    """A person's membership here, or None when they are not a member."""
    return (
        Membership.objects.filter(partnership=partnership, person_id=person_id)
        .select_related("person", "person__organisation")
        .first()
    )


def people_choices(*, partnership: Partnership) -> QuerySet[Person]:
    """People who are members, for choosing who leads an activity."""
    return (
        Person.objects.filter(memberships__partnership=partnership)
        .select_related("organisation")
        .order_by("name")
    )


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.all()


def pending_invitations(*, partnership: Partnership) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        partnership=partnership, accepted_at__isnull=True, revoked_at__isnull=True
    )


def invitation_in(*, partnership: Partnership, invitation_id: int) -> Invitation | None:
    return pending_invitations(partnership=partnership).filter(pk=invitation_id).first()


def initiatives_of(*, partnership: Partnership) -> QuerySet[RelatedInitiative]:
    return RelatedInitiative.objects.filter(partnership=partnership)


def initiative_in(*, partnership: Partnership, initiative_id: int) -> RelatedInitiative | None:
    return initiatives_of(partnership=partnership).filter(pk=initiative_id).first()


def links_of(*, partnership: Partnership) -> QuerySet[PublicLink]:
    return PublicLink.objects.filter(partnership=partnership)
