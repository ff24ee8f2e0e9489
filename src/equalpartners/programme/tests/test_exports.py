"""The timeline's CSV and iCalendar exports, and the public calendar feed.

Each export is fetched through its view, read back with the ``csv`` module or the
``icalendar`` library, and compared with the timeline entries. Both are streamed; the stream
is read with the tenant guard on and no partnership in scope, as it is after the view has
returned, so an export that forgot to re-enter its partnership's scope would fail here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo

import icalendar
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django_scopes import scope

from equalpartners.core.capabilities import Role
from equalpartners.programme.exports import CSV_HEADER, timeline_csv
from equalpartners.programme.timeline import TimelineEntry, timeline_entries
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def world(partnership, partners):
    leaders, health = partners["Leaders Org"], partners["Health Org"]
    summer = f.ActivityFactory(
        partnership=partnership,
        title="Summer roundtable",
        kind="roundtable",
        starts_at=dt.datetime(2026, 7, 10, 10, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 7, 10, 13, tzinfo=LONDON),
        venue="Glasgow",
        summary="Progressive universalism.",
        lead_partners=[leaders, health],
        visibility="public",
        status="confirmed",
    )
    winter = f.ActivityFactory(
        partnership=partnership,
        title="Winter webinar",
        kind="event",
        time_zone="America/New_York",
        starts_at=dt.datetime(2026, 1, 15, 9, tzinfo=NEW_YORK),
        ends_at=dt.datetime(2026, 1, 15, 10, 30, tzinfo=NEW_YORK),
        visibility="partners",
        status="cancelled",
    )
    invited = f.ActivityFactory(
        partnership=partnership,
        title="Boards together",
        kind="board_session",
        starts_at=dt.datetime(2026, 10, 25, 17, 30, tzinfo=LONDON),  # the day the clocks change
        ends_at=dt.datetime(2026, 10, 25, 20, tzinfo=LONDON),
        visibility="invited",
    )
    milestone = f.MilestoneFactory(
        partnership=partnership, title="Programme agreed", date=dt.date(2026, 2, 1)
    )
    milestone.partners.set([leaders])
    public_report = f.OutputFactory(
        partnership=partnership,
        title="The report",
        published_on=dt.date(2026, 8, 1),
        is_public=True,
    )
    f.OutputFactory(
        partnership=partnership, title="Internal notes", published_on=dt.date(2026, 8, 2)
    )
    return {
        "summer": summer,
        "winter": winter,
        "invited": invited,
        "milestone": milestone,
        "public_report": public_report,
    }


def _read(response):
    """The streamed body, read as it is after the view returns: guard on, no tenant."""
    assert isinstance(response, StreamingHttpResponse)
    assert response.streaming
    with scope():
        return b"".join(response.streaming_content)  # type: ignore[arg-type]  # sync view


def _url(name, partnership):
    return reverse(name, kwargs={"partnership_slug": partnership.slug})


# CSV


def test_the_csv_lists_every_entry_in_order(signed_in, partnership, world):
    response = signed_in.get(_url("programme:timeline-csv", partnership))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ept-timeline.csv"'
    body = _read(response)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0] == CSV_HEADER
    entries = list(timeline_entries(user=None, partnership=partnership))
    assert (
        [row[2] for row in rows[1:]]
        == [e.title for e in entries]
        == [
            "Winter webinar",
            "Programme agreed",
            "Summer roundtable",
            "The report",
            "Internal notes",
            "Boards together",
        ]
    )
    records = {row[2]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
    assert records["Summer roundtable"] == {
        "date": "2026-07-10",
        "kind": "Roundtable",
        "title": "Summer roundtable",
        "status": "Confirmed",
        "starts": "2026-07-10 10:00",
        "ends": "2026-07-10 13:00",
        "time zone": "Europe/London",
        "partners": "Health Org; Leaders Org",
        "venue": "Glasgow",
        "link": "http://testserver" + world["summer"].get_absolute_url(),
    }
    winter = records["Winter webinar"]
    assert (winter["starts"], winter["ends"], winter["time zone"], winter["status"]) == (
        "2026-01-15 09:00",
        "2026-01-15 10:30",
        "America/New_York",
        "Cancelled",
    )
    milestone = records["Programme agreed"]
    assert (milestone["date"], milestone["kind"], milestone["starts"], milestone["partners"]) == (
        "2026-02-01",
        "Milestone",
        "",
        "Leaders Org",
    )
    assert records["The report"]["kind"] == "Output: report"


def test_the_csv_follows_the_filters(signed_in, partnership, world):
    url = _url("programme:timeline-csv", partnership) + "?kind=milestone"
    rows = list(csv.reader(io.StringIO(_read(signed_in.get(url)).decode("utf-8-sig"))))
    assert [row[2] for row in rows[1:]] == ["Programme agreed"]


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_a_title_that_looks_like_a_formula_is_neutralised(
    signed_in, partnership, coordinator, dangerous
):
    f.ActivityFactory(partnership=partnership, title=dangerous, venue=dangerous)
    body = _read(signed_in.get(_url("programme:timeline-csv", partnership)))
    (row,) = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
    record = dict(zip(CSV_HEADER, row, strict=True))
    assert record["title"] == "'" + dangerous
    assert record["venue"] == "'" + dangerous


def test_a_partner_name_that_looks_like_a_formula_is_neutralised():
    entry = TimelineEntry(
        on=dt.date(2026, 1, 1),
        sort_key=(dt.date(2026, 1, 1), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
        kind="milestone",
        kind_label="Milestone",
        title="Plain title",
        url="/m/1/",
        partners=["=cmd|' /C calc'!A0", "Fine Org"],
    )
    rows = list(csv.reader(io.StringIO("".join(timeline_csv([entry], base_url="https://x")))))
    record = dict(zip(CSV_HEADER, rows[1], strict=True))
    assert record["partners"] == "'=cmd|' /C calc'!A0; Fine Org"
    assert record["title"] == "Plain title"
    assert record["link"] == "https://x/m/1/"


# iCalendar


def _calendar(body):
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_the_calendar_has_one_event_per_entry_in_each_activitys_own_zone(
    signed_in, partnership, world
):
    response = signed_in.get(_url("programme:timeline-ics", partnership))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = _calendar(_read(response))
    assert str(calendar["X-WR-CALNAME"]) == "Equal Partners Test"
    assert len(calendar.walk("VEVENT")) == 6
    assert set(events) == {
        "Summer roundtable",
        "Winter webinar",
        "Boards together",
        "Programme agreed",
        "The report",
        "Internal notes",
    }

    summer = events["Summer roundtable"]
    assert summer["DTSTART"].params["TZID"] == "Europe/London"
    assert summer["DTSTART"].dt == dt.datetime(2026, 7, 10, 10, tzinfo=LONDON)
    assert summer["DTSTART"].dt.utcoffset() == dt.timedelta(hours=1)
    assert summer["DTEND"].dt == dt.datetime(2026, 7, 10, 13, tzinfo=LONDON)
    assert str(summer["LOCATION"]) == "Glasgow"
    assert str(summer["URL"]) == "http://testserver" + world["summer"].get_absolute_url()
    assert str(summer["UID"]) == f"activity-{world['summer'].pk}@testserver"
    assert "Progressive universalism." in str(summer["DESCRIPTION"])
    assert "STATUS" not in summer

    winter = events["Winter webinar"]
    assert winter["DTSTART"].params["TZID"] == "America/New_York"
    assert winter["DTSTART"].dt == dt.datetime(2026, 1, 15, 9, tzinfo=NEW_YORK)
    assert winter["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(2026, 1, 15, 14, tzinfo=dt.UTC)
    assert winter["DTEND"].dt.astimezone(dt.UTC) == dt.datetime(2026, 1, 15, 15, 30, tzinfo=dt.UTC)
    assert str(winter["STATUS"]) == "CANCELLED"

    boards = events["Boards together"]  # after the clocks went back that morning: GMT
    assert boards["DTSTART"].dt.astimezone(dt.UTC) == dt.datetime(
        2026, 10, 25, 17, 30, tzinfo=dt.UTC
    )

    milestone = events["Programme agreed"]  # a whole day, with no time or zone
    assert milestone["DTSTART"].dt == dt.date(2026, 2, 1)
    assert milestone["DTEND"].dt == dt.date(2026, 2, 2)
    assert "TZID" not in milestone["DTSTART"].params

    assert len({str(e["UID"]) for e in events.values()}) == 6


def test_the_calendar_includes_a_vtimezone_for_each_zone_used(signed_in, partnership, world):
    body = _read(signed_in.get(_url("programme:timeline-ics", partnership)))
    calendar, _ = _calendar(body)
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/London", "America/New_York"}
    london = next(tz for tz in calendar.walk("VTIMEZONE") if str(tz["TZID"]) == "Europe/London")
    assert {c.name for c in london.subcomponents} == {"STANDARD", "DAYLIGHT"}
    # Every zone is described before the first event that uses it.
    assert body.index(b"BEGIN:VTIMEZONE") < body.index(b"BEGIN:VEVENT")
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")


def test_the_calendar_follows_the_filters(signed_in, partnership, world, partners):
    url = _url("programme:timeline-ics", partnership) + f"?partner={partners['Health Org'].pk}"
    _, events = _calendar(_read(signed_in.get(url)))
    assert set(events) == {"Summer roundtable"}


def test_the_public_feed_has_public_activities_and_outputs_only(client, partnership, world):
    response = client.get(_url("public:timeline-ics", partnership))
    assert response.status_code == 200
    calendar, events = _calendar(_read(response))
    assert set(events) == {"Summer roundtable", "The report"}
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/London"}
    assert response["Content-Disposition"] == 'inline; filename="ept.ics"'


def test_a_private_partnerships_public_feed_is_404(client, other_partnership):
    assert client.get(_url("public:timeline-ics", other_partnership)).status_code == 404


def test_the_members_exports_need_membership(
    client, client_as, partnership, other_partnership, world
):
    for name in ("programme:timeline-csv", "programme:timeline-ics"):
        anonymous = client.get(_url(name, partnership))
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("accounts:sign-in"))
        outsider = client_as(other_partnership, Role.COORDINATOR)
        assert outsider.get(_url(name, partnership)).status_code == 404
        guest = client_as(partnership, Role.GUEST)
        response = guest.get(_url(name, partnership))
        assert response.status_code == 200
        assert b"Winter webinar" in _read(response)
