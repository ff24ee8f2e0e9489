"""Forms for network growth: choosing the period, partner and sector of the page (GET), and
saying who you worked with."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from equalpartners.core.forms import DateField
from equalpartners.networking.services.declared import NOTE_LENGTH
from equalpartners.partnerships.models import Person, Sector


def a_year_before(day: dt.date) -> dt.date:
    """The day after the same date a year earlier: the start of the twelve months to `day`."""
    try:
        return day.replace(year=day.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + dt.timedelta(days=1)


class GrowthFilterForm(forms.Form):
    """The period (both ends included), a partner and a sector. Left empty, *from* means since
    the first tie and *to* means today."""

    since = DateField(
        label="From", required=False, help_text="Leave empty for everything from the start"
    )
    until = DateField(label="To", required=False, help_text="Leave empty for today")
    partner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    sector = forms.ChoiceField(choices=[("", "Every sector"), *Sector.choices], required=False)

    def __init__(self, *args: Any, partners: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.partners = {p.pk: p for p in partners}
        self.fields["partner"].choices = [("", "Every partner")] + [  # type: ignore[attr-defined]
            (p.pk, p.organisation.name) for p in self.partners.values()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if until is not None and until > self.today:
            self.add_error("until", f"‘To’ must be today ({self.today:%-d %B %Y}) or earlier")
        elif since is not None and since > (until or self.today):
            self.add_error(
                "since",
                "‘From’ must be on or before ‘To’"
                if until is not None
                else f"‘From’ must be today ({self.today:%-d %B %Y}) or earlier",
            )
        return data

    def choices(self) -> dict[str, Any]:
        """What the page measures: since, until, partner (a `Partner` or None) and sector."""
        data = self.cleaned_data
        return {
            "since": data.get("since"),
            "until": data.get("until") or self.today,
            "partner": self.partners.get(data["partner"]) if data.get("partner") else None,
            "sector": data.get("sector") or "",
        }


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}, {obj.organisation}" if obj.organisation else obj.name


class DeclareTieForm(forms.Form):
    other = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Who did you work with?",
        empty_label="Choose someone",
        error_messages={
            "required": "Choose who you worked with",
            "invalid_choice": "Choose someone in the partnership",
        },
    )
    on = DateField(
        label="When did you work together?",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date you worked together"},
    )
    note = forms.CharField(
        label="What you did together",
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"For example, a joint funding bid. Up to {NOTE_LENGTH} characters",
    )

    def __init__(self, *args: Any, people: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = people  # type: ignore[attr-defined]
        self.today = today

    def clean_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["on"]
        if on > self.today:
            raise forms.ValidationError("The date must be today or in the past")
        return on
