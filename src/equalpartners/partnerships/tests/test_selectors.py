"""The partnerships selectors: the people directory and its filters (partner, role, sector,
name) return exactly the expected people and never another partnership's; the partners side by
side; a user's partnerships; pending invitations; public partnerships."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.partnerships import selectors
from equalpartners.partnerships.models import Partner
from equalpartners.testing import factories as f


@pytest.fixture
def directory(partnership, other_partnership):
    """People in the fixture partnership, from its partners and from elsewhere.

    Leaders Org, Children Org and Health Org are partners (third sector); the Government
    and the Council are not partners.
    """
    orgs = {
        p.organisation.name: p.organisation for p in Partner.objects.filter(partnership=partnership)
    }
    orgs["Government"] = f.OrganisationFactory(name="Government", sector="government")
    orgs["Council"] = f.OrganisationFactory(name="Council", sector="public")
    people = [
        ("Alice Adams", "Leaders Org", Role.COORDINATOR),
        ("Bob Brown", "Leaders Org", Role.STAFF),
        ("Cara Cole", "Children Org", Role.STAFF),
        ("Dan Dunn", "Children Org", Role.PARTNER_LEAD),
        ("Eve Evans", "Health Org", Role.BOARD_MEMBER),
        ("Fay Fox", "Government", Role.PUBLIC_PARTNER),
        ("Gus Gray", "Council", Role.PUBLIC_PARTNER),
        ("Hal Hill", None, Role.GUEST),
    ]
    for name, org, role in people:
        person = f.PersonFactory(name=name, organisation=orgs[org] if org else None)
        f.MembershipFactory(partnership=partnership, person=person, role=role)
    # Someone from a partner organisation who is a member only of the other partnership.
    f.MembershipFactory(
        partnership=other_partnership,
        role=Role.STAFF,
        person=f.PersonFactory(name="Ian Inch", organisation=orgs["Leaders Org"]),
    )
    return {
        name: Partner.objects.get(partnership=partnership, organisation__name=name)
        for name in ("Leaders Org", "Children Org", "Health Org")
    }


def _names(memberships):
    return [m.person.name for m in memberships]


def test_the_directory_lists_every_member_by_name_and_nobody_else(partnership, directory):
    assert _names(selectors.people_of(partnership=partnership)) == [
        "Alice Adams",
        "Bob Brown",
        "Cara Cole",
        "Dan Dunn",
        "Eve Evans",
        "Fay Fox",
        "Gus Gray",
        "Hal Hill",
    ]


@pytest.mark.parametrize(
    ("partner", "expected"),
    [
        ("Leaders Org", ["Alice Adams", "Bob Brown"]),
        ("Children Org", ["Cara Cole", "Dan Dunn"]),
        ("Health Org", ["Eve Evans"]),
    ],
)
def test_filtering_by_partner(partnership, directory, partner, expected):
    people = selectors.people_of(partnership=partnership, partner_id=directory[partner].pk)
    assert _names(people) == expected


def test_a_partner_of_another_partnership_filters_to_nobody(
    partnership, other_partnership, directory
):
    foreign = Partner.objects.get(partnership=other_partnership)
    assert _names(selectors.people_of(partnership=partnership, partner_id=foreign.pk)) == []


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.STAFF, ["Bob Brown", "Cara Cole"]),
        (Role.PUBLIC_PARTNER, ["Fay Fox", "Gus Gray"]),
        (Role.COORDINATOR, ["Alice Adams"]),
        (Role.GUEST, ["Hal Hill"]),
    ],
)
def test_filtering_by_role(partnership, directory, role, expected):
    assert _names(selectors.people_of(partnership=partnership, role=role)) == expected


@pytest.mark.parametrize(
    ("sector", "expected"),
    [
        ("third", ["Alice Adams", "Bob Brown", "Cara Cole", "Dan Dunn", "Eve Evans"]),
        ("government", ["Fay Fox"]),
        ("public", ["Gus Gray"]),
        ("academic", []),
    ],
)
def test_filtering_by_sector(partnership, directory, sector, expected):
    assert _names(selectors.people_of(partnership=partnership, sector=sector)) == expected


def test_filters_combine(partnership, directory):
    people = selectors.people_of(
        partnership=partnership,
        partner_id=directory["Leaders Org"].pk,
        role=Role.STAFF,
        sector="third",
    )
    assert _names(people) == ["Bob Brown"]
    people = selectors.people_of(
        partnership=partnership, role=Role.PUBLIC_PARTNER, sector="public", query="gus"
    )
    assert _names(people) == ["Gus Gray"]


def test_searching_by_part_of_a_name_ignores_letter_case(partnership, directory):
    assert _names(selectors.people_of(partnership=partnership, query="DUN")) == ["Dan Dunn"]
    assert _names(selectors.people_of(partnership=partnership, query="ev")) == ["Eve Evans"]
    assert _names(selectors.people_of(partnership=partnership, query="HILL")) == ["Hal Hill"]


def test_one_member_is_found_only_in_their_own_partnership(
    partnership, other_partnership, directory
):
    foreign = selectors.people_of(partnership=other_partnership).get()
    assert selectors.membership_in(partnership=partnership, membership_id=foreign.pk) is None
    assert (
        selectors.membership_in(partnership=other_partnership, membership_id=foreign.pk) == foreign
    )


def test_people_choices_are_this_partnerships_members(partnership, directory):
    names = [p.name for p in selectors.people_choices(partnership=partnership)]
    assert names[0] == "Alice Adams"
    assert "Ian Inch" not in names
    assert len(names) == 8


def test_partners_side_by_side_in_name_order_and_only_this_partnerships(
    partnership, other_partnership
):
    f.PartnerFactory(partnership=partnership, organisation=f.OrganisationFactory(name="Access Org"))
    partners = list(selectors.partners_of(partnership=partnership))
    assert [p.name for p in partners] == ["Access Org", "Children Org", "Health Org", "Leaders Org"]
    foreign = Partner.objects.get(partnership=other_partnership)
    assert selectors.partner_in(partnership=partnership, partner_id=foreign.pk) is None
    assert selectors.partner_in(partnership=partnership, partner_id=partners[0].pk) == partners[0]


def test_a_users_partnerships_with_their_role_in_each(partnership, other_partnership, make_member):
    user = make_member(partnership, Role.GUEST)
    f.MembershipFactory(partnership=other_partnership, person=user.person, role=Role.PARTNER_LEAD)
    mine = selectors.partnerships_of(user=user)
    assert [(m.partnership.name, m.role_label) for m in mine] == [
        ("Elsewhere", "Partner lead"),
        ("Equal Partners Test", "Guest"),
    ]
    assert selectors.partnerships_of(user=AnonymousUser()) == []
    assert selectors.partnerships_of(user=f.UserFactory()) == []


def test_pending_invitations_leave_out_accepted_and_withdrawn_ones(partnership, other_partnership):
    now = timezone.now()
    waiting = f.InvitationFactory(partnership=partnership)
    expired = f.InvitationFactory(partnership=partnership, expires_at=now - dt.timedelta(days=1))
    f.InvitationFactory(partnership=partnership, accepted_at=now)
    f.InvitationFactory(partnership=partnership, revoked_at=now)
    f.InvitationFactory(partnership=other_partnership)
    # Expired ones stay listed (marked as expired) so a coordinator can send a new one.
    assert set(selectors.pending_invitations(partnership=partnership)) == {waiting, expired}


def test_initiatives_and_links_belong_to_their_partnership(partnership, other_partnership):
    mine = f.RelatedInitiativeFactory(partnership=partnership, name="B")
    first = f.RelatedInitiativeFactory(partnership=partnership, name="A")
    theirs = f.RelatedInitiativeFactory(partnership=other_partnership)
    assert list(selectors.initiatives_of(partnership=partnership)) == [first, mine]
    assert selectors.initiative_in(partnership=partnership, initiative_id=theirs.pk) is None
    link = f.PublicLinkFactory(partnership=partnership)
    f.PublicLinkFactory(partnership=other_partnership)
    assert list(selectors.links_of(partnership=partnership)) == [link]


def test_only_public_partnerships_are_public(partnership, other_partnership):
    assert list(selectors.public_partnerships()) == [partnership]
    assert selectors.public_partnership(slug="ept") == partnership
    assert selectors.public_partnership(slug="elsewhere") is None
