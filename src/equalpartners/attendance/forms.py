"""Forms for registration: the setup, questions, registering (with the organiser's own
questions), checking in, walk-ins and the agenda."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from equalpartners.attendance.models import (
    Audience,
    Question,
    QuestionKind,
    RegistrationSetup,
)
from equalpartners.core.forms import DateField, TimeField, combine
from equalpartners.partnerships.models import Sector


class SetupForm(forms.Form):
    is_open = forms.BooleanField(required=False, label="Registration is open")
    audience = forms.ChoiceField(
        choices=Audience.choices,
        widget=forms.RadioSelect,
        label="Who may register",
    )
    capacity = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        label="Places",
        help_text="Leave empty for no limit. When it is full, people join a waiting list.",
    )
    offer_hours = forms.IntegerField(
        min_value=1,
        max_value=24 * 14,
        label="Hours to confirm a place offered from the waiting list",
    )
    closes_on = DateField(label="Registration closes on", required=False)
    closes_time = TimeField(label="at", required=False)

    def __init__(self, *args: Any, activity: Any, **kwargs: Any) -> None:
        self.activity = activity
        super().__init__(*args, **kwargs)
        self.fields["closes_on"].help_text = (
            f"Optional; in the activity's time zone ({activity.time_zone}). "
            "Registration also closes when the activity ends."
        )

    @classmethod
    def initial_from(cls, setup: RegistrationSetup) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "is_open": setup.is_open,
            "audience": setup.audience,
            "capacity": setup.capacity,
            "offer_hours": setup.offer_hours,
        }
        if setup.closes_at:
            local = setup.closes_at.astimezone(setup.activity.zone)
            initial |= {"closes_on": local.date(), "closes_time": local.time()}
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("closes_on"), data.get("closes_time")
        if day and not time:
            data["closes_time"] = time = dt.time(23, 59)
        if time and not day:
            self.add_error("closes_on", "Give the date registration closes, as well as the time")
        data["closes_at"] = combine(day, time, self.activity.time_zone) if day and time else None
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "is_open": data["is_open"],
            "audience": data["audience"],
            "capacity": data["capacity"],
            "offer_hours": data["offer_hours"],
            "closes_at": data["closes_at"],
        }


class QuestionForm(forms.ModelForm[Question]):
    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "choices", "required"]
        labels = {
            "label": "Question",
            "help_text": "Hint shown under the question",
            "kind": "Kind of answer",
            "required": "People must answer it",
        }
        widgets = {"kind": forms.RadioSelect, "choices": forms.Textarea(attrs={"rows": 4})}


class RegistrationForm(forms.Form):
    """The standard questions, then the organiser's own."""

    name = forms.CharField(max_length=200, label="Full name")
    email = forms.EmailField(label="Email address", help_text="We send your place here.")
    organisation = forms.CharField(max_length=200, required=False)
    sector = forms.ChoiceField(
        choices=[("", "Choose a sector"), *Sector.choices],
        required=False,
        help_text="So tables and groups can mix sectors.",
    )
    job_title = forms.CharField(max_length=200, required=False, label="Job title")
    access_needs = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Access needs",
        help_text="Anything that would help you take part fully. Only the organisers see this.",
    )
    dietary_needs = forms.CharField(max_length=300, required=False, label="Dietary needs")
    listed = forms.BooleanField(
        required=False,
        label="List my name and organisation to the other participants",
        help_text="Only if you agree; you can change your mind later.",
    )

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"question_{question.pk}"] = _field_for(question)

    def answers(self) -> dict[int, str]:
        return {
            question.pk: str(self.cleaned_data.get(f"question_{question.pk}") or "")
            for question in self.questions
        }

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data.get("email", ""),
            "organisation": data["organisation"],
            "sector": data["sector"],
            "job_title": data["job_title"],
            "access_needs": data["access_needs"],
            "dietary_needs": data["dietary_needs"],
            "listed": data["listed"],
            "answers": self.answers(),
        }


def _field_for(question: Question) -> forms.Field:
    common: dict[str, Any] = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
    }
    if question.kind == QuestionKind.LONG:
        return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect, **common
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect, **common
        )
    return forms.CharField(max_length=2000, **common)


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=20,
        label="Attendance code",
        help_text="Type it, or scan the QR code with a scanner that types into this box.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "input--code",
            }
        ),
    )


class WalkInForm(forms.Form):
    name = forms.CharField(max_length=200, label="Full name")
    email = forms.EmailField(label="Email address")
    organisation = forms.CharField(max_length=200, required=False)
    sector = forms.ChoiceField(choices=[("", "Choose a sector"), *Sector.choices], required=False)


class SessionForm(forms.Form):
    title = forms.CharField(max_length=200)
    day = DateField(label="Day")
    starts_time = TimeField(label="Starts at")
    ends_time = TimeField(label="Ends at")
    room = forms.CharField(max_length=120, required=False)
    speakers = forms.CharField(
        max_length=300, required=False, help_text="Names, separated by commas"
    )
    description = forms.CharField(
        max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, activity: Any, **kwargs: Any) -> None:
        self.activity = activity
        super().__init__(*args, **kwargs)
        self.fields["day"].help_text = f"Times are in {activity.time_zone}."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, starts, ends = data.get("day"), data.get("starts_time"), data.get("ends_time")
        if day and starts and ends:
            data["starts_at"] = combine(day, starts, self.activity.time_zone)
            data["ends_at"] = combine(day, ends, self.activity.time_zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends_time", "The session must end after it starts")
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "room": data["room"],
            "speakers": data["speakers"],
            "description": data["description"],
        }

    @classmethod
    def initial_from(cls, session: Any) -> dict[str, Any]:
        zone = session.activity.zone
        starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        return {
            "title": session.title,
            "day": starts.date(),
            "starts_time": starts.time(),
            "ends_time": ends.time(),
            "room": session.room,
            "speakers": session.speakers,
            "description": session.description,
        }
