"""The demo's networks, added to the loaded story as the lead wires them in: the Optimists'
Network across sectors with its LinkedIn group and one member not listed, a staff network
with a request waiting, and profile items for anyone or for networks only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from equalpartners.demo.networks_story import OPTIMISTS, STAFF_NETWORK, add_networks
from equalpartners.demo.story import SIGN_INS, load_story
from equalpartners.networking import selectors
from equalpartners.networking.models import Network, NetworkMembership, ProfileItem
from equalpartners.partnerships.models import Person

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def story(db):
    partnership = load_story(today=TODAY)
    people = {p.name: p for p in Person.objects.filter(memberships__partnership=partnership)}
    coordinator = Person.objects.get(name=SIGN_INS[0].name).user
    add_networks(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    return partnership, people, coordinator


def test_the_optimists_network(story):

    network = Network.objects.get(name=OPTIMISTS)
    assert network.joining == "open"
    assert network.external_url == "https://www.linkedin.com/groups/6941914/"
    members = selectors.network_members(network=network)
    sectors = {m.person.organisation.sector for m in members.listed if m.person.organisation}
    assert {"third", "public", "government"} <= sectors
    assert members.not_listed == 1
    assert not members.requests


def test_the_staff_network_has_a_request_waiting(story):
    network = Network.objects.get(name=STAFF_NETWORK)
    assert network.joining == "approval"
    members = selectors.network_members(network=network)
    assert len(members.requests) == 1
    assert members.count >= 3


def test_adding_the_networks_twice_changes_nothing(story):
    partnership, people, coordinator = story
    before = NetworkMembership.objects.count()
    add_networks(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    assert Network.objects.count() == 2
    assert NetworkMembership.objects.count() == before


def test_some_profile_items_are_public_and_some_for_networks(story):
    levels = set(ProfileItem.objects.values_list("visibility", flat=True))
    assert levels == {"partnership", "network", "public"}
    assert ProfileItem.objects.exclude(category="").filter(kind="asset").exists()


def test_the_pages_show_them(story, client: Client):
    partnership, people, coordinator = story
    client.force_login(coordinator)
    network = Network.objects.get(name=OPTIMISTS)
    listing = client.get(f"/p/{partnership.slug}/networks/").content.decode()
    assert "The Optimists&#x27; Network" in listing
    page = client.get(f"/p/{partnership.slug}/networks/{network.pk}/").content.decode()
    assert "And 1 more not listed." in page
    assert "Derek Simpson" not in page
    profile = client.get(
        f"/p/{partnership.slug}/people/{people['Priya Nair'].pk}/profile/"
    ).content.decode()
    assert OPTIMISTS.replace("'", "&#x27;") in profile
