"""Themes from staff teams: a call for themes, the themes proposed to it, and each voter's dots.

A call moves from taking proposals, to voting, to closed: by its dates, or sooner when whoever
runs it moves it on. Each voter's dots are one row (``Allocation``), replaced whole when they
change them, so a count never sees half of a change. A theme the partners chose can become a
staff exchange session in the programme; the theme then links to it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.core.capabilities import ROLE_CAPABILITIES, Capability, Role
from equalpartners.core.forms import available_time_zones
from equalpartners.engines.voting import Weighting
from equalpartners.partnerships.models import Partner, Person

# Roles that may take part (guests only look), so the roles that may propose or vote.
TAKING_PART_ROLES = [
    role for role in Role.values if Capability.CONTRIBUTE in ROLE_CAPABILITIES[role]
]
TAKING_PART_ROLE_CHOICES = [(role, Role(role).label) for role in TAKING_PART_ROLES]
DEFAULT_PROPOSER_ROLES = [Role.COORDINATOR.value, Role.PARTNER_LEAD.value, Role.STAFF.value]

WEIGHTING_CHOICES = [
    (Weighting.PERSON.value, "Each person counts equally"),
    (Weighting.PARTNER.value, "Each partner counts equally"),
]

TITLE_LIMIT = 120
DESCRIPTION_LIMIT = 600
MAX_PROPOSALS = 30
MAX_DOT_BUDGET = 100


def default_proposer_roles() -> list[str]:
    return list(DEFAULT_PROPOSER_ROLES)


class CallStatus(models.TextChoices):
    PROPOSING = "proposing", "Taking proposals"
    VOTING = "voting", "Voting"
    CLOSED = "closed", "Closed"


class Call(models.Model):
    """A call for themes: who may propose, how many dots each voter has, and when it moves on."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="theme_calls"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=3000, blank=True)
    proposer_roles = models.JSONField(default=default_proposer_roles)
    weighting = models.CharField(
        max_length=10, choices=WEIGHTING_CHOICES, default=Weighting.PERSON.value
    )
    dot_budget = models.PositiveSmallIntegerField(default=10)
    max_dots_per_theme = models.PositiveSmallIntegerField(null=True, blank=True)
    proposals_close_at = models.DateTimeField()
    voting_closes_at = models.DateTimeField(db_index=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    # Set when whoever runs the call moves it on before its date.
    voting_opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    tie_break_seed = models.PositiveBigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-voting_closes_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "themes:call",
            kwargs={"partnership_slug": self.partnership.slug, "call_id": self.pk},
        )

    def url_for(self, page: str) -> str:
        """The address of one of the call's pages: ``vote``, ``results``, ``propose``..."""
        return reverse(
            f"themes:{page}",
            kwargs={"partnership_slug": self.partnership.slug, "call_id": self.pk},
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.time_zone not in available_time_zones():
            errors["time_zone"] = f"'{self.time_zone}' is not a time zone we know"
        if (
            self.proposals_close_at
            and self.voting_closes_at
            and self.voting_closes_at <= self.proposals_close_at
        ):
            errors["voting_closes_at"] = "Voting must close after proposals close"
        if not 1 <= (self.dot_budget or 0) <= MAX_DOT_BUDGET:
            errors["dot_budget"] = f"Give each voter between 1 and {MAX_DOT_BUDGET} dots"
        if self.max_dots_per_theme is not None and not (
            1 <= self.max_dots_per_theme <= (self.dot_budget or 0)
        ):
            errors["max_dots_per_theme"] = (
                "The most dots on one theme must be at least 1 and no more than the dots each "
                "voter has"
            )
        roles = list(self.proposer_roles or [])
        unknown = set(roles) - set(TAKING_PART_ROLES)
        if not roles:
            errors["proposer_roles"] = "Choose at least one role that may propose themes"
        elif unknown:
            errors["proposer_roles"] = (
                f"These roles cannot propose: {', '.join(sorted(unknown))}. Only roles that take "
                "part in the partnership propose"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def status_at(self, now: dt.datetime) -> CallStatus:
        if self.closed_at is not None or now >= self.voting_closes_at:
            return CallStatus.CLOSED
        if self.voting_opened_at is not None or now >= self.proposals_close_at:
            return CallStatus.VOTING
        return CallStatus.PROPOSING

    @property
    def proposals_closed_at(self) -> dt.datetime:
        """When proposals closed or close: moved on early, or the date."""
        if self.voting_opened_at is not None:
            return min(self.voting_opened_at, self.proposals_close_at)
        return self.proposals_close_at

    @property
    def voting_closed_at(self) -> dt.datetime:
        if self.closed_at is not None:
            return min(self.closed_at, self.voting_closes_at)
        return self.voting_closes_at

    @property
    def proposer_roles_text(self) -> str:
        labels = [Role(role).label for role in Role.values if role in self.proposer_roles]
        return ", ".join(labels)


class Proposal(models.Model):
    """A theme proposed to a call: a short title and description, by a person of a partner."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    # The partnership again, so that the tenant guard covers proposals on their own.
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=TITLE_LIMIT)
    description = models.TextField(max_length=DESCRIPTION_LIMIT)
    proposer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activity = models.OneToOneField(
        "programme.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="theme_proposal",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "title"],
                name="theme_title_once_per_call",
                violation_error_message="This call already has a theme with this title",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Allocation(models.Model):
    """One voter's dots in a call, by proposal id: ``{"12": 3, "15": 2}``.

    The voter's partner is kept, because counting each partner equally needs it.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="allocations")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    voter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dots = models.JSONField(default=dict)
    voted_at = models.DateTimeField()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["voted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "voter"], name="one_allocation_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter} in {self.call_id}"

    def dots_for(self, proposal_id: int) -> int:
        return int(self.dots.get(str(proposal_id), 0))

    @property
    def total(self) -> int:
        return sum(int(n) for n in self.dots.values())
