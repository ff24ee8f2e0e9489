"""The voting forms, one per kind of ballot, each working without JavaScript.

A ranking is a select per rank, grades are radio buttons, approval is checkboxes, dots are
numbers and consent is a stance. Each returns the ballot as the services store it: options by
id, e.g. ``{"ranking": [[3], [1]]}``.
"""

from __future__ import annotations

from typing import Any

from django import forms

from equalpartners.decisions.models import STANCE_CHOICES, Decision, Option
from equalpartners.engines.voting import Method


class BallotForm(forms.Form):
    """What every voting form shares: the options, and a receipt code to change an
    anonymous vote."""

    receipt = forms.CharField(
        required=False,
        max_length=40,
        label="Your receipt code",
        help_text="The code you were given when you voted: it lets you, and only you, change "
        "that vote",
    )

    def __init__(
        self,
        *args: Any,
        decision: Decision,
        options: list[Option],
        asks_receipt: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.options = options
        self.add_fields()
        if not asks_receipt:
            del self.fields["receipt"]
        else:
            self.fields["receipt"].required = True
            self.order_fields([*[n for n in self.fields if n != "receipt"], "receipt"])

    def add_fields(self) -> None:
        raise NotImplementedError

    def content(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def initial_from(cls, content: dict[str, Any]) -> dict[str, Any]:
        return {}


class RankingBallotForm(BallotForm):
    """A select per rank: choose the best option first; options left out rank below the rest."""

    def add_fields(self) -> None:
        choices = [("", "No option at this rank"), *[(str(o.pk), o.label) for o in self.options]]
        for rank in range(1, len(self.options) + 1):
            self.fields[f"rank_{rank}"] = forms.ChoiceField(
                label=f"{_ordinal(rank)} choice", choices=choices, required=rank == 1
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        seen: dict[str, int] = {}
        labels = {str(o.pk): o.label for o in self.options}
        for rank in range(1, len(self.options) + 1):
            choice = data.get(f"rank_{rank}")
            if not choice:
                continue
            if choice in seen:
                self.add_error(
                    f"rank_{rank}",
                    f"{labels[choice]} is already your {_ordinal(seen[choice]).lower()} choice: "
                    "choose each option once",
                )
            else:
                seen[choice] = rank
        return data

    def content(self) -> dict[str, Any]:
        ranks = [self.cleaned_data.get(f"rank_{r}") for r in range(1, len(self.options) + 1)]
        return {"ranking": [[int(choice)] for choice in ranks if choice]}

    @classmethod
    def initial_from(cls, content: dict[str, Any]) -> dict[str, Any]:
        flat = [option for tier in content.get("ranking", []) for option in tier]
        return {f"rank_{n}": str(option) for n, option in enumerate(flat, 1)}


class GradesBallotForm(BallotForm):
    """A grade for each option (score, majority judgment, meeting times) as radio buttons."""

    def add_fields(self) -> None:
        grades = [(str(value), name) for value, name in self.decision.grade_choices()]
        for option in self.options:
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=option.label,
                choices=grades,
                widget=forms.RadioSelect(attrs={"class": "radios--inline"}),
                help_text=option.description,
            )

    def content(self) -> dict[str, Any]:
        return {
            "grades": {str(o.pk): int(self.cleaned_data[f"option_{o.pk}"]) for o in self.options}
        }

    @classmethod
    def initial_from(cls, content: dict[str, Any]) -> dict[str, Any]:
        return {f"option_{k}": str(v) for k, v in content.get("grades", {}).items()}


class ApprovalBallotForm(BallotForm):
    def add_fields(self) -> None:
        self.fields["approved"] = forms.MultipleChoiceField(
            label="The options you can accept",
            choices=[(str(o.pk), o.label) for o in self.options],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text="Tick every option you could live with",
        )

    def content(self) -> dict[str, Any]:
        approved = set(self.cleaned_data["approved"])
        return {"grades": {str(o.pk): int(str(o.pk) in approved) for o in self.options}}

    @classmethod
    def initial_from(cls, content: dict[str, Any]) -> dict[str, Any]:
        return {"approved": [k for k, v in content.get("grades", {}).items() if v]}


class DotsBallotForm(BallotForm):
    def add_fields(self) -> None:
        for option in self.options:
            self.fields[f"option_{option.pk}"] = forms.IntegerField(
                label=option.label,
                min_value=0,
                max_value=self.decision.dot_budget,
                initial=0,
                widget=forms.NumberInput(attrs={"class": "input--short"}),
                help_text=option.description,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        placed = sum(data.get(f"option_{o.pk}") or 0 for o in self.options)
        budget = self.decision.dot_budget or 0
        if placed > budget:
            self.add_error(None, f"You placed {placed} dots; you have {budget} to place")
        return data

    def content(self) -> dict[str, Any]:
        return {
            "dots": {
                str(o.pk): self.cleaned_data[f"option_{o.pk}"]
                for o in self.options
                if self.cleaned_data[f"option_{o.pk}"]
            }
        }

    @classmethod
    def initial_from(cls, content: dict[str, Any]) -> dict[str, Any]:
        return {f"option_{k}": v for k, v in content.get("dots", {}).items()}


class StanceBallotForm(BallotForm):
    def add_fields(self) -> None:
        self.fields["stance"] = forms.ChoiceField(
            label="Where you stand on the proposal",
            choices=STANCE_CHOICES,
            widget=forms.RadioSelect,
        )

    def content(self) -> dict[str, Any]:
        return {"stance": self.cleaned_data["stance"]}

    @classmethod
    def initial_from(cls, content: dict[str, Any]) -> dict[str, Any]:
        return {"stance": content.get("stance")}


def ballot_form_class(decision: Decision) -> type[BallotForm]:
    if decision.method == Method.APPROVAL:
        return ApprovalBallotForm
    return {
        "ranking": RankingBallotForm,
        "grades": GradesBallotForm,
        "dots": DotsBallotForm,
        "stance": StanceBallotForm,
    }[decision.ballot_kind]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
