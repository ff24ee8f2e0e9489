"""Forms for the learning log: writing a reflection, and the list's filters. Each works without
JavaScript, in the patterns of ``core.forms``."""

from __future__ import annotations

from typing import Any

from django import forms

from equalpartners.learning.models import (
    TEXT_LIMIT,
    TITLE_LIMIT,
    VISIBILITY_SHORT,
    Reflection,
    Visibility,
)
from equalpartners.learning.selectors import LINK_KINDS, Linkable
from equalpartners.partnerships import selectors as partnership_selectors

NOT_A_PARTNER_HINT = (
    "Your organisation is not a partner here, so you can share a reflection with the "
    "partnership or make it public, but not keep it within one partner."
)


NO_PUBLIC_PAGE_HINT = (
    "This partnership has no public pages at the moment, so until it has, a public reflection "
    "is read by its members, and by anyone only in a published learning report"
)


def _answer(label: str, hint: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        required=False,
        help_text=hint,
        error_messages={
            "max_length": f"Keep this to {TEXT_LIMIT} characters or fewer: it has %(show_value)d"
        },
    )


def _day(activity: Any) -> str:
    return f"{activity.starts_at.astimezone(activity.zone):%-d %B %Y}"


class ReflectionForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_LIMIT,
        help_text="A few words that say what the reflection is about",
        error_messages={"required": "Give the reflection a title"},
    )
    what_worked = _answer("What worked", "What went well, and why you think it did")
    what_was_hard = _answer("What was hard", "What got in the way, or took more than expected")
    do_differently = _answer(
        "What we would do differently",
        "Next time, or for others trying the same. Answer at least one of these three questions",
    )
    visibility = forms.ChoiceField(
        label="Who can read it",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PARTNERSHIP,
        help_text="A public reflection shows your name and organisation to anyone, and whoever "
        "manages learning may choose it for the published learning report",
        error_messages={"required": "Choose who can read the reflection"},
    )
    activities = forms.TypedMultipleChoiceField(
        label="Activities it is about",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.TypedMultipleChoiceField(
        label="Themes from staff teams it is about",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decisions = forms.TypedMultipleChoiceField(
        label="Decisions it is about",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        linkable: Linkable,
        has_partner: bool,
        has_public_page: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.linkable = linkable
        field = self.fields["visibility"]
        if not has_partner:
            field.choices = [  # type: ignore[attr-defined]
                (value, label) for value, label in Visibility.choices if value != Visibility.PARTNER
            ]
            field.help_text = f"{NOT_A_PARTNER_HINT} {field.help_text}"
        if not has_public_page:
            field.help_text = f"{field.help_text}. {NO_PUBLIC_PAGE_HINT}"
        offered = {
            "activities": [(a.pk, f"{a.title} ({_day(a)})") for a in linkable.activities.values()],
            "themes": [
                (call, [(p.pk, p.title) for p in proposals])
                for call, proposals in linkable.theme_groups
            ],
            "decisions": [(d.pk, d.question) for d in linkable.decisions.values()],
        }
        for name, choices in offered.items():
            if choices:
                self.fields[name].choices = choices  # type: ignore[attr-defined]
            else:
                del self.fields[name]

    @classmethod
    def initial_from(cls, reflection: Reflection) -> dict[str, Any]:
        return {
            "title": reflection.title,
            "what_worked": reflection.what_worked,
            "what_was_hard": reflection.what_was_hard,
            "do_differently": reflection.do_differently,
            "visibility": reflection.visibility,
            "activities": [a.pk for a in reflection.activities.all()],
            "themes": [t.pk for t in reflection.themes.all()],
            "decisions": [d.pk for d in reflection.decisions.all()],
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answers = ("what_worked", "what_was_hard", "do_differently")
        if not any((data.get(name) or "").strip() for name in answers) and not any(
            name in self.errors for name in answers
        ):
            self.add_error(
                "what_worked",
                "Say what worked, what was hard or what we would do differently: at least one",
            )
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        linkable = self.linkable
        return {
            "title": data["title"],
            "what_worked": data["what_worked"],
            "what_was_hard": data["what_was_hard"],
            "do_differently": data["do_differently"],
            "visibility": data["visibility"],
            "activities": [linkable.activities[pk] for pk in data.get("activities", [])],
            "themes": [linkable.themes[pk] for pk in data.get("themes", [])],
            "decisions": [linkable.decisions[pk] for pk in data.get("decisions", [])],
        }


class ReflectionFilterForm(forms.Form):
    activity = forms.TypedChoiceField(
        label="Activity", coerce=int, required=False, empty_value=None
    )
    link = forms.ChoiceField(
        label="Linked to", choices=[("", "Anything or nothing"), *LINK_KINDS], required=False
    )
    visibility = forms.ChoiceField(
        label="Who can read it",
        choices=[("", "Any"), *VISIBILITY_SHORT.items()],
        required=False,
    )
    partner = forms.TypedChoiceField(label="Partner", coerce=int, required=False, empty_value=None)
    report = forms.ChoiceField(
        label="In the report",
        choices=[("", "Chosen or not"), ("yes", "Chosen for the report"), ("no", "Not chosen")],
        required=False,
    )

    def __init__(self, *args: Any, partnership: Any, activities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "Any activity")] + [  # type: ignore[attr-defined]
            (a.pk, a.title) for a in activities
        ]
        partners = partnership_selectors.partners_of(partnership=partnership)
        self.fields["partner"].choices = [("", "Any partner")] + [  # type: ignore[attr-defined]
            (p.pk, p.organisation.name) for p in partners
        ]

    @staticmethod
    def selector_values(chosen: dict[str, Any]) -> dict[str, Any]:
        """The filters as ``selectors.reflection_list`` takes them."""
        return {
            "activity_id": chosen.get("activity"),
            "link_kind": chosen.get("link") or "",
            "visibility": chosen.get("visibility") or "",
            "partner_id": chosen.get("partner"),
            "for_report": {"yes": True, "no": False}.get(chosen.get("report") or ""),
        }
