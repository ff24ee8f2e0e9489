"""Notifications: what we tell a person, on the site and by email, and how they want email.

A notification belongs to a person (not to a partnership: a person's list spans every
partnership they are in), so its manager is not scoped; the partnership, when there is one,
only says where the notification came from.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from equalpartners.partnerships.models import Partnership, Person


class EmailMode(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight away, one email for each notification"
    DAILY = "daily", "Once a day, in a short summary"
    OFF = "off", "Never: I will read them on the site"


class EmailState(models.TextChoices):
    PENDING = "pending", "Waiting to be emailed"
    SENDING = "sending", "Being emailed"
    SENT = "sent", "Emailed"
    FAILED = "failed", "Email failed"
    IN_DIGEST = "in_digest", "Emailed in a daily summary"
    NOT_EMAILED = "not_emailed", "Not emailed"


class Notification(models.Model):
    """One thing to tell one person; ``key`` names the event, so it is never made twice."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.CharField(max_length=60)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=4000, blank=True)
    url = models.CharField(max_length=500, blank=True)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    email_state = models.CharField(
        max_length=20, choices=EmailState.choices, default=EmailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # When a failed email is next tried; empty once we have given up.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Who is sending it: a runner sets both with a conditional UPDATE before sending, so that
    # two runners never send the same email; a claim older than the timeout is taken over.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_notification_per_key")
        ]
        indexes = [
            models.Index(fields=["person", "read_at"], name="notification_person_read_idx"),
            models.Index(fields=["email_state", "next_attempt_at"], name="notification_email_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.person})"


class NotificationPreference(models.Model):
    """How a person wants email; someone without one gets email straight away."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email_mode = models.CharField(
        max_length=20, choices=EmailMode.choices, default=EmailMode.IMMEDIATELY
    )
    # When the last daily summary was claimed for sending: at most one a day.
    last_digest_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.person}: {self.get_email_mode_display()}"
