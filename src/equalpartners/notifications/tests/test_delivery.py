"""Sending email: retried with backoff after a failure, never twice, daily summaries."""

from __future__ import annotations

import datetime as dt
import smtplib
import threading
import time
from collections.abc import Sequence
from typing import Any, ClassVar

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

from equalpartners.notifications import delivery
from equalpartners.notifications.models import (
    EmailMode,
    EmailState,
    Notification,
    NotificationPreference,
)
from equalpartners.notifications.tests.builders import MORNING, notification, person_who_wants
from equalpartners.testing import factories as f

pytestmark = pytest.mark.django_db

HERE = "equalpartners.notifications.tests.test_delivery"


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SlowCountingBackend(BaseEmailBackend):
    """A slow mail server that remembers everything it was given, from any thread."""

    sent: ClassVar[list[str]] = []
    lock: ClassVar[threading.Lock] = threading.Lock()

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        time.sleep(0.05)
        with self.lock:
            self.sent.extend(str(message.subject) for message in email_messages)
        return len(email_messages)


def test_a_failure_is_recorded_and_retried_later(settings: Any, mailoutbox: list[Any]) -> None:
    waiting = notification(person_who_wants(), subject="Your place is confirmed")
    settings.EMAIL_BACKEND = f"{HERE}.FailingBackend"

    first = delivery.emails_send_due(now=MORNING)

    assert (first.sent, first.failed) == (0, 1)
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.FAILED
    assert waiting.attempts == 1
    assert "SMTPServerDisconnected" in waiting.last_error
    assert waiting.next_attempt_at == MORNING + delivery.FIRST_RETRY
    assert waiting.claim_token == ""

    # Not before the backoff is over, even with the mail server back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    early = delivery.emails_send_due(now=MORNING + dt.timedelta(minutes=1))
    assert early.sent == 0
    assert mailoutbox == []

    later = delivery.emails_send_due(now=MORNING + delivery.FIRST_RETRY)
    assert later.sent == 1
    assert [m.subject for m in mailoutbox] == ["Your place is confirmed"]
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.SENT
    assert waiting.attempts == 2
    assert waiting.last_error == ""

    assert delivery.emails_send_due(now=MORNING + dt.timedelta(days=1)).sent == 0
    assert len(mailoutbox) == 1


def test_retries_back_off_and_then_give_up(settings: Any) -> None:
    waiting = notification(person_who_wants())
    settings.EMAIL_BACKEND = f"{HERE}.FailingBackend"
    now = MORNING
    delays = []
    for _ in range(delivery.MAX_ATTEMPTS):
        delivery.emails_send_due(now=now)
        waiting.refresh_from_db()
        if waiting.next_attempt_at is None:
            break
        delays.append(waiting.next_attempt_at - now)
        now = waiting.next_attempt_at
    assert delays[:3] == [
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=10),
        dt.timedelta(minutes=20),
    ]
    assert max(delays) == delivery.MAX_RETRY
    assert waiting.attempts == delivery.MAX_ATTEMPTS
    assert waiting.email_state == EmailState.FAILED
    assert waiting.next_attempt_at is None  # given up
    assert delivery.emails_send_due(now=now + dt.timedelta(days=7)).failed == 0


def test_a_stale_claim_is_retried_and_a_fresh_one_is_not(mailoutbox: list[Any]) -> None:
    person = person_who_wants()
    crashed = notification(
        person,
        subject="Crashed mid-send",
        email_state=EmailState.SENDING,
        claim_token="a" * 32,
        claimed_at=MORNING - delivery.CLAIM_TIMEOUT - dt.timedelta(seconds=1),
        attempts=1,
    )
    busy = notification(
        person,
        subject="Being sent now",
        email_state=EmailState.SENDING,
        claim_token="b" * 32,
        claimed_at=MORNING - dt.timedelta(seconds=30),
        attempts=1,
    )

    result = delivery.emails_send_due(now=MORNING)

    assert result.sent == 1
    assert [m.subject for m in mailoutbox] == ["Crashed mid-send"]
    crashed.refresh_from_db()
    busy.refresh_from_db()
    assert (crashed.email_state, crashed.attempts) == (EmailState.SENT, 2)
    assert busy.email_state == EmailState.SENDING
    # The first runner finishing late cannot overwrite the new claim's result.
    delivery._record_success("a" * 32, EmailState.SENT)
    assert Notification.objects.filter(claim_token="a" * 32).count() == 0


def test_a_claim_stale_too_often_is_given_up() -> None:
    stuck = notification(
        person_who_wants(),
        email_state=EmailState.SENDING,
        claim_token="c" * 32,
        claimed_at=MORNING - dt.timedelta(hours=1),
        attempts=delivery.MAX_ATTEMPTS,
    )
    assert delivery.emails_send_due(now=MORNING).gave_up == 1
    stuck.refresh_from_db()
    assert (stuck.email_state, stuck.next_attempt_at) == (EmailState.FAILED, None)


