"""Roles and capabilities: the table that decides who may do what, and the base view that
enforces it (anonymous visitors sign in, non-members get 404, members without the capability
get 403), and the roles a member may give to others."""

from __future__ import annotations

import pytest
from django.urls import reverse

from equalpartners.core.capabilities import (
    ROLE_CAPABILITIES,
    Capability,
    Role,
    capabilities_of,
    roles_grantable_with,
)

C = Capability

EXPECTED = {
    Role.COORDINATOR: {
        C.VIEW,
        C.CONTRIBUTE,
        C.MANAGE_PROGRAMME,
        C.MANAGE_PEOPLE,
        C.MANAGE_PARTNERSHIP,
        C.RUN_DECISIONS,
        C.MANAGE_LEARNING,
    },
    Role.PARTNER_LEAD: {
        C.VIEW,
        C.CONTRIBUTE,
        C.MANAGE_PROGRAMME,
        C.MANAGE_PEOPLE,
        C.RUN_DECISIONS,
        C.MANAGE_LEARNING,
    },
    Role.STAFF: {C.VIEW, C.CONTRIBUTE, C.MANAGE_PROGRAMME},
    Role.BOARD_MEMBER: {C.VIEW, C.CONTRIBUTE},
    Role.PUBLIC_PARTNER: {C.VIEW, C.CONTRIBUTE},
    Role.GUEST: {C.VIEW},
}


@pytest.mark.parametrize(("role", "expected"), EXPECTED.items())
def test_each_role_grants_exactly_its_capabilities(role, expected):
    assert capabilities_of(role) == frozenset(expected)


def test_every_role_is_in_the_table():
    assert set(ROLE_CAPABILITIES) == set(Role.values)


def test_the_coordinator_has_every_capability_and_a_guest_may_only_view():
    assert capabilities_of(Role.COORDINATOR) == frozenset(Capability.values)
    assert capabilities_of(Role.GUEST) == frozenset({"view"})


def test_no_role_grants_nothing():
    assert capabilities_of(None) == frozenset()


def test_an_unknown_role_is_an_error_not_silently_nothing():
    with pytest.raises(KeyError):
        capabilities_of("emperor")


@pytest.mark.parametrize(
    ("role", "grantable"),
    [
        (Role.COORDINATOR, set(Role.values)),
        (
            Role.PARTNER_LEAD,
            {Role.PARTNER_LEAD, Role.STAFF, Role.BOARD_MEMBER, Role.PUBLIC_PARTNER, Role.GUEST},
        ),
        (Role.STAFF, {Role.STAFF, Role.BOARD_MEMBER, Role.PUBLIC_PARTNER, Role.GUEST}),
        (Role.GUEST, {Role.GUEST}),
    ],
)
def test_a_role_may_give_only_roles_that_allow_no_more_than_itself(role, grantable):
    assert set(roles_grantable_with(capabilities_of(role))) == grantable


# The base view, through real pages that need different capabilities.


def _url(name, partnership):
    return reverse(name, kwargs={"partnership_slug": partnership.slug})


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COORDINATOR, 200),
        (Role.PARTNER_LEAD, 403),
        (Role.STAFF, 403),
        (Role.BOARD_MEMBER, 403),
        (Role.PUBLIC_PARTNER, 403),
        (Role.GUEST, 403),
    ],
)
def test_managing_the_partnership_needs_the_manage_partnership_capability(
    partnership, client_as, role, status
):
    response = client_as(partnership, role).get(_url("partnerships:settings", partnership))
    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COORDINATOR, 200),
        (Role.PARTNER_LEAD, 200),
        (Role.STAFF, 403),
        (Role.BOARD_MEMBER, 403),
        (Role.PUBLIC_PARTNER, 403),
        (Role.GUEST, 403),
    ],
)
def test_inviting_people_needs_the_manage_people_capability(partnership, client_as, role, status):
    response = client_as(partnership, role).get(_url("partnerships:invite", partnership))
    assert response.status_code == status


@pytest.mark.parametrize("role", Role.values)
def test_every_member_may_view(partnership, client_as, role):
    response = client_as(partnership, role).get(_url("partnerships:partners", partnership))
    assert response.status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(client, partnership):
    url = _url("partnerships:partners", partnership)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?next={url}"


def test_an_anonymous_visitor_to_a_partnership_that_does_not_exist_is_treated_the_same(client, db):
    url = reverse("partnerships:partners", kwargs={"partnership_slug": "no-such-thing"})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_signed_in_non_member_gets_404(client_as, partnership, other_partnership):
    client = client_as(other_partnership, Role.COORDINATOR)
    assert client.get(_url("partnerships:partners", partnership)).status_code == 404
    assert client.get(_url("partnerships:settings", partnership)).status_code == 404


def test_pages_offer_only_the_actions_the_role_allows(partnership, client_as):
    add_partner = reverse("partnerships:partner-add", kwargs={"partnership_slug": "ept"})
    as_coordinator = client_as(partnership, Role.COORDINATOR).get(
        _url("partnerships:partners", partnership)
    )
    as_guest = client_as(partnership, Role.GUEST).get(_url("partnerships:partners", partnership))
    assert add_partner in as_coordinator.content.decode()
    assert add_partner not in as_guest.content.decode()
