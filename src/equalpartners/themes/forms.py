"""Forms for calls for themes: setting one up, proposing a theme, placing dots, and the small
form that makes a chosen theme a staff exchange session. Each works without JavaScript."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from typing import Any

from django import forms

from equalpartners.core.forms import DateField, TimeField, TimeZoneField, wall_time_exists
from equalpartners.themes.models import (
    DEFAULT_PROPOSER_ROLES,
    DESCRIPTION_LIMIT,
    MAX_DOT_BUDGET,
    TAKING_PART_ROLE_CHOICES,
    TITLE_LIMIT,
    WEIGHTING_CHOICES,
    Call,
    Proposal,
)
from equalpartners.themes.services import check_dots


def _moment(
    form: forms.Form, data: dict[str, Any], prefix: str, zone_name: str
) -> dt.datetime | None:
    """The date and time fields ``<prefix>_on`` and ``<prefix>_time`` as one aware moment."""
    on, time = data.get(f"{prefix}_on"), data.get(f"{prefix}_time")
    if not (on and time):
        return None
    moment = dt.datetime.combine(on, time, tzinfo=zoneinfo.ZoneInfo(zone_name))
    if not wall_time_exists(moment):
        form.add_error(
            f"{prefix}_time",
            f"There is no {moment:%H:%M} on {moment:%-d %B %Y} in {zone_name}: the clocks go "
            "forward then",
        )
        return None
    return moment


class CallForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text="For example, themes for our next staff exchange"
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        required=False,
        help_text="What kind of theme you are looking for, and what happens to the chosen ones",
    )
    proposer_roles = forms.MultipleChoiceField(
        label="Who may propose themes",
        choices=TAKING_PART_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=DEFAULT_PROPOSER_ROLES,
        error_messages={"required": "Choose at least one role that may propose themes"},
    )
    weighting = forms.ChoiceField(
        label="Whose voice counts once",
        choices=WEIGHTING_CHOICES,
        widget=forms.RadioSelect,
        initial="person",
        help_text=(
            "When each partner counts equally, a partner's dots together weigh the same as "
            "any other partner's, however many of its people vote"
        ),
    )
    dot_budget = forms.IntegerField(
        label="Dots for each voter",
        min_value=1,
        max_value=MAX_DOT_BUDGET,
        initial=10,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        error_messages={
            "required": "Give the number of dots each voter may place",
            "min_value": "Give each voter at least 1 dot",
            "max_value": f"Give each voter at most {MAX_DOT_BUDGET} dots",
        },
    )
    max_dots_per_theme = forms.IntegerField(
        label="Most dots one voter may put on one theme",
        min_value=1,
        max_value=MAX_DOT_BUDGET,
        required=False,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
        help_text="Leave empty to let people put all their dots on one theme",
        error_messages={"min_value": "The most dots on one theme must be at least 1"},
    )
    proposals_close_on = DateField(
        label="Proposals close on",
        error_messages={"required": "Enter the date proposals close"},
    )
    proposals_close_time = TimeField(label="Proposals close at")
    voting_closes_on = DateField(
        label="Voting closes on", error_messages={"required": "Enter the date voting closes"}
    )
    voting_closes_time = TimeField(label="Voting closes at")
    time_zone = TimeZoneField(label="Time zone", help_text="The times above are in this zone")
    draw_tie_break = forms.BooleanField(
        required=False,
        initial=True,
        label="If themes tie for the most dots, pick one by a random draw",
        help_text="The draw's seed is fixed now and shown with the call, so anyone can repeat it",
    )

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = partnership.time_zone
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"

    @classmethod
    def initial_from(cls, call: Call) -> dict[str, Any]:
        proposals = call.proposals_close_at.astimezone(call.zone)
        closes = call.voting_closes_at.astimezone(call.zone)
        return {
            "title": call.title,
            "description": call.description,
            "proposer_roles": list(call.proposer_roles),
            "weighting": call.weighting,
            "dot_budget": call.dot_budget,
            "max_dots_per_theme": call.max_dots_per_theme,
            "proposals_close_on": proposals.date(),
            "proposals_close_time": f"{proposals:%H:%M}",
            "voting_closes_on": closes.date(),
            "voting_closes_time": f"{closes:%H:%M}",
            "time_zone": call.time_zone,
            "draw_tie_break": call.tie_break_seed is not None,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone_name = data.get("time_zone")
        if zone_name:
            data["proposals_close_at"] = _moment(self, data, "proposals_close", zone_name)
            data["voting_closes_at"] = _moment(self, data, "voting_closes", zone_name)
            first, last = data["proposals_close_at"], data["voting_closes_at"]
            if first and last and last <= first:
                self.add_error("voting_closes_on", "Voting must close after proposals close")
        budget, most = data.get("dot_budget"), data.get("max_dots_per_theme")
        if budget and most and most > budget:
            self.add_error(
                "max_dots_per_theme",
                f"The most dots on one theme cannot be more than the {budget} dots each voter has",
            )
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "proposer_roles": list(data["proposer_roles"]),
            "weighting": data["weighting"],
            "dot_budget": data["dot_budget"],
            "max_dots_per_theme": data["max_dots_per_theme"],
            "proposals_close_at": data["proposals_close_at"],
            "voting_closes_at": data["voting_closes_at"],
            "time_zone": data["time_zone"],
            "draw_tie_break": data["draw_tie_break"],
        }


class VotingCallForm(forms.Form):
    """Once voting is open: the title, the description and a later closing time."""

    title = forms.CharField(max_length=200)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=3000, required=False
    )
    voting_closes_on = DateField(
        label="Voting closes on", error_messages={"required": "Enter the date voting closes"}
    )
    voting_closes_time = TimeField(label="Voting closes at")

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields[
            "voting_closes_time"
        ].help_text = f"In {call.time_zone}, like the rest of the call. For example, 17:00"

    @classmethod
    def initial_from(cls, call: Call) -> dict[str, Any]:
        closes = call.voting_closes_at.astimezone(call.zone)
        return {
            "title": call.title,
            "description": call.description,
            "voting_closes_on": closes.date(),
            "voting_closes_time": f"{closes:%H:%M}",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        moment = _moment(self, data, "voting_closes", self.call.time_zone)
        if moment is not None and moment < self.call.voting_closes_at:
            self.add_error("voting_closes_on", "Once voting is open it can only close later")
        data["voting_closes_at"] = moment
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "voting_closes_at": data["voting_closes_at"],
        }


class ProposalForm(forms.Form):
    title = forms.CharField(
        label="Your theme",
        max_length=TITLE_LIMIT,
        help_text=f"A short title, at most {TITLE_LIMIT} characters",
        error_messages={
            "required": "Give the theme a title",
            "max_length": f"The title must be {TITLE_LIMIT} characters or fewer: it has "
            "%(show_value)d",
        },
    )
    description = forms.CharField(
        label="What it is about",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=DESCRIPTION_LIMIT,
        help_text=f"A sentence or two, at most {DESCRIPTION_LIMIT} characters: why it matters to "
        "staff teams across the partners",
        error_messages={
            "required": "Say in a sentence or two what the theme is about",
            "max_length": f"The description must be {DESCRIPTION_LIMIT} characters or fewer: it "
            "has %(show_value)d. Keep it short; the session can say more",
        },
    )


class DotsForm(forms.Form):
    """A number of dots for each theme, 0 to start with."""

    def __init__(
        self, *args: Any, call: Call, proposals: Sequence[Proposal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        self.proposals = list(proposals)
        most = call.max_dots_per_theme
        for proposal in self.proposals:
            by = proposal.proposer.name
            if proposal.partner is not None:
                by += f", {proposal.partner.organisation.name}"
            self.fields[f"theme_{proposal.pk}"] = forms.IntegerField(
                label=proposal.title,
                initial=0,
                min_value=0,
                max_value=most,
                widget=forms.NumberInput(attrs={"class": "input--short", "inputmode": "numeric"}),
                help_text=f"{proposal.description} (Proposed by {by}.)",
                error_messages={
                    "required": f"Enter the dots for “{proposal.title}”: 0 if you want none",
                    "invalid": f"Enter the dots for “{proposal.title}” as a whole number, like 2",
                    "min_value": f"Dots on “{proposal.title}” cannot be fewer than 0",
                    "max_value": f"You can put at most {most} dots on “{proposal.title}”",
                },
            )

    @classmethod
    def initial_from(cls, dots: dict[str, int]) -> dict[str, Any]:
        return {f"theme_{key}": value for key, value in dots.items()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        titles = {p.pk: p.title for p in self.proposals}
        for field, messages in check_dots(call=self.call, titles=titles, dots=self.dots()).items():
            for message in messages:
                self.add_error(None if field == "__all__" else field, message)
        return data

    def dots(self) -> dict[int, int]:
        return {
            p.pk: self.cleaned_data.get(f"theme_{p.pk}") or 0
            for p in self.proposals
            if f"theme_{p.pk}" in self.cleaned_data
        }


class SessionForm(forms.Form):
    """When the staff exchange session is: a suggested day, which the person can change."""

    date = DateField(label="Date", error_messages={"required": "Enter the date of the session"})
    starts = TimeField(label="Start time")
    ends = TimeField(label="End time")
    time_zone = TimeZoneField(
        label="Time zone",
        initial="Europe/London",
        widget=forms.TextInput(attrs={"list": "time-zones"}),
    )

    @staticmethod
    def suggested(today: dt.date) -> dict[str, Any]:
        """A Wednesday about six weeks ahead, 10:00 to 15:00 in London: time to plan it."""
        day = today + dt.timedelta(weeks=6)
        day += dt.timedelta(days=(2 - day.weekday()) % 7)
        return {"date": day, "starts": "10:00", "ends": "15:00", "time_zone": "Europe/London"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, starts, ends, zone = (data.get(k) for k in ("date", "starts", "ends", "time_zone"))
        if day and starts and ends and zone:
            tz = zoneinfo.ZoneInfo(zone)
            start = dt.datetime.combine(day, starts, tzinfo=tz)
            end = dt.datetime.combine(day, ends, tzinfo=tz)
            if not wall_time_exists(start):
                self.add_error("starts", "There is no such time that day: the clocks go forward")
            elif not wall_time_exists(end):
                self.add_error("ends", "There is no such time that day: the clocks go forward")
            elif end <= start:
                self.add_error("ends", "The session must end after it starts")
            else:
                data["starts_at"], data["ends_at"] = start, end
        return data
