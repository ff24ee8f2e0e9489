"""Seating plans for an activity, introductions between people, what people offer and need (and
who may see each), networks people join, and the ties (contacts made) that later measure how
the network grows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.partnerships.models import Partnership, Person


class ProfileItemKind(models.TextChoices):
    ASSET = "asset", "Can offer"
    INTEREST = "interest", "Interested in"
    NEED = "need", "Looking for"


class AssetCategory(models.TextChoices):
    SKILL = "skill", "Skill"
    KNOWLEDGE = "knowledge", "Knowledge"
    CONNECTION = "connection", "Connection"
    RESOURCE = "resource", "Resource"


class ProfileVisibility(models.TextChoices):
    """Who may see one item on a person's profile (the person always sees their own)."""

    PARTNERSHIP = "partnership", "People in my partnerships"
    NETWORK = "network", "People in my networks"
    PUBLIC = "public", "Anyone"


class ProfileItem(models.Model):
    """One thing a person offers (skills, knowledge, connections, resources), is interested in,
    or needs, in their own words ("funding bids", "data sharing"), and who may see it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="profile_items")
    kind = models.CharField(max_length=10, choices=ProfileItemKind.choices)
    text = models.CharField(max_length=120)
    category = models.CharField(
        max_length=12,
        choices=AssetCategory.choices,
        blank=True,
        help_text="For what someone can offer only; blank when not sorted",
    )
    visibility = models.CharField(
        max_length=12, choices=ProfileVisibility.choices, default=ProfileVisibility.PARTNERSHIP
    )

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text}"


class SeatingPlan(models.Model):
    """Tables over several rounds for one activity. `rounds_run` counts the rounds already held:
    a re-plan keeps them and plans the rest."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="seating_plans"
    )
    activity = models.OneToOneField(
        "programme.Activity", on_delete=models.CASCADE, related_name="seating_plan"
    )
    table_size = models.PositiveSmallIntegerField()
    rounds = models.PositiveSmallIntegerField()
    rounds_run = models.PositiveSmallIntegerField(default=0)
    seed = models.PositiveIntegerField(default=0)
    method = models.CharField(max_length=200)
    rules = models.JSONField(default=dict)  # rule name -> switched on
    certificate = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(partnership="partnership")

    def __str__(self) -> str:
        return f"Seating plan for {self.activity}"


class Attendance(models.TextChoices):
    HERE = "here", "Here"
    LEFT = "left", "Left"
    ARRIVED = "arrived", "Arrived late"


class PlanPerson(models.Model):
    """Someone in a seating plan, and whether they are still here."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    facilitator = models.BooleanField(default=False)
    attendance = models.CharField(
        max_length=10, choices=Attendance.choices, default=Attendance.HERE
    )

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "person"], name="once_per_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_attendance_display()})"


class Seat(models.Model):
    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="seats")
    round = models.PositiveSmallIntegerField()  # from 1
    table = models.PositiveSmallIntegerField()  # from 1
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["round", "table", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "round", "person"], name="one_seat_a_round"),
        ]

    def __str__(self) -> str:
        return f"Round {self.round}, table {self.table}: {self.person}"


class Introduction(models.Model):
    """A suggested introduction between two people at an activity, with its reason."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="introductions"
    )
    activity = models.ForeignKey(
        "programme.Activity", on_delete=models.CASCADE, related_name="introductions"
    )
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveIntegerField()
    reason = models.TextField()
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["slot", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person_a", "person_b"], name="introduced_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} and {self.person_b}"


class TieSource(models.TextChoices):
    SEATED = "seated", "Sat together"
    INTRODUCED = "introduced", "Introduced"
    DECLARED = "declared", "Worked together"


class Tie(models.Model):
    """A contact between two people (person_a has the lower id), with where it came from and
    when: the raw material for measuring how the network grows."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="ties"
    )
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=12, choices=TieSource.choices)
    on = models.DateField()
    activity = models.ForeignKey(
        "programme.Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A declared tie ("we worked together") says who declared it, one of the pair, who alone
    # may withdraw it, and may carry a short note in their words.
    declared_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person_a", "person_b", "source", "activity"],
                name="one_tie_per_source_and_activity",
            ),
            models.UniqueConstraint(
                fields=["partnership", "person_a", "person_b", "declared_by"],
                condition=models.Q(source="declared"),
                name="declared_once_by_each",
                violation_error_message="You have already said you worked with this person",
            ),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="tie_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["partnership", "on"], name="tie_when_idx")]

    def __str__(self) -> str:
        return f"{self.person_a} and {self.person_b} ({self.get_source_display()}, {self.on})"


class Joining(models.TextChoices):
    OPEN = "open", "Anyone in its partnerships can join"
    APPROVAL = "approval", "Organisers approve each request to join"


class Network(models.Model):
    """A named network of people within or across partnerships (the Optimists' Network, a staff
    network on a theme). It has a home partnership and may be shared with others its creator
    belongs to; `partnerships` holds the home and every partnership it is shared with, so the
    scoped manager finds it from any of them and from no other."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="home_networks"
    )
    partnerships: models.ManyToManyField[Partnership, Any] = models.ManyToManyField(
        Partnership, related_name="networks"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(max_length=4000)
    joining = models.CharField(max_length=10, choices=Joining.choices, default=Joining.OPEN)
    external_url = models.URLField(
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="For example, the network's LinkedIn group",
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnerships")

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"],
                name="network_name_once_per_partnership",
                violation_error_message="This partnership already has a network with this name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def url_in(self, partnership: Partnership) -> str:
        return reverse(
            "networking:network",
            kwargs={"partnership_slug": partnership.slug, "network_id": self.pk},
        )


class NetworkStatus(models.TextChoices):
    REQUESTED = "requested", "Asked to join"
    MEMBER = "member", "Member"


class NetworkRole(models.TextChoices):
    ORGANISER = "organiser", "Organiser"
    MEMBER = "member", "Member"


class NetworkMembership(models.Model):
    """A person in a network (or asking to join one). `listed` is off when they have asked not
    to appear in the members list; they are still a member."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network_memberships")
    status = models.CharField(max_length=10, choices=NetworkStatus.choices)
    role = models.CharField(max_length=10, choices=NetworkRole.choices, default=NetworkRole.MEMBER)
    listed = models.BooleanField(default=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    joined_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="network__partnerships")

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="once_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.network} ({self.get_status_display()})"
