"""The partnerships pages through the test client: every page opens for a member; valid forms
write through the services and say so; invalid forms show each error beside its field and
write nothing; posts without a CSRF token are refused; roles decide who may post; and the
people directory applies its filters."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
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
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND


@pytest.fixture
def world(partnership, coordinator):
    """One record of each kind the pages name, with the keyword arguments for their URLs."""
    partner = Partner.objects.get(partnership=partnership, organisation__name="Leaders Org")
    member = f.MembershipFactory(
        partnership=partnership,
        role=Role.STAFF,
        person=f.PersonFactory(name="Sam Staff", organisation=partner.organisation),
    )
    initiative = f.RelatedInitiativeFactory(partnership=partnership, name="Leaders Forum")
    link = f.PublicLinkFactory(partnership=partnership, label="Our network")
    return {
        "partner": partner,
        "member": member,
        "initiative": initiative,
        "link": link,
        "coordinator": coordinator,
    }


def url(name, partnership, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"partnership_slug": partnership.slug, **kwargs})


def _counts():
    return tuple(
        model.objects.count()
        for model in (
            Partnership,
            Organisation,
            Partner,
            Person,
            Membership,
            Invitation,
            RelatedInitiative,
            PublicLink,
            AuditEntry,
        )
    )


VIEW_PAGES = {
    "partners": ({}, "Partners, side by side"),
    "partner": ({"partner_id": "partner"}, "Leaders Org"),
    "people": ({}, "Sam Staff"),
    "member": ({"membership_id": "member"}, "Sam Staff"),
    "initiatives": ({}, "Leaders Forum"),
    "history": ({}, "Every change made in this partnership"),
}
MANAGE_PAGES = {
    "partner-add": ({}, "Add a partner"),
    "partner-edit": ({"partner_id": "partner"}, "Change how Leaders Org is described"),
    "member-remove": ({"membership_id": "member"}, "Remove Sam Staff from"),
    "invite": ({}, "Invite someone to Equal Partners Test"),
    "initiative-add": ({}, "Add a related initiative"),
    "initiative-edit": ({"initiative_id": "initiative"}, "Change Leaders Forum"),
    "initiative-delete": ({"initiative_id": "initiative"}, "Remove Leaders Forum?"),
    "settings": ({}, "Partnership details"),
    "link-add": ({}, "Add a public link"),
}


def url_for(partnership, world, name, keywords):
    return url(name, partnership, **{k: world[v].pk for k, v in keywords.items()})


@pytest.mark.parametrize("name", VIEW_PAGES)
def test_every_member_can_open_the_pages_for_viewing(partnership, world, client_as, name):
    keywords, text = VIEW_PAGES[name]
    response = client_as(partnership, Role.GUEST).get(url_for(partnership, world, name, keywords))
    assert response.status_code == 200
    assertContains(response, text)


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_a_coordinator_can_open_every_managing_page_and_a_guest_none(
    partnership, world, signed_in, client_as, name
):
    keywords, text = MANAGE_PAGES[name]
    page = url_for(partnership, world, name, keywords)
    response = signed_in.get(page)
    assert response.status_code == 200
    assertContains(response, text)
    assert client_as(partnership, Role.GUEST).get(page).status_code == 403


def test_your_partnerships_page_lists_them_with_your_role(
    signed_in, partnership, other_partnership
):
    response = signed_in.get(reverse("mine"))
    assertContains(response, "Equal Partners Test")
    assertContains(response, "Your role: Coordinator")
    assertNotContains(response, "Elsewhere")


def test_a_record_of_another_partnership_is_not_found(partnership, other_partnership, signed_in):
    foreign = Partner.objects.get(partnership=other_partnership)
    assert signed_in.get(url("partner", partnership, partner_id=foreign.pk)).status_code == 404
    assert signed_in.get(url("partner", partnership, partner_id=999999)).status_code == 404


# Valid submissions


def test_adding_a_partner(signed_in, partnership):
    response = signed_in.post(
        url("partner-add", partnership),
        {
            "organisation_name": "Housing Org",
            "sector": "public",
            "remit": "Housing",
            "aims": "Homes",
            "policy_context": "",
            "leadership_style": "",
            "joined_on_day": "1",
            "joined_on_month": "April",
            "joined_on_year": "2025",
        },
    )
    partner = Partner.objects.get(organisation__name="Housing Org")
    assert response.status_code == 302
    assert response["Location"] == url("partner", partnership, partner_id=partner.pk)
    assert partner.organisation.sector == "public"
    assert str(partner.joined_on) == "2025-04-01"
    assertContains(signed_in.get(response["Location"]), "Partner added")


def test_adding_an_organisation_already_recorded_reuses_it(
    signed_in, partnership, other_partnership
):
    existing = Partner.objects.get(partnership=other_partnership).organisation
    signed_in.post(
        url("partner-add", partnership),
        {
            "organisation_name": existing.name.upper(),
            "sector": "third",
            "remit": "R",
            "aims": "A",
            "joined_on_day": "1",
            "joined_on_month": "1",
            "joined_on_year": "2025",
        },
    )
    assert Partner.objects.get(partnership=partnership, organisation=existing)
    assert Organisation.objects.filter(name__iexact=existing.name).count() == 1


def test_adding_an_organisation_already_a_partner_is_explained(signed_in, partnership):
    before = _counts()
    response = signed_in.post(
        url("partner-add", partnership),
        {
            "organisation_name": "Leaders Org",
            "sector": "third",
            "remit": "R",
            "aims": "A",
            "joined_on_day": "1",
            "joined_on_month": "1",
            "joined_on_year": "2025",
        },
    )
    assert response.status_code == 200
    assertContains(response, "This organisation is already a partner")
    assert _counts() == before


def test_changing_a_partners_description(signed_in, partnership, world):
    partner = world["partner"]
    page = signed_in.get(url("partner-edit", partnership, partner_id=partner.pk))
    assertContains(page, 'value="Leadership"')  # the current values, ready to change
    response = signed_in.post(
        url("partner-edit", partnership, partner_id=partner.pk),
        {
            "remit": "Leading together",
            "aims": partner.aims,
            "policy_context": "Policy",
            "leadership_style": "",
            "joined_on_day": "1",
            "joined_on_month": "1",
            "joined_on_year": "2025",
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.remit, partner.policy_context) == ("Leading together", "Policy")


def test_changing_a_role(signed_in, partnership, world):
    member = world["member"]
    response = signed_in.post(
        url("member", partnership, membership_id=member.pk),
        {"role": Role.BOARD_MEMBER},
        follow=True,
    )
    assertContains(response, "Role changed")
    member.refresh_from_db()
    assert member.role == Role.BOARD_MEMBER


def test_the_last_coordinator_is_told_why_they_cannot_step_down(signed_in, partnership):
    own = Membership.objects.get(person__user__isnull=False, role=Role.COORDINATOR)
    response = signed_in.post(
        url("member", partnership, membership_id=own.pk), {"role": Role.STAFF}
    )
    assert response.status_code == 200
    assertContains(response, "A partnership needs at least one coordinator")
    assertContains(response, 'id="id_role_error"')
    own.refresh_from_db()
    assert own.role == Role.COORDINATOR


def test_removing_a_member(signed_in, partnership, world):
    member = world["member"]
    response = signed_in.post(
        url("member-remove", partnership, membership_id=member.pk), follow=True
    )
    assertContains(response, "Sam Staff is no longer a member")
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_removing_the_last_coordinator_is_refused_with_a_message(signed_in, partnership):
    own = Membership.objects.get(role=Role.COORDINATOR)
    response = signed_in.post(url("member-remove", partnership, membership_id=own.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("member", partnership, membership_id=own.pk)
    assertContains(response, "A partnership needs at least one coordinator")
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_partner_lead_sees_only_the_roles_they_may_give(partnership, world, client_as):
    client = client_as(partnership, Role.PARTNER_LEAD)
    member = world["member"]
    page = client.get(url("member", partnership, membership_id=member.pk))
    offered = [value for value, _ in page.context["form"].fields["role"].choices]
    assert Role.COORDINATOR not in offered
    response = client.post(
        url("member", partnership, membership_id=member.pk), {"role": Role.COORDINATOR}
    )
    assert "role" in response.context["form"].errors
    member.refresh_from_db()
    assert member.role == Role.STAFF


def test_initiatives_are_added_changed_and_removed(signed_in, partnership):
    response = signed_in.post(
        url("initiative-add", partnership),
        {
            "name": "Workforce Scotland",
            "url": "example.org/workforce",
            "how_it_fits": "We learn together",
        },
        follow=True,
    )
    assertContains(response, "Related initiative added")
    initiative = RelatedInitiative.objects.get()
    assert initiative.url == "https://example.org/workforce"
    signed_in.post(
        url("initiative-edit", partnership, initiative_id=initiative.pk),
        {"name": "Workforce", "url": "", "how_it_fits": "We learn together"},
    )
    initiative.refresh_from_db()
    assert (initiative.name, initiative.url) == ("Workforce", "")
    response = signed_in.post(
        url("initiative-delete", partnership, initiative_id=initiative.pk), follow=True
    )
    assertContains(response, "‘Workforce’ removed")
    assert not RelatedInitiative.objects.exists()


def test_the_partnership_details_are_saved(signed_in, partnership):
    response = signed_in.post(
        url("settings", partnership),
        {
            "name": "Renamed",
            "purpose": "New purpose",
            "commitments": " One \n\n Two ",
            "contact_email": "team@example.org",
            "is_public": "",
            "time_zone": "Europe/Paris",
        },
        follow=True,
    )
    assertContains(response, "Partnership details saved")
    partnership.refresh_from_db()
    assert (
        partnership.name,
        partnership.commitments,
        partnership.is_public,
        partnership.time_zone,
    ) == ("Renamed", ["One", "Two"], False, "Europe/Paris")


def test_public_links_are_added_and_removed(signed_in, partnership, world):
    signed_in.post(
        url("link-add", partnership), {"label": "LinkedIn", "url": "https://linkedin.example/g"}
    )
    assert PublicLink.objects.filter(label="LinkedIn").exists()
    link = world["link"]
    assert signed_in.get(url("link-delete", partnership, link_id=link.pk)).status_code == 405
    response = signed_in.post(url("link-delete", partnership, link_id=link.pk), follow=True)
    assertContains(response, "Link ‘Our network’ removed")
    assert not PublicLink.objects.filter(pk=link.pk).exists()


# Invalid submissions: errors beside the fields, nothing written

INVALID = {
    "partner-add": (
        {},
        {
            "organisation_name": "",
            "sector": "nonsense",
            "remit": "r" * 121,
            "aims": "",
            "joined_on_day": "31",
            "joined_on_month": "2",
            "joined_on_year": "2026",
        },
        {"organisation_name", "sector", "remit", "aims", "joined_on"},
    ),
    "partner-edit": (
        {"partner_id": "partner"},
        {
            "remit": "",
            "aims": "a" * 4001,
            "joined_on_day": "1",
            "joined_on_month": "",
            "joined_on_year": "2025",
        },
        {"remit", "aims", "joined_on"},
    ),
    "member": ({"membership_id": "member"}, {"role": "emperor"}, {"role"}),
    "invite": ({}, {"name": "", "email": "not an email", "role": ""}, {"name", "email", "role"}),
    "initiative-add": (
        {},
        {"name": "", "url": "not a url", "how_it_fits": ""},
        {"name", "url", "how_it_fits"},
    ),
    "initiative-edit": (
        {"initiative_id": "initiative"},
        {"name": "n" * 201, "url": "", "how_it_fits": "x"},
        {"name"},
    ),
    "settings": (
        {},
        {"name": "", "purpose": "", "contact_email": "nope", "time_zone": "Nowhere/Special"},
        {"name", "purpose", "contact_email", "time_zone"},
    ),
    "link-add": ({}, {"label": "", "url": "javascript:alert(1)"}, {"label", "url"}),
}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_input_is_shown_beside_each_field_and_writes_nothing(
    signed_in, partnership, world, name
):
    keywords, data, fields = INVALID[name]
    before = _counts()
    snapshot = [
        list(model.objects.values())
        for model in (Partner, Membership, Partnership, RelatedInitiative)
    ]
    response = signed_in.post(url_for(partnership, world, name, keywords), data)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == fields
    html = response.content.decode()
    for field in fields:
        assert f'id="id_{field}_error"' in html
    assert re.search(r"<title>Error: ", html)
    assert _counts() == before
    assert [
        list(model.objects.values())
        for model in (Partner, Membership, Partnership, RelatedInitiative)
    ] == snapshot


# CSRF and who may post


@pytest.fixture
def strict_client(coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator, backend=MODEL_BACKEND)
    return client


POSTS = {
    "initiative-add": ({}, {"name": "Forum", "how_it_fits": "Fits"}),
    "initiative-delete": ({"initiative_id": "initiative"}, {}),
    "member-remove": ({"membership_id": "member"}, {}),
    "member": ({"membership_id": "member"}, {"role": Role.GUEST}),
    "settings": ({}, {"name": "Hijacked", "purpose": "x", "time_zone": "Europe/London"}),
    "link-delete": ({"link_id": "link"}, {}),
    "invite": ({}, {"name": "X", "email": "x@example.org", "role": Role.COORDINATOR}),
}


@pytest.mark.parametrize("name", POSTS)
def test_a_post_without_a_csrf_token_is_refused(strict_client, partnership, world, name):
    keywords, data = POSTS[name]
    before = _counts()
    response = strict_client.post(url_for(partnership, world, name, keywords), data)
    assert response.status_code == 403
    assert _counts() == before
    partnership.refresh_from_db()
    assert partnership.name == "Equal Partners Test"


def test_a_post_with_the_pages_csrf_token_is_accepted(strict_client, partnership):
    page = strict_client.get(url("initiative-add", partnership))
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert match is not None
    token = match.group(1)
    response = strict_client.post(
        url("initiative-add", partnership),
        {"csrfmiddlewaretoken": token, "name": "Forum", "how_it_fits": "Fits"},
    )
    assert response.status_code == 302
    assert RelatedInitiative.objects.filter(name="Forum").exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD_MEMBER, Role.PUBLIC_PARTNER, Role.GUEST])
@pytest.mark.parametrize("name", POSTS)
def test_a_member_whose_role_does_not_allow_it_cannot_post(
    partnership, world, client_as, role, name
):
    keywords, data = POSTS[name]
    client = client_as(partnership, role)
    before = _counts()
    response = client.post(url_for(partnership, world, name, keywords), data)
    assert response.status_code == 403
    assert _counts() == before


def test_the_role_form_is_shown_only_to_people_managers(partnership, world, client_as):
    member_url = url("member", partnership, membership_id=world["member"].pk)
    assertNotContains(client_as(partnership, Role.STAFF).get(member_url), "Change their role")
    assertContains(client_as(partnership, Role.PARTNER_LEAD).get(member_url), "Change their role")


# The people directory's filters, through the page


@pytest.fixture
def directory(partnership):
    council = f.OrganisationFactory(name="Council", sector="public")
    leaders = Partner.objects.get(partnership=partnership, organisation__name="Leaders Org")
    for name, org, role in [
        ("Ann Lead", leaders.organisation, Role.STAFF),
        ("Ben Lead", leaders.organisation, Role.GUEST),
        ("Cat Council", council, Role.STAFF),
    ]:
        f.MembershipFactory(
            partnership=partnership, role=role, person=f.PersonFactory(name=name, organisation=org)
        )
    return leaders


def _listed(response):
    return [m.person.name for m in response.context["people"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Ann Lead", "Ben Lead", "Cat Council"]),
        ("?role=staff", ["Ann Lead", "Cat Council"]),
        ("?sector=public", ["Cat Council"]),
        ("?partner={leaders}", ["Ann Lead", "Ben Lead"]),
        ("?partner={leaders}&role=guest", ["Ben Lead"]),
        ("?q=cat", ["Cat Council"]),
        # A stale or mistyped value in one filter does not drop the others.
        ("?partner=999999&role=guest", ["Ben Lead"]),
        ("?sector=nonsense&q=ann", ["Ann Lead"]),
    ],
)
def test_the_people_page_applies_its_filters(
    partnership, directory, signed_in, coordinator, query, expected
):
    response = signed_in.get(url("people", partnership) + query.format(leaders=directory.pk))
    assert response.status_code == 200
    viewer = coordinator.person.name
    assert [name for name in _listed(response) if name != viewer] == expected


def test_the_people_page_pages_through_many_people(partnership, client_as):
    for number in range(55):
        f.MembershipFactory(
            partnership=partnership,
            role=Role.STAFF,
            person=f.PersonFactory(name=f"Person {number:02}"),
        )
    client = client_as(partnership, Role.STAFF)
    first = client.get(url("people", partnership) + "?role=staff")
    assert len(first.context["people"]) == 50
    assertContains(first, "Page 1 of 2")
    assertContains(first, "?role=staff&amp;page=2")
    second = client.get(url("people", partnership) + "?role=staff&page=2")
    assert len(second.context["people"]) == 56 - 50  # 55 plus the viewer, who is staff


def test_pending_invitations_are_shown_only_to_people_managers(partnership, client_as):
    f.InvitationFactory(partnership=partnership, name="Waiting Person")
    assertContains(
        client_as(partnership, Role.COORDINATOR).get(url("people", partnership)), "Waiting Person"
    )
    assertNotContains(
        client_as(partnership, Role.STAFF).get(url("people", partnership)), "Waiting Person"
    )
