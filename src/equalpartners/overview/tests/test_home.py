"""A partnership's home page: what is coming up, what happened recently, the partners, and
quick links that follow what the visitor's role allows (``core.capabilities``).

Dates are set relative to now, so "coming up" and "recently" are tested against the clock
the page itself reads. The query count must not grow with the size of the programme.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.programme.tests.builders import build_programme
from equalpartners.testing import factories as f


def home(partnership):
    return reverse("overview:home", kwargs={"partnership_slug": partnership.slug})


def _section(html, heading, next_heading):
    return html[html.index(f">{heading}</h2>") : html.index(f">{next_heading}</h2>")]


@pytest.fixture
def timeline(partnership):
    now = timezone.now()

    def activity(title, days, hours=2, **fields):
        start = now + dt.timedelta(days=days)
        return f.ActivityFactory(
            partnership=partnership,
            title=title,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            **fields,
        )

    made = {
        "long ago": activity("Opening event", -400, status="done"),
        "last month": activity("January roundtable", -30, status="done"),
        "last week": activity("Third Sector Gathering session", -7, status="done"),
        "under way": activity("Research project", -10, hours=24 * 20),
        "next week": activity("Board learning session", 7),
        "next month": activity("Staff exchange", 30, status="confirmed"),
        "cancelled": activity("Cancelled webinar", 3, status="cancelled"),
        "cancelled before": activity("Cancelled visit", -3, status="cancelled"),
    }
    today = timezone.localdate()
    f.OutputFactory(
        partnership=partnership, title="Research report", published_on=today - dt.timedelta(days=20)
    )
    f.OutputFactory(
        partnership=partnership,
        title="Report not yet published",
        published_on=today + dt.timedelta(days=60),
    )
    return made


def test_home_shows_what_is_next_and_what_happened_recently(signed_in, partnership, timeline):
    response = signed_in.get(home(partnership))
    assert response.status_code == 200
    assert [a.title for a in response.context["upcoming"]] == [
        "Research project",
        "Board learning session",
        "Staff exchange",
    ]
    assert [a.title for a in response.context["recent"]] == [
        "Third Sector Gathering session",
        "January roundtable",
        "Opening event",
    ]
    assert [o.title for o in response.context["outputs"]] == ["Research report"]
    html = response.content.decode()
    coming_up = _section(html, "Coming up", "Recently")
    recently = _section(html, "Recently", "Partners")
    assert coming_up.index("Research project") < coming_up.index("Board learning session")
    assert "Cancelled webinar" not in html
    assert "Cancelled visit" not in html
    assert "January roundtable" in recently
    assert "January roundtable" not in coming_up
    assert "Research report" in recently
    assert "Report not yet published" not in html
    next_week = timeline["next week"]
    assert (
        reverse(
            "programme:activity",
            kwargs={"partnership_slug": partnership.slug, "activity_id": next_week.pk},
        )
        in coming_up
    )


def test_home_shows_at_most_five_of_each(signed_in, partnership):
    now = timezone.now()
    for i in range(7):
        for sign in (-1, 1):
            start = now + sign * dt.timedelta(days=i + 1)
            f.ActivityFactory(
                partnership=partnership,
                title=f"{sign} {i}",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
            )
    response = signed_in.get(home(partnership))
    assert [a.title for a in response.context["upcoming"]] == [f"1 {i}" for i in range(5)]
    assert [a.title for a in response.context["recent"]] == [f"-1 {i}" for i in range(5)]


def test_an_empty_home_says_so_and_offers_to_add(signed_in, partnership):
    html = signed_in.get(home(partnership)).content.decode()
    assert "Nothing planned yet." in html
    assert "Nothing has happened yet." in html


def test_home_shows_the_purpose_commitments_and_partners(signed_in, partnership, coordinator):
    html = signed_in.get(home(partnership)).content.decode()
    assert "Working together as equals." in html
    assert "Tackling inequalities" in html
    partners = _section(html, "Partners", "Quick links")
    for name in ("Children Org", "Health Org", "Leaders Org"):
        assert name in partners
    assert "Your role: Coordinator" in html


LINKS = {
    "add an activity": ("programme:activity-create", "Add an activity"),
    "invite": ("partnerships:invite", "Invite someone"),
    "settings": ("partnerships:settings", "Partnership details and public links"),
}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.COORDINATOR, {"add an activity", "invite", "settings"}),
        (Role.PARTNER_LEAD, {"add an activity", "invite"}),
        (Role.STAFF, {"add an activity"}),
        (Role.BOARD_MEMBER, set()),
        (Role.PUBLIC_PARTNER, set()),
        (Role.GUEST, set()),
    ],
)
def test_quick_links_follow_capabilities(client_as, partnership, role, expected):
    response = client_as(partnership, role).get(home(partnership))
    assert response.status_code == 200
    quick_links = response.content.decode().split(">Quick links</h2>")[1]
    for key, (name, label) in LINKS.items():
        link = reverse(name, kwargs={"partnership_slug": partnership.slug})
        assert (link in quick_links) == (key in expected), key
        assert (label in quick_links) == (key in expected), key
    for always in ("programme:timeline", "partnerships:partners", "partnerships:people"):
        assert reverse(always, kwargs={"partnership_slug": partnership.slug}) in quick_links
    public = reverse("public:page", kwargs={"partnership_slug": partnership.slug})
    assert public in quick_links  # the fixture partnership is public


def test_a_private_partnership_has_no_public_page_link(client_as, other_partnership):
    html = client_as(other_partnership, Role.COORDINATOR).get(home(other_partnership)).content
    assert (
        reverse("public:page", kwargs={"partnership_slug": other_partnership.slug}).encode()
        not in html
    )


def test_home_needs_membership(client, client_as, partnership, other_partnership):
    anonymous = client.get(home(partnership))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:sign-in"))
    assert client_as(other_partnership, Role.COORDINATOR).get(home(partnership)).status_code == 404
    assert client_as(partnership, Role.GUEST).get(home(other_partnership)).status_code == 404


def test_home_queries_do_not_grow_with_the_programme(
    signed_in, partnership, django_assert_max_num_queries
):
    now = timezone.now()
    build_programme(partnership, 10, year=now.year)
    for days in (-1, 1):  # something in the past and something to come, whatever the date
        f.ActivityFactory(
            partnership=partnership,
            starts_at=now + dt.timedelta(days=days),
            ends_at=now + dt.timedelta(days=days, hours=1),
        )
    with CaptureQueriesContext(connection) as small:
        assert signed_in.get(home(partnership)).status_code == 200
    assert len(small) <= 20
    build_programme(partnership, 40, start=10, year=now.year)
    with django_assert_max_num_queries(len(small)):
        response = signed_in.get(home(partnership))
    assert len(response.context["recent"]) == 5


def test_the_lists_are_cached_until_something_changes(signed_in, partnership):
    start = timezone.now() + dt.timedelta(days=3)
    f.ActivityFactory(
        partnership=partnership,
        title="The first roundtable",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    with CaptureQueriesContext(connection) as cold:
        first = signed_in.get(home(partnership)).content.decode()
    with CaptureQueriesContext(connection) as warm:
        again = signed_in.get(home(partnership)).content.decode()
    assert "The first roundtable" in first
    assert "The first roundtable" in again
    assert len(warm) < len(cold)  # the lists were not read again

    f.ActivityFactory(
        partnership=partnership,
        title="The second roundtable",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    after = signed_in.get(home(partnership)).content.decode()
    assert "The second roundtable" in _section(after, "Coming up", "Recently")
