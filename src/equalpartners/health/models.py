"""Health checks and relationship surveys, stored so that nobody's answers can be traced to them.

A **wave** of the health check has its statements (``WaveItem``). When someone answers, two
separate things are written in one transaction: a ``WaveAnswered`` row saying that this person
has answered this wave (so nobody answers twice), and a ``WaveResponse`` with its ``WaveAnswer``
rows, which hold the answers with only the wave, the respondent's partner organisation, its
sector and the day. No field joins the two: no field of a response names a person, responses
and answers have random ids (an id that counts up would line up with the order people answered),
no row keeps a time of day, and the history records that *someone* answered, not who. Every one
of these rows is ordered by its random id (``Meta.ordering``), and the pages and exports read
them that way or only count them, so no page or export lists them in the order they were
written.

What this does not prevent: the two are written one after the other in one transaction, so
someone with direct access to the database (its files, system columns or logs, not the pages)
could match the order answers were stored in with the order people answered. The answer page
and docs/health-checks.md say so.

A **relationship survey** is the same for trust and value between partner organisations: the
ratings keep the rating organisation, never the person, with the same residual risk.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import TextChoices
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.health.item_bank import FACTOR_BY_KEY, FACTORS, HEADING_NAMES
from equalpartners.partnerships.models import Partner, Person

ITEM_TEXT_LIMIT = 300
MAX_ITEMS = 60


class Status(TextChoices):
    UPCOMING = "upcoming", "Not open yet"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Round(models.Model):
    """What a health-check wave and a relationship survey share: a name and the days it is open,
    from the start of ``opens_on`` to the end of ``closes_on`` in the partnership's time zone,
    or until someone closes it early."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=120)
    opens_on = models.DateField()
    closes_on = models.DateField(db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        abstract = True
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.partnership.time_zone)

    def status_at(self, now: dt.datetime) -> Status:
        if self.closed_at is not None and self.closed_at <= now:
            return Status.CLOSED
        today = now.astimezone(self.zone).date()
        if today < self.opens_on:
            return Status.UPCOMING
        if today > self.closes_on:
            return Status.CLOSED
        return Status.OPEN

    @property
    def closed_on(self) -> dt.date:
        """The last day it was open: its closing day, or the day someone closed it early."""
        if self.closed_at is not None:
            return min(self.closes_on, self.closed_at.astimezone(self.zone).date())
        return self.closes_on


class Wave(Round):
    """One round of the health check."""

    def get_absolute_url(self) -> str:
        return self.url_for("wave")

    def url_for(self, page: str) -> str:
        return reverse(
            f"health:{page}",
            kwargs={"partnership_slug": self.partnership.slug, "wave_id": self.pk},
        )


class WaveItem(models.Model):
    """A statement in a wave, under one factor. Fixed once the wave opens."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="items")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    factor = models.CharField(max_length=30, choices=[(f.key, f.name) for f in FACTORS])
    text = models.CharField(max_length=ITEM_TEXT_LIMIT)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def heading(self) -> str:
        return FACTOR_BY_KEY[self.factor].heading

    @property
    def heading_name(self) -> str:
        return HEADING_NAMES[self.heading]


class WaveAnswered(models.Model):
    """That a person has answered a wave: nothing about what they answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]  # random: never the order the rows were written in
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="health_answer_once_per_wave")
        ]

    def __str__(self) -> str:
        return f"Has answered wave {self.wave_id}"


class WaveResponse(models.Model):
    """One person's answers to a wave, without the person: their partner, its sector, the day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sector = models.CharField(max_length=20, blank=True)
    submitted_on = models.DateField()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]  # random: never the order the rows were written in

    def __str__(self) -> str:
        return f"A response to wave {self.wave_id}"


class WaveAnswer(models.Model):
    """One answer: 1 (strongly disagree) to 5 (strongly agree), or none for "don't know"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(WaveResponse, on_delete=models.CASCADE, related_name="answers")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(WaveItem, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]  # random: never the order the rows were written in
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="health_one_answer_per_item"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="health_answer_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"An answer to statement {self.item_id}"


class Survey(Round):
    """A relationship survey: each partner organisation rates the others on trust and value."""

    partners = models.ManyToManyField(Partner, related_name="+")

    def get_absolute_url(self) -> str:
        return self.url_for("survey")

    def url_for(self, page: str) -> str:
        return reverse(
            f"health:{page}",
            kwargs={"partnership_slug": self.partnership.slug, "survey_id": self.pk},
        )


class SurveyAnswered(models.Model):
    """That a person has answered a relationship survey for their organisation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]  # random: never the order the rows were written in
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="health_survey_answer_once")
        ]

    def __str__(self) -> str:
        return f"Has answered survey {self.survey_id}"


class SurveyResponse(models.Model):
    """One respondent's ratings, kept as their organisation's (``rater``), without the person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    rater = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    submitted_on = models.DateField()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]  # random: never the order the rows were written in

    def __str__(self) -> str:
        return f"A response to survey {self.survey_id}"


def _rating() -> models.PositiveSmallIntegerField:  # type: ignore[type-arg]
    return models.PositiveSmallIntegerField(null=True, blank=True)


class SurveyRating(models.Model):
    """One organisation rated by a respondent, 1 to 4 on each item; an empty item was skipped."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="ratings")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    rated = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    reliable = _rating()
    mission = _rating()
    open = _rating()
    influence = _rating()
    involvement = _rating()
    resources = _rating()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]  # random: never the order the rows were written in
        constraints = [
            models.UniqueConstraint(fields=["response", "rated"], name="health_rate_once"),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{item}__isnull": True})
                    | models.Q(**{f"{item}__gte": 1, f"{item}__lte": 4}),
                    name=f"health_{item}_on_the_scale",
                )
                for item in ("reliable", "mission", "open", "influence", "involvement", "resources")
            ],
        ]

    def __str__(self) -> str:
        return f"A rating of partner {self.rated_id}"
