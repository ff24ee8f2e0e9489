"""Every write to notifications: making them, withdrawing them, reading them, preferences.

Email delivery (claiming, sending, retrying, digests) is in ``delivery``; its entry points are
offered here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, validate
from equalpartners.notifications import delivery
from equalpartners.notifications.delivery import digests_send_due as digests_send_due
from equalpartners.notifications.delivery import emails_send_due as emails_send_due
from equalpartners.notifications.models import (
    EmailMode,
    EmailState,
    Notification,
    NotificationPreference,
)
from equalpartners.notifications.reminders import run_sources
from equalpartners.notifications.selectors import email_mode_of
from equalpartners.partnerships.models import Partnership, Person


@transaction.atomic
def notify(
    *,
    person: Person,
    partnership: Partnership | None,
    topic: str,
    subject: str,
    body: str,
    url: str = "",
    key: str,
) -> Notification | None:
    """Record an on-site notification for person and deliver it by email per their preference.

    ``key`` identifies the event (e.g. ``f"waitlist-promoted:{registration.pk}"``); the same
    person and key twice makes nothing (returns None): a notification is never duplicated.
    Email is sent after the transaction commits (straight away), in the next daily summary, or
    not at all, as the person prefers.
    """
    if Notification.objects.filter(person=person, key=key).exists():
        return None
    mode = email_mode_of(person=person)
    notification = Notification(
        person=person,
        partnership=partnership,
        topic=topic,
        subject=subject[:200],
        body=body,
        url=url,
        key=key,
        email_state=EmailState.NOT_EMAILED if mode == EmailMode.OFF else EmailState.PENDING,
    )
    validate(notification)
    try:
        with transaction.atomic():  # a savepoint: another runner may make the same key now
            notification.save()
    except IntegrityError:
        return None
    audit_record(
        actor=None,
        action="notification.create",
        # Not in the partnership's history: who is told what is between us and them.
        partnership=None,
        target=notification,
        data={
            "person": person.pk,
            "partnership": partnership.pk if partnership is not None else None,
            "topic": topic,
            "key": key,
        },
    )
    if mode == EmailMode.IMMEDIATELY:
        transaction.on_commit(partial(delivery.email_deliver, notification_id=notification.pk))
    return notification


@transaction.atomic
def withdraw(*, person: Person, key: str) -> bool:
    """The thing is done (e.g. they voted): the notification with this key is withdrawn.

    If it has not yet been emailed (or put in a daily summary) it never will be, and it leaves
    the person's list; returns True. If it has been emailed already, it is only marked read;
    returns False. No notification with the key: False.
    """
    now = timezone.now()
    withdrawn = Notification.objects.filter(
        person=person,
        key=key,
        withdrawn_at__isnull=True,
        email_state__in=[EmailState.PENDING, EmailState.FAILED, EmailState.NOT_EMAILED],
    ).update(withdrawn_at=now, email_state=EmailState.NOT_EMAILED, next_attempt_at=None)
    if not withdrawn:
        Notification.objects.filter(person=person, key=key, read_at__isnull=True).update(
            read_at=now
        )
        return False
    audit_record(
        actor=None,
        action="notification.withdraw",
        partnership=None,
        target=Notification.objects.get(person=person, key=key),
        data={"person": person.pk, "key": key},
    )
    return True


@transaction.atomic
def notification_mark_read(*, actor: Actor, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(
            actor=actor,
            action="notification.read",
            partnership=None,
            target=notification,
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor: Actor, person: Person) -> int:
    count = Notification.objects.filter(person=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit_record(
            actor=actor,
            action="notification.read_all",
            partnership=None,
            target=person,
            data={"count": count},
        )
    return count


@transaction.atomic
def notification_preference_update(
    *, actor: Actor, person: Person, email_mode: str
) -> NotificationPreference:
    """Set how a person gets email. Turning email off stops anything still waiting to be sent."""
    preference, _ = NotificationPreference.objects.select_for_update().get_or_create(person=person)
    previous = preference.email_mode
    preference.email_mode = email_mode
    validate(preference)
    preference.save()
    if email_mode == EmailMode.OFF:
        Notification.objects.filter(
            person=person, email_state__in=[EmailState.PENDING, EmailState.FAILED]
        ).update(email_state=EmailState.NOT_EMAILED, next_attempt_at=None)
    if previous != email_mode:
        audit_record(
            actor=actor,
            action="notification.preference",
            partnership=None,
            target=person,
            data={"email_mode": {"from": previous, "to": email_mode}},
        )
    return preference


@dataclass
class RunSummary:
    reminders: int
    emails: delivery.SendResult
    digests: delivery.SendResult

    def lines(self) -> list[str]:
        lines = [
            f"Reminders made: {self.reminders}",
            f"Emails sent: {self.emails.sent}, failed (to retry later): {self.emails.failed}",
            f"Daily summaries sent: {self.digests.sent}"
            f" (holding {self.digests.notifications} notifications),"
            f" failed: {self.digests.failed}",
        ]
        gave_up = self.emails.gave_up + self.digests.gave_up
        if gave_up:
            lines.append(f"Gave up on {gave_up} notification emails after repeated failures")
        return lines


def notifications_run(*, now: dt.datetime | None = None) -> RunSummary:
    """The periodic work, in order: make due reminders, send or retry waiting email (any that
    went straight out on commit are already sent), then send the daily summaries that are due.

    Not one transaction: each notification and each email is committed as it goes, so that a
    failure part-way loses nothing and the next run carries on.
    """
    now = now or timezone.now()
    reminders = run_sources(now)
    emails = emails_send_due(now=now)
    digests = digests_send_due(now=now)
    return RunSummary(reminders=reminders, emails=emails, digests=digests)
