"""Actions and follow-up: the challenges posed at an activity and the actions people commit to.

"The small changes we can all make, and how we influence the large-scale change": each action
says what will be done, who will do it (a person, a partner organisation, or both), by when,
and at which scale. Its status changes are kept as a history of updates, each with a note.

Dates: an action is due on a calendar date. Whether it is overdue is decided by the date
today in the *partnership's* time zone (``Partnership.time_zone``), for every action, with or
without an activity: one partnership's lists then always agree about what is overdue.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_scopes import ScopedManager


class ActionScale(models.TextChoices):
    SMALL = "small", "A small change in our own organisation"
    LARGE = "large", "Influencing large-scale change"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Challenge(models.Model):
    """A challenge posed at an activity, which actions may answer."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="challenges"
    )
    activity = models.ForeignKey(
        "programme.Activity", on_delete=models.CASCADE, related_name="challenges"
    )
    text = models.TextField(max_length=2000)
    posed_by = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges_posed",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:activity",
            kwargs={"partnership_slug": self.partnership.slug, "activity_id": self.activity_id},
        )


class Action(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="actions"
    )
    activity = models.ForeignKey(
        "programme.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    what = models.TextField("What will be done", max_length=1000)
    # At least one owner (a database constraint); kept (PROTECT) while an action names them.
    owner_person = models.ForeignKey(
        "partnerships.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_owned",
    )
    owner_partner = models.ForeignKey(
        "partnerships.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_owned",
    )
    due_on = models.DateField("Due by", db_index=True)
    scale = models.CharField(max_length=10, choices=ActionScale.choices)
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When it was committed to: by default when it was recorded (the demo and imports say when).
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["partnership", "status", "due_on"], name="action_open_due_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner_person__isnull=False)
                | models.Q(owner_partner__isnull=False),
                name="action_has_an_owner",
                violation_error_message="Choose who will do this: a person, a partner "
                "organisation, or both",
            )
        ]

    def __str__(self) -> str:
        text = " ".join(self.what.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:action",
            kwargs={"partnership_slug": self.partnership.slug, "action_id": self.pk},
        )

    def is_overdue_on(self, today: dt.date) -> bool:
        """Open and due before ``today`` (the date in the partnership's time zone)."""
        return self.status == ActionStatus.OPEN and self.due_on < today

    @property
    def owner_text(self) -> str:
        """Who will do it, in words: "Ann Smith (Health Org)", "Health Org"."""
        person, partner = self.owner_person, self.owner_partner
        if person is not None and partner is not None:
            return f"{person.name} ({partner})"
        if person is not None:
            return person.name
        return str(partner)


class ActionUpdate(models.Model):
    """A change of an action's status, or a note on its progress: the action's history."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=10, choices=ActionStatus.choices)
    note = models.TextField(max_length=2000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.action}"


def zone_of(partnership: object) -> zoneinfo.ZoneInfo:
    """The partnership's time zone, in which due dates and the timeline's action dates fall."""
    return zoneinfo.ZoneInfo(str(getattr(partnership, "time_zone", "") or "Europe/London"))
