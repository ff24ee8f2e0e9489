"""Actions on the timeline: each on the day it was committed to and, once done, on the day it
was done, both in the partnership's time zone; with the kind, partner and year filters, the
list of years, the page, and the CSV and iCalendar exports. The public timeline has none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import pytest
from django.urls import reverse
from django_scopes import scope

from equalpartners.programme import selectors
from equalpartners.programme.exports import CSV_HEADER
from equalpartners.programme.models import Action
from equalpartners.programme.tests.builders import make_action
from equalpartners.programme.timeline import timeline_entries
from equalpartners.testing import factories as f

UTC = dt.UTC


def _entries(partnership, **kwargs):
    return list(timeline_entries(user=None, partnership=partnership, **kwargs))


def _at(action, created_at, completed_at=None):
    Action.objects.filter(pk=action.pk).update(created_at=created_at, completed_at=completed_at)


@pytest.fixture
def actions(partnership, partners):
    health, leaders = partners["Health Org"], partners["Leaders Org"]
    new_year = make_action(partnership, what="Write to the minister", owner_partner=health)
    # 23:30 UTC on 31 December is still 31 December in London (GMT in winter): 2025.
    _at(new_year, dt.datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    done = make_action(
        partnership, what="Change our induction", owner_partner=leaders, status="done"
    )
    # Committed in spring; done at 23:30 UTC on 30 June, which is 1 July in London (BST).
    _at(
        done,
        dt.datetime(2026, 3, 5, 12, tzinfo=UTC),
        dt.datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
    )
    f.ActivityFactory(
        partnership=partnership,
        title="Summit",
        starts_at=dt.datetime(2026, 4, 1, 9, tzinfo=UTC),
        ends_at=dt.datetime(2026, 4, 1, 17, tzinfo=UTC),
        visibility="public",
    )
    return {"new_year": new_year, "done": done}


def test_actions_appear_when_committed_and_when_done(partnership, actions):
    entries = [(e.on, e.kind, e.kind_label, e.title) for e in _entries(partnership)]
    assert entries == [
        (dt.date(2025, 12, 31), "action", "Action committed", "Write to the minister"),
        (dt.date(2026, 3, 5), "action", "Action committed", "Change our induction"),
        (dt.date(2026, 4, 1), "event", "Event", "Summit"),
        (dt.date(2026, 7, 1), "action", "Action done", "Change our induction"),
    ]
    done = next(e for e in _entries(partnership) if e.kind_label == "Action done")
    assert done.url == actions["done"].get_absolute_url()
    assert done.partners == ["Leaders Org"]
    assert done.status_label == "Done"
    assert done.uid == f"action-done-{actions['done'].pk}"
    assert "Due by 1 June 2026" in done.summary


def test_kind_partner_and_year_filters(partnership, partners, actions):
    assert [e.title for e in _entries(partnership, kind="action")] == [
        "Write to the minister",
        "Change our induction",
        "Change our induction",
    ]
    assert [e.title for e in _entries(partnership, partner_id=partners["Health Org"].pk)] == [
        "Write to the minister"
    ]
    assert [(e.on, e.title) for e in _entries(partnership, year=2026, kind="action")] == [
        (dt.date(2026, 3, 5), "Change our induction"),
        (dt.date(2026, 7, 1), "Change our induction"),
    ]
    assert [e.title for e in _entries(partnership, year=2025)] == ["Write to the minister"]
    assert selectors.activity_years(partnership=partnership) == [2025, 2026]


def test_the_public_timeline_has_no_actions(partnership, actions):
    assert [e.title for e in _entries(partnership, public_only=True)] == ["Summit"]


def test_streaming_gives_the_same_entries(partnership, actions):
    assert _entries(partnership, stream=True) == _entries(partnership)


def test_the_timeline_page_and_its_filter_show_actions(signed_in, partnership, actions):
    address = reverse("programme:timeline", kwargs={"partnership_slug": partnership.slug})
    body = signed_in.get(address + "?year=all&kind=action").content.decode()
    assert "Action committed" in body
    assert "Action done" in body
    assert ">Summit</a>" not in body
    assert actions["done"].get_absolute_url() in body


def _read(response):
    with scope():
        return b"".join(response.streaming_content)


def test_the_timeline_exports_include_actions(signed_in, partnership, actions):
    slug = {"partnership_slug": partnership.slug}
    body = _read(signed_in.get(reverse("programme:timeline-csv", kwargs=slug)))
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0] == CSV_HEADER
    records = [dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]]
    assert [(r["date"], r["kind"]) for r in records if r["kind"].startswith("Action")] == [
        ("2025-12-31", "Action committed"),
        ("2026-03-05", "Action committed"),
        ("2026-07-01", "Action done"),
    ]

    calendar = icalendar.Calendar.from_ical(
        _read(signed_in.get(reverse("programme:timeline-ics", kwargs=slug)))
    )
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    done = events[f"action-done-{actions['done'].pk}@testserver"]
    assert done.decoded("dtstart") == dt.date(2026, 7, 1)  # a whole day
    assert str(done["summary"]) == "Change our induction"
    assert len(events) == 4
