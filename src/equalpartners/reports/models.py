"""Learning reports: what a report covers, each run that generated it, and the snapshot.

A ``Report`` is what its author chose: title, introduction, period and sections. Generating it
makes a ``Run``, which copies those choices and then gathers each section in turn into a
``RunSection`` (the section as HTML and as Markdown), and finally the PDF. A finished run
becomes the report's snapshot: the member pages, the public address and the downloads all
read the snapshot, so a published report stays as it was until someone generates it again,
whatever happens to most of the records it was made from. The exception is what people take
back from the learning section (a teller's consent, a reflection): then the snapshot is marked
out of date (``stale_since``), no page shows it, and a new run replaces it. A run that stops
without finishing (the process ended) stops beating its heartbeat and is shown as failed.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

TITLE_LIMIT = 200
INTRODUCTION_LIMIT = 5000
# A run whose heartbeat is older than this has stopped: no section takes nearly this long.
STALLED_AFTER = dt.timedelta(minutes=2)


def new_public_token() -> str:
    """The secret part of a report's public address: 192 random bits, never guessed."""
    return secrets.token_urlsafe(24)


class Report(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="learning_reports"
    )
    title = models.CharField(max_length=TITLE_LIMIT)
    # Plain text: shown escaped, paragraph by paragraph. Nobody's HTML reaches a page.
    introduction = models.TextField(max_length=INTRODUCTION_LIMIT, blank=True)
    since = models.DateField("Start of the period")
    until = models.DateField("End of the period")
    sections = models.JSONField(default=list, blank=True)  # keys, in the registry's order
    snapshot = models.ForeignKey(
        "Run", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public_token = models.CharField(max_length=64, unique=True, default=new_public_token)
    published_at = models.DateTimeField(null=True, blank=True)
    # Set when something left the learning report after the snapshot was made: until a run
    # started since then finishes, the snapshot is shown nowhere, not even to members.
    stale_since = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.url_for("detail")

    def url_for(self, page: str) -> str:
        """The address of one of the report's member pages: ``progress``, ``pdf``, ``publish``..."""
        return reverse(
            f"reports:{page}",
            kwargs={"partnership_slug": self.partnership.slug, "report_id": self.pk},
        )

    def public_url_for(self, page: str = "report") -> str:
        return reverse(f"reports_public:{page}", kwargs={"token": self.public_token})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_being_updated(self) -> bool:
        """Whether its snapshot holds something taken back since, and waits to be replaced."""
        return self.stale_since is not None

    def clean(self) -> None:
        from equalpartners.reports.registry import SECTION_KEYS

        errors: dict[str, str] = {}
        if not (self.title or "").strip():
            errors["title"] = "Enter a title for the report"
        if self.since and self.until and self.until < self.since:
            errors["until"] = (
                f"The period must end on or after the day it starts ({self.since:%-d %B %Y})"
            )
        chosen = list(self.sections or [])
        unknown = sorted(set(chosen) - set(SECTION_KEYS))
        if not chosen:
            errors["sections"] = "Choose at least one section for the report"
        elif unknown:
            errors["sections"] = f"There is no section called {', '.join(unknown)}"
        elif len(set(chosen)) != len(chosen):
            errors["sections"] = "Choose each section once"
        if errors:
            raise ValidationError(errors)


class RunStatus(models.TextChoices):
    RUNNING = "running", "Generating"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class Run(models.Model):
    """One generation of a report, with the choices it was made from and its progress."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="runs")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    # The report's choices when the run started: the snapshot reads these, not the report's.
    title = models.CharField(max_length=TITLE_LIMIT)
    introduction = models.TextField(max_length=INTRODUCTION_LIMIT, blank=True)
    since = models.DateField()
    until = models.DateField()
    sections = models.JSONField(default=list, blank=True)
    partner_names = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    # Progress: sections finished, and the one being gathered ("" once all are, for the PDF).
    done_sections = models.PositiveSmallIntegerField(default=0)
    current_section = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField()
    heartbeat_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def total_sections(self) -> int:
        return len(self.sections)

    def state_at(self, now: dt.datetime) -> RunStatus:
        """The run's status as people should see it: a run whose heartbeat stopped failed."""
        if self.status == RunStatus.RUNNING and now - self.heartbeat_at > STALLED_AFTER:
            return RunStatus.FAILED
        return RunStatus(self.status)


class RunSection(models.Model):
    """One section of a run, as it was when gathered: an HTML fragment and its Markdown."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="parts")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()
    html = models.TextField()
    markdown = models.TextField()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "key"], name="report_section_once_per_run")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def anchor(self) -> str:
        """The section's id on the page, for the contents list and its heading."""
        return f"section-{self.key}"
