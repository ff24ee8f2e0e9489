"""Forms for health checks and relationship surveys: setting up a round, a statement, and the
two answer forms. Every one works without JavaScript; answers are radio buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms

from equalpartners.core.forms import DateField
from equalpartners.health.item_bank import FACTOR_CHOICES, HEADINGS, SCALE_CHOICES
from equalpartners.health.models import ITEM_TEXT_LIMIT, Round, WaveItem
from equalpartners.health.services import check_answers
from equalpartners.health.survey_services import check_ratings
from equalpartners.partnerships.models import Partner

DONT_KNOW = "dont_know"
SKIP = "skip"


class RoundForm(forms.Form):
    """A wave or a survey: its name and the days it is open."""

    name = forms.CharField(
        max_length=120,
        help_text="For example, Spring 2026",
        error_messages={"required": "Give it a name, such as the season and year"},
    )
    opens_on = DateField(label="Opens on", error_messages={"required": "Enter the day it opens"})
    closes_on = DateField(
        label="Closes at the end of",
        error_messages={"required": "Enter the last day people can answer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing day must be on or after the opening day")
        return data

    @staticmethod
    def initial_from(record: Round) -> dict[str, Any]:
        return {"name": record.name, "opens_on": record.opens_on, "closes_on": record.closes_on}

    @staticmethod
    def suggested(today: dt.date) -> dict[str, Any]:
        """A week to change the statements, then three weeks to answer."""
        opens = today + dt.timedelta(days=7)
        return {"opens_on": opens, "closes_on": opens + dt.timedelta(days=20)}


class ItemForm(forms.Form):
    factor = forms.ChoiceField(
        label="Factor",
        choices=[("", "Choose a factor"), *FACTOR_CHOICES],
        help_text="The heading and factor the statement tells us about",
        error_messages={"required": "Choose the factor the statement is about"},
    )
    text = forms.CharField(
        label="Statement",
        max_length=ITEM_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Something a partner would say, to agree or disagree with, in plain English. "
        f"At most {ITEM_TEXT_LIMIT} characters",
        error_messages={"required": "Write the statement"},
    )


def _scale_value(choice: str) -> int | None:
    return None if choice == DONT_KNOW else int(choice)


class AnswerForm(forms.Form):
    """One radio group for each statement; ``groups()`` puts them under their headings."""

    def __init__(self, *args: Any, items: Sequence[WaveItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                choices=SCALE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose an answer to this statement, or choose Don't know"
                },
            )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The statements under each heading, in the order of the headings."""
        groups = []
        for heading in HEADINGS:
            fields = [self[f"item_{i.pk}"] for i in self.items if i.heading == heading.key]
            if fields:
                groups.append((heading.name, fields))
        return groups

    def answers(self) -> dict[int, int | None]:
        return {i.pk: _scale_value(self.cleaned_data[f"item_{i.pk}"]) for i in self.items}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            texts = {item.pk: item.text for item in self.items}
            for field, messages in check_answers(items=texts, answers=self.answers()).items():
                self.add_error(None if field == "__all__" else field, messages)
        return data


# (item, question, group): the relationship survey's six questions, in our own words.
QUESTIONS = (
    ("reliable", "How far can you rely on {name} to do what they say they will?", "Trust"),
    (
        "mission",
        "How far does {name} support what your organisation is trying to achieve?",
        "Trust",
    ),
    ("open", "How open is {name} to talking things through, disagreements included?", "Trust"),
    ("influence", "How much influence does {name} have on the issues we work on?", "Value"),
    ("involvement", "How actively is {name} involved in the partnership?", "Value"),
    (
        "resources",
        "How much does {name} bring to the partnership: people, money, knowledge, connections?",
        "Value",
    ),
)
RATING_CHOICES = [
    ("1", "1: not at all"),
    ("2", "2: a little"),
    ("3", "3: a fair amount"),
    ("4", "4: a great deal"),
    (SKIP, "Skip: I cannot say"),
]


class RatingsForm(forms.Form):
    """Six questions about each other partner organisation, any of which may be skipped."""

    def __init__(
        self, *args: Any, rater: Partner, roster: Sequence[Partner], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rater = rater
        self.roster = list(roster)
        self.others = [partner for partner in self.roster if partner.pk != rater.pk]
        for partner in self.others:
            for item, question, _group in QUESTIONS:
                self.fields[f"p{partner.pk}_{item}"] = forms.ChoiceField(
                    label=question.format(name=partner.organisation),
                    choices=RATING_CHOICES,
                    widget=forms.RadioSelect,
                    required=False,
                )

    def groups(self) -> list[tuple[Partner, list[tuple[str, list[forms.BoundField]]]]]:
        """For each other partner, its trust questions and its value questions."""
        return [
            (
                partner,
                [
                    (group, [self[f"p{partner.pk}_{i}"] for i, _, g in QUESTIONS if g == group])
                    for group in ("Trust", "Value")
                ],
            )
            for partner in self.others
        ]

    def ratings(self) -> dict[int, dict[str, int | None]]:
        def value(choice: str) -> int | None:
            return int(choice) if choice and choice != SKIP else None

        return {
            partner.pk: {
                item: value(self.cleaned_data.get(f"p{partner.pk}_{item}", ""))
                for item, _, _ in QUESTIONS
            }
            for partner in self.others
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            roster = {partner.pk: partner.name for partner in self.roster}
            errors = check_ratings(rater=self.rater.pk, roster=roster, ratings=self.ratings())
            for field, messages in errors.items():
                self.add_error(None if field == "__all__" else field, messages)
        return data
