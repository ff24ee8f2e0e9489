"""Small builders the learning tests share: members of a partner, and reflections, domains,
stories and rounds made through the services (so each is what the services make of it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.learning import round_services, services, story_services
from equalpartners.learning.models import Domain, Reflection, SelectionRound, Story
from equalpartners.partnerships.models import Membership, Partner
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

TOLD = dt.date(2025, 3, 10)


def partner_named(partnership: Any, name: str) -> Partner:
    return Partner.objects.get(partnership=partnership, organisation__name=name)


def member_of(partnership: Any, partner: Partner | None, role: str = Role.STAFF) -> Membership:
    """A member with an account, whose organisation is ``partner``'s (or one that is no partner)."""
    user = f.UserFactory()
    fields: dict[str, Any] = {"user": user, "email": user.email, "name": user.get_full_name()}
    if partner is not None:
        fields["organisation"] = partner.organisation
    person = f.PersonFactory(**fields)
    membership: Membership = f.MembershipFactory(partnership=partnership, person=person, role=role)
    return membership


def client_for(membership: Membership) -> Client:
    client = Client()
    user = membership.person.user
    assert user is not None
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def reflection(
    membership: Membership, visibility: str = "partnership", **values: Any
) -> Reflection:
    values.setdefault("title", f"A {visibility} reflection")
    values.setdefault("what_worked", "Meeting in each other's offices.")
    return services.reflection_create(
        actor=membership.person.user,
        partnership=membership.partnership,
        membership=membership,
        visibility=visibility,
        **values,
    )


def domain(lead: Membership, name: str = "How we lead") -> Domain:
    return story_services.domain_create(
        actor=None, partnership=lead.partnership, membership=lead, name=name
    )


def story(
    membership: Membership, in_domain: Domain, *, consent: bool = True, **values: Any
) -> Story:
    values.setdefault("title", "The board that listens")
    values.setdefault("story", "Our board now hears from staff at every meeting.")
    values.setdefault("why_it_matters", "Decisions are better for it.")
    values.setdefault("teller", membership.person)
    values.setdefault("told_on", TOLD)
    return story_services.story_create(
        actor=None,
        partnership=membership.partnership,
        membership=membership,
        domain=in_domain,
        consent_to_publish=consent,
        **values,
    )


def selection_round(
    lead: Membership, stories: list[Story], *, in_domain: Domain | None = None, **values: Any
) -> SelectionRound:
    values.setdefault("name", "Spring stories")
    values.setdefault("starts_on", dt.date(2025, 1, 1))
    values.setdefault("ends_on", dt.date(2025, 6, 30))
    values.setdefault("selectors", [lead.person])
    return round_services.round_create(
        actor=None,
        partnership=lead.partnership,
        membership=lead,
        domain=in_domain,
        stories=stories,
        **values,
    )
