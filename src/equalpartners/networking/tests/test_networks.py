"""Networks over HTTP: starting one, joining (open, or by request approved or declined), leaving,
hiding from the members list, organisers' powers, sharing across partnerships and tenancy."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.networking import services
from equalpartners.networking.models import Network, NetworkMembership
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

from .builders import members, network

pytestmark = pytest.mark.django_db


def _url(partnership: Any, net: Any = None, tail: str = "") -> str:
    base = f"/p/{partnership.slug}/networks/"
    return base + tail if net is None else f"{base}{net.pk}/{tail}"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def _as(make_member: Any, partnership: Any, role: str = Role.STAFF, **fields: Any) -> Any:
    """(client, person) for a new member with `role`."""
    user = make_member(partnership, role, **fields)
    return _client(user), user.person


def _status(net: Any, person: Any) -> str | None:
    m = NetworkMembership.objects.filter(network=net, person=person).first()
    return None if m is None else m.status


def test_staff_start_a_network_and_become_its_organiser(partnership, make_member):
    client, person = _as(make_member, partnership)
    page = client.get(_url(partnership, tail="new/"))
    assert page.status_code == 200
    response = client.post(
        _url(partnership) + "new/",
        {
            "name": "  Optimists'   Network ",
            "description": "Optimists across sectors.",
            "joining": "open",
            "external_url": "https://www.linkedin.com/groups/6941914/",
        },
    )
    net = Network.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(partnership, net)
    assert net.name == "Optimists' Network"
    assert net.created_by == person
    assert list(net.partnerships.all()) == [partnership]
    mine = NetworkMembership.objects.get(network=net)
    assert (mine.person, mine.role, mine.status) == (person, "organiser", "member")
    assert AuditEntry.objects.filter(action="network.create").exists()
    detail = client.get(_url(partnership, net)).content.decode()
    assert "https://www.linkedin.com/groups/6941914/" in detail
    assert "Change the network" in detail


def test_the_form_explains_what_is_wrong(partnership, make_member):
    client, _ = _as(make_member, partnership)
    network(partnership, name="Taken")
    response = client.post(
        _url(partnership) + "new/",
        {"name": "Taken", "description": "", "joining": "sometimes", "external_url": "ftp://x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Select a valid choice" in html
    assert "Enter a valid URL" in html
    response = client.post(
        _url(partnership) + "new/", {"name": "Taken", "description": "Again", "joining": "open"}
    )
    assert "already has a network with this name" in response.content.decode()
    assert Network.objects.count() == 1


def test_anyone_joins_an_open_network_and_is_listed_with_organisation_and_sector(
    partnership, make_member
):
    net = network(partnership)
    client, person = _as(make_member, partnership)
    response = client.post(_url(partnership, net, "join/"), follow=True)
    assert "You have joined" in response.content.decode()
    assert _status(net, person) == "member"
    page = client.get(_url(partnership, net)).content.decode()
    assert person.name in page
    assert person.organisation.name in page
    assert person.organisation.get_sector_display() in page
    assert "Leave the network" in page
    response = client.post(_url(partnership, net, "join/"), follow=True)
    assert "You are already a member" in response.content.decode()


def test_a_request_waits_for_an_organiser_who_approves_it(partnership, make_member):
    organiser_client, organiser = _as(make_member, partnership)
    net = network(partnership, creator=organiser, joining="approval")
    client, person = _as(make_member, partnership)
    assert "Ask to join" in client.get(_url(partnership, net)).content.decode()
    client.post(_url(partnership, net, "join/"))
    assert _status(net, person) == "requested"
    page = client.get(_url(partnership, net)).content.decode()
    assert "You have asked to join" in page
    assert person.name not in page.split('<h2 class="heading-m">Members</h2>')[1]
    # only an organiser may answer
    assert (
        client.post(
            _url(partnership, net, f"people/{person.pk}/"), {"action": "approve"}
        ).status_code
        == 403
    )
    organiser_page = organiser_client.get(_url(partnership, net)).content.decode()
    assert "Asking to join" in organiser_page
    assert f'Approve<span class="visually-hidden"> {person.name}' in organiser_page
    organiser_client.post(_url(partnership, net, f"people/{person.pk}/"), {"action": "approve"})
    membership = NetworkMembership.objects.get(network=net, person=person)
    assert membership.status == "member"
    assert membership.joined_at is not None


def test_an_organiser_declines_a_request(partnership, make_member):
    organiser_client, organiser = _as(make_member, partnership)
    net = network(partnership, creator=organiser, joining="approval")
    client, person = _as(make_member, partnership)
    client.post(_url(partnership, net, "join/"))
    response = organiser_client.post(
        _url(partnership, net, f"people/{person.pk}/"), {"action": "decline"}, follow=True
    )
    assert "request was declined" in response.content.decode()
    assert _status(net, person) is None
    assert AuditEntry.objects.filter(action="network.decline").exists()
    # declining twice says why it cannot
    response = organiser_client.post(
        _url(partnership, net, f"people/{person.pk}/"), {"action": "decline"}, follow=True
    )
    assert "has not joined or asked to join" in response.content.decode()


def test_members_leave_and_requests_are_withdrawn(partnership, make_member):
    net = network(partnership)
    client, person = _as(make_member, partnership)
    client.post(_url(partnership, net, "join/"))
    response = client.post(_url(partnership, net, "leave/"), follow=True)
    assert "You have left" in response.content.decode()
    assert _status(net, person) is None
    strict = network(partnership, name="Strict", joining="approval")
    client.post(_url(partnership, strict, "join/"))
    response = client.post(_url(partnership, strict, "leave/"), follow=True)
    assert "Request withdrawn" in response.content.decode()
    assert _status(strict, person) is None


def test_the_only_organiser_hands_over_before_leaving(partnership, make_member):
    organiser_client, organiser = _as(make_member, partnership)
    net = network(partnership, creator=organiser)
    client, person = _as(make_member, partnership)
    client.post(_url(partnership, net, "join/"))
    response = organiser_client.post(_url(partnership, net, "leave/"), follow=True)
    assert "only organiser" in response.content.decode()
    organiser_client.post(_url(partnership, net, f"people/{person.pk}/"), {"action": "organiser"})
    assert NetworkMembership.objects.get(network=net, person=person).role == "organiser"
    organiser_client.post(_url(partnership, net, "leave/"))
    assert _status(net, organiser) is None
    assert "Change the network" in client.get(_url(partnership, net)).content.decode()


def test_opting_out_of_the_list_hides_a_member_but_keeps_them_in(partnership, make_member):
    net = network(partnership)
    client, person = _as(make_member, partnership)
    _, other = _as(make_member, partnership)
    client.post(_url(partnership, net, "join/"))
    services.network_join(actor=None, network=net, person=other)
    response = client.post(_url(partnership, net, "listing/"), {"listed": "no"}, follow=True)
    assert "still a member" in response.content.decode()
    membership = NetworkMembership.objects.get(network=net, person=person)
    assert (membership.status, membership.listed) == ("member", False)
    viewer = Client()
    viewer.force_login(make_member(partnership, Role.GUEST), backend=MODEL_BACKEND)
    page = viewer.get(_url(partnership, net)).content.decode()
    assert person.name not in page
    assert other.name in page
    assert "3 members" in page  # the organiser, the other member and the one not listed
    assert "And 1 more not listed." in page
    client.post(_url(partnership, net, "listing/"), {"listed": "yes"})
    assert person.name in viewer.get(_url(partnership, net)).content.decode()


def test_organisers_change_and_delete_a_network_others_may_not(partnership, make_member):
    organiser_client, organiser = _as(make_member, partnership)
    net = network(partnership, creator=organiser, joining="approval")
    client, person = _as(make_member, partnership)
    client.post(_url(partnership, net, "join/"))
    for tail in ("edit/", "delete/"):
        assert client.get(_url(partnership, net, tail)).status_code == 403
        assert client.post(_url(partnership, net, tail)).status_code == 403
    response = organiser_client.post(
        _url(partnership, net, "edit/"),
        {"name": "Renamed", "description": "New words", "joining": "open", "external_url": ""},
    )
    assert response.status_code == 302
    net.refresh_from_db()
    assert (net.name, net.joining) == ("Renamed", "open")
    assert _status(net, person) == "member"  # opening the network lets in who had asked
    confirm = organiser_client.get(_url(partnership, net, "delete/")).content.decode()
    assert "Delete Renamed?" in confirm
    assert Network.objects.filter(pk=net.pk).exists()  # asking first deletes nothing
    response = organiser_client.post(_url(partnership, net, "delete/"))
    assert response["Location"] == _url(partnership)
    assert not Network.objects.exists()
    assert not NetworkMembership.objects.exists()
    assert AuditEntry.objects.filter(action="network.delete").exists()


def test_a_coordinator_of_the_home_partnership_may_organise_it(signed_in, partnership):
    net = network(partnership)
    assert signed_in.get(_url(partnership, net, "edit/")).status_code == 200


def test_guests_may_look_but_not_join_or_start(partnership, make_member):
    net = network(partnership)
    guest, person = _as(make_member, partnership, Role.GUEST)
    assert guest.get(_url(partnership)).status_code == 200
    page = guest.get(_url(partnership, net))
    assert page.status_code == 200
    assert "Join the network" not in page.content.decode()
    for tail in ("join/", "leave/", "listing/", f"people/{person.pk}/", "edit/", "delete/"):
        assert guest.post(_url(partnership, net, tail)).status_code == 403, tail
    assert guest.get(_url(partnership, tail="new/")).status_code == 403
    assert guest.post(_url(partnership) + "new/", {"name": "x"}).status_code == 403
    assert _status(net, person) is None


def test_a_shared_network_is_seen_from_each_of_its_partnerships_and_from_no_other(
    partnership, other_partnership, make_member
):
    third = f.PartnershipFactory(name="Third", slug="third")
    user = make_member(partnership, Role.STAFF)
    f.MembershipFactory(partnership=other_partnership, person=user.person, role=Role.STAFF)
    f.MembershipFactory(partnership=third, person=user.person, role=Role.GUEST)
    client = _client(user)
    response = client.post(
        _url(partnership) + "new/",
        {
            "name": "Across",
            "description": "Both partnerships",
            "joining": "open",
            "shared_with": [other_partnership.pk],
        },
    )
    assert response.status_code == 302
    net = Network.objects.get()
    assert set(net.partnerships.all()) == {partnership, other_partnership}
    # someone only in the other partnership sees it there, and joins
    theirs, their_person = _as(make_member, other_partnership)
    listing = theirs.get(_url(other_partnership)).content.decode()
    assert "Across" in listing
    assert "Shared by Equal Partners Test" in listing
    theirs.post(_url(other_partnership, net, "join/"))
    assert _status(net, their_person) == "member"
    # and is listed beside the people of the home partnership
    assert their_person.name in client.get(_url(partnership, net)).content.decode()
    # from a partnership it is not shared with, it does not exist
    third_member = _client(make_member(third, Role.COORDINATOR))
    assert "Across" not in third_member.get(_url(third)).content.decode()
    for tail in ("", "join/", "edit/", "delete/"):
        assert third_member.get(_url(third, net, tail)).status_code in {404, 405}
        assert third_member.post(_url(third, net, tail)).status_code in {404, 405}
    assert third_member.get(_url(third, net)).status_code == 404


def test_a_network_is_shared_only_where_its_creator_may_contribute(
    partnership, other_partnership, make_member
):
    user = make_member(partnership, Role.STAFF)
    with pytest.raises(ValidationError, match="partnerships you take part in"):
        network(partnership, creator=user.person, shared_with=(other_partnership,))
    f.MembershipFactory(partnership=other_partnership, person=user.person, role=Role.GUEST)
    with pytest.raises(ValidationError, match="partnerships you take part in"):
        network(partnership, creator=user.person, shared_with=(other_partnership,))
    # the form offers only the partnerships they may contribute to
    html = _client(user).get(_url(partnership, tail="new/")).content.decode()
    assert "Also share it with" not in html


def test_only_members_of_its_partnerships_join(partnership, other_partnership):
    net = network(partnership)
    outsider = members(other_partnership, 1)[0]
    with pytest.raises(ValidationError, match="Only members of the network's partnerships"):
        services.network_join(actor=None, network=net, person=outsider)


def test_the_list_and_a_network_page_make_the_same_queries_for_few_and_many(
    partnership, make_member, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = _as(make_member, partnership)
    net = network(partnership)

    def grow(start: int, count: int) -> None:
        for i, person in enumerate(members(partnership, count, per_organisation=2)):
            services.network_join(actor=None, network=net, person=person)
            network(partnership, name=f"Network {start + i}", creator=person)

    def measure(url: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    grow(0, 3)
    few = [measure(_url(partnership)), measure(_url(partnership, net))]
    grow(3, 12)
    # Two pages, each with the header's count of unread notifications.
    with django_assert_max_num_queries(14):
        many = [measure(_url(partnership)), measure(_url(partnership, net))]
    assert many == few
