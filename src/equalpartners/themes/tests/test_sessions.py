"""A chosen theme becomes a staff exchange session in the programme, once."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from equalpartners.core.capabilities import Role
from equalpartners.programme.models import Activity
from equalpartners.themes import services
from equalpartners.themes.forms import SessionForm

from .builders import closed_call, dots, member_of, partner_named, voting_call

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _when() -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime(2027, 5, 12, 10, tzinfo=LONDON),
        dt.datetime(2027, 5, 12, 15, tzinfo=LONDON),
    )


def test_a_chosen_theme_becomes_a_session_once(partnership):
    proposer = member_of(partnership, partner_named(partnership, "Health Org"))
    _, p = closed_call(partnership, proposer=proposer)
    starts, ends = _when()
    first = services.proposal_make_session(
        actor=None, proposal=p["Data"], starts_at=starts, ends_at=ends, time_zone="Europe/London"
    )
    again = services.proposal_make_session(
        actor=None, proposal=p["Data"], starts_at=starts, ends_at=ends, time_zone="Europe/London"
    )
    assert first == again
    assert Activity.objects.count() == 1
    assert first.kind == "staff_exchange"
    assert [t.name for t in first.themes.all()] == ["Data"]
    assert [str(partner) for partner in first.lead_partners.all()] == ["Health Org"]
    p["Data"].refresh_from_db()
    assert p["Data"].activity == first


def test_only_once_voting_closes(partnership):
    _, p = voting_call(partnership)
    starts, ends = _when()
    with pytest.raises(ValidationError, match="voting has not closed yet"):
        services.proposal_make_session(
            actor=None, proposal=p["Data"], starts_at=starts, ends_at=ends, time_zone="UTC"
        )


def test_the_suggested_day_is_a_wednesday_weeks_ahead():
    suggested = SessionForm.suggested(dt.date(2026, 3, 16))  # a Monday
    assert suggested["date"] == dt.date(2026, 4, 29)
    assert suggested["date"].weekday() == 2
    assert suggested["time_zone"] == "Europe/London"


def test_one_post_makes_the_session_and_a_second_makes_no_other(partnership, client_as):
    call, p = voting_call(partnership)
    dots(member_of(partnership, None), call, {p["Voice"]: 3})
    call = services.call_close(actor=None, call=call)
    staff = client_as(partnership, Role.STAFF)  # staff may manage the programme
    url = f"/p/{partnership.slug}/themes/{call.pk}/themes/{p['Voice'].pk}/session/"
    form = staff.get(url).content.decode()
    assert "Make it a session" in form
    assert 'value="Europe/London"' in form
    data = {
        "date_day": "12", "date_month": "5", "date_year": "2027",
        "starts": "10:00", "ends": "15:00", "time_zone": "Europe/London",
    }  # fmt: skip
    first = staff.post(url, data)
    second = staff.post(url, data)
    activity = Activity.objects.get()
    assert first["Location"] == second["Location"] == activity.get_absolute_url()
    assert activity.starts_at == dt.datetime(2027, 5, 12, 10, tzinfo=LONDON)
    page = staff.get(call.get_absolute_url()).content.decode()
    assert activity.get_absolute_url() in page
    results = staff.get(f"/p/{partnership.slug}/themes/{call.pk}/results/").content.decode()
    assert activity.get_absolute_url() in results


def test_the_session_form_explains_its_errors(partnership, client_as):
    call, p = closed_call(partnership)
    coordinator = client_as(partnership, Role.COORDINATOR)
    url = f"/p/{partnership.slug}/themes/{call.pk}/themes/{p['Voice'].pk}/session/"
    data = {
        "date_day": "12", "date_month": "5", "date_year": "2027",
        "starts": "15:00", "ends": "10:00", "time_zone": "Mars/Olympus",
    }  # fmt: skip
    html = coordinator.post(url, data).content.decode()
    assert "There is a problem" in html
    assert "is not a time zone we know" in html
    assert not Activity.objects.exists()


def test_a_board_member_cannot_make_a_session(partnership, client_as):
    call, p = closed_call(partnership)
    board = client_as(partnership, Role.BOARD_MEMBER)
    url = f"/p/{partnership.slug}/themes/{call.pk}/themes/{p['Voice'].pk}/session/"
    assert board.post(url, {}).status_code == 403
