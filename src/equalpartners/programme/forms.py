"""Forms for planning the programme. Fields follow the GOV.UK patterns in ``core.forms``."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms

from equalpartners.core.forms import DateField, TimeField, TimeZoneField, wall_time_exists
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Partner, Person
from equalpartners.programme.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    OutputKind,
    Visibility,
)
from equalpartners.programme.timeline import ENTRY_KINDS


class PartnerChoices(forms.ModelMultipleChoiceField[Partner]):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.organisation.name)


class ActivityForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="Kind of activity", choices=ActivityKind.choices)
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text="What it is for and who it is for",
    )
    themes = forms.CharField(
        max_length=500,
        required=False,
        help_text="Separate themes with commas",
    )
    starts_on = DateField(label="Start date")
    starts_time = TimeField(label="Start time")
    ends_on = DateField(label="End date")
    ends_time = TimeField(label="End time")
    time_zone = TimeZoneField(
        label="Time zone", help_text="The times above are in this zone. For example, Europe/London"
    )
    venue = forms.CharField(max_length=300, required=False)
    online_url = forms.URLField(
        label="Online link",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="For example, https://meet.example.org/roundtable",
    )
    lead_partners = PartnerChoices(queryset=None, required=False, label="Lead partners")
    co_partners = PartnerChoices(queryset=None, required=False, label="Co-delivering partners")
    led_by: forms.ModelMultipleChoiceField[Person] = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="Led or presented by",
        help_text="Hold Ctrl (or Cmd) to choose more than one person",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    status = forms.ChoiceField(choices=ActivityStatus.choices, initial=ActivityStatus.PLANNED)
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.PARTNERS,
        widget=forms.RadioSelect,
        help_text="Public activities appear on the partnership's public page",
    )

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = partnership_selectors.partners_of(partnership=partnership)
        self.fields["lead_partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["co_partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["led_by"].queryset = partnership_selectors.people_choices(  # type: ignore[attr-defined]
            partnership=partnership
        )
        self.fields["time_zone"].initial = partnership.time_zone
        self.fields["time_zone"].widget.attrs["list"] = "time-zones"

    @classmethod
    def initial_from(cls, activity: Activity) -> dict[str, Any]:
        starts, ends = (
            activity.starts_at.astimezone(activity.zone),
            activity.ends_at.astimezone(activity.zone),
        )
        return {
            "title": activity.title,
            "kind": activity.kind,
            "summary": activity.summary,
            "themes": ", ".join(t.name for t in activity.themes.all()),
            "starts_on": starts.date(),
            "starts_time": starts.time(),
            "ends_on": ends.date(),
            "ends_time": ends.time(),
            "time_zone": activity.time_zone,
            "venue": activity.venue,
            "online_url": activity.online_url,
            "lead_partners": list(activity.lead_partners.all()),
            "co_partners": list(activity.co_partners.all()),
            "led_by": list(activity.led_by.all()),
            "status": activity.status,
            "visibility": activity.visibility,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone_name = data.get("time_zone")
        starts_on, starts_time = data.get("starts_on"), data.get("starts_time")
        ends_on, ends_time = data.get("ends_on"), data.get("ends_time")
        if zone_name and starts_on and starts_time and ends_on and ends_time:
            zone = zoneinfo.ZoneInfo(zone_name)
            data["starts_at"] = dt.datetime.combine(starts_on, starts_time, tzinfo=zone)
            data["ends_at"] = dt.datetime.combine(ends_on, ends_time, tzinfo=zone)
            for field, moment in (
                ("starts_time", data["starts_at"]),
                ("ends_time", data["ends_at"]),
            ):
                if not wall_time_exists(moment):
                    self.add_error(
                        field,
                        f"There is no {moment:%H:%M} on {moment:%-d %B %Y} in "
                        f"{zone_name}: the clocks go forward then",
                    )
            if data["ends_at"] < data["starts_at"]:
                self.add_error("ends_on", "The end must be on or after the start")
        lead = set(data.get("lead_partners") or [])
        both = lead & set(data.get("co_partners") or [])
        if both:
            names = ", ".join(sorted(str(p) for p in both))
            self.add_error("co_partners", f"{names} is already a lead partner")
        return data

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "summary": data["summary"],
            "themes": data["themes"].split(","),
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "time_zone": data["time_zone"],
            "venue": data["venue"],
            "online_url": data["online_url"],
            "lead_partners": list(data["lead_partners"]),
            "co_partners": list(data["co_partners"]),
            "led_by": list(data["led_by"]),
            "status": data["status"],
            "visibility": data["visibility"],
        }


class MilestoneForm(forms.Form):
    title = forms.CharField(max_length=200)
    date = DateField(label="Date")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )
    partners = PartnerChoices(queryset=None, required=False)

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partnership_selectors.partners_of(  # type: ignore[attr-defined]
            partnership=partnership
        )


class OutputForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(label="Kind of output", choices=OutputKind.choices)
    published_on = DateField(label="Date published or shared")
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, required=False
    )
    partners = PartnerChoices(queryset=None, required=False, label="Partners who made it")
    url = forms.URLField(label="Link", max_length=500, required=False, assume_scheme="https")
    file = forms.FileField(required=False, help_text="A PDF or document, up to 20 MB")
    is_public = forms.BooleanField(
        label="Show on the public page",
        required=False,
    )

    MAX_FILE_BYTES = 20 * 1024 * 1024

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partnership_selectors.partners_of(  # type: ignore[attr-defined]
            partnership=partnership
        )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and upload.size > self.MAX_FILE_BYTES:
            raise forms.ValidationError("The file must be 20 MB or smaller")
        return upload


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Any kind"), *ActivityKind.choices], required=False)
    status = forms.ChoiceField(
        choices=[("", "Any status"), *ActivityStatus.choices], required=False
    )
    partner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    theme = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, partnership: Any, themes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = partnership_selectors.partners_of(partnership=partnership)
        self.fields["partner"].choices = [("", "Any partner")] + [  # type: ignore[attr-defined]
            (p.pk, p.organisation.name) for p in partners
        ]
        self.fields["theme"].choices = [("", "Any theme")] + [  # type: ignore[attr-defined]
            (t.pk, t.name) for t in themes
        ]


class TimelineFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "Everything"), *ENTRY_KINDS], required=False)
    partner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = partnership_selectors.partners_of(partnership=partnership)
        self.fields["partner"].choices = [("", "Every partner")] + [  # type: ignore[attr-defined]
            (p.pk, p.organisation.name) for p in partners
        ]
