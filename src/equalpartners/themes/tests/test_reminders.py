"""Reminders to place dots: to those who may vote and have not, once, when voting closes soon."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.notifications.models import Notification
from equalpartners.notifications.reminders import registered_sources
from equalpartners.themes import services
from equalpartners.themes.reminders import make_vote_reminders

from .builders import dots, member_of, voting_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def closing_soon(partnership):
    """A call whose voting closes in a day, a voter who has voted and one who has not."""
    voted = member_of(partnership, None)
    waiting = member_of(partnership, None, Role.BOARD_MEMBER)
    guest = member_of(partnership, None, Role.GUEST)
    now = timezone.now()
    call, p = voting_call(
        partnership,
        proposer=voted,
        proposals_close_at=now + dt.timedelta(hours=12),
        voting_closes_at=now + dt.timedelta(days=3),
    )
    dots(voted, call, {p["Data"]: 2})
    return call, p, voted, waiting, guest


def test_the_source_is_registered():
    assert make_vote_reminders in registered_sources()


def test_only_those_who_have_not_voted_are_reminded_once(closing_soon):
    call, _, voted, waiting, guest = closing_soon
    now = call.voting_closes_at - dt.timedelta(days=1)
    made = make_vote_reminders(now)
    reminded = set(Notification.objects.values_list("person_id", flat=True))
    assert waiting.person_id in reminded
    assert voted.person_id not in reminded
    assert guest.person_id not in reminded  # guests do not vote
    assert made == len(reminded)
    notice = Notification.objects.get(person=waiting.person)
    assert notice.key == f"theme-vote:{call.pk}"
    assert notice.url == call.url_for("vote")
    assert "Europe/London" in notice.body
    assert make_vote_reminders(now) == 0  # never twice


def test_nobody_is_reminded_while_the_close_is_far_off_or_past(closing_soon):
    call = closing_soon[0]
    assert make_vote_reminders(call.voting_closes_at - dt.timedelta(days=2, hours=1)) == 0
    assert make_vote_reminders(call.voting_closes_at) == 0
    assert not Notification.objects.exists()


def test_a_call_still_taking_proposals_sends_no_reminder(partnership):
    member_of(partnership, None)
    call = services.call_create(
        actor=None,
        partnership=partnership,
        title="Soon",
        dot_budget=3,
        proposals_close_at=timezone.now() + dt.timedelta(days=1),
        voting_closes_at=timezone.now() + dt.timedelta(days=1, hours=12),
    )
    assert make_vote_reminders(timezone.now()) == 0
    assert call.pk


def test_voting_withdraws_the_reminder(closing_soon):
    call, p, _, waiting, _ = closing_soon
    make_vote_reminders(call.voting_closes_at - dt.timedelta(days=1))
    assert Notification.objects.get(person=waiting.person).withdrawn_at is None
    dots(waiting, call, {p["Voice"]: 1})
    assert Notification.objects.get(person=waiting.person).withdrawn_at is not None
