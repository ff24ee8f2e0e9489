"""Forms for seating plans, re-plans, introductions, a person's offers and needs, and networks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from equalpartners.networking.models import (
    AssetCategory,
    Joining,
    ProfileItemKind,
    ProfileVisibility,
)
from equalpartners.networking.services.profiles import MAX_ITEMS, MAX_LENGTH, ProfileEntry
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


ROW_LABELS = {
    ProfileItemKind.ASSET: ("What I can offer", "Offer", "What you can offer"),
    ProfileItemKind.INTEREST: ("What I am interested in", "Interest", "A theme that interests you"),
    ProfileItemKind.NEED: ("What I am looking for", "Need", "What you are looking for"),
}
ROW_HINTS = {
    ProfileItemKind.ASSET: "Skills, knowledge, connections or resources you can share.",
    ProfileItemKind.INTEREST: "Themes you would like to talk about or work on.",
    ProfileItemKind.NEED: "Help, knowledge or contacts you need.",
}
SPARE_ROWS = 3  # empty rows after what is there already; save to get more


@dataclass
class ProfileRow:
    number: int
    text: forms.BoundField
    category: forms.BoundField | None
    visibility: forms.BoundField


@dataclass
class ProfileSection:
    kind: str
    heading: str
    noun: str
    hint: str
    rows: list[ProfileRow]


def profile_rows(existing: dict[str, int], data: Any = None) -> dict[str, int]:
    """How many rows each kind gets: what is there plus a few spare, up to the limit; after a
    submission, as many as were sent (so nothing typed is lost)."""
    rows: dict[str, int] = {
        kind: min(MAX_ITEMS, existing.get(kind, 0) + SPARE_ROWS) for kind in ROW_LABELS
    }
    if data is not None:
        for key in data:
            kind, _, rest = key.partition("-")
            number, _, name = rest.partition("-")
            if kind in rows and name == "text" and number.isdigit():
                rows[kind] = max(rows[kind], min(MAX_ITEMS, int(number) + 1))
    return rows


class ProfileForm(forms.Form):
    """A row for each item: the words, who may see it and, for what someone can offer, what
    kind of thing it is. Empty rows are ignored; no JavaScript is needed."""

    def __init__(self, *args: Any, rows: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        if self.is_bound:
            # An empty line needs no answer to "who can see it"; a line with words does.
            data = self.data.copy()  # type: ignore[attr-defined]
            for kind, count in rows.items():
                for i in range(count):
                    prefix = f"{kind}-{i}"
                    if not data.get(f"{prefix}-text", "").strip():
                        data.setdefault(f"{prefix}-visibility", ProfileVisibility.PARTNERSHIP)
            self.data = data
        for kind, (_, noun, what) in ROW_LABELS.items():
            for i in range(rows.get(kind, 0)):
                prefix = f"{kind}-{i}"
                self.fields[f"{prefix}-text"] = forms.CharField(
                    required=False,
                    max_length=MAX_LENGTH,
                    label=what,
                    error_messages={
                        "max_length": f"{noun} {i + 1}: keep it to {MAX_LENGTH} characters or fewer"
                    },
                )
                if kind == ProfileItemKind.ASSET:
                    self.fields[f"{prefix}-category"] = forms.ChoiceField(
                        required=False,
                        choices=[("", "Not sorted"), *AssetCategory.choices],
                        label="What kind of thing it is",
                        error_messages={
                            "invalid_choice": f"{noun} {i + 1}: choose a skill, knowledge,"
                            " a connection or a resource"
                        },
                    )
                self.fields[f"{prefix}-visibility"] = forms.ChoiceField(
                    choices=ProfileVisibility.choices,
                    initial=ProfileVisibility.PARTNERSHIP,
                    label="Who can see it",
                    error_messages={
                        "required": f"{noun} {i + 1}: choose who can see it",
                        "invalid_choice": f"{noun} {i + 1}: choose who can see it",
                    },
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind, (_, noun, _what) in ROW_LABELS.items():
            seen: dict[str, int] = {}
            for i in range(self.rows.get(kind, 0)):
                prefix = f"{kind}-{i}"
                text = " ".join((data.get(f"{prefix}-text") or "").split())
                if not text:
                    if data.get(f"{prefix}-category"):
                        self.add_error(
                            f"{prefix}-category",
                            f"{noun} {i + 1}: say what you can offer, or choose “Not sorted”",
                        )
                    continue
                if text.casefold() in seen:
                    self.add_error(
                        f"{prefix}-text",
                        f"{noun} {i + 1}: “{text}” is already {noun.lower()}"
                        f" {seen[text.casefold()]}; remove one of them",
                    )
                seen.setdefault(text.casefold(), i + 1)
        return data

    def sections(self) -> list[ProfileSection]:
        return [
            ProfileSection(
                kind=kind,
                heading=heading,
                noun=noun,
                hint=ROW_HINTS[kind],
                rows=[
                    ProfileRow(
                        number=i + 1,
                        text=self[f"{kind}-{i}-text"],
                        category=self[f"{kind}-{i}-category"]
                        if kind == ProfileItemKind.ASSET
                        else None,
                        visibility=self[f"{kind}-{i}-visibility"],
                    )
                    for i in range(self.rows.get(kind, 0))
                ],
            )
            for kind, (heading, noun, _) in ROW_LABELS.items()
        ]

    def items(self) -> dict[str, list[ProfileEntry]]:
        items: dict[str, list[ProfileEntry]] = {}
        for kind in ROW_LABELS:
            items[kind] = [
                ProfileEntry(
                    text=self.cleaned_data[f"{kind}-{i}-text"],
                    visibility=self.cleaned_data[f"{kind}-{i}-visibility"],
                    category=self.cleaned_data.get(f"{kind}-{i}-category", ""),
                )
                for i in range(self.rows.get(kind, 0))
                if self.cleaned_data.get(f"{kind}-{i}-text", "").strip()
            ]
        return items


def profile_initial(items: list[Any]) -> dict[str, str]:
    """The form's starting values from a person's items, in order, row by row."""
    initial: dict[str, str] = {}
    counts: dict[str, int] = {}
    for item in items:
        i = counts.get(item.kind, 0)
        counts[item.kind] = i + 1
        initial[f"{item.kind}-{i}-text"] = item.text
        initial[f"{item.kind}-{i}-visibility"] = item.visibility
        if item.kind == ProfileItemKind.ASSET:
            initial[f"{item.kind}-{i}-category"] = item.category
    return initial


class NetworkForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name of the network")
    description = forms.CharField(
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="What it is for",
        help_text="Who it is for and what members do together.",
    )
    joining = forms.ChoiceField(
        choices=Joining.choices,
        widget=forms.RadioSelect,
        initial=Joining.OPEN,
        label="How people join",
    )
    external_url = forms.URLField(
        required=False,
        max_length=500,
        assume_scheme="https",
        label="Link to the network elsewhere",
        help_text="For example, its LinkedIn group: https://www.linkedin.com/groups/…",
    )

    def __init__(self, *args: Any, share_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if share_choices is not None and share_choices.exists():
            self.fields["shared_with"] = forms.ModelMultipleChoiceField(
                queryset=share_choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Also share it with",
                help_text="People in these partnerships can see and join it too.",
            )
