"""Forms for stories of change: domains, a story, a selection round and the group's choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from equalpartners.core.forms import DateField
from equalpartners.learning.models import (
    DOMAIN_DESCRIPTION_LIMIT,
    DOMAIN_NAME_LIMIT,
    REASONS_LIMIT,
    STORY_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    Domain,
    SelectionRound,
    Story,
)
from equalpartners.partnerships.models import Person

CONSENT_LABEL = "I told this story, and I agree to it being shared in a public report"
CONSENT_HINT = (
    "With my name and organisation. Only the teller can agree: if someone else told it, leave "
    "this unticked and they can agree on the story's page. Without it, the story can still be "
    "read and chosen in the partnership, but it never goes in the published report. The teller "
    "can change their mind at any time"
)
OTHERS_CONSENT_HINT = (
    "Only they can agree to this. If they ask to take it back, untick this: the story then "
    "leaves the published report"
)


def fit_consent(form: forms.Form, *, story: Story | None, person_id: int) -> None:
    """The consent box as the person changing the story may use it: the teller gives or takes
    back their own consent; anyone else may only take back consent the teller gave, and sees
    no box while there is none."""
    if story is None or story.teller_id == person_id:
        return
    if not story.consent_to_publish:
        del form.fields["consent_to_publish"]
        return
    field = form.fields["consent_to_publish"]
    field.label = f"{story.teller.name} agrees to this story being shared in a public report"
    field.help_text = OTHERS_CONSENT_HINT


class PersonChoice(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})" if obj.organisation else str(obj.name)


class PeopleChoice(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation})" if obj.organisation else str(obj.name)


class StoriesChoice(forms.ModelMultipleChoiceField[Story]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.domain}, told by {obj.teller.name} on {obj.told_on:%-d %B %Y})"


class DomainForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=DOMAIN_NAME_LIMIT,
        help_text="A broad kind of change, for example “How we lead”",
        error_messages={"required": "Give the domain a name"},
    )
    description = forms.CharField(
        label="What it covers",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DOMAIN_DESCRIPTION_LIMIT,
        required=False,
        help_text="A sentence that helps tellers choose it",
    )


class SuggestedDomainsForm(forms.Form):
    names = forms.MultipleChoiceField(
        label="Domains to add",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one domain to add"},
    )

    def __init__(self, *args: Any, suggestions: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["names"]
        field.choices = [(name, f"{name}: {text}") for name, text in suggestions]  # type: ignore[attr-defined]
        field.initial = [name for name, _ in suggestions]


class StoryForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_LIMIT,
        help_text="A few words that name the change",
        error_messages={"required": "Give the story a title"},
    )
    story = forms.CharField(
        label="The story",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=STORY_LIMIT,
        help_text="What happened, who was involved, and what is different now. In the teller's "
        "own words where you can",
        error_messages={"required": "Write the story"},
    )
    domain = forms.ModelChoiceField[Domain](
        label="Domain of change",
        queryset=Domain.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the domain of change the story is about"},
    )
    why_it_matters = forms.CharField(
        label="Why the teller thinks it matters",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        error_messages={"required": "Say why the teller thinks this change matters"},
    )
    teller = PersonChoice(
        label="Who told it",
        queryset=Person.objects.none(),
        error_messages={"required": "Choose who told the story"},
    )
    told_on = DateField(
        label="When it was told", error_messages={"required": "Enter the date the story was told"}
    )
    consent_to_publish = forms.BooleanField(
        label=CONSENT_LABEL, required=False, help_text=CONSENT_HINT
    )

    def __init__(
        self,
        *args: Any,
        domains: Any,
        people: Any,
        person_id: int,
        story: Story | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains  # type: ignore[attr-defined]
        self.fields["teller"].queryset = people  # type: ignore[attr-defined]
        fit_consent(self, story=story, person_id=person_id)

    @classmethod
    def initial_from(cls, story: Story) -> dict[str, Any]:
        return {
            "title": story.title,
            "story": story.story,
            "domain": story.domain_id,
            "why_it_matters": story.why_it_matters,
            "teller": story.teller_id,
            "told_on": story.told_on,
            "consent_to_publish": story.consent_to_publish,
        }


class StoryConsentForm(forms.Form):
    """For a story a round has: its words stay, and only the consent may change."""

    consent_to_publish = forms.BooleanField(
        label=CONSENT_LABEL, required=False, help_text=CONSENT_HINT
    )

    def __init__(self, *args: Any, story: Story, person_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fit_consent(self, story=story, person_id=person_id)


class RoundForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=TITLE_LIMIT,
        help_text="For example, “Spring stories: how we lead”",
        error_messages={"required": "Give the round a name"},
    )
    domain = forms.ModelChoiceField[Domain](
        label="Domain of change",
        queryset=Domain.objects.none(),
        required=False,
        empty_label="Every domain",
    )
    starts_on = DateField(
        label="Stories told from", error_messages={"required": "Enter the first day of the period"}
    )
    ends_on = DateField(
        label="Stories told until", error_messages={"required": "Enter the last day of the period"}
    )
    stories = StoriesChoice(
        label="Stories the group will read",
        queryset=Story.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Stories of the round's domain told within its period",
        error_messages={"required": "Choose the stories the group will read"},
    )
    selectors = PeopleChoice(
        label="The people who choose",
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The group that reads the stories and agrees which matter most",
        error_messages={"required": "Choose the people who will choose"},
    )

    def __init__(self, *args: Any, domains: Any, stories: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains  # type: ignore[attr-defined]
        self.fields["stories"].queryset = stories  # type: ignore[attr-defined]
        self.fields["selectors"].queryset = people  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, selection_round: SelectionRound) -> dict[str, Any]:
        return {
            "name": selection_round.name,
            "domain": selection_round.domain_id,
            "starts_on": selection_round.starts_on,
            "ends_on": selection_round.ends_on,
            "stories": [s.pk for s in selection_round.stories.all()],
            "selectors": [p.pk for p in selection_round.selectors.all()],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The period must end on or after the day it starts")
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "domain": data["domain"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "stories": list(data["stories"]),
            "selectors": list(data["selectors"]),
        }


class ChoiceForm(forms.Form):
    """The story the group chose as most significant, and why."""

    story = forms.ModelChoiceField[Story](
        label="The story the group chose",
        queryset=Story.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the story the group chose"},
    )
    reasons = forms.CharField(
        label="Why the group chose it",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=REASONS_LIMIT,
        help_text="In the group's words: what makes this change the most significant. The "
        "reasons go in the report with the story, if its teller agreed",
        error_messages={"required": "Write down why the group chose this story"},
    )

    def __init__(self, *args: Any, stories: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = stories  # type: ignore[attr-defined]
        self.fields["story"].label_from_instance = _story_label  # type: ignore[attr-defined]


def _story_label(story: Story) -> str:
    consent = "" if story.consent_to_publish else "; the teller has not agreed to publishing"
    return f"{story.title} (told by {story.teller.name}{consent})"


class StoryFilterForm(forms.Form):
    domain = forms.TypedChoiceField(label="Domain", coerce=int, required=False, empty_value=None)
    chosen = forms.ChoiceField(
        label="Chosen in a round",
        choices=[("", "Chosen or not"), ("yes", "Chosen"), ("no", "Not chosen yet")],
        required=False,
    )

    def __init__(self, *args: Any, domains: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "Every domain")] + [  # type: ignore[attr-defined]
            (d.pk, d.name) for d in domains
        ]
