"""Registration and attendance for an activity: who may register, the places and the waiting
list, the questions asked, each registration with its attendance code, and the agenda.

A place is held by a confirmed registration or by an offer made to the first person on the
waiting list (until its deadline); walk-ins are checked in whatever the capacity, as they are
already in the room.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from equalpartners.partnerships.models import Person, Sector


class Audience(models.TextChoices):
    MEMBERS = "members", "Members of the partnership, signed in"
    PUBLIC = "public", "Anyone, through the public registration link"
    INVITED = "invited", "Only people given the invitation link"


class RegistrationSetup(models.Model):
    """How one activity takes registrations. ``lock_version`` is bumped at the start of every
    change to the activity's places, so changes to one activity's places happen one at a time."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.OneToOneField(
        "programme.Activity", on_delete=models.CASCADE, related_name="registration_setup"
    )
    is_open = models.BooleanField(default=True)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.MEMBERS)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit"
    )
    closes_at = models.DateTimeField(null=True, blank=True)
    offer_hours = models.PositiveSmallIntegerField(
        default=48,
        help_text="How long someone offered a place from the waiting list has to confirm",
    )
    link_token = models.CharField(max_length=43, unique=True)
    calendar_sequence = models.PositiveIntegerField(default=0)
    calendar_fingerprint = models.CharField(max_length=64, blank=True)
    lock_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(partnership="partnership")

    def __str__(self) -> str:
        return f"Registration for {self.activity}"


class QuestionKind(models.TextChoices):
    SHORT = "short", "Short answer"
    LONG = "long", "Longer answer"
    YES_NO = "yes_no", "Yes or no"
    CHOICE = "choice", "One of a list"


class Question(models.Model):
    """A question the organiser adds to the registration form, beyond the standard ones."""

    setup = models.ForeignKey(RegistrationSetup, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=200)
    help_text = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, default=QuestionKind.SHORT)
    choices = models.TextField(max_length=2000, blank=True, help_text="One choice per line")
    required = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Status(models.TextChoices):
    CONFIRMED = "confirmed", "Has a place"
    OFFERED = "offered", "Offered a place, to confirm"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    LAPSED = "lapsed", "Offer lapsed"


HOLDS_A_PLACE = (Status.CONFIRMED, Status.OFFERED)


class Source(models.TextChoices):
    SELF = "self", "Registered themselves"
    ORGANISER = "organiser", "Added by an organiser"
    IMPORT = "import", "Imported from a list"
    WALK_IN = "walk_in", "Walked in on the day"


class Registration(models.Model):
    """One person's registration. Name, email and organisation are kept as given, so the list
    says what people told us even if their directory entry changes later."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(
        "programme.Activity", on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    ticket_type = models.CharField(max_length=100, blank=True)
    access_needs = models.TextField(max_length=2000, blank=True)
    dietary_needs = models.CharField(max_length=300, blank=True)
    listed = models.BooleanField(
        default=False, help_text="Agreed to be listed to other participants"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SELF)
    code = models.CharField(max_length=8)
    token = models.CharField(max_length=43, unique=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "code"], name="registration_code_once"),
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=~Q(status__in=["cancelled", "lapsed"]),
                name="one_live_registration_per_person",
                violation_error_message="This person is already registered for this activity",
            ),
        ]
        indexes = [
            models.Index(fields=["activity", "status"], name="registration_status_idx"),
            models.Index(fields=["activity", "name"], name="registration_name_idx"),
            models.Index(fields=["activity", "checked_in_at"], name="registration_here_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.activity}"

    def get_absolute_url(self) -> str:
        """The registrant's own page, reached with the secret link emailed to them."""
        return reverse("registrant:mine", kwargs={"token": self.token})

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDS_A_PLACE

    @property
    def is_live(self) -> bool:
        return self.status not in (Status.CANCELLED, Status.LAPSED)


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.text}"


class Session(models.Model):
    """One part of a multi-session activity's agenda: a Summit's plenary, workshops, lunch."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(
        "programme.Activity", on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    room = models.CharField(max_length=120, blank=True)
    speakers = models.CharField(max_length=300, blank=True, help_text="Names, separated by commas")
    description = models.TextField(max_length=2000, blank=True)

    objects = ScopedManager(partnership="partnership")

    class Meta:
        ordering = ["starts_at", "room", "id"]

    def __str__(self) -> str:
        return self.title


from equalpartners.attendance.import_models import PendingImport  # noqa: E402,F401
