"""pytest fixtures for every test: a partnership with three partners, and members by role.

Fixtures build data with the tenant guard switched off, as pretix does; requests made
through the test client run with the guard on, exactly as in production.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django_scopes import scopes_disabled

from equalpartners.core.capabilities import Role
from equalpartners.testing import factories as f

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _tenant_guard_off_in_test_code() -> Iterator[None]:
    """Test code reads and writes freely; views still run inside the middleware's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _an_empty_cache() -> None:
    """Each test starts with nothing cached: ids, and so cache keys, recur from test to test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path_factory: Any) -> None:
    """Files a test uploads land in a folder of the test run, never in the project's data."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def partnership(db: Any) -> Any:
    partnership = f.PartnershipFactory(name="Equal Partners Test", slug="ept", is_public=True)
    for name, remit in [
        ("Leaders Org", "Leadership"),
        ("Children Org", "Children"),
        ("Health Org", "Health"),
    ]:
        f.PartnerFactory(
            partnership=partnership, organisation=f.OrganisationFactory(name=name), remit=remit
        )
    return partnership


@pytest.fixture
def other_partnership(db: Any) -> Any:
    """A second, private partnership whose records members of the first must never see."""
    other = f.PartnershipFactory(name="Elsewhere", slug="elsewhere", is_public=False)
    partner = f.PartnerFactory(partnership=other)
    f.ActivityFactory(partnership=other, lead_partners=[partner], visibility="public")
    return other


@pytest.fixture
def make_member(db: Any) -> Callable[..., Any]:
    """``make_member(partnership, role)`` -> a user who is a member with that role."""

    def make(partnership: Any, role: str = Role.COORDINATOR, **user_fields: Any) -> Any:
        user = f.UserFactory(**user_fields)
        person = f.PersonFactory(
            user=user, email=user.email, name=f"{user.first_name} {user.last_name}"
        )
        f.MembershipFactory(partnership=partnership, person=person, role=role)
        return user

    return make


@pytest.fixture
def coordinator(partnership: Any, make_member: Callable[..., Any]) -> Any:
    return make_member(partnership, Role.COORDINATOR)


@pytest.fixture
def signed_in(client: Client, coordinator: Any) -> Client:
    """A test client signed in as the partnership's coordinator."""
    client.force_login(coordinator, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def client_as(make_member: Callable[..., Any]) -> Callable[..., Client]:
    """``client_as(partnership, role)`` -> a fresh client signed in as a new member."""

    def make(partnership: Any, role: str) -> Client:
        client = Client()
        client.force_login(make_member(partnership, role), backend=MODEL_BACKEND)
        return client

    return make
