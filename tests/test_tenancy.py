"""Tenancy, walked over every URL pattern: another partnership's records are invisible (404).

(A method a page does not handle at all is refused with 405 whatever the id.)
The test enumerates the URLconf rather than listing pages by hand, so a page added later is
covered the day it is added. Each pattern is filled with the ids of records that belong to a
*foreign* partnership and requested, by GET and by POST, as a signed-in member of our own
partnership; every answer must be 404. Then each pattern is filled with our own records and
requested as a guest (the role with the fewest capabilities): pages whose view needs more than
"view" must answer 403, pages that need only "view" must answer 200, and no POST succeeds.
A URL keyword that this file does not know how to fill fails the test, so new kinds of record
must be added here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from equalpartners.core.capabilities import Capability, Role
from equalpartners.core.views import PartnershipAccess
from equalpartners.testing import factories as f


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "programme:activity"
    template: str  # e.g. "p/<slug:partnership_slug>/programme/<int:activity_id>/"
    keywords: tuple[str, ...]
    view_class: type | None

    def url(self, values: dict[str, Any]) -> str:
        text = self.template
        for keyword in self.keywords:
            text = _replace_keyword(text, keyword, str(values[keyword]))
        return "/" + text


def _replace_keyword(template: str, keyword: str, value: str) -> str:
    start = template.index("<")
    while True:
        end = template.index(">", start)
        inside = template[start + 1 : end]
        if inside.split(":")[-1] == keyword:
            return template[:start] + value + template[end + 1 :]
        start = template.index("<", end)


def _routes(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            template = prefix + str(entry.pattern)
            keywords = tuple(part.split(">")[0].split(":")[-1] for part in template.split("<")[1:])
            yield Route(
                name=f"{namespace}{entry.name}",
                template=template,
                keywords=keywords,
                view_class=getattr(entry.callback, "view_class", None),
            )


PARTNERSHIP_ROUTES = [
    route
    for route in _routes()
    if "partnership_slug" in route.keywords and not route.name.startswith("admin:")
]


@dataclass
class World:
    """One record of every kind a URL can name, in a given partnership."""

    partnership: Any
    ids: dict[str, Any]


def _app_records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    """Records that apps add to the world: each app's ``tests/tenancy.py`` ``records()``.

    An app whose pages name new kinds of record says how to make one there, in its own
    tests, given the ids made so far; the walk then covers its pages like any other.
    """
    extra: dict[str, Any] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("equalpartners."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.tenancy")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.tests.tenancy":
                raise
            continue
        extra.update(module.records(partnership, {**ids, **extra}))
    return extra


def _world(partnership: Any) -> World:
    partner = f.PartnerFactory(partnership=partnership)
    member = f.MembershipFactory(partnership=partnership, person=f.PersonFactory(), role=Role.STAFF)
    decision = f.DecisionFactory(partnership=partnership)
    world = World(
        partnership=partnership,
        ids={
            "partnership_slug": partnership.slug,
            "partner_id": partner.pk,
            "membership_id": member.pk,
            "person_id": member.person.pk,
            "invitation_id": f.InvitationFactory(partnership=partnership).pk,
            "initiative_id": f.RelatedInitiativeFactory(partnership=partnership).pk,
            "link_id": f.PublicLinkFactory(partnership=partnership).pk,
            "activity_id": f.ActivityFactory(partnership=partnership, lead_partners=[partner]).pk,
            "milestone_id": f.MilestoneFactory(partnership=partnership).pk,
            "decision_id": decision.pk,
            "option_id": decision.options.first().pk,
            "output_id": f.OutputFactory(
                partnership=partnership, file=ContentFile(b"%PDF-1.4 report", name="report.pdf")
            ).pk,
        },
    )
    world.ids.update(_app_records(partnership, world.ids))
    return world


@pytest.fixture
def ours(partnership: Any) -> World:
    return _world(partnership)


@pytest.fixture
def theirs(db: Any) -> World:
    return _world(f.PartnershipFactory(name="Elsewhere", slug="elsewhere", is_public=False))


def _fill(route: Route, world: World, slug: str) -> str:
    unknown = [k for k in route.keywords if k not in world.ids]
    if unknown:
        pytest.fail(
            f"{route.name}: this test does not know how to fill {unknown}; add the "
            "record kind to _world() so the new page is covered."
        )
    return route.url({**world.ids, "partnership_slug": slug})


def test_the_walk_covers_the_partnership_pages() -> None:
    names = {route.name for route in PARTNERSHIP_ROUTES}
    # A guard against the walk silently finding nothing (e.g. after a URLconf change).
    assert {
        "overview:home",
        "partnerships:partners",
        "programme:activity",
        "programme:timeline",
        "programme:timeline-ics",
        "public:page",
    } <= names
    assert len(PARTNERSHIP_ROUTES) >= 30


def _status(client: Client, method: str, url: str) -> int:
    response = getattr(client, method)(url)
    if response.streaming:
        # Read a download to its end, so the test client closes the open file behind it.
        # (Closing the response directly would also close the test's database connection.)
        b"".join(response.streaming_content)
    return int(response.status_code)


def _handles(route: Route, method: str) -> bool:
    view = route.view_class
    return hasattr(view, method) and method in getattr(view, "http_method_names", [method])


@pytest.mark.parametrize("route", PARTNERSHIP_ROUTES, ids=lambda route: route.name)
def test_a_foreign_partnerships_records_are_404(
    route: Route, ours: World, theirs: World, client_as: Callable[..., Client]
) -> None:
    coordinator = client_as(ours.partnership, Role.COORDINATOR)
    # Their records under their slug, and their records smuggled under our slug.
    urls = {_fill(route, theirs, theirs.partnership.slug)}
    if any(keyword != "partnership_slug" for keyword in route.keywords):
        urls.add(_fill(route, theirs, ours.partnership.slug))
    for url in urls:
        for method in ("get", "post"):
            status = _status(coordinator, method, url)
            # A method the page does not handle is refused (405) whatever the id, which says
            # nothing about the record; every method it handles must not find the record.
            allowed = {404} if _handles(route, method) else {404, 405}
            assert status in allowed, (
                f"{method.upper()} {url} ({route.name}) answered "
                f"{status} to a member of another partnership"
            )


@pytest.mark.parametrize("route", PARTNERSHIP_ROUTES, ids=lambda route: route.name)
def test_a_guest_gets_403_for_what_their_role_does_not_allow(
    route: Route, ours: World, client_as: Callable[..., Client]
) -> None:
    guest = client_as(ours.partnership, Role.GUEST)
    url = _fill(route, ours, ours.partnership.slug)
    if route.view_class is None or not issubclass(route.view_class, PartnershipAccess):
        # Public pages: readable by anyone, as the partnership is public.
        assert route.name.startswith("public:"), f"{route.name} does not check a capability"
        assert _status(guest, "get", url) == 200
        return
    capability = route.view_class.capability
    get = _status(guest, "get", url)
    if not _handles(route, "get"):
        assert get in {403, 405}, f"GET {url} answered {get} to a guest"
    else:
        expected = 200 if capability == Capability.VIEW else 403
        assert get == expected, f"GET {url} needs {capability}; a guest got {get}"
    # A guest may only look: every write is refused, whatever the page.
    post = _status(guest, "post", url)
    assert post in {403, 405}, f"POST {url} answered {post} to a guest"


@pytest.mark.parametrize("route", PARTNERSHIP_ROUTES, ids=lambda route: route.name)
def test_signed_out_visitors_see_only_public_pages(route: Route, ours: World, client: Client):
    url = _fill(route, ours, ours.partnership.slug)
    response = client.get(url)
    if route.name.startswith("public:"):
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/sign-in/")


def test_the_public_page_of_a_private_partnership_is_404(theirs: World, client: Client) -> None:
    for route in PARTNERSHIP_ROUTES:
        if route.name.startswith("public:"):
            assert client.get(_fill(route, theirs, theirs.partnership.slug)).status_code == 404


def test_the_admin_is_for_staff_superusers_only(ours: World, client_as) -> None:
    coordinator = client_as(ours.partnership, Role.COORDINATOR)
    response = coordinator.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
