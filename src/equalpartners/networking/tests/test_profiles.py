"""Profiles with visibility: who sees which item, the profile page and its sections, the form
that sets each item's visibility and category, the introductions engine's input, and the
migration that kept the items people had."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.networking import selectors, services
from equalpartners.networking.engine_input import attendees
from equalpartners.networking.models import ProfileItem
from equalpartners.networking.services import ProfileEntry
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

from .builders import members, network

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def _profile(partnership: Any, person: Any) -> None:
    """One item at each level, and an asset of each category."""
    services.profile_update(
        actor=None,
        partnership=partnership,
        person=person,
        items={
            "asset": [
                ProfileEntry("facilitation", "partnership", "skill"),
                ProfileEntry("housing law", "network", "knowledge"),
                ProfileEntry("meeting rooms", "public", "resource"),
                ProfileEntry("council contacts", "partnership", "connection"),
            ],
            "interest": [ProfileEntry("early years", "public")],
            "need": [ProfileEntry("a mentor", "network")],
        },
    )


def _texts(user: Any, person: Any) -> set[str]:
    return {i.text for i in selectors.visible_items(user=user, person=person)}


PARTNERSHIP = {"facilitation", "council contacts"}
NETWORK = {"housing law", "a mentor"}
PUBLIC = {"meeting rooms", "early years"}


def test_each_level_is_seen_by_its_own_people(partnership, other_partnership, make_member):
    owner = make_member(partnership, Role.STAFF)
    _profile(partnership, owner.person)
    colleague = make_member(partnership, Role.GUEST)
    outsider = make_member(other_partnership, Role.COORDINATOR)
    co_member = make_member(other_partnership, Role.STAFF)  # shares a network, not a partnership
    net = network(partnership, creator=owner.person, shared_with=())
    net.partnerships.add(other_partnership)
    services.network_join(actor=None, network=net, person=co_member.person)

    from django.contrib.auth.models import AnonymousUser

    assert _texts(owner, owner.person) == PARTNERSHIP | NETWORK | PUBLIC
    assert _texts(colleague, owner.person) == PARTNERSHIP | PUBLIC
    assert _texts(outsider, owner.person) == PUBLIC
    assert _texts(co_member, owner.person) == NETWORK | PUBLIC
    assert _texts(AnonymousUser(), owner.person) == PUBLIC
    assert _texts(None, owner.person) == PUBLIC
    # a request to join is not membership; someone in both sees everything but their own view
    services.network_join(actor=None, network=net, person=colleague.person)
    assert _texts(colleague, owner.person) == PARTNERSHIP | NETWORK | PUBLIC
    strict = network(partnership, creator=owner.person, name="Strict", joining="approval")
    waiting = make_member(partnership, Role.STAFF)
    services.network_join(actor=None, network=strict, person=waiting.person)
    assert _texts(waiting, owner.person) == PARTNERSHIP | PUBLIC


def test_the_profile_page_groups_what_the_visitor_may_see(partnership, make_member):
    owner = make_member(partnership, Role.STAFF)
    _profile(partnership, owner.person)
    net = network(partnership, creator=owner.person, name="Housing Network")
    hidden = network(partnership, name="Quiet Network")
    services.network_join(actor=None, network=hidden, person=owner.person)
    services.network_listing_set(actor=None, network=hidden, person=owner.person, listed=False)
    activity = f.ActivityFactory(partnership=partnership, title="Leaders' lunch")
    activity.led_by.add(owner.person)
    f.ActivityFactory(partnership=partnership, title="Someone else's day")
    url = f"/p/{partnership.slug}/people/{owner.person.pk}/profile/"

    guest = _client(make_member(partnership, Role.GUEST))
    page = guest.get(url).content.decode()
    assert "Can offer: skills" in page
    assert "facilitation" in page
    assert "Can offer: connections" in page
    assert "meeting rooms" in page
    assert "housing law" not in page  # for their networks only
    assert "a mentor" not in page
    assert "Housing Network" in page
    assert "Quiet Network" not in page  # they asked not to be listed there
    assert "Leaders&#x27; lunch" in page
    assert "Someone else" not in page
    assert "Change offers and needs" not in page

    own = _client(owner).get(url).content.decode()
    assert "housing law" in own
    assert "People in my networks" in own  # the owner sees who can see each item
    assert "Quiet Network" in own
    assert "Change offers and needs" in own
    assert net.name in own


def test_the_member_page_links_the_profile_and_shows_only_what_may_be_seen(
    partnership, make_member
):
    from equalpartners.partnerships.models import Membership

    owner = make_member(partnership, Role.STAFF)
    _profile(partnership, owner.person)
    membership = Membership.objects.get(person=owner.person)
    guest = _client(make_member(partnership, Role.GUEST))
    page = guest.get(f"/p/{partnership.slug}/people/{membership.pk}/").content.decode()
    assert f"/p/{partnership.slug}/people/{owner.person.pk}/profile/" in page
    assert "facilitation" in page
    assert "housing law" not in page


def test_a_profile_is_404_for_someone_not_in_the_partnership(
    partnership, other_partnership, make_member
):
    stranger = members(other_partnership, 1)[0]
    client = _client(make_member(partnership, Role.STAFF))
    assert client.get(f"/p/{partnership.slug}/people/{stranger.pk}/profile/").status_code == 404
    assert (
        client.get(f"/p/{partnership.slug}/people/{stranger.pk}/offers-and-needs/").status_code
        == 404
    )


def _form_url(partnership: Any, person: Any) -> str:
    return f"/p/{partnership.slug}/people/{person.pk}/offers-and-needs/"


def test_the_form_saves_visibility_and_category_for_each_line(partnership, make_member):
    user = make_member(partnership, Role.STAFF)
    client = _client(user)
    url = _form_url(partnership, user.person)
    page = client.get(url).content.decode()
    assert 'name="asset-0-category"' in page
    assert 'name="interest-0-category"' not in page
    assert "Who can see it" in page
    response = client.post(
        url,
        {
            "asset-0-text": "  Funding   bids ",
            "asset-0-category": "skill",
            "asset-0-visibility": "public",
            "asset-1-text": "",
            "asset-1-visibility": "partnership",
            "asset-2-text": "Youth work",
            "asset-2-category": "",
            "asset-2-visibility": "network",
            "need-0-text": "Data",
            "need-0-visibility": "partnership",
        },
    )
    assert response.status_code == 302
    rows = list(
        ProfileItem.objects.filter(person=user.person).values_list(
            "kind", "text", "category", "visibility"
        )
    )
    assert rows == [
        ("asset", "Funding bids", "skill", "public"),
        ("asset", "Youth work", "", "network"),
        ("need", "Data", "", "partnership"),
    ]
    # the saved lines come back, with room for more
    page = client.get(url).content.decode()
    assert 'value="Funding bids"' in page
    assert 'name="asset-4-text"' in page  # two lines and three spare
    assert 'name="asset-5-text"' not in page


def test_the_form_says_what_is_wrong_beside_each_line(partnership, make_member):
    user = make_member(partnership, Role.STAFF)
    client = _client(user)
    url = _form_url(partnership, user.person)
    services.profile_update(
        actor=None, partnership=partnership, person=user.person, items={"need": ["Data"]}
    )
    response = client.post(
        url,
        {
            "asset-0-text": "Funding bids",
            "asset-0-visibility": "everyone",
            "asset-1-text": "",
            "asset-1-category": "skill",
            "asset-1-visibility": "partnership",
            "asset-2-text": "x" * 121,
            "asset-2-visibility": "partnership",
            "interest-0-text": "Housing",
            "interest-0-visibility": "partnership",
            "interest-1-text": "housing",
            "interest-1-visibility": "partnership",
            "need-0-text": "Data",
            "need-0-visibility": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Offer 1: choose who can see it" in html
    assert "Offer 2: say what you can offer, or choose “Not sorted”" in html
    assert "Offer 3: keep it to 120 characters or fewer" in html
    assert "Interest 2: “housing” is already interest 1; remove one of them" in html
    assert "Need 1: choose who can see it" in html
    assert 'href="#id_asset-0-visibility"' in html  # the summary links to the field
    assert list(ProfileItem.objects.values_list("text", flat=True)) == ["Data"]  # unchanged


def test_the_service_refuses_what_the_form_would(partnership):
    from django.core.exceptions import ValidationError

    person = members(partnership, 1)[0]
    cases: list[tuple[dict[str, list[Any]], str]] = [
        ({"need": [ProfileEntry("Data", "partnership", "skill")]}, "Only what you can offer"),
        ({"asset": [ProfileEntry("Data", "partnership", "wisdom")]}, "Choose a skill"),
        ({"asset": [ProfileEntry("Data", "friends")]}, "Choose who can see"),
        ({"wishes": ["Data"]}, "Unknown kind"),
    ]
    for items, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.profile_update(actor=None, partnership=partnership, person=person, items=items)
    assert not ProfileItem.objects.exists()


def test_only_the_person_or_people_managers_change_it_and_guests_never(
    partnership, make_member, client_as
):
    user = make_member(partnership, Role.STAFF)
    url = _form_url(partnership, user.person)
    assert client_as(partnership, Role.STAFF).get(url).status_code == 403
    assert client_as(partnership, Role.PARTNER_LEAD).get(url).status_code == 200
    guest = make_member(partnership, Role.GUEST)
    guest_client = _client(guest)
    assert guest_client.get(_form_url(partnership, guest.person)).status_code == 403
    assert (
        guest_client.post(
            _form_url(partnership, guest.person),
            {"need-0-text": "x", "need-0-visibility": "public"},
        ).status_code
        == 403
    )
    assert not ProfileItem.objects.exists()


def test_introductions_use_only_what_the_partnership_may_see(partnership):
    person = members(partnership, 1)[0]
    _profile(partnership, person)
    (attendee,) = attendees([person])
    assert set(attendee.assets) == {"facilitation", "meeting rooms", "council contacts"}
    assert attendee.interests == ("early years",)
    assert attendee.needs == ()


def test_a_bare_phrase_is_for_the_partnership(partnership):
    person = members(partnership, 1)[0]
    services.profile_update(
        actor=None, partnership=partnership, person=person, items={"asset": ["Data"]}
    )
    item = ProfileItem.objects.get()
    assert (item.visibility, item.category) == ("partnership", "")


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_items_and_makes_them_partnership_visible():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("networking", "0001_initial"), ("partnerships", "0003_partnership_content_version")]
    after = [("networking", "0002_networks_and_profile_visibility")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    organisation = old.get_model("partnerships", "Organisation").objects.create(
        name="Old Org", sector="third"
    )
    person = old.get_model("partnerships", "Person").objects.create(
        name="Old Person", email="old@example.org", organisation=organisation
    )
    old.get_model("networking", "ProfileItem").objects.create(
        person_id=person.pk, kind="asset", text="funding bids"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    item = new.get_model("networking", "ProfileItem").objects.get()
    assert (item.text, item.visibility, item.category) == ("funding bids", "partnership", "")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_profile_shows_their_actions_and_only_listed_registrations(
    partnership: Any, client_as: Any
) -> None:
    from equalpartners.attendance import services as attendance
    from equalpartners.programme.tests.builders import make_action

    (person,) = members(partnership, 1)
    listed = f.ActivityFactory(partnership=partnership, title="Listed roundtable")
    unlisted = f.ActivityFactory(partnership=partnership, title="Quiet summit")
    for activity, agreed in ((listed, True), (unlisted, False)):
        attendance.register(
            actor=None,
            activity=activity,
            name=person.name,
            email=person.email,
            listed=agreed,
            source="organiser",
            notify=False,
        )
    make_action(partnership, what="Bring the board along", owner_person=person)
    url = f"/p/{partnership.slug}/people/{person.pk}/profile/"
    seen = client_as(partnership, Role.BOARD_MEMBER).get(url).content.decode()
    assert "Bring the board along" in seen
    assert "Listed roundtable" in seen
    assert "Quiet summit" not in seen
    # Organisers see every registration.
    assert "Quiet summit" in client_as(partnership, Role.COORDINATOR).get(url).content.decode()
