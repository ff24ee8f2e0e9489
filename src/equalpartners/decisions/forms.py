"""Forms for running a decision: setting it up, a later closing time, proposing an option and
recording the outcome. The voting forms are in ``ballot_forms``."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

from django import forms
from django.utils.html import format_html

from equalpartners.core.forms import DateField, TimeField, TimeZoneField, wall_time_exists
from equalpartners.decisions.models import (
    METHOD_LABELS,
    VOTING_ROLE_CHOICES,
    WEIGHTING_CHOICES,
    Decision,
    Option,
)
from equalpartners.decisions.services import MAX_OPTIONS, OptionSpec
from equalpartners.engines.voting import Method
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Partner

SLOT = re.compile(
    r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})\s+(?P<start>\d{1,2}[:.]\d{2})\s*(?:-|–|to)\s*"
    r"(?P<end>\d{1,2}[:.]\d{2})$"
)


class PartnerChoices(forms.ModelMultipleChoiceField[Partner]):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation.name)


def method_choices() -> list[tuple[str, str]]:
    """Each method with its one-line description, for choosing."""
    return [(m.value, format_html("{}: {}", METHOD_LABELS[m], m.description)) for m in Method]


class DecisionForm(forms.Form):
    question = forms.CharField(
        max_length=300, help_text="For example, where should our shared stand go?"
    )
    context = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text="What people need to know before they vote",
    )
    method = forms.ChoiceField(
        label="How the votes are counted",
        choices=method_choices,
        widget=forms.RadioSelect,
        initial=Method.RANKED_PAIRS.value,
    )
    options = forms.CharField(
        label="Options",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "One option per line. For consent, the one proposal. For a meeting-time poll, one "
            "time per line, like 2027-01-20 10:00-12:00"
        ),
    )
    weighting = forms.ChoiceField(
        label="Whose voice counts once",
        choices=WEIGHTING_CHOICES,
        widget=forms.RadioSelect,
        initial="partner",
        help_text=(
            "When each partner counts equally, a partner's votes together weigh one, however "
            "many people it brings"
        ),
    )
    voter_roles = forms.MultipleChoiceField(
        label="Roles that vote",
        choices=VOTING_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None chosen: every role that takes part (guests do not)",
    )
    voter_partners = PartnerChoices(
        queryset=None,
        required=False,
        label="Partners whose people vote",
        help_text="None chosen: every partner",
    )
    opens_on = DateField(
        label="Voting opens on", error_messages={"required": "Enter the date voting opens"}
    )
    opens_time = TimeField(label="Opening time")
    closes_on = DateField(
        label="Voting closes on", error_messages={"required": "Enter the date voting closes"}
    )
    closes_time = TimeField(label="Closing time")
    time_zone = TimeZoneField(label="Time zone", help_text="The times above are in this zone")
    anonymous = forms.BooleanField(
        required=False,
        label="Anonymous ballots",
        help_text="Nobody, coordinators included, can see how anyone voted",
    )
    results_live = forms.BooleanField(required=False, label="Show the count while voting is open")
    votes_changeable = forms.BooleanField(
        required=False, initial=True, label="People may change their vote until it closes"
    )
    proposals_allowed = forms.BooleanField(
        required=False,
        label="Members may propose options until voting opens",
        help_text="The way staff teams propose themes",
    )
    scale_high = forms.IntegerField(
        label="Highest score",
        min_value=1,
        max_value=10,
        initial=5,
        required=False,
        help_text="Score only: people grade each option from 0 to this",
    )
    dot_budget = forms.IntegerField(
        label="Dots for each person",
        min_value=1,
        max_value=100,
        required=False,
        help_text="Dot vote only",
    )
    quorum_people = forms.IntegerField(
        label="People who must take part",
        min_value=1,
        required=False,
        help_text="Consent only: leave empty for no quorum",
    )
    quorum_per_partner = forms.IntegerField(
        label="People each partner needs",
        min_value=1,
        required=False,
        help_text="Consent: people of each partner who must take part. Meeting-time poll: "
        "people of each partner who must be able to come (one if empty)",
    )
    casting_partner = forms.ModelChoiceField[Partner](
        queryset=None,
        required=False,
        label="Casting partner for a tie",
        help_text="Their own votes pick among tied winners",
    )
    draw_tie_break = forms.BooleanField(
        required=False,
        label="Break any remaining tie by a random draw",
        help_text="The draw's seed is fixed now and shown with the result, so anyone can repeat it",
    )

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = partnership_selectors.partners_of(partnership=partnership)
        self.fields["voter_partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["casting_partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["time_zone"].initial = partnership.time_zone
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"

    @classmethod
    def initial_from(cls, decision: Decision, options: list[Option]) -> dict[str, Any]:
        opens, closes = (
            decision.opens_at.astimezone(decision.zone),
            decision.closes_at.astimezone(decision.zone),
        )
        lines = [
            f"{o.starts_at.astimezone(decision.zone):%Y-%m-%d %H:%M}-"
            f"{(o.ends_at or o.starts_at).astimezone(decision.zone):%H:%M}"
            if decision.method == Method.TIME_POLL and o.starts_at
            else o.label
            for o in options
        ]
        return {
            **{name: getattr(decision, name) for name in EDITABLE},
            "voter_partners": list(decision.voter_partners.all()),
            "options": "\n".join(lines),
            "opens_on": opens.date(),
            "opens_time": f"{opens:%H:%M}",
            "closes_on": closes.date(),
            "closes_time": f"{closes:%H:%M}",
            "draw_tie_break": decision.tie_break_seed is not None,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone_name = data.get("time_zone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for prefix in ("opens", "closes"):
                on, time = data.get(f"{prefix}_on"), data.get(f"{prefix}_time")
                if on and time:
                    moment = dt.datetime.combine(on, time, tzinfo=zone)
                    if wall_time_exists(moment):
                        data[f"{prefix}_at"] = moment
                    else:
                        self.add_error(
                            f"{prefix}_time",
                            f"There is no {moment:%H:%M} on {moment:%-d %B %Y} in {zone_name}: "
                            "the clocks go forward then",
                        )
            opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
            if opens_at and closes_at and closes_at <= opens_at:
                self.add_error("closes_on", "Voting must close after it opens")
        method = data.get("method")
        if method == Method.DOT and not data.get("dot_budget"):
            self.add_error("dot_budget", "Give the number of dots each person may place")
        if data.get("anonymous") and data.get("results_live"):
            self.add_error(
                "results_live",
                "An anonymous decision shows its results when voting closes: a count shown live "
                "would show how each new vote changed it",
            )
        if data.get("proposals_allowed") and method in (Method.CONSENT, Method.TIME_POLL):
            self.add_error(
                "proposals_allowed",
                "Members can propose options for a choice between options, not for consent or a "
                "meeting-time poll",
            )
        if method == Method.TIME_POLL and data.get("anonymous"):
            self.add_error(
                "anonymous",
                "A meeting-time poll is named, so that the invitation reaches those who can come",
            )
        if "options" in data and method and zone_name:
            try:
                data["option_specs"] = self._option_specs(
                    data["options"], method, zoneinfo.ZoneInfo(zone_name)
                )
            except forms.ValidationError as error:
                self.add_error("options", error)
        return data

    @staticmethod
    def _option_specs(text: str, method: str, zone: zoneinfo.ZoneInfo) -> list[OptionSpec]:
        # Each line keeps its number as written, blank lines counted, so an error names the
        # line the person sees.
        numbered = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)]
        numbered = [(n, line) for n, line in numbered if line]
        lines = [line for _, line in numbered]
        if len(lines) > MAX_OPTIONS:
            raise forms.ValidationError(f"Give at most {MAX_OPTIONS} options")
        if method == Method.CONSENT and len(lines) != 1:
            raise forms.ValidationError("For consent, write the one proposal on one line")
        if method != Method.CONSENT and len(lines) < 2:
            raise forms.ValidationError("Give at least two options to choose between")
        seen: dict[str, int] = {}
        for number, line in numbered:
            if line.casefold() in seen:
                raise forms.ValidationError(
                    f"Line {number} repeats line {seen[line.casefold()]}: give each option once"
                )
            seen[line.casefold()] = number
        too_long = [n for n, line in numbered if len(line) > 200]
        if too_long:
            raise forms.ValidationError(
                f"Line {too_long[0]}: an option can be at most 200 characters long"
            )
        if method != Method.TIME_POLL:
            return [OptionSpec(label=line) for line in lines]
        specs = []
        for number, line in numbered:
            match = SLOT.match(line)
            if match is None:
                raise forms.ValidationError(
                    f"Line {number}: write a time as a date and a start and end, like "
                    "2027-01-20 10:00-12:00"
                )
            try:
                day = dt.date.fromisoformat(
                    "-".join(part.zfill(2) for part in match["date"].split("-"))
                )
                start = dt.time.fromisoformat(match["start"].replace(".", ":").zfill(5))
                end = dt.time.fromisoformat(match["end"].replace(".", ":").zfill(5))
            except ValueError:
                raise forms.ValidationError(
                    f"Line {number}: {line} is not a real date and time"
                ) from None
            starts_at = dt.datetime.combine(day, start, tzinfo=zone)
            ends_at = dt.datetime.combine(day, end, tzinfo=zone)
            for moment in (starts_at, ends_at):
                if not wall_time_exists(moment):
                    raise forms.ValidationError(
                        f"Line {number}: there is no {moment:%H:%M} on {moment:%-d %B %Y} in "
                        f"{zone.key}: the clocks go forward then"
                    )
            if ends_at <= starts_at:
                raise forms.ValidationError(f"Line {number}: the end must be after the start")
            specs.append(OptionSpec.time_slot(starts_at, ends_at))
        return specs

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in EDITABLE}
        values["scale_high"] = data["scale_high"] or 5
        return {
            **values,
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "voter_roles": list(data["voter_roles"]),
            "voter_partners": list(data["voter_partners"]),
            "options": data["option_specs"],
            "draw_tie_break": data["draw_tie_break"],
        }


class ClosingTimeForm(forms.Form):
    """Once voting is open, only the closing time can change, and only to later."""

    closes_on = DateField(
        label="Voting closes on", error_messages={"required": "Enter the date voting closes"}
    )
    closes_time = TimeField(label="Closing time")

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.fields[
            "closes_time"
        ].help_text = f"In {decision.time_zone}, like the rest of the decision. For example, 17:00"

    @classmethod
    def initial_from(cls, decision: Decision) -> dict[str, Any]:
        closes = decision.closes_at.astimezone(decision.zone)
        return {"closes_on": closes.date(), "closes_time": f"{closes:%H:%M}"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, time = data.get("closes_on"), data.get("closes_time")
        if on and time:
            moment = dt.datetime.combine(on, time, tzinfo=self.decision.zone)
            if not wall_time_exists(moment):
                self.add_error(
                    "closes_time", "There is no such time that day: the clocks go forward"
                )
            elif moment <= self.decision.closes_at:
                self.add_error("closes_on", "Voting can only close later than it does now")
            else:
                data["closes_at"] = moment
        return data


EDITABLE = (
    "question",
    "context",
    "method",
    "weighting",
    "voter_roles",
    "time_zone",
    "anonymous",
    "results_live",
    "votes_changeable",
    "proposals_allowed",
    "scale_high",
    "dot_budget",
    "quorum_people",
    "quorum_per_partner",
    "casting_partner",
)


class ProposalForm(forms.Form):
    label = forms.CharField(max_length=200, label="Your proposed option")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text="Why it matters, in a sentence or two",
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        label="What the partners decided",
        help_text="This appears on the timeline, with the decision",
    )
    chosen_option = forms.ModelChoiceField[Option](
        queryset=None,
        required=False,
        label="The option chosen",
        empty_label="None of them",
        help_text="For a meeting-time poll, everyone who can come at the chosen time gets a "
        "calendar invitation",
    )

    def __init__(self, *args: Any, options: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen_option"].queryset = options  # type: ignore[attr-defined]
