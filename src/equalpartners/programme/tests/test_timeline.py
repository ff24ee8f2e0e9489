"""The timeline: activities, milestones and outputs merged into one dated sequence.

Covers completeness and order (including activities in different time zones, each dated by
its own local day), grouping by year and month, the partner and kind filters, one year at a
time, what the public sees, and a property-based check against a brute-force sort. The page
itself is tested here too: month headings, past and future marked relative to today, filters
and year navigation.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import zoneinfo

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equalpartners.core.capabilities import Role
from equalpartners.programme import selectors
from equalpartners.programme.models import Activity, Milestone, Output
from equalpartners.programme.tests.builders import entries_shown
from equalpartners.programme.timeline import group_by_month, timeline_entries
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")
UTC = dt.UTC


def _at(year, month, day, hour=10, zone=LONDON):
    return dt.datetime(year, month, day, hour, tzinfo=zone)


def _entries(partnership, **kwargs):
    return list(timeline_entries(user=None, partnership=partnership, **kwargs))


@pytest.fixture
def world(partnership, partners, other_partnership):
    leaders, children, health = (partners[n] for n in ("Leaders Org", "Children Org", "Health Org"))
    f.ActivityFactory(
        partnership=partnership,
        title="Opening event",
        kind="event",
        starts_at=_at(2025, 9, 10),
        ends_at=_at(2025, 9, 10, 16),
        lead_partners=[leaders, children, health],
        visibility="public",
    )
    roundtable = f.ActivityFactory(
        partnership=partnership,
        title="Roundtable",
        kind="roundtable",
        starts_at=_at(2026, 1, 22),
        ends_at=_at(2026, 1, 22, 13),
        lead_partners=[children],
    )
    roundtable.co_partners.set([leaders])
    f.ActivityFactory(
        partnership=partnership,
        title="Summit",
        kind="summit",
        starts_at=_at(2026, 3, 5, 9),
        ends_at=_at(2026, 3, 5, 17),
        lead_partners=[leaders],
        visibility="public",
    )
    agreed = f.MilestoneFactory(
        partnership=partnership, title="Programme agreed", date=dt.date(2025, 9, 1)
    )
    agreed.partners.set([leaders, children, health])
    review = f.MilestoneFactory(partnership=partnership, title="Review", date=dt.date(2026, 3, 5))
    review.partners.set([health])
    report = f.OutputFactory(
        partnership=partnership,
        title="Research report",
        kind="research",
        published_on=dt.date(2026, 1, 22),
        is_public=True,
    )
    report.partners.set([leaders])
    notes = f.OutputFactory(
        partnership=partnership,
        title="Roundtable notes",
        kind="resource",
        published_on=dt.date(2026, 2, 5),
    )
    notes.partners.set([children])
    return {"leaders": leaders, "children": children, "health": health}


def test_every_entry_appears_once_in_date_order(world, partnership):
    entries = _entries(partnership)
    assert [(e.on, e.title) for e in entries] == [
        (dt.date(2025, 9, 1), "Programme agreed"),
        (dt.date(2025, 9, 10), "Opening event"),
        (dt.date(2026, 1, 22), "Research report"),
        (dt.date(2026, 1, 22), "Roundtable"),
        (dt.date(2026, 2, 5), "Roundtable notes"),
        (dt.date(2026, 3, 5), "Review"),
        (dt.date(2026, 3, 5), "Summit"),
    ]
    assert len({e.uid for e in entries}) == len(entries)


def test_entries_carry_what_the_page_and_exports_show(world, partnership):
    by_title = {e.title: e for e in _entries(partnership)}
    roundtable = by_title["Roundtable"]
    activity = Activity.objects.get(title="Roundtable")
    assert roundtable.kind == "roundtable"
    assert roundtable.kind_label == "Roundtable"
    assert roundtable.url == activity.get_absolute_url()
    assert roundtable.partners == ["Children Org"]
    assert roundtable.starts_at == _at(2026, 1, 22)
    assert roundtable.starts_at.utcoffset() == dt.timedelta(0)
    assert roundtable.time_zone == "Europe/London"
    assert roundtable.status_label == "Planned"
    assert roundtable.uid == f"activity-{activity.pk}"
    assert roundtable.when_text == "Thursday 22 January, 10:00 GMT (Europe/London)"
    summit = by_title["Summit"]
    assert summit.when_text == "Thursday 5 March, 09:00 GMT (Europe/London)"
    report = by_title["Research report"]
    assert (report.kind, report.kind_label) == ("output", "Output: research")
    assert report.starts_at is None
    assert report.when_text == "Thursday 22 January"
    review = by_title["Review"]
    assert (review.kind, review.partners) == ("milestone", ["Health Org"])
    assert review.url == Milestone.objects.get(title="Review").get_absolute_url()


def test_a_summer_activity_is_shown_at_its_local_time(partnership):
    f.ActivityFactory(
        partnership=partnership,
        title="Gathering",
        starts_at=_at(2026, 7, 1, 14),
        ends_at=_at(2026, 7, 1, 15),
    )
    (entry,) = _entries(partnership)
    assert entry.starts_at.hour == 14
    assert entry.when_text == "Wednesday 1 July, 14:00 BST (Europe/London)"


def test_grouped_by_year_and_month(world, partnership):
    groups = group_by_month(_entries(partnership))
    assert [g.year for g in groups] == [2025, 2026]
    assert [[m.label for m in g.months] for g in groups] == [
        ["September 2025"],
        ["January 2026", "February 2026", "March 2026"],
    ]
    assert [e.title for e in groups[1].months[0].entries] == ["Research report", "Roundtable"]
    assert sum(len(m.entries) for g in groups for m in g.months) == 7


def test_group_by_month_of_nothing_is_empty():
    assert group_by_month([]) == []


@pytest.mark.parametrize(
    ("partner", "expected"),
    [
        (
            "leaders",
            ["Programme agreed", "Opening event", "Research report", "Roundtable", "Summit"],
        ),
        ("children", ["Programme agreed", "Opening event", "Roundtable", "Roundtable notes"]),
        ("health", ["Programme agreed", "Opening event", "Review"]),
    ],
)
def test_filter_by_partner(world, partnership, partner, expected):
    entries = _entries(partnership, partner_id=world[partner].pk)
    assert [e.title for e in entries] == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("roundtable", ["Roundtable"]),
        ("summit", ["Summit"]),
        ("staff_exchange", []),
        ("milestone", ["Programme agreed", "Review"]),
        ("output", ["Research report", "Roundtable notes"]),
    ],
)
def test_filter_by_kind(world, partnership, kind, expected):
    assert [e.title for e in _entries(partnership, kind=kind)] == expected


def test_one_year_at_a_time(world, partnership):
    assert [e.title for e in _entries(partnership, year=2025)] == [
        "Programme agreed",
        "Opening event",
    ]
    assert len(_entries(partnership, year=2026)) == 5
    assert _entries(partnership, year=2024) == []


def test_the_public_timeline_has_public_activities_and_outputs_only(world, partnership):
    entries = _entries(partnership, public_only=True)
    assert [e.title for e in entries] == ["Opening event", "Research report", "Summit"]


def test_streaming_gives_the_same_entries(world, partnership):
    assert _entries(partnership, stream=True) == _entries(partnership)


def test_activities_in_different_zones_are_ordered_by_their_own_local_day(partnership):
    """Auckland is 13 hours ahead of London in March: its Sunday morning is London's
    Saturday evening, so it comes after a London event on that Saturday evening."""
    auckland = zoneinfo.ZoneInfo("Pacific/Auckland")
    f.ActivityFactory(
        partnership=partnership,
        title="Auckland Sunday breakfast",
        time_zone="Pacific/Auckland",
        starts_at=dt.datetime(2026, 3, 8, 8, tzinfo=auckland),  # 19:00 UTC on 7th
        ends_at=dt.datetime(2026, 3, 8, 9, tzinfo=auckland),
    )
    f.ActivityFactory(
        partnership=partnership,
        title="London Saturday evening",
        starts_at=_at(2026, 3, 7, 20),
        ends_at=_at(2026, 3, 7, 22),
    )
    f.MilestoneFactory(
        partnership=partnership, title="Saturday milestone", date=dt.date(2026, 3, 7)
    )
    entries = _entries(partnership)
    assert [(e.on, e.title) for e in entries] == [
        (dt.date(2026, 3, 7), "Saturday milestone"),
        (dt.date(2026, 3, 7), "London Saturday evening"),
        (dt.date(2026, 3, 8), "Auckland Sunday breakfast"),
    ]
    assert [[m.label for m in g.months] for g in group_by_month(entries)] == [["March 2026"]]


def test_an_activity_belongs_to_the_year_of_its_own_local_day(partnership):
    """New Year's Day in Auckland is still New Year's Eve in London."""
    auckland = zoneinfo.ZoneInfo("Pacific/Auckland")
    f.ActivityFactory(
        partnership=partnership,
        title="New Year breakfast",
        time_zone="Pacific/Auckland",
        starts_at=dt.datetime(2027, 1, 1, 9, tzinfo=auckland),  # 20:00 UTC 31st
        ends_at=dt.datetime(2027, 1, 1, 10, tzinfo=auckland),
    )
    f.MilestoneFactory(partnership=partnership, title="Year end", date=dt.date(2026, 12, 31))
    assert selectors.activity_years(partnership=partnership) == [2026, 2027]
    assert [e.title for e in _entries(partnership, year=2026)] == ["Year end"]
    assert [e.title for e in _entries(partnership, year=2027)] == ["New Year breakfast"]


# A property: the timeline is the brute-force sort of everything, and the years partition it.

ZONES = [
    "Europe/London",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
]
# A few weeks either side of a new year, so that entries crowd onto the same and neighbouring
# days, and local days in far-apart zones fall in different months and years.
DAYS = st.dates(min_value=dt.date(2026, 12, 20), max_value=dt.date(2027, 1, 12))
# Hypothesis takes naive bounds; the starts it draws are read as UTC when the rows are made.
FIRST = dt.datetime(2026, 12, 20)  # noqa: DTZ001
LAST = dt.datetime(2027, 1, 12)  # noqa: DTZ001
ACTIVITIES = st.lists(
    st.tuples(
        st.datetimes(min_value=FIRST, max_value=LAST),
        st.sampled_from(ZONES),
        st.integers(min_value=0, max_value=48 * 60),
    ),
    max_size=12,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    activities=ACTIVITIES, milestones=st.lists(DAYS, max_size=6), outputs=st.lists(DAYS, max_size=6)
)
def test_the_timeline_is_a_complete_sorted_merge(partnership, activities, milestones, outputs):
    with transaction.atomic():
        made = Activity.objects.bulk_create(
            Activity(
                partnership=partnership,
                kind="event",
                title=f"A{i}",
                starts_at=start.replace(tzinfo=UTC),
                ends_at=start.replace(tzinfo=UTC) + dt.timedelta(minutes=minutes),
                time_zone=zone,
            )
            for i, (start, zone, minutes) in enumerate(activities)
        )
        made_milestones = Milestone.objects.bulk_create(
            Milestone(partnership=partnership, title=f"M{i}", date=day)
            for i, day in enumerate(milestones)
        )
        made_outputs = Output.objects.bulk_create(
            Output(partnership=partnership, kind="report", title=f"O{i}", published_on=day)
            for i, day in enumerate(outputs)
        )
        expected = {f"activity-{a.pk}": a.starts_at.astimezone(a.zone).date() for a in made}
        expected |= {f"milestone-{m.pk}": m.date for m in made_milestones}
        expected |= {f"output-{o.pk}": o.published_on for o in made_outputs}
        brute_force = sorted(expected.values())

        entries = _entries(partnership)
        assert collections.Counter(e.uid for e in entries) == collections.Counter(expected.keys())
        assert [e.on for e in entries] == brute_force
        assert all(e.on == expected[e.uid] for e in entries)
        starts = [e.starts_at for e in entries if e.starts_at is not None]
        for earlier, later in itertools.pairwise(entries):
            if earlier.on == later.on and earlier.starts_at and later.starts_at:
                assert earlier.starts_at <= later.starts_at
        assert len(starts) == len(made)

        groups = group_by_month(entries)
        months = [(g.year, m.entries[0].on.month) for g in groups for m in g.months]
        assert months == sorted(set(months)), "a month appears twice or out of order"
        assert [e for g in groups for m in g.months for e in m.entries] == entries

        years = selectors.activity_years(partnership=partnership)
        assert years == sorted({day.year for day in brute_force})
        by_year = [e.uid for year in years for e in _entries(partnership, year=year)]
        assert by_year == [e.uid for e in entries]
        transaction.set_rollback(True)


# The page


def _timeline(client, partnership, query=""):
    url = reverse("programme:timeline", kwargs={"partnership_slug": partnership.slug})
    return client.get(url + query)


def test_the_page_marks_past_and_future_relative_to_today(signed_in, partnership):
    today = timezone.localdate()
    yesterday, tomorrow = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    f.MilestoneFactory(partnership=partnership, title="Yesterday's milestone", date=yesterday)
    f.MilestoneFactory(partnership=partnership, title="Today's milestone", date=today)
    f.ActivityFactory(
        partnership=partnership,
        title="Tomorrow's roundtable",
        starts_at=dt.datetime.combine(tomorrow, dt.time(10), tzinfo=LONDON),
        ends_at=dt.datetime.combine(tomorrow, dt.time(12), tzinfo=LONDON),
    )
    response = _timeline(signed_in, partnership, "?year=all")
    assert response.status_code == 200
    html = response.content.decode()
    items = {}
    for title in ("Yesterday's milestone", "Today's milestone", "Tomorrow's roundtable"):
        position = html.index(title.replace("'", "&#x27;"))
        start = html.rindex('<li class="timeline__item', 0, position)
        items[title] = html[start:position]
    assert "timeline__item--past" in items["Yesterday's milestone"]
    assert ">Past<" in items["Yesterday's milestone"]
    assert ">Today<" in items["Today's milestone"]
    assert "timeline__item--future" in items["Tomorrow's roundtable"]
    assert ">Coming up<" in items["Tomorrow's roundtable"]
    assert response.context["today"] == today


def test_the_page_shows_this_year_by_default_with_links_to_the_others(
    signed_in, partnership, world
):
    today = timezone.localdate()
    f.MilestoneFactory(partnership=partnership, title="This year", date=today)
    response = _timeline(signed_in, partnership)
    assert response.context["year"] == today.year
    assert response.context["years"] == sorted({2025, 2026, today.year})
    html = response.content.decode()
    assert "This year" in html
    assert 'href="?year=2025"' in html
    assert 'href="?year=all"' in html
    assert '<span aria-current="page">' + str(today.year) in html


def test_the_page_for_one_year_groups_by_month(signed_in, partnership, world):
    response = _timeline(signed_in, partnership, "?year=2026")
    assert response.context["year"] == 2026
    assert entries_shown(response) == 5
    groups = response.context["groups"]
    assert [m.label for g in groups for m in g.months] == [
        "January 2026",
        "February 2026",
        "March 2026",
    ]
    html = response.content.decode()
    assert html.index("January 2026") < html.index("February 2026") < html.index("March 2026")
    assert "Opening event" not in html
    assert "Timeline: 2026" in html


def test_all_years_and_an_unknown_year(signed_in, partnership, world):
    everything = _timeline(signed_in, partnership, "?year=all")
    assert everything.context["year"] is None
    assert entries_shown(everything) == 7
    # A year with nothing in it falls back to this year, or else the latest with anything.
    years = selectors.activity_years(partnership=partnership)
    this_year = timezone.localdate().year
    expected = this_year if this_year in years else years[-1]
    for asked in ("1999", "next", ""):
        assert _timeline(signed_in, partnership, f"?year={asked}").context["year"] == expected
    f.MilestoneFactory(partnership=partnership, title="Later", date=dt.date(this_year + 1, 1, 1))
    f.MilestoneFactory(partnership=partnership, title="Now", date=timezone.localdate())
    assert _timeline(signed_in, partnership).context["year"] == this_year


def test_the_page_filters_by_kind_and_partner(signed_in, partnership, world):
    by_kind = _timeline(signed_in, partnership, "?year=all&kind=milestone")
    assert [e.title for g in by_kind.context["groups"] for m in g.months for e in m.entries] == [
        "Programme agreed",
        "Review",
    ]
    by_partner = _timeline(signed_in, partnership, f"?year=all&partner={world['health'].pk}")
    assert [e.title for g in by_partner.context["groups"] for m in g.months for e in m.entries] == [
        "Programme agreed",
        "Opening event",
        "Review",
    ]
    # A stale partner in the address does not drop the kind filter.
    stale = _timeline(signed_in, partnership, "?year=all&kind=milestone&partner=999999")
    assert [e.title for g in stale.context["groups"] for m in g.months for e in m.entries] == [
        "Programme agreed",
        "Review",
    ]
    html = by_partner.content.decode()
    # The year links and the downloads keep the filter.
    assert f"partner={world['health'].pk}&amp;year=2025" in html
    assert f"timeline.csv?partner={world['health'].pk}" in html


def test_an_empty_timeline_says_so(signed_in, partnership):
    response = _timeline(signed_in, partnership)
    assert response.status_code == 200
    assert response.context["years"] == []
    assert "Nothing on the timeline" in response.content.decode()


@pytest.mark.parametrize("role", [Role.GUEST, Role.BOARD_MEMBER])
def test_every_member_may_read_the_timeline(client_as, partnership, world, role):
    response = _timeline(client_as(partnership, role), partnership, "?year=all")
    assert response.status_code == 200
    assert entries_shown(response) == 7


def test_the_timeline_of_a_partnership_you_are_not_in_is_404(
    client_as, partnership, other_partnership
):
    client = client_as(partnership, Role.COORDINATOR)
    assert _timeline(client, other_partnership).status_code == 404
