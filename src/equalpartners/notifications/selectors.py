"""Reads: a signed-in person's own notifications, and nobody else's."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from equalpartners.notifications.models import EmailMode, Notification, NotificationPreference
from equalpartners.partnerships.models import Person


def person_of(*, user: Any) -> Person | None:
    """The person record of a signed-in user, or None (an account with no person yet)."""
    if user is None or not user.is_authenticated:
        return None
    return Person.objects.filter(user=user).first()


def notifications_for(*, person: Person) -> QuerySet[Notification]:
    """What a person sees on their list: unread first, newest first; withdrawn ones left out."""
    return (
        Notification.objects.filter(person=person, withdrawn_at__isnull=True)
        .select_related("partnership")
        .order_by(F("read_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def notification_of(*, person: Person, notification_id: int) -> Notification | None:
    """One of the person's own notifications; another person's is None (so, 404)."""
    return notifications_for(person=person).filter(pk=notification_id).first()


def unread_count_for_user(*, user: Any) -> int:
    """Unread notifications of a signed-in user, in one query."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(
        person__user=user, read_at__isnull=True, withdrawn_at__isnull=True
    ).count()


def email_mode_of(*, person: Person) -> str:
    preference = NotificationPreference.objects.filter(person=person).first()
    return preference.email_mode if preference is not None else EmailMode.IMMEDIATELY
