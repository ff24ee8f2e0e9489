"""The notifications pages: yours only, unread first, mark read, and your email preference."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from equalpartners.core.capabilities import Role
from equalpartners.notifications.models import EmailMode, Notification, NotificationPreference
from equalpartners.notifications.tests.builders import MORNING, notification
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

pytestmark = pytest.mark.django_db

LIST = "/notifications/"
PREFERENCES = "/notifications/preferences/"


@pytest.fixture
def me(coordinator: Any) -> Any:
    return coordinator.person


@pytest.fixture
def someone_else(partnership: Any, make_member: Callable[..., Any]) -> Any:
    return make_member(partnership, Role.STAFF).person


def test_the_urls() -> None:
    assert reverse("notifications:list") == LIST
    assert reverse("notifications:preferences") == PREFERENCES


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("get", PREFERENCES),
        ("post", PREFERENCES),
        ("post", "/notifications/read-all/"),
        ("post", "/notifications/1/read/"),
    ],
)
def test_signing_in_is_required(client: Client, method: str, url: str) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_list_shows_only_mine_unread_first_newest_first(
    signed_in: Client, me: Any, someone_else: Any, partnership: Any
) -> None:
    notification(me, subject="Old unread", partnership=partnership, created_at=MORNING)
    notification(
        me, subject="New read", read_at=MORNING, created_at=MORNING + dt.timedelta(hours=2)
    )
    notification(me, subject="New unread", created_at=MORNING + dt.timedelta(hours=1))
    notification(me, subject="Withdrawn", withdrawn_at=MORNING)
    notification(someone_else, subject="Not for me")

    response = signed_in.get(LIST)

    assert response.status_code == 200
    text = response.content.decode()
    assert text.index("New unread") < text.index("Old unread") < text.index("New read")
    assert "Not for me" not in text
    assert "Withdrawn" not in text
    assert "You have 2 unread notifications" in text
    assert partnership.name in text
    # The header's link, with the count spelled out for screen readers.
    assert '<strong>2</strong><span class="visually-hidden"> unread</span>' in text
    assert 'aria-current="page">Notifications' in text


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    signed_in: Client, me: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        notification(me, subject=f"Item {number}", partnership=f.PartnershipFactory())
    signed_in.get(LIST)  # warm up what is cached per process
    with django_assert_max_num_queries(8):
        response = signed_in.get(LIST)
    text = response.content.decode()
    assert "Page 1 of 2" in text
    assert text.count("Mark as read<span") == 25
    assert signed_in.get(LIST, {"page": 2}).content.decode().count("Mark as read<span") == 5


def test_the_empty_list(signed_in: Client) -> None:
    response = signed_in.get(LIST)
    assert "You have no notifications." in response.content.decode()


def test_an_account_without_a_person(client: Client) -> None:
    user = f.UserFactory()
    client.force_login(user, backend=MODEL_BACKEND)
    assert "not linked to anyone" in client.get(LIST).content.decode()
    assert client.get(PREFERENCES)["Location"] == LIST
    assert client.post("/notifications/read-all/").status_code == 404


def test_mark_one_read_and_open(signed_in: Client, me: Any) -> None:
    item = notification(me, url="/p/ept/decisions/1/")
    response = signed_in.post(f"/notifications/{item.pk}/read/", {"open": "1"})
    assert response["Location"] == "/p/ept/decisions/1/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_mark_one_read_goes_back_to_the_page_it_came_from(signed_in: Client, me: Any) -> None:
    item = notification(me)
    response = signed_in.post(f"/notifications/{item.pk}/read/", {"next": f"{LIST}?page=2"})
    assert response["Location"] == f"{LIST}?page=2"
    other = notification(me)
    response = signed_in.post(
        f"/notifications/{other.pk}/read/", {"next": "https://evil.example.org/"}
    )
    assert response["Location"] == LIST


def test_another_persons_notification_is_404(
    signed_in: Client, someone_else: Any, other_partnership: Any
) -> None:
    theirs = notification(someone_else, partnership=other_partnership)
    assert signed_in.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert signed_in.post("/notifications/999999/read/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_needs_post(signed_in: Client, me: Any) -> None:
    item = notification(me)
    assert signed_in.get(f"/notifications/{item.pk}/read/").status_code == 405
    assert signed_in.get("/notifications/read-all/").status_code == 405


def test_marking_needs_the_csrf_token(coordinator: Any, me: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator, backend=MODEL_BACKEND)
    item = notification(me)
    assert client.post(f"/notifications/{item.pk}/read/").status_code == 403
    assert client.post("/notifications/read-all/").status_code == 403


def test_mark_all_read_marks_only_mine(signed_in: Client, me: Any, someone_else: Any) -> None:
    notification(me)
    notification(me)
    theirs = notification(someone_else)
    response = signed_in.post("/notifications/read-all/", follow=True)
    assert "Marked 2 notifications as read" in response.content.decode()
    assert not Notification.objects.filter(person=me, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_preferences_form(signed_in: Client, me: Any) -> None:
    page = signed_in.get(PREFERENCES).content.decode()
    assert re.search(r'<input[^>]*value="immediately"[^>]*checked', page)
    response = signed_in.post(PREFERENCES, {"email_mode": EmailMode.DAILY}, follow=True)
    assert "Your email preference has been saved" in response.content.decode()
    assert NotificationPreference.objects.get(person=me).email_mode == EmailMode.DAILY


def test_the_preferences_form_shows_errors(signed_in: Client) -> None:
    response = signed_in.post(PREFERENCES, {"email_mode": "hourly"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Select a valid choice" in text


def test_the_header_link_costs_one_query_and_is_hidden_when_signed_out(
    client: Client, client_as: Callable[..., Client], partnership: Any
) -> None:
    from django.db import connection
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext

    user = f.UserFactory()
    f.PersonFactory(user=user)
    template = Template("{% load notifications_tags %}{% notifications_link %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"user": user}))
    assert len(queries) == 1
    assert "COUNT" in queries[0]["sql"].upper()
    assert "Notifications" in html
    assert "<strong>" not in html

    assert "/notifications/" not in client.get(reverse("accounts:sign-in")).content.decode()
