"""Follow-up reminders for open actions.

The owner (a person) is reminded once when the action is due within three days, then the day
after it was due and weekly after that, four overdue reminders at most (days 1, 8, 15, 22).
Days count in the partnership's time zone. Done and dropped actions, actions owned only by a
partner, and owners who have left the partnership get none. Keys are stable, so running again
sends nothing twice. Most tests use a stand-in for the notifications API
(``fake_notifications`` in conftest); the last ones use the real one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from equalpartners.notifications.models import Notification
from equalpartners.notifications.reminders import registered_sources
from equalpartners.programme import services
from equalpartners.programme.action_reminders import (
    make_action_reminders,
    reminder_for,
    reminder_keys,
)
from equalpartners.programme.tests.builders import make_action
from equalpartners.testing import factories as f

DUE = dt.date(2026, 6, 10)


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("days_after_due", "expected"),
    [
        (-5, None),
        (-4, None),
        (-3, "action-due:7:2026-06-10"),
        (-1, "action-due:7:2026-06-10"),
        (0, "action-due:7:2026-06-10"),
        (1, "action-overdue:7:2026-06-10:1"),
        (7, "action-overdue:7:2026-06-10:1"),
        (8, "action-overdue:7:2026-06-10:2"),
        (15, "action-overdue:7:2026-06-10:3"),
        (22, "action-overdue:7:2026-06-10:4"),
        (28, "action-overdue:7:2026-06-10:4"),
        (29, None),
        (365, None),
    ],
)
def test_the_schedule(days_after_due, expected):
    reminder = reminder_for(7, DUE, DUE + dt.timedelta(days=days_after_due))
    assert (reminder[0] if reminder else None) == expected


def test_every_key_an_action_can_have():
    assert reminder_keys(7, DUE) == [
        "action-due:7:2026-06-10",
        *(f"action-overdue:7:2026-06-10:{n}" for n in range(1, 5)),
    ]


@pytest.fixture
def owner(partnership, make_member):
    return make_member(partnership).person


def test_an_owner_is_reminded_before_and_after_the_due_date(partnership, owner, fake_notifications):
    action = make_action(partnership, owner_person=owner, due_on=DUE, what="Write to the board")
    sent = [
        make_action_reminders(_noon(DUE + dt.timedelta(days=offset))) for offset in range(-10, 40)
    ]
    assert sum(sent) == 5
    assert fake_notifications.keys() == reminder_keys(action.pk, DUE)
    first, overdue = fake_notifications.sent[0], fake_notifications.sent[1]
    assert first["subject"] == "Action due in 3 days: Write to the board"
    assert "Wednesday 10 June 2026" in first["body"]
    assert (first["person"], first["partnership"], first["topic"]) == (
        owner.pk,
        partnership.pk,
        "actions",
    )
    assert first["url"] == action.get_absolute_url()
    assert overdue["subject"] == "Action overdue: Write to the board"
    assert "(yesterday)" in overdue["body"]


def test_running_again_sends_nothing_twice(partnership, owner, fake_notifications):
    make_action(partnership, owner_person=owner, due_on=DUE)
    assert make_action_reminders(_noon(DUE)) == 1
    assert make_action_reminders(_noon(DUE)) == 0
    assert make_action_reminders(_noon(DUE) + dt.timedelta(hours=6)) == 0


def test_no_reminders_for_done_dropped_or_partner_actions(
    partnership, partners, owner, fake_notifications
):
    make_action(partnership, owner_person=owner, due_on=DUE, status="done")
    make_action(partnership, owner_person=owner, due_on=DUE, status="dropped")
    make_action(partnership, owner_partner=partners["Health Org"], due_on=DUE)
    left = f.PersonFactory()  # owns an action here, but is no longer a member
    make_action(partnership, owner_person=left, due_on=DUE)
    for offset in range(-3, 30):
        assert make_action_reminders(_noon(DUE + dt.timedelta(days=offset))) == 0
    assert fake_notifications.sent == []


def test_days_count_in_the_partnerships_zone(partnership, owner, fake_notifications):
    partnership.time_zone = "Pacific/Auckland"
    partnership.save()
    make_action(partnership, owner_person=owner, due_on=DUE)
    # 13:00 UTC on 6 June is already 7 June in Auckland: three days before the due date.
    assert make_action_reminders(dt.datetime(2026, 6, 6, 11, tzinfo=dt.UTC)) == 0
    assert make_action_reminders(dt.datetime(2026, 6, 6, 13, tzinfo=dt.UTC)) == 1


def test_a_new_due_date_starts_the_reminders_again(
    coordinator, partnership, owner, fake_notifications
):
    action = make_action(partnership, owner_person=owner, due_on=DUE)
    assert make_action_reminders(_noon(DUE + dt.timedelta(days=1))) == 1
    later = DUE + dt.timedelta(days=14)
    services.action_update(actor=coordinator, action=action, due_on=later)
    assert make_action_reminders(_noon(DUE + dt.timedelta(days=2))) == 0
    assert make_action_reminders(_noon(later)) == 1
    assert fake_notifications.keys()[-1] == f"action-due:{action.pk}:{later.isoformat()}"


# With the real notifications API


def test_the_source_is_registered():
    assert make_action_reminders in registered_sources()


def test_reminders_through_the_notifications_app(coordinator, partnership, owner):
    action = make_action(partnership, owner_person=owner, due_on=DUE, what="Write to the board")
    other = make_action(partnership, owner_person=owner, due_on=DUE, what="Call the council")
    assert make_action_reminders(_noon(DUE - dt.timedelta(days=2))) == 2
    assert make_action_reminders(_noon(DUE - dt.timedelta(days=1))) == 0  # deduplicated
    notes = Notification.objects.filter(person=owner).order_by("key")
    assert [n.key for n in notes] == sorted(
        [f"action-due:{action.pk}:2026-06-10", f"action-due:{other.pk}:2026-06-10"]
    )
    assert {n.subject for n in notes} == {
        "Action due in 2 days: Write to the board",
        "Action due in 2 days: Call the council",
    }

    # Done: its reminder, not yet emailed, is withdrawn; the other stays.
    services.action_status_change(actor=coordinator, action=action, status="done")
    withdrawn = Notification.objects.get(key=f"action-due:{action.pk}:2026-06-10")
    kept = Notification.objects.get(key=f"action-due:{other.pk}:2026-06-10")
    assert withdrawn.withdrawn_at is not None
    assert kept.withdrawn_at is None
    # And a done action is not followed up afterwards.
    assert make_action_reminders(_noon(DUE + dt.timedelta(days=1))) == 1
    assert Notification.objects.filter(key__startswith=f"action-overdue:{action.pk}:").count() == 0
