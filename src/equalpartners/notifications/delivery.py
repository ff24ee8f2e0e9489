"""Sending notification email: one at a time, retried with backoff, never twice.

A runner *claims* a notification before sending it: a conditional UPDATE moves it from waiting
(pending, or failed and due for a retry) to ``sending`` and stamps it with a random token. Only
one runner's UPDATE can match, so only one runner sends. After sending, the runner records the
result on the row it claimed (matched by its token). If a runner dies mid-send the claim goes
stale and, after ``CLAIM_TIMEOUT``, another runner takes it over: this is the only case in
which an email could go twice, and only if the mail server accepted it just before the crash.

The daily summary works the same way, and also claims the person's day first, so that two
runners never both send someone a summary.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from equalpartners.notifications.models import (
    EmailMode,
    EmailState,
    Notification,
    NotificationPreference,
)
from equalpartners.partnerships.models import Person

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = dt.timedelta(minutes=15)  # a send that has not finished by then has crashed
MAX_ATTEMPTS = 10  # then we give up, after about a day of retries
FIRST_RETRY = dt.timedelta(minutes=5)  # doubling each time, up to MAX_RETRY
MAX_RETRY = dt.timedelta(hours=6)
DIGEST_HOUR = 7  # daily summaries go out on the first run after 07:00, site time
DIGEST_ITEMS_PER_PARTNERSHIP = 5
ERROR_LENGTH = 1000


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    notifications: int = 0  # for summaries: how many notifications they held
    errors: list[str] = field(default_factory=list)


def absolute_url(path: str) -> str:
    """A site path as a full link, using ``SITE_URL``; full links are left as they are."""
    if not path or "://" in path:
        return path
    site_url: str = settings.SITE_URL
    return site_url + (path if path.startswith("/") else "/" + path)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failure."""
    delay: dt.timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, MAX_RETRY)


def _claimable(now: dt.datetime) -> Q:
    """Waiting to be emailed at ``now``: only the notification's own columns, so that the
    conditional UPDATE is re-checked on the row itself when two runners race (PostgreSQL)."""
    return Q(withdrawn_at__isnull=True) & (
        Q(email_state=EmailState.PENDING)
        | Q(email_state=EmailState.FAILED, next_attempt_at__lte=now)
        | Q(
            email_state=EmailState.SENDING,
            claimed_at__lt=now - CLAIM_TIMEOUT,
            attempts__lt=MAX_ATTEMPTS,
        )
    )


def _claim(filters: Q, now: dt.datetime) -> tuple[str, int]:
    token = uuid.uuid4().hex
    count = Notification.objects.filter(filters & _claimable(now)).update(
        email_state=EmailState.SENDING,
        claim_token=token,
        claimed_at=now,
        attempts=F("attempts") + 1,
    )
    return token, count


def _record_success(token: str, state: str) -> None:
    Notification.objects.filter(claim_token=token, email_state=EmailState.SENDING).update(
        email_state=state, sent_at=timezone.now(), claim_token="", last_error=""
    )


def _record_failure(token: str, now: dt.datetime, error: Exception) -> int:
    """Mark the claimed notifications failed, to be retried later; returns how many gave up."""
    message = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    gave_up = 0
    claimed = Notification.objects.filter(claim_token=token, email_state=EmailState.SENDING)
    for attempts in set(claimed.values_list("attempts", flat=True)):
        retry_at = None if attempts >= MAX_ATTEMPTS else now + retry_delay(attempts)
        updated = claimed.filter(attempts=attempts).update(
            email_state=EmailState.FAILED,
            last_error=message,
            next_attempt_at=retry_at,
            claim_token="",
        )
        if retry_at is None:
            gave_up += updated
    return gave_up


def _mode(person_id: int) -> str:
    mode = (
        NotificationPreference.objects.filter(person_id=person_id)
        .values_list("email_mode", flat=True)
        .first()
    )
    return mode or EmailMode.IMMEDIATELY


def _footer_context() -> dict[str, str]:
    return {
        "site_url": settings.SITE_URL,
        "notifications_url": absolute_url(reverse("notifications:list")),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }


def _notification_email(notification: Notification) -> EmailMessage:
    context = {
        "notification": notification,
        "link": absolute_url(notification.url),
        **_footer_context(),
    }
    return EmailMessage(
        subject=notification.subject,
        body=render_to_string("notifications/email/notification.txt", context),
        to=[notification.person.email],
    )


def email_deliver(*, notification_id: int, now: dt.datetime | None = None) -> SendResult:
    """Email one notification to someone who wants email straight away, if it is waiting."""
    now = now or timezone.now()
    result = SendResult()
    person_id = (
        Notification.objects.filter(pk=notification_id).values_list("person_id", flat=True).first()
    )
    if person_id is None or _mode(person_id) != EmailMode.IMMEDIATELY:
        return result
    token, claimed = _claim(Q(pk=notification_id), now)
    if not claimed:
        return result  # sent, withdrawn, not due, or another runner has it
    notification = Notification.objects.select_related("person", "partnership").get(
        pk=notification_id
    )
    try:
        _notification_email(notification).send(fail_silently=False)
    except Exception as error:  # any failure of the mail server: record it and retry later
        logger.warning("Emailing notification %s failed: %s", notification_id, error)
        result.failed += 1
        result.gave_up += _record_failure(token, now, error)
        result.errors.append(str(error))
        return result
    _record_success(token, EmailState.SENT)
    result.sent += 1
    return result


