"""The demo's challenges and actions (``demo.actions_story``), added to the loaded story.

The roundtable and the Summit each get challenges and the actions committed to them: some
done, some open, one overdue, one dropped, and both scales of change; one action stands on its
own. All through the services, so each has its history; adding them twice adds nothing.
"""

from __future__ import annotations

import collections
import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from equalpartners.core.models import AuditEntry
from equalpartners.demo.actions_story import add_actions
from equalpartners.demo.story import load_story
from equalpartners.programme.models import Action, Challenge
from equalpartners.programme.timeline import timeline_entries

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def story(db):
    partnership = load_story(today=TODAY)
    people = {m.person.name: m.person for m in partnership.memberships.select_related("person")}
    actor = get_user_model().objects.get(username="coordinator@example.org")
    add_actions(partnership=partnership, people=people, actor=actor, today=TODAY)
    return partnership, people, actor


def test_the_roundtable_and_summit_have_challenges_and_actions(story):
    partnership, _, _ = story
    roundtable = partnership.activities.get(title="Roundtable: progressive universalism")
    summit = partnership.activities.get(title="Equal Partners Summit")
    assert roundtable.challenges.count() == 2
    assert summit.challenges.count() == 1
    assert roundtable.actions.count() == 4
    assert summit.actions.count() == 3
    assert Action.objects.filter(partnership=partnership, activity__isnull=True).count() == 1
    statuses = collections.Counter(a.status for a in partnership.actions.all())
    assert statuses == {"open": 5, "done": 2, "dropped": 1}
    assert {a.scale for a in partnership.actions.all()} == {"small", "large"}
    overdue = [a for a in partnership.actions.all() if a.is_overdue_on(TODAY)]
    assert [a.owner_person.name for a in overdue] == ["Niamh Doherty"]


def test_actions_are_dated_at_their_activity_and_done_later(story):
    partnership, _, _ = story
    roundtable = partnership.activities.get(title="Roundtable: progressive universalism")
    for action in roundtable.actions.all():
        assert action.created_at.date() == dt.date(2026, 1, 22)
        assert action.due_on >= dt.date(2026, 1, 22)
    done = roundtable.actions.get(status="done")
    assert dt.date(2026, 1, 22) < done.completed_at.date() < TODAY
    assert [u.status for u in done.updates.all()] == ["open", "done"]
    entries = [
        e for e in timeline_entries(user=None, partnership=partnership) if e.kind == "action"
    ]
    assert len(entries) == 8 + 2  # each committed, and the two done


def test_loaded_soon_after_the_roundtable_nothing_is_done_in_the_future(db):
    today = dt.date(2026, 2, 1)  # ten days after the roundtable
    partnership = load_story(today=today)
    people = {m.person.name: m.person for m in partnership.memberships.select_related("person")}
    actor = get_user_model().objects.get(username="coordinator@example.org")
    add_actions(partnership=partnership, people=people, actor=actor, today=today)
    for action in partnership.actions.all():
        assert action.created_at.date() < today
        assert action.completed_at is None or action.completed_at.date() < today
        assert all(u.at.date() < today for u in action.updates.all())
    assert [a.what for a in partnership.actions.all() if a.is_overdue_on(today)]


def test_told_through_the_services_and_only_once(story):
    partnership, people, actor = story
    audited = collections.Counter(
        AuditEntry.objects.filter(partnership=partnership).values_list("action", flat=True)
    )
    assert audited["action.create"] == 8
    assert audited["challenge.create"] == 3
    add_actions(partnership=partnership, people=people, actor=actor, today=TODAY)
    assert Challenge.objects.filter(partnership=partnership).count() == 3
    assert Action.objects.filter(partnership=partnership).count() == 8