def test_withdrawn_notifications_are_never_sent(mailoutbox: list[Any]) -> None:
    person = person_who_wants(EmailMode.DAILY)
    notification(person, withdrawn_at=MORNING - dt.timedelta(hours=1))
    notification(person_who_wants(), withdrawn_at=MORNING - dt.timedelta(hours=1))
    assert delivery.emails_send_due(now=MORNING).sent == 0
    assert delivery.digests_send_due(now=MORNING).sent == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_two_runners_at_once_send_each_email_once(settings: Any) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database cannot be shared between threads")
    settings.EMAIL_BACKEND = f"{HERE}.SlowCountingBackend"
    SlowCountingBackend.sent.clear()
    person = person_who_wants()
    for number in range(12):
        notification(person, subject=f"Notification {number}", key=f"race:{number}")
    start = threading.Barrier(2)
    results: list[delivery.SendResult] = []

    def runner() -> None:
        try:
            start.wait()
            results.append(delivery.emails_send_due(now=MORNING))
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(SlowCountingBackend.sent) == sorted(f"Notification {n}" for n in range(12))
    assert sum(result.sent for result in results) == 12
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_two_runners_at_once_send_one_daily_summary(settings: Any) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's test database cannot be shared between threads")
    settings.EMAIL_BACKEND = f"{HERE}.SlowCountingBackend"
    SlowCountingBackend.sent.clear()
    people = [person_who_wants(EmailMode.DAILY) for _ in range(4)]
    for person in people:
        for number in range(3):
            notification(person, key=f"race:{number}")
    start = threading.Barrier(2)

    def runner() -> None:
        try:
            start.wait()
            delivery.digests_send_due(now=MORNING)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(SlowCountingBackend.sent) == 4
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.IN_DIGEST}


def test_the_daily_summary_is_grouped_by_partnership_and_short(
    settings: Any, mailoutbox: list[Any]
) -> None:
    settings.SITE_URL = "https://partners.example.org"
    person = person_who_wants(EmailMode.DAILY, name="Ada Lovelace")
    zebra = f.PartnershipFactory(name="Zebra Crossing Partnership")
    alpha = f.PartnershipFactory(name="Alpha Partnership")
    for number in range(delivery.DIGEST_ITEMS_PER_PARTNERSHIP + 3):
        notification(
            person,
            partnership=alpha,
            subject=f"Alpha item {number}",
            url=f"/p/{alpha.slug}/activities/{number}/",
            created_at=MORNING - dt.timedelta(hours=12, minutes=-number),
        )
    notification(person, partnership=zebra, subject="Zebra item")
    notification(person, partnership=None, subject="Your account")
    other = notification(person_who_wants(EmailMode.DAILY), subject="Someone else's")

    result = delivery.digests_send_due(now=MORNING)

    assert (result.sent, result.notifications) == (2, 11)
    mine = [m for m in mailoutbox if m.to == [person.email]]
    assert len(mine) == 1
    body = mine[0].body
    assert mine[0].subject == "Your daily summary: 10 updates"
    assert body.index("Alpha Partnership") < body.index("Zebra Crossing Partnership")
    assert body.index("Zebra Crossing Partnership") < body.index("Your account")
    # Newest first, cut to the cap, with a count of the rest.
    assert "Alpha item 7" in body
    assert "Alpha item 3" in body
    assert "Alpha item 2" not in body
    assert "and 3 more" in body
    assert f"https://partners.example.org/p/{alpha.slug}/activities/7/" in body
    assert "Someone else's" not in body
    assert len(body.splitlines()) < 40
    assert set(
        Notification.objects.filter(person=person).values_list("email_state", flat=True)
    ) == {EmailState.IN_DIGEST}
    other.refresh_from_db()
    assert other.email_state == EmailState.IN_DIGEST


def test_one_daily_summary_a_day_and_none_before_seven(mailoutbox: list[Any]) -> None:
    person = person_who_wants(EmailMode.DAILY)
    notification(person, subject="First")
    early = MORNING.replace(hour=6, minute=59)
    assert delivery.digests_send_due(now=early).sent == 0

    assert delivery.digests_send_due(now=MORNING).sent == 1
    notification(person, subject="Later the same day")
    assert delivery.digests_send_due(now=MORNING + dt.timedelta(hours=8)).sent == 0

    next_morning = MORNING + dt.timedelta(days=1)
    assert delivery.digests_send_due(now=next_morning).sent == 1
    assert len(mailoutbox) == 2
    assert "Later the same day" in mailoutbox[1].body
    assert "First" not in mailoutbox[1].body


def test_no_summary_when_nothing_is_waiting(mailoutbox: list[Any]) -> None:
    person = person_who_wants(EmailMode.DAILY)
    assert delivery.digests_send_due(now=MORNING).sent == 0
    # Nothing was waiting, so the day is still free for something that arrives later.
    notification(person)
    assert delivery.digest_send(person=person, now=MORNING + dt.timedelta(hours=1)).sent == 1
    assert len(mailoutbox) == 1


def test_a_failed_summary_is_retried_the_same_day(settings: Any, mailoutbox: list[Any]) -> None:
    person = person_who_wants(EmailMode.DAILY)
    waiting = notification(person)
    settings.EMAIL_BACKEND = f"{HERE}.FailingBackend"
    assert delivery.digests_send_due(now=MORNING).failed == 1
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.FAILED
    assert NotificationPreference.objects.get(person=person).last_digest_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.digests_send_due(now=MORNING + dt.timedelta(minutes=1)).sent == 0
    assert delivery.digests_send_due(now=MORNING + delivery.FIRST_RETRY).sent == 1
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.IN_DIGEST
    assert len(mailoutbox) == 1


def test_switching_to_straight_away_sends_what_was_waiting(mailoutbox: list[Any]) -> None:
    person = person_who_wants(EmailMode.DAILY)
    notification(person, subject="Waiting for the summary")
    NotificationPreference.objects.filter(person=person).update(email_mode=EmailMode.IMMEDIATELY)
    assert delivery.emails_send_due(now=MORNING).sent == 1
    assert delivery.digests_send_due(now=MORNING).sent == 0
    assert [m.subject for m in mailoutbox] == ["Waiting for the summary"]


def test_absolute_url() -> None:
    assert delivery.absolute_url("") == ""
    assert delivery.absolute_url("https://example.org/x") == "https://example.org/x"
    assert delivery.absolute_url("p/x/").endswith("/p/x/")
