"""The public face: a public partnership's page, readable signed out, and the landing page.

The public page shows the purpose, commitments, partners, public activities and public
outputs (never partners-only or invited activities, milestones or internal outputs), how to
get in touch and the partnership's links. A private partnership's page is 404, as is one
that does not exist. The landing page lists public partnerships only.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from equalpartners.core.capabilities import Role
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

LONDON = zoneinfo.ZoneInfo("Europe/London")


def public_page(partnership):
    return reverse("public:page", kwargs={"partnership_slug": partnership.slug})


@pytest.fixture
def shared(partnership, partners_by_name):
    partnership.contact_email = "hello@example.org"
    partnership.save()
    f.PublicLinkFactory(
        partnership=partnership,
        label="Join the Optimists' Network",
        url="https://www.linkedin.com/groups/6941914/",
    )
    leaders = partners_by_name["Leaders Org"]
    leaders.organisation.website = "https://leaders.example.org"
    leaders.organisation.save()

    def activity(title, visibility, month):
        start = dt.datetime(2026, month, 10, 10, tzinfo=LONDON)
        return f.ActivityFactory(
            partnership=partnership,
            title=title,
            visibility=visibility,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            lead_partners=[leaders],
        )

    return {
        "summit": activity("Equal Partners Summit", "public", 3),
        "gathering": activity("Session at the Third Sector Gathering", "public", 6),
        "roundtable": activity("Roundtable for partners", "partners", 1),
        "boards": activity("Boards together, by invitation", "invited", 9),
        "milestone": f.MilestoneFactory(
            partnership=partnership, title="Internal milestone", date=dt.date(2026, 2, 1)
        ),
        "report": f.OutputFactory(
            partnership=partnership,
            title="Published research",
            published_on=dt.date(2026, 4, 1),
            is_public=True,
        ),
        "notes": f.OutputFactory(
            partnership=partnership, title="Internal notes", published_on=dt.date(2026, 4, 2)
        ),
    }


@pytest.fixture
def partners_by_name(partnership):
    return {p.organisation.name: p for p in partnership.partners.select_related("organisation")}


def test_the_public_page_is_readable_signed_out(client, partnership, shared, other_partnership):
    response = client.get(public_page(partnership))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Equal Partners Test",
        "Working together as equals.",
        "Tackling inequalities",
        "Children Org",
        "Health Org",
        "Leaders Org",
        "Leadership",
        "To lead well.",
        'href="https://leaders.example.org"',
        "Equal Partners Summit",
        "Session at the Third Sector Gathering",
        "Published research",
        "mailto:hello@example.org",
        "Join the Optimists&#x27; Network",
        'href="https://www.linkedin.com/groups/6941914/"',
        reverse("public:timeline-ics", kwargs={"partnership_slug": partnership.slug}),
    ):
        assert text in html, text
    for hidden in (
        "Roundtable for partners",
        "Boards together",
        "Internal milestone",
        "Internal notes",
        other_partnership.activities.get().title,
    ):
        assert hidden not in html, hidden


def test_the_public_timeline_is_in_order_by_month_without_member_links(client, partnership, shared):
    response = client.get(public_page(partnership))
    groups = response.context["groups"]
    assert [(m.label, [e.title for e in m.entries]) for g in groups for m in g.months] == [
        ("March 2026", ["Equal Partners Summit"]),
        ("April 2026", ["Published research"]),
        ("June 2026", ["Session at the Third Sector Gathering"]),
    ]
    html = response.content.decode()
    # Members' pages are not linked from the public page, nor is the members' navigation.
    assert shared["summit"].get_absolute_url() not in html
    assert (
        reverse("programme:activities", kwargs={"partnership_slug": partnership.slug}) not in html
    )
    assert "Sign in" in html


def test_a_member_sees_the_same_public_page(client_as, partnership, shared):
    response = client_as(partnership, Role.COORDINATOR).get(public_page(partnership))
    assert response.status_code == 200
    assert "Roundtable for partners" not in response.content.decode()


def test_a_private_partnerships_public_page_is_404(client, client_as, other_partnership):
    assert client.get(public_page(other_partnership)).status_code == 404
    # Even for its own members: the page exists only for public partnerships.
    member = client_as(other_partnership, Role.COORDINATOR)
    assert member.get(public_page(other_partnership)).status_code == 404


def test_a_partnership_that_does_not_exist_is_404(client, db):
    assert (
        client.get(reverse("public:page", kwargs={"partnership_slug": "nobody"})).status_code == 404
    )
    assert (
        client.get(
            reverse("public:timeline-ics", kwargs={"partnership_slug": "nobody"})
        ).status_code
        == 404
    )


def test_a_public_page_with_nothing_public_yet(client, db):
    quiet = f.PartnershipFactory(slug="quiet", is_public=True, contact_email="")
    html = client.get(public_page(quiet)).content.decode()
    assert "Nothing on the timeline" in html
    assert "mailto:" not in html


# The landing page


def test_the_landing_page_lists_public_partnerships_only(client, partnership, other_partnership):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("accounts:sign-in") in html
    assert public_page(partnership) in html
    assert "Equal Partners Test" in html
    assert "Elsewhere" not in html
    assert public_page(other_partnership) not in html


def test_the_landing_page_without_public_partnerships(client, other_partnership):
    html = client.get(reverse("home")).content.decode()
    assert "Partnerships that share their work" not in html
    assert "Sign in" in html


def test_signed_in_people_go_to_their_partnerships(client, coordinator):
    client.force_login(coordinator, backend=MODEL_BACKEND)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mine")
