"""Joint decisions: the question, its options, the rules declared before voting, and the ballots.

Anonymity is a property of the tables, not of the pages: in an anonymous decision a ``Ballot``
holds no voter, no time and a random id, and ``VoteRecord`` (who has voted, and when) holds no
ballot. Nothing stored links the two. A ballot keeps its voter's partner, because counting each
partner equally needs it; the form says so before anyone votes.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.core.capabilities import ROLE_CAPABILITIES, Capability, Role
from equalpartners.core.forms import available_time_zones
from equalpartners.engines.voting import Method, Weighting
from equalpartners.partnerships.models import Partner, Person

METHOD_LABELS = {
    Method.PLURALITY: "First choices (plurality)",
    Method.BORDA: "Points by rank (Borda count)",
    Method.IRV: "Instant runoff",
    Method.SCHULZE: "Head to head (Schulze)",
    Method.RANKED_PAIRS: "Head to head (ranked pairs)",
    Method.COPELAND: "Most head-to-head wins (Copeland)",
    Method.MINIMAX: "Smallest defeat (minimax)",
    Method.APPROVAL: "Approval",
    Method.SCORE: "Score",
    Method.DOT: "Dot vote",
    Method.MAJORITY_JUDGMENT: "Majority judgment",
    Method.CONSENT: "Consent",
    Method.TIME_POLL: "Meeting-time poll",
}
METHOD_CHOICES = [(method.value, METHOD_LABELS[method]) for method in Method]

# Roles that may vote: those that take part (guests only look).
VOTING_ROLES = [role for role in Role.values if Capability.CONTRIBUTE in ROLE_CAPABILITIES[role]]
VOTING_ROLE_CHOICES = [(role, Role(role).label) for role in VOTING_ROLES]

WEIGHTING_CHOICES = [
    (Weighting.PARTNER.value, "Each partner counts equally"),
    (Weighting.PERSON.value, "Each person counts equally"),
]

# The words for each grade of majority judgment, lowest first: a grade is a judgment, not a number.
JUDGMENT_GRADES = ["Reject", "Poor", "Acceptable", "Good", "Very good", "Excellent"]
TIME_ANSWERS = [(2, "Yes"), (1, "If need be"), (0, "No")]
STANCE_CHOICES = [
    ("agree", "Agree"),
    ("abstain", "Stand aside: I will not hold it up"),
    ("disagree", "Disagree"),
    ("block", "Block: I cannot accept this, and it should not go ahead"),
]


class DecisionStatus(models.TextChoices):
    UPCOMING = "upcoming", "Not open yet"
    OPEN = "open", "Open for votes"
    CLOSED = "closed", "Closed"


class Decision(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="decisions"
    )
    question = models.CharField(max_length=300)
    context = models.TextField(
        max_length=5000, blank=True, help_text="What people need to know before they vote"
    )
    method = models.CharField(max_length=30, choices=METHOD_CHOICES, default=Method.RANKED_PAIRS)
    weighting = models.CharField(
        max_length=10, choices=WEIGHTING_CHOICES, default=Weighting.PARTNER
    )
    voter_roles = models.JSONField(
        default=list, blank=True, help_text="Roles that may vote; none chosen means every role"
    )
    voter_partners: models.ManyToManyField[Partner, Any] = models.ManyToManyField(
        Partner, blank=True, related_name="+", help_text="None chosen means every partner"
    )
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField(db_index=True)
    time_zone = models.CharField(max_length=64, default="Europe/London")
    anonymous = models.BooleanField(default=False)
    results_live = models.BooleanField(
        default=False, help_text="Show the count while voting is open, not only after it closes"
    )
    votes_changeable = models.BooleanField(default=True)
    proposals_allowed = models.BooleanField(
        default=False, help_text="Members may propose options until voting opens"
    )
    scale_high = models.PositiveSmallIntegerField(
        default=5, help_text="Score: grades run from 0 to this"
    )
    dot_budget = models.PositiveSmallIntegerField(null=True, blank=True)
    quorum_people = models.PositiveIntegerField(null=True, blank=True)
    quorum_per_partner = models.PositiveIntegerField(null=True, blank=True)
    casting_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tie_break_seed = models.PositiveBigIntegerField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(max_length=5000, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    chosen_option = models.ForeignKey(
        "Option", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-closes_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse(
            "decisions:decision",
            kwargs={"partnership_slug": self.partnership.slug, "decision_id": self.pk},
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.time_zone not in available_time_zones():
            errors["time_zone"] = f"'{self.time_zone}' is not a time zone we know"
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "Voting must close after it opens"
        if self.method == Method.DOT and not self.dot_budget:
            errors["dot_budget"] = "A dot vote needs a number of dots for each person"
        if self.method == Method.TIME_POLL and self.anonymous:
            errors["anonymous"] = (
                "A meeting-time poll names who can come, so that the invitation reaches them"
            )
        if self.anonymous and self.results_live:
            errors["results_live"] = (
                "An anonymous decision shows its results when voting closes: a count shown "
                "live would show how each new vote changed it"
            )
        if self.method == Method.SCORE and self.scale_high < 1:
            errors["scale_high"] = "The highest grade must be at least 1"
        unknown_roles = set(self.voter_roles or []) - set(VOTING_ROLES)
        if unknown_roles:
            errors["voter_roles"] = (
                f"These roles cannot vote: {', '.join(sorted(unknown_roles))}. Only roles that "
                "take part in the partnership vote"
            )
        if self.proposals_allowed and self.method in (Method.CONSENT, Method.TIME_POLL):
            errors["proposals_allowed"] = (
                "Members can propose options for a choice between options, not for consent "
                "or a meeting-time poll"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def closing_text(self) -> str:
        """When voting closes, in the decision's own zone, naming it."""
        local = self.closes_at.astimezone(self.zone)
        return f"{local:%A %-d %B %Y, %H:%M} {local.tzname()} ({self.time_zone})"

    @property
    def ballots_record_partner(self) -> bool:
        """Whether the count needs each ballot's partner: partners weigh equally, a partner
        holds the casting vote, or each partner must bring people."""
        return (
            self.weighting == Weighting.PARTNER
            or self.casting_partner_id is not None
            or bool(self.quorum_per_partner)
            or self.method == Method.TIME_POLL
        )

    @property
    def method_enum(self) -> Method:
        return Method(self.method)

    @property
    def method_description(self) -> str:
        return self.method_enum.description

    @property
    def ballot_kind(self) -> str:
        """``ranking``, ``grades``, ``dots`` or ``stance``: what the voting form asks for."""
        return self.method_enum.ballot_kind

    def status_at(self, now: dt.datetime) -> DecisionStatus:
        if self.closed_at is not None or now >= self.closes_at:
            return DecisionStatus.CLOSED
        if now < self.opens_at:
            return DecisionStatus.UPCOMING
        return DecisionStatus.OPEN

    def grade_choices(self) -> list[tuple[int, str]]:
        """The grades a voter may give each option, best first."""
        if self.method == Method.APPROVAL:
            return [(1, "Approve"), (0, "Do not approve")]
        if self.method == Method.TIME_POLL:
            return TIME_ANSWERS
        if self.method == Method.MAJORITY_JUDGMENT:
            return [(i, name) for i, name in reversed(list(enumerate(JUDGMENT_GRADES)))]
        return [(i, str(i)) for i in range(self.scale_high, -1, -1)]

    def scale(self) -> tuple[int, int] | None:
        """The lowest and highest grade, for methods that grade."""
        if self.ballot_kind != "grades":
            return None
        values = [value for value, _ in self.grade_choices()]
        return min(values), max(values)


class Option(models.Model):
    """One choice put to the vote; for a meeting-time poll, a time slot."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    # The partnership again, so that the tenant guard covers options on their own.
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(max_length=200)
    description = models.TextField(max_length=2000, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "label"],
                name="option_label_once",
                violation_error_message="This decision already has an option with this name",
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "A time slot must end after it starts"})


class Ballot(models.Model):
    """One person's vote, in the engine's terms, by option id: ``{"ranking": [[3], [1, 2]]}``,
    ``{"grades": {"3": 2}}``, ``{"dots": {"3": 4}}`` or ``{"stance": "agree"}``.

    In a named decision ``voter`` says whose it is; in an anonymous one it is empty, and a
    voter who may change their vote holds a receipt code whose hash is kept here.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ballots")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    voter = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    content = models.JSONField()
    receipt_hash = models.CharField(max_length=64, blank=True, db_index=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "voter"],
                name="one_named_ballot_per_voter",
                condition=models.Q(voter__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"Ballot in {self.decision_id}"


class VoteRecord(models.Model):
    """Who has voted in a decision, and when: kept apart from the ballots (see the module)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="vote_records")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    voted_at = models.DateTimeField()

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["voted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "person"], name="one_vote_record_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} voted in {self.decision_id}"
