"""A partnership, its partner organisations, the people in it and their roles.

The partnership is the tenant: every other record belongs to one, and the scoped managers
(django-scopes) refuse to query a tenant's records outside a partnership scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.core.capabilities import Role
from equalpartners.core.forms import available_time_zones


class Partnership(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validate_slug],
        help_text="Used in web addresses: lowercase letters, numbers and hyphens",
        error_messages={"unique": "Another partnership already uses this web address"},
    )
    purpose = models.TextField(max_length=4000)
    commitments = models.JSONField(
        default=list, blank=True, help_text="What the partners commit to together"
    )
    contact_email = models.EmailField(blank=True)
    is_public = models.BooleanField(
        default=False, help_text="A public partnership has a page anyone can read"
    )
    time_zone = models.CharField(max_length=64, default="Europe/London")
    created_at = models.DateTimeField(auto_now_add=True)
    # Goes up whenever anything the partnership owns changes (see ``versioning``), so that what
    # its pages compute can be cached under a key that a change leaves behind.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk is not None
            and not kwargs.get("force_insert")
            and not kwargs.get("update_fields")
        ):
            # The version is only ever raised in the database (``versioning``): writing back the
            # value this copy was read with could lower it, and bring stale cache entries back.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "content_version"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("overview:home", kwargs={"partnership_slug": self.slug})

    def clean(self) -> None:
        if self.time_zone not in available_time_zones():
            raise ValidationError(
                {
                    "time_zone": f"'{self.time_zone}' is not a time zone we know. Enter one like "
                    "Europe/London"
                }
            )


class PublicLink(models.Model):
    """A link the partnership wants people to follow, such as a network's LinkedIn group."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Sector(models.TextChoices):
    THIRD = "third", "Third sector"
    PUBLIC = "public", "Public sector"
    GOVERNMENT = "government", "Government"
    PRIVATE = "private", "Private sector"
    ACADEMIC = "academic", "Academic"
    COMMUNITY = "community", "Community"


class Organisation(models.Model):
    """An organisation that people work for; it may be a partner in several partnerships."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    website = models.URLField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Partner(models.Model):
    """An organisation as an equal member of one partnership, described so others understand it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    remit = models.CharField(
        max_length=120, help_text="For example, leadership, children or health"
    )
    aims = models.TextField(max_length=4000)
    policy_context = models.TextField(max_length=4000, blank=True)
    leadership_style = models.TextField(max_length=4000, blank=True)
    joined_on = models.DateField(default=dt.date.today)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="partner_once_per_partnership",
                violation_error_message="This organisation is already a partner",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def name(self) -> str:
        return self.organisation.name


class Person(models.Model):
    """Someone involved in a partnership; they may or may not have an account."""

    name = models.CharField(max_length=200)
    email = models.EmailField(
        unique=True,
        error_messages={"unique": "Someone with this email address is already recorded"},
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's place in a partnership, and the role that decides what they may do there."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person"],
                name="one_membership_per_person",
                violation_error_message="This person is already a member of the partnership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Invitation(models.Model):
    """A single-use, expiring link emailed to someone so they can join with a role.

    Only a hash of the token is stored, so a copy of the database cannot be used to join.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="invitations"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    def is_usable(self, now: dt.datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at


class RelatedInitiative(models.Model):
    """Wider work the partnership's programme fits with, such as a leaders' forum."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="related_initiatives"
    )
    name = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    how_it_fits = models.TextField(max_length=4000)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
