"""Forms for challenges and actions, in the GOV.UK patterns of ``core.forms``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from equalpartners.core.forms import DateField
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Partner, Person
from equalpartners.programme.action_models import ActionScale, ActionStatus, Challenge
from equalpartners.programme.action_selectors import STATUS_FILTERS
from equalpartners.programme.models import Activity


class PersonChoice(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Any) -> str:
        organisation = obj.organisation
        return f"{obj.name} ({organisation})" if organisation is not None else str(obj.name)


class PartnerChoice(forms.ModelChoiceField[Partner]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation.name)


class ChallengeChoice(forms.ModelChoiceField[Challenge]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ActivityChoice(forms.ModelChoiceField[Activity]):
    def label_from_instance(self, obj: Any) -> str:
        start = obj.starts_at.astimezone(obj.zone)
        return f"{obj.title} ({start:%-d %B %Y})"


class ChallengeForm(forms.Form):
    text = forms.CharField(
        label="The challenge",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example, how can each of us make our services reach the people who "
        "need them most?",
    )
    posed_by = PersonChoice(
        queryset=None, required=False, label="Posed by", empty_label="Nobody in particular"
    )

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        kwargs["prefix"] = kwargs.get("prefix") or "challenge"  # two forms share a page
        super().__init__(*args, **kwargs)
        self.fields["posed_by"].queryset = partnership_selectors.people_choices(  # type: ignore[attr-defined]
            partnership=partnership
        )


class ActionForm(forms.Form):
    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="One action, in plain words: for example, bring the roundtable's questions "
        "to our March board meeting",
    )
    owner_person = PersonChoice(
        queryset=None,
        required=False,
        label="Who will do it: a person",
        empty_label="No one person",
        help_text="Choose a person, a partner organisation, or both",
    )
    owner_partner = PartnerChoice(
        queryset=None,
        required=False,
        label="Who will do it: a partner organisation",
        empty_label="No partner organisation",
    )
    due_on = DateField(label="Due by")
    scale = forms.ChoiceField(
        label="Scale of change",
        choices=ActionScale.choices,
        widget=forms.RadioSelect,
        help_text="A change we can make in our own organisation, or one where we influence "
        "others to bring about change at scale",
    )
    challenge = ChallengeChoice(
        queryset=None,
        required=False,
        label="The challenge it answers",
        empty_label="None in particular",
    )
    activity = ActivityChoice(
        queryset=None,
        required=False,
        label="The activity it came from",
        empty_label="None: an action on its own",
    )

    def __init__(
        self,
        *args: Any,
        partnership: Any,
        activity: Activity | None = None,
        challenges: Sequence[Challenge] | None = None,
        choose_activity: bool = False,
        **kwargs: Any,
    ) -> None:
        """With an ``activity``, its challenges are offered (``challenges``, when the caller
        has read them already, says whether there are any); with ``choose_activity``, the
        partnership's activities are (for an action recorded on the actions page)."""
        kwargs["prefix"] = kwargs.get("prefix") or "action"  # two forms share a page
        super().__init__(*args, **kwargs)
        self.fields["owner_person"].queryset = partnership_selectors.people_choices(  # type: ignore[attr-defined]
            partnership=partnership
        )
        self.fields["owner_partner"].queryset = partnership_selectors.partners_of(  # type: ignore[attr-defined]
            partnership=partnership
        )
        offered = Challenge.objects.filter(partnership=partnership, activity=activity)
        self.fields["challenge"].queryset = offered  # type: ignore[attr-defined]
        if activity is None or not (
            bool(challenges) if challenges is not None else offered.exists()
        ):
            del self.fields["challenge"]
        if choose_activity:
            self.fields["activity"].queryset = Activity.objects.filter(  # type: ignore[attr-defined]
                partnership=partnership
            ).order_by("-starts_at")
        else:
            del self.fields["activity"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        no_owner = not data.get("owner_person") and not data.get("owner_partner")
        if no_owner and "owner_person" not in self.errors:
            self.add_error(
                "owner_person", "Choose who will do this: a person, a partner organisation, or both"
            )
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            "what": data["what"],
            "owner_person": data["owner_person"],
            "owner_partner": data["owner_partner"],
            "due_on": data["due_on"],
            "scale": data["scale"],
        }
        if "challenge" in self.fields:
            values["challenge"] = data["challenge"]
        if "activity" in self.fields:
            values["activity"] = data["activity"]
        return values

    @staticmethod
    def initial_from(action: Any) -> dict[str, Any]:
        return {
            "what": action.what,
            "owner_person": action.owner_person_id,
            "owner_partner": action.owner_partner_id,
            "due_on": action.due_on,
            "scale": action.scale,
            "challenge": action.challenge_id,
        }


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="What happened, or how it is going. Needed if the status stays the same",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        current = self.initial.get("status")
        if data.get("status") == current and not (data.get("note") or "").strip():
            self.add_error("note", "Write a note on progress, or choose a different status")
        return data


class ActionDropForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being dropped?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="This goes in the action's history, so others know",
    )


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(choices=STATUS_FILTERS, required=False, label="Status")
    partner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Partner")
    person = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Person")
    scale = forms.ChoiceField(
        choices=[("", "Any scale"), *ActionScale.choices], required=False, label="Scale"
    )

    def __init__(
        self, *args: Any, partnership: Any, with_people: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        partners = partnership_selectors.partners_of(partnership=partnership)
        self.fields["partner"].choices = [("", "Any partner")] + [  # type: ignore[attr-defined]
            (p.pk, p.organisation.name) for p in partners
        ]
        if with_people:
            people = partnership_selectors.people_choices(partnership=partnership)
            self.fields["person"].choices = [("", "Anyone")] + [  # type: ignore[attr-defined]
                (p.pk, p.name) for p in people
            ]
        else:
            del self.fields["person"]
