"""Forms for seating plans, re-plans, introductions and a person's offers and needs."""

from __future__ import annotations

from typing import Any

from django import forms

from equalpartners.partnerships.models import Person

RULE_FIELDS = {
    "no_repeats": "Nobody sits with the same person twice",
    "avoid_history": (
        "Nobody sits with someone they have met at our earlier activities, where possible"
    ),
    "separate_organisations": "No two people from one organisation at a table, where numbers allow",
    "mix_sectors": "Every table has each sector, where numbers allow",
    "spread_facilitators": "Facilitators spread one per table",
}


class PeopleChoiceField(forms.ModelMultipleChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        person: Person = obj
        return f"{person.name}, {person.organisation}" if person.organisation else person.name


class SeatingForm(forms.Form):
    people = PeopleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone to seat. Their contacts at our earlier activities count as having met.",
    )
    facilitators = PeopleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Spread one per table, where there are enough.",
    )
    table_size = forms.IntegerField(
        min_value=2, max_value=30, initial=6, label="People at each table"
    )
    rounds = forms.IntegerField(min_value=1, max_value=20, initial=3, label="Rounds")

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        self.fields["facilitators"].queryset = people  # type: ignore[attr-defined]
        for name, label in RULE_FIELDS.items():
            self.fields[name] = forms.BooleanField(required=False, initial=True, label=label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = set(data.get("people") or ())
        extra = [p for p in data.get("facilitators") or () if p not in chosen]
        if extra:
            self.add_error("facilitators", f"{extra[0].name} is a facilitator but is not seated")
        return data

    def rules(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name in RULE_FIELDS}


class ReplanForm(forms.Form):
    rounds_run = forms.IntegerField(
        min_value=0, label="Rounds held so far", help_text="These rounds stay as they were."
    )
    left = PeopleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Who has left",
    )
    arrived = PeopleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Who has arrived",
    )

    def __init__(self, *args: Any, here: Any, others: Any, rounds: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["left"].queryset = here  # type: ignore[attr-defined]
        self.fields["arrived"].queryset = others  # type: ignore[attr-defined]
        self.fields["rounds_run"].max_value = rounds  # type: ignore[attr-defined]
        self.fields["rounds_run"].widget.attrs["max"] = rounds


class IntroductionsForm(forms.Form):
    people = PeopleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="People with what they offer and need on their profile are matched.",
    )
    per_person = forms.IntegerField(
        min_value=1, max_value=10, initial=3, label="Introductions for each person, at most"
    )
    slots = forms.IntegerField(
        min_value=1,
        max_value=10,
        required=False,
        label="One-to-one meeting slots (optional)",
        help_text="Leave empty for introductions without set times.",
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class ProfileForm(forms.Form):
    asset = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="What I can offer",
        help_text="Skills, knowledge, connections or resources; one a line.",
    )
    interest = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What I am interested in",
        help_text="Themes; one a line.",
    )
    need = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="What I am looking for",
        help_text="Help, knowledge or contacts you need; one a line.",
    )

    def items(self) -> dict[str, list[str]]:
        return {
            kind: [line for line in self.cleaned_data[kind].splitlines() if line.strip()]
            for kind in ("asset", "interest", "need")
        }
