"""The four sections this app gathers: what each shows for a period, and that nothing kept to
the partners reaches a report made to be published."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.programme.selectors import partnership_today
from equalpartners.reports.registry import SECTION_BY_KEY
from equalpartners.reports.sections import actions, decisions, outputs, timeline
from equalpartners.reports.sections.actions import FollowThrough, percent
from equalpartners.testing import factories as f

from .builders import SINCE, UNTIL, actions_of_partners, closed_decision, programme_records

pytestmark = pytest.mark.django_db


def _html(key: str, data: object) -> str:
    return render_to_string(SECTION_BY_KEY[key].template, {"section": data})


def test_the_timeline_shows_public_activities_and_milestones_in_the_period(partnership):
    programme_records(partnership)
    section = timeline.gather(partnership, since=SINCE, until=UNTIL)
    assert [month.label for month in section.months] == ["January 2026", "April 2026"]
    titles = [item.title for month in section.months for item in month.items]
    assert titles == ["One year of working together", "Summit on assets-based leadership"]
    summit = section.months[1].items[0]
    assert summit.when_text == "Tuesday 14 April 2026, 09:30 BST (Europe/London)"
    assert summit.partners == ("Leaders Org",)
    html, text = _html("timeline", section), timeline.markdown(section)
    for shown in (html, text):
        assert "Summit on assets-based leadership" in shown
        assert "09:30 BST (Europe/London)" in shown
        assert "private dinner" not in shown
        assert "Launch event before the period" not in shown
    assert "### April 2026" in text
    assert section.count_text == "1 public activity and 1 milestone"


def test_an_activity_is_in_the_period_by_its_own_local_day(partnership):
    # 23:30 on 30 June in London is 22:30 UTC; 00:30 on 1 July in London is still 30 June UTC.
    bst = dt.timezone(dt.timedelta(hours=1))
    f.ActivityFactory(
        partnership=partnership,
        title="Late on the last day",
        visibility="public",
        starts_at=dt.datetime(2026, 6, 30, 23, 30, tzinfo=bst),
    )
    f.ActivityFactory(
        partnership=partnership,
        title="Just after the period",
        visibility="public",
        starts_at=dt.datetime(2026, 7, 1, 0, 30, tzinfo=bst),
    )
    titles = [
        item.title
        for month in timeline.gather(partnership, since=SINCE, until=UNTIL).months
        for item in month.items
    ]
    assert titles == ["Late on the last day"]


def test_an_empty_timeline_says_so(partnership):
    section = timeline.gather(partnership, since=SINCE, until=UNTIL)
    assert "Nothing public happened between 1 January 2026 and 30 June 2026" in _html(
        "timeline", section
    )
    assert timeline.markdown(section).startswith("Nothing public happened")


def test_outputs_show_public_ones_published_in_the_period(partnership):
    programme_records(partnership)
    section = outputs.gather(partnership, since=SINCE, until=UNTIL)
    assert [item.title for item in section.items] == ["Cross-sector partnerships: the report"]
    assert section.count_text == "1 output (Report: 1)"
    html, text = _html("outputs", section), outputs.markdown(section)
    assert 'href="https://example.org/report"' in html
    assert "<https://example.org/report>" in text
    for shown in (html, text):
        assert "away day" not in shown


def test_actions_are_counted_by_partner_with_their_rates(partnership):
    today = partnership_today(partnership)
    actions_of_partners(partnership, today)
    section = actions.gather(partnership, since=SINCE, until=max(UNTIL, today))
    assert section.overall == FollowThrough("All partners", done=2, open=2, overdue=1, dropped=1)
    rows = {row.name: row for row in section.partners}
    assert rows["Leaders Org"] == FollowThrough("Leaders Org", done=2, open=1, overdue=1, dropped=1)
    assert rows["Leaders Org"].done_percent == 50
    assert rows["Health Org"].open_percent == 100
    assert rows["Children Org"].total == 0
    html, text = _html("actions", section), actions.markdown(section)
    assert "<svg" in html
    assert "<table" in html
    assert "Children Org: no actions" in html  # the chart's description
    assert "| Leaders Org | 4 | 2 (50%) | 1 (25%) | 1 (25%) | 1 (25%) |" in text
    for shown in (html, text):
        # Counts only: what an action says stays in the partnership.
        assert "secret funding" not in shown


def test_actions_committed_outside_the_period_are_not_counted(partnership):
    actions_of_partners(partnership, partnership_today(partnership))
    section = actions.gather(partnership, since=dt.date(2026, 2, 2), until=dt.date(2026, 3, 1))
    assert section.overall.total == 0
    assert actions.markdown(section).startswith("No actions were committed to")


def test_decisions_closed_in_the_period_with_turnout_and_outcome(partnership):
    closed_decision(
        partnership,
        question="Where should our shared stand go?",
        outcome="By the main entrance, taking turns to staff it.",
    )
    f.DecisionFactory(partnership=partnership, question="Still open for votes?")
    section = decisions.gather(partnership, since=SINCE, until=UNTIL)
    assert [item.question for item in section.items] == ["Where should our shared stand go?"]
    item = section.items[0]
    assert item.closed_text == "10 March 2026, 17:00 GMT (Europe/London)"
    assert item.chosen == "Option A"
    html, text = _html("decisions", section), decisions.markdown(section)
    for shown in (html, text):
        assert "By the main entrance" in shown
        assert "Still open for votes" not in shown
    assert "### Where should our shared stand go?" in text


@given(total=st.integers(0, 10_000), data=st.data())
def test_a_percentage_is_whole_between_0_and_100_and_nearest(total, data):
    count = data.draw(st.integers(0, total))
    share = percent(count, total)
    if total == 0:
        assert share is None
        return
    assert share is not None
    assert 0 <= share <= 100
    assert abs(Fraction(share) - Fraction(count * 100, total)) <= Fraction(1, 2)
    assert (share == 0) == (count * 200 < total)  # only under half a percent shows as 0


@given(
    done=st.integers(0, 500),
    open_=st.integers(0, 500),
    dropped=st.integers(0, 500),
    data=st.data(),
)
def test_follow_through_adds_up(done, open_, dropped, data):
    overdue = data.draw(st.integers(0, open_))
    row = FollowThrough("A partner", done=done, open=open_, overdue=overdue, dropped=dropped)
    assert row.total == done + open_ + dropped
    if row.total:
        shares = [row.done_percent, row.open_percent, row.dropped_percent]
        assert all(share is not None for share in shares)
        # Each share is rounded on its own, so together they are 100 give or take one each.
        assert abs(sum(shares) - 100) <= 2  # type: ignore[arg-type]
        assert row.overdue_percent <= row.open_percent  # type: ignore[operator]
    else:
        assert row.done_percent is None
