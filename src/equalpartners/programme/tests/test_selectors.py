"""Programme selectors: which activities a visitor sees, and the programme's filters.

As implemented, every member of a partnership (whatever their role, guests included) sees the
whole programme, whatever each activity's visibility; ``public_only`` (the public page and
feed) narrows it to public activities. Nothing from another partnership ever appears.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.programme import selectors
from equalpartners.programme.models import Theme
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def by_visibility(partnership):
    return {
        visibility: f.ActivityFactory(
            partnership=partnership, visibility=visibility, title=f"{visibility} activity"
        )
        for visibility in ("public", "partners", "invited")
    }


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.STAFF, Role.PUBLIC_PARTNER, Role.GUEST])
def test_every_member_sees_the_whole_programme(
    partnership, other_partnership, by_visibility, make_member, role
):
    user = make_member(partnership, role)
    seen = selectors.activities_visible_to(user=user, partnership=partnership)
    assert set(seen) == set(by_visibility.values())


def test_the_public_see_public_activities_only(partnership, other_partnership, by_visibility):
    seen = selectors.activities_visible_to(user=None, partnership=partnership, public_only=True)
    assert list(seen) == [by_visibility["public"]]
    listed = selectors.activity_list(user=None, partnership=partnership, public_only=True)
    assert list(listed) == [by_visibility["public"]]


def test_another_partnerships_public_activity_never_appears(partnership, other_partnership):
    assert not selectors.activities_visible_to(
        user=None, partnership=partnership, public_only=True
    ).exists()
    assert list(
        selectors.activities_visible_to(user=None, partnership=other_partnership, public_only=True)
    ) == list(other_partnership.activities.all())


@pytest.fixture
def programme(partnership, partners, other_partnership):
    """Six activities with known kinds, statuses, partners and themes."""
    leaders, children, health = (partners[n] for n in ("Leaders Org", "Children Org", "Health Org"))
    lead_theme = Theme.objects.create(partnership=partnership, name="Leadership")
    health_theme = Theme.objects.create(partnership=partnership, name="Health")

    def make(title, kind, status, lead=(), co=(), themes=()):
        activity = f.ActivityFactory(
            partnership=partnership, title=title, kind=kind, status=status, lead_partners=list(lead)
        )
        activity.co_partners.set(co)
        activity.themes.set(themes)
        return activity

    return {
        "activities": {
            "opening": make(
                "Opening",
                "event",
                "done",
                [leaders, children, health],
                (),
                [lead_theme, health_theme],
            ),
            "roundtable": make(
                "Roundtable", "roundtable", "done", [children], [leaders, health], [lead_theme]
            ),
            "gathering": make(
                "Gathering", "gathering_session", "done", [health], [leaders], [health_theme]
            ),
            "summit": make("Summit", "summit", "confirmed", [leaders], [children]),
            "boards": make(
                "Boards", "board_session", "planned", [leaders], [children, health], [lead_theme]
            ),
            "idea": make("Idea", "other", "idea"),
        },
        "partners": {"leaders": leaders, "children": children, "health": health},
        "themes": {"leadership": lead_theme, "health": health_theme},
    }


def _titles(queryset):
    titles = [a.title for a in queryset]
    assert len(titles) == len(set(titles)), "an activity was listed twice"
    return set(titles)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"Opening", "Roundtable", "Gathering", "Summit", "Boards", "Idea"}),
        ({"kind": "roundtable"}, {"Roundtable"}),
        ({"kind": "staff_exchange"}, set()),
        ({"status": "done"}, {"Opening", "Roundtable", "Gathering"}),
        ({"status": "planned"}, {"Boards"}),
        ({"partner": "leaders"}, {"Opening", "Roundtable", "Gathering", "Summit", "Boards"}),
        ({"partner": "children"}, {"Opening", "Roundtable", "Summit", "Boards"}),
        ({"partner": "health"}, {"Opening", "Roundtable", "Gathering", "Boards"}),
        ({"theme": "leadership"}, {"Opening", "Roundtable", "Boards"}),
        ({"theme": "health"}, {"Opening", "Gathering"}),
        ({"partner": "health", "theme": "leadership"}, {"Opening", "Roundtable", "Boards"}),
        ({"partner": "children", "status": "done"}, {"Opening", "Roundtable"}),
        ({"kind": "summit", "partner": "health"}, set()),
        ({"kind": "event", "status": "done", "partner": "leaders", "theme": "health"}, {"Opening"}),
    ],
)
def test_filters_return_exactly_the_matching_activities(
    partnership, coordinator, programme, filters, expected
):
    arguments = {
        "kind": filters.get("kind", ""),
        "status": filters.get("status", ""),
        "partner_id": programme["partners"][filters["partner"]].pk
        if "partner" in filters
        else None,
        "theme_id": programme["themes"][filters["theme"]].pk if "theme" in filters else None,
    }
    found = selectors.activity_list(user=coordinator, partnership=partnership, **arguments)
    assert _titles(found) == expected
    assert [a.starts_at for a in found] == sorted(a.starts_at for a in found)


def test_a_partner_of_another_partnership_matches_nothing(
    partnership, coordinator, programme, other_partnership
):
    outsider = other_partnership.partners.get()
    assert not selectors.activity_list(
        user=coordinator, partnership=partnership, partner_id=outsider.pk
    ).exists()


def test_year_filter(partnership, coordinator):
    f.ActivityFactory(
        partnership=partnership,
        title="Last year",
        starts_at=dt.datetime(2025, 12, 31, 23, tzinfo=LONDON),
        ends_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=LONDON),
    )
    f.ActivityFactory(
        partnership=partnership,
        title="This year",
        starts_at=dt.datetime(2026, 1, 1, 0, 30, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 1, 1, 1, tzinfo=LONDON),
    )
    found = selectors.activity_list(user=coordinator, partnership=partnership, year=2026)
    assert _titles(found) == {"This year"}


def test_activity_in_finds_only_this_partnerships_activity(partnership, other_partnership):
    mine = f.ActivityFactory(partnership=partnership)
    theirs = other_partnership.activities.get()
    assert selectors.activity_in(partnership=partnership, activity_id=mine.pk) == mine
    assert selectors.activity_in(partnership=partnership, activity_id=theirs.pk) is None
    assert selectors.activity_in(partnership=other_partnership, activity_id=mine.pk) is None


def test_milestones_and_outputs_by_partner(partnership, partners):
    leaders, health = partners["Leaders Org"], partners["Health Org"]
    shared = f.MilestoneFactory(partnership=partnership, title="Shared")
    shared.partners.set([leaders, health])
    f.MilestoneFactory(partnership=partnership, title="Nobody's")
    report = f.OutputFactory(partnership=partnership, title="Report", is_public=True)
    report.partners.set([health])
    f.OutputFactory(partnership=partnership, title="Private notes")
    assert [
        m.title for m in selectors.milestones_of(partnership=partnership, partner_id=leaders.pk)
    ] == ["Shared"]
    assert [
        o.title for o in selectors.outputs_of(partnership=partnership, partner_id=health.pk)
    ] == ["Report"]
    assert [o.title for o in selectors.outputs_of(partnership=partnership, public_only=True)] == [
        "Report"
    ]
    assert selectors.milestone_in(partnership=partnership, milestone_id=shared.pk) == shared
    assert selectors.output_in(partnership=partnership, output_id=report.pk) == report


def test_activity_years_spans_activities_milestones_and_outputs(partnership, other_partnership):
    f.ActivityFactory(partnership=partnership, starts_at=dt.datetime(2025, 6, 1, 10, tzinfo=LONDON))
    f.MilestoneFactory(partnership=partnership, date=dt.date(2027, 1, 5))
    f.OutputFactory(partnership=partnership, published_on=dt.date(2023, 4, 1))
    f.ActivityFactory(
        partnership=other_partnership, starts_at=dt.datetime(2030, 1, 1, 10, tzinfo=LONDON)
    )
    assert selectors.activity_years(partnership=partnership) == [2023, 2025, 2027]
