"""The shared programme: activities, milestones, outputs, and the themes that link them.

Challenges and actions (follow-up) are in ``action_models``, imported here so Django finds them.

Times are stored in UTC with the activity's own time zone beside them, and shown in that zone.
"""

from __future__ import annotations

import zoneinfo
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.partnerships.models import Partner, Person
from equalpartners.programme.action_models import (
    Action,
    ActionScale,
    ActionStatus,
    ActionUpdate,
    Challenge,
)

__all__ = [
    "Action",
    "ActionScale",
    "ActionStatus",
    "ActionUpdate",
    "Activity",
    "ActivityKind",
    "ActivityStatus",
    "Challenge",
    "Milestone",
    "Output",
    "OutputKind",
    "Theme",
    "Visibility",
]


class Theme(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=100)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="theme_once")]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.TextChoices):
    EVENT = "event", "Event"
    ROUNDTABLE = "roundtable", "Roundtable"
    SUMMIT = "summit", "Summit"
    GATHERING_SESSION = "gathering_session", "Session at a sector gathering"
    BOARD_SESSION = "board_session", "Board learning session"
    STAFF_EXCHANGE = "staff_exchange", "Staff exchange"
    RESEARCH = "research", "Research"
    OTHER = "other", "Other"


class ActivityStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    PLANNED = "planned", "Planned"
    CONFIRMED = "confirmed", "Confirmed"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class Visibility(models.TextChoices):
    PARTNERS = "partners", "Partners only"
    INVITED = "invited", "Invited people"
    PUBLIC = "public", "Public"


class Activity(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(max_length=30, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=5000, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="activities")
    lead_partners: models.ManyToManyField[Partner, Any] = models.ManyToManyField(
        Partner, related_name="led_activities", blank=True
    )
    co_partners: models.ManyToManyField[Partner, Any] = models.ManyToManyField(
        Partner, related_name="co_delivered_activities", blank=True
    )
    led_by: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        Person, related_name="activities_led", blank=True
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default="Europe/London")
    venue = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(
        max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PARTNERS
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "activities"
        indexes = [models.Index(fields=["partnership", "starts_at"], name="activity_when_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:activity",
            kwargs={"partnership_slug": self.partnership.slug, "activity_id": self.pk},
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = f"'{self.time_zone}' is not a time zone we know"
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "The end must be after the start"
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Milestone(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=4000, blank=True)
    date = models.DateField(db_index=True)
    partners = models.ManyToManyField("partnerships.Partner", blank=True, related_name="+")

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:milestone",
            kwargs={"partnership_slug": self.partnership.slug, "milestone_id": self.pk},
        )


class OutputKind(models.TextChoices):
    REPORT = "report", "Report"
    RESEARCH = "research", "Research"
    RESOURCE = "resource", "Resource"
    OTHER = "other", "Other"


class Output(models.Model):
    """Something the partners made together: a report, a research piece, a resource."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(max_length=20, choices=OutputKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=5000, blank=True)
    published_on = models.DateField(db_index=True)
    partners = models.ManyToManyField("partnerships.Partner", blank=True, related_name="outputs")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="outputs"
    )
    url = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="outputs/%Y/", blank=True)
    is_public = models.BooleanField(default=False)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["published_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:output",
            kwargs={"partnership_slug": self.partnership.slug, "output_id": self.pk},
        )

    @property
    def file_name(self) -> str:
        """The uploaded file's own name, without the folder it is stored in."""
        return PurePosixPath(self.file.name or "").name

    def get_file_url(self) -> str:
        return reverse(
            "programme:output-file",
            kwargs={"partnership_slug": self.partnership.slug, "output_id": self.pk},
        )
