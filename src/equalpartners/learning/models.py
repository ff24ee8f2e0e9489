"""The learning log and stories of change.

A **reflection** is one person's note of what worked, what was hard and what we would do
differently, linked if they like to activities, themes or decisions. Its author chooses who reads
it: the people of their own partner organisation, everyone in the partnership, or anyone (on
the partnership's public pages, when it has them; and only then may it go in the published
report).

A **story of change** follows the Most Significant Change technique (Davies and Dart): a story,
the domain of change it belongs to and why its teller thinks it matters. In a **selection round**
a group of people reads the stories of a period and records which they chose as most
significant, and why. A chosen story goes in the learning report only if its teller agreed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_scopes import ScopedManager

from equalpartners.partnerships.models import Partner, Person

if TYPE_CHECKING:
    from equalpartners.decisions.models import Decision
    from equalpartners.themes.models import Proposal

TITLE_LIMIT = 200
TEXT_LIMIT = 4000
STORY_LIMIT = 6000
REASONS_LIMIT = 3000
DOMAIN_NAME_LIMIT = 120
DOMAIN_DESCRIPTION_LIMIT = 600

# Offered to a partnership that has no domains yet; the coordinator keeps, renames or drops them.
SUGGESTED_DOMAINS = [
    (
        "Relationships between sectors",
        "Changes in how the third sector, the public sector and government work with each other.",
    ),
    ("How we lead", "Changes in how leaders at every level lead, on their own and together."),
    (
        "Children and families' experience",
        "Changes that children, young people and families notice in the services they use.",
    ),
    (
        "Policy and practice",
        "Changes in policy, and in how services are planned, funded and run.",
    ),
]


class Visibility(models.TextChoices):
    PARTNER = "partner", "Only people of my partner organisation"
    PARTNERSHIP = "partnership", "Everyone in the partnership"
    PUBLIC = (
        "public",
        "Public: anyone may read it on the partnership's public pages, and it may be "
        "published in the learning report",
    )


# The same, in a few words for lists and filters.
VISIBILITY_SHORT = {
    Visibility.PARTNER: "Kept within one partner",
    Visibility.PARTNERSHIP: "Shared with the partnership",
    Visibility.PUBLIC: "Public",
}


class Reflection(models.Model):
    """A note in the learning log. At least one of the three questions is answered."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="reflections"
    )
    title = models.CharField(max_length=TITLE_LIMIT)
    what_worked = models.TextField(max_length=TEXT_LIMIT, blank=True)
    what_was_hard = models.TextField(max_length=TEXT_LIMIT, blank=True)
    do_differently = models.TextField(max_length=TEXT_LIMIT, blank=True)
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The author's partner organisation here, which "only my partner organisation" means.
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PARTNERSHIP
    )
    activities = models.ManyToManyField("programme.Activity", blank=True, related_name="+")
    themes: models.ManyToManyField[Proposal, Any] = models.ManyToManyField(
        "themes.Proposal", blank=True, related_name="+"
    )
    decisions: models.ManyToManyField[Decision, Any] = models.ManyToManyField(
        "decisions.Decision", blank=True, related_name="+"
    )
    for_report = models.BooleanField(default=False)
    written_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-written_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_report=False) | Q(visibility="public"),
                name="reflection_in_report_only_if_public",
            ),
            models.CheckConstraint(
                condition=~(Q(what_worked="") & Q(what_was_hard="") & Q(do_differently="")),
                name="reflection_answers_a_question",
            ),
        ]

    def __str__(self) -> str:
        # The history of the partnership, which every member reads, names records by this:
        # a reflection kept within one partner is not named there.
        if self.visibility == Visibility.PARTNER:
            return "a reflection kept within one partner"
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:reflection",
            kwargs={"partnership_slug": self.partnership.slug, "reflection_id": self.pk},
        )

    @property
    def visibility_short(self) -> str:
        return VISIBILITY_SHORT[Visibility(self.visibility)]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        answers = (self.what_worked, self.what_was_hard, self.do_differently)
        if not any(answer.strip() for answer in answers):
            errors["what_worked"] = (
                "Say what worked, what was hard or what we would do differently: at least one"
            )
        if self.for_report and self.visibility != Visibility.PUBLIC:
            errors["visibility"] = "Only a public reflection can go in the report"
        if errors:
            raise ValidationError(errors)


class Domain(models.Model):
    """A domain of change: a broad kind of change the partnership wants to hear stories about."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=DOMAIN_NAME_LIMIT)
    description = models.TextField(max_length=DOMAIN_DESCRIPTION_LIMIT, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="domain_name_once_per_partnership",
                violation_error_message="There is already a domain with this name",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    """A story of change, as its teller told it. Once a round chooses it, its words stay."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=TITLE_LIMIT)
    story = models.TextField(max_length=STORY_LIMIT)
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="stories")
    why_it_matters = models.TextField(max_length=TEXT_LIMIT)
    teller = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    told_on = models.DateField(db_index=True)
    consent_to_publish = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-told_on", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:story",
            kwargs={"partnership_slug": self.partnership.slug, "story_id": self.pk},
        )


class SelectionRound(models.Model):
    """A round in which a group reads the stories of a period and chooses the most significant.

    No domain means stories of every domain. Once closed, nothing in it changes.
    """

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=TITLE_LIMIT)
    domain = models.ForeignKey(
        Domain, null=True, blank=True, on_delete=models.PROTECT, related_name="rounds"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    stories = models.ManyToManyField(Story, blank=True, related_name="rounds")
    selectors: models.ManyToManyField[Person, Any] = models.ManyToManyField(
        Person, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-ends_on", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "learning:round",
            kwargs={"partnership_slug": self.partnership.slug, "round_id": self.pk},
        )

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The period must end on or after the day it starts"})


class Selection(models.Model):
    """A story a round chose as most significant, with the group's reasons."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="selections")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="selections")
    reasons = models.TextField(max_length=REASONS_LIMIT)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "story"],
                name="story_chosen_once_per_round",
                violation_error_message="This round has already chosen this story",
            ),
            models.CheckConstraint(condition=~Q(reasons=""), name="selection_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.story} in {self.round}"