def _immediate_people() -> Q:
    return Q(person__notification_preference__isnull=True) | Q(
        person__notification_preference__email_mode=EmailMode.IMMEDIATELY
    )


def emails_send_due(*, now: dt.datetime) -> SendResult:
    """Send every waiting email for people who want email straight away: new ones whose
    sending was interrupted, failed ones due for a retry, and stale claims."""
    result = SendResult()
    due = (
        Notification.objects.filter(_claimable(now))
        .filter(_immediate_people())
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    for notification_id in list(due):
        one = email_deliver(notification_id=notification_id, now=now)
        result.sent += one.sent
        result.failed += one.failed
        result.gave_up += one.gave_up
        result.errors += one.errors
    # A claim that went stale too many times is given up, not left "sending" for ever.
    result.gave_up += Notification.objects.filter(
        email_state=EmailState.SENDING,
        claimed_at__lt=now - CLAIM_TIMEOUT,
        attempts__gte=MAX_ATTEMPTS,
    ).update(
        email_state=EmailState.FAILED,
        next_attempt_at=None,
        claim_token="",
        last_error="Sending was interrupted too many times",
    )
    return result


def digest_day_start(now: dt.datetime) -> dt.datetime | None:
    """The start of today (site time) if today's summaries are due at ``now``, else None."""
    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR:
        return None
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


@dataclass
class DigestItem:
    subject: str
    link: str


@dataclass
class DigestGroup:
    name: str
    items: list[DigestItem]
    more: int


def digest_groups(notifications: Iterable[Notification]) -> list[DigestGroup]:
    """Notifications grouped by partnership (by name; none last), newest first, each group cut
    to ``DIGEST_ITEMS_PER_PARTNERSHIP`` with a count of the rest."""

    def partnership_of(notification: Notification) -> tuple[int, str, int]:
        partnership = notification.partnership
        if partnership is None:
            return (1, "", 0)
        return (0, partnership.name.casefold(), partnership.pk)

    ordered = sorted(notifications, key=lambda n: n.created_at, reverse=True)
    groups = []
    for _, members in groupby(sorted(ordered, key=partnership_of), key=partnership_of):
        items = list(members)
        first = items[0].partnership
        groups.append(
            DigestGroup(
                name=first.name if first is not None else "Equal Partners",
                items=[
                    DigestItem(subject=item.subject, link=absolute_url(item.url))
                    for item in items[:DIGEST_ITEMS_PER_PARTNERSHIP]
                ],
                more=max(len(items) - DIGEST_ITEMS_PER_PARTNERSHIP, 0),
            )
        )
    return groups


def _digest_email(person: Person, notifications: list[Notification]) -> EmailMessage:
    count = len(notifications)
    context = {
        "person": person,
        "count": count,
        "groups": digest_groups(notifications),
        **_footer_context(),
    }
    return EmailMessage(
        subject=f"Your daily summary: {count} update{'s' if count != 1 else ''}",
        body=render_to_string("notifications/email/digest.txt", context),
        to=[person.email],
    )


def digest_send(*, person: Person, now: dt.datetime) -> SendResult:
    """Send ``person`` today's summary of what is waiting, if it is due and not yet sent."""
    result = SendResult()
    day_start = digest_day_start(now)
    if day_start is None:
        return result
    preference = NotificationPreference.objects.filter(person=person).first()
    if preference is None or preference.email_mode != EmailMode.DAILY:
        return result
    previous = preference.last_digest_at
    # Claim the day: only one runner gets to send this person's summary today.
    day = NotificationPreference.objects.filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=day_start), pk=preference.pk
    )
    if not day.update(last_digest_at=now):
        return result

    def release_day() -> None:
        NotificationPreference.objects.filter(pk=preference.pk, last_digest_at=now).update(
            last_digest_at=previous
        )

    token, claimed = _claim(Q(person=person), now)
    if not claimed:
        release_day()  # nothing to send: a notification later today may still have a summary
        return result
    notifications = list(
        Notification.objects.filter(claim_token=token).select_related("partnership")
    )
    try:
        _digest_email(person, notifications).send(fail_silently=False)
    except Exception as error:  # any failure of the mail server: record it and retry later
        logger.warning("Emailing the daily summary to person %s failed: %s", person.pk, error)
        result.failed += 1
        result.gave_up += _record_failure(token, now, error)
        result.errors.append(str(error))
        release_day()
        return result
    _record_success(token, EmailState.IN_DIGEST)
    result.sent += 1
    result.notifications += len(notifications)
    return result


def digests_send_due(*, now: dt.datetime) -> SendResult:
    """Send the daily summary to everyone on daily email who has something waiting."""
    result = SendResult()
    day_start = digest_day_start(now)
    if day_start is None:
        return result
    waiting = Notification.objects.filter(_claimable(now)).values("person_id")
    people = Person.objects.filter(
        pk__in=waiting,
        notification_preference__email_mode=EmailMode.DAILY,
    ).filter(
        Q(notification_preference__last_digest_at__isnull=True)
        | Q(notification_preference__last_digest_at__lt=day_start)
    )
    for person in people.order_by("pk"):
        one = digest_send(person=person, now=now)
        result.sent += one.sent
        result.failed += one.failed
        result.gave_up += one.gave_up
        result.notifications += one.notifications
        result.errors += one.errors
    return result
