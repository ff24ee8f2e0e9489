"""notify and withdraw: never twice, straight away on commit, and never after it is done."""

from __future__ import annotations

from typing import Any

import pytest

from equalpartners.core.models import AuditEntry
from equalpartners.notifications import delivery, services
from equalpartners.notifications.models import EmailMode, EmailState, Notification
from equalpartners.notifications.tests.builders import person_who_wants

pytestmark = pytest.mark.django_db


def _notify(person: Any, partnership: Any = None, **fields: Any) -> Notification | None:
    values = {
        "topic": "decision",
        "subject": "Vote on the budget",
        "body": "Voting closes on Friday.",
        "url": "/p/ept/decisions/1/",
        "key": "vote:1",
    }
    values.update(fields)
    return services.notify(person=person, partnership=partnership, **values)


def test_the_same_key_twice_makes_one_notification(
    partnership: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    person = person_who_wants()
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(person, partnership)
        second = _notify(person, partnership, subject="Vote on the budget again")
    assert first is not None
    assert second is None
    assert Notification.objects.filter(person=person).count() == 1
    assert len(mailoutbox) == 1


def test_the_same_key_for_two_people_makes_two(partnership: Any) -> None:
    assert _notify(person_who_wants(), partnership) is not None
    assert _notify(person_who_wants(), partnership) is not None


def test_immediate_email_goes_on_commit_with_an_absolute_link(
    partnership: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    settings.SITE_URL = "https://partners.example.org"
    person = person_who_wants(email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = _notify(person, partnership)
        assert mailoutbox == []  # nothing before the transaction commits
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ada@example.org"]
    assert message.subject == "Vote on the budget"
    assert "https://partners.example.org/p/ept/decisions/1/" in message.body
    assert "https://partners.example.org/notifications/preferences/" in message.body
    assert partnership.name in message.body
    assert notification is not None
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.sent_at is not None
    assert notification.attempts == 1


def test_delivering_again_sends_nothing(
    partnership: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    person = person_who_wants()
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(person, partnership)
    assert notification is not None
    delivery.email_deliver(notification_id=notification.pk)
    assert len(mailoutbox) == 1


def test_someone_who_turned_email_off_is_only_told_on_the_site(
    partnership: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    person = person_who_wants(EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(person, partnership)
    assert notification is not None
    assert notification.email_state == EmailState.NOT_EMAILED
    assert mailoutbox == []
    summary = services.notifications_run()
    assert summary.emails.sent == 0
    assert mailoutbox == []


def test_someone_on_the_daily_summary_gets_no_email_straight_away(
    partnership: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    person = person_who_wants(EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = _notify(person, partnership)
    assert callbacks == []
    assert notification is not None
    assert notification.email_state == EmailState.PENDING
    assert services.emails_send_due(now=notification.created_at).sent == 0
    assert mailoutbox == []


def test_withdraw_stops_an_email_not_yet_sent(partnership: Any, mailoutbox: list[Any]) -> None:
    person = person_who_wants()
    notification = _notify(person, partnership)  # not committed: no email yet
    assert notification is not None
    assert services.withdraw(person=person, key="vote:1") is True
    notification.refresh_from_db()
    assert notification.withdrawn_at is not None
    assert notification.email_state == EmailState.NOT_EMAILED
    delivery.email_deliver(notification_id=notification.pk)
    services.notifications_run()
    assert mailoutbox == []
    assert AuditEntry.objects.filter(action="notification.withdraw").count() == 1


def test_withdraw_after_the_email_only_marks_it_read(
    partnership: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    person = person_who_wants()
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(person, partnership)
    assert notification is not None
    assert services.withdraw(person=person, key="vote:1") is False
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.withdrawn_at is None
    assert notification.read_at is not None


def test_withdraw_of_an_unknown_key_is_false() -> None:
    assert services.withdraw(person=person_who_wants(), key="nothing:1") is False


def test_a_withdrawn_key_is_not_made_again(partnership: Any) -> None:
    person = person_who_wants()
    _notify(person, partnership)
    services.withdraw(person=person, key="vote:1")
    assert _notify(person, partnership) is None


def test_notify_is_audited_outside_the_partnership_history(partnership: Any) -> None:
    person = person_who_wants()
    _notify(person, partnership)
    entry = AuditEntry.objects.get(action="notification.create")
    assert entry.partnership_id is None
    assert entry.data["partnership"] == partnership.pk


def test_a_subject_that_is_too_long_is_cut(partnership: Any) -> None:
    notification = _notify(person_who_wants(), partnership, subject="x" * 300)
    assert notification is not None
    assert len(notification.subject) == 200


def test_turning_email_off_stops_what_is_waiting(partnership: Any, mailoutbox: list[Any]) -> None:
    person = person_who_wants()
    notification = _notify(person, partnership)
    assert notification is not None
    services.notification_preference_update(actor=None, person=person, email_mode=EmailMode.OFF)
    notification.refresh_from_db()
    assert notification.email_state == EmailState.NOT_EMAILED
    services.notifications_run()
    assert mailoutbox == []
