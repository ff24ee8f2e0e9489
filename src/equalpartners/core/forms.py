"""Form rendering in the GOV.UK Design System's patterns, for every form in the project.

Django's form renderer picks our field and form templates, so a view only writes
``{{ form }}`` and gets labels, hints, errors beside each field and the fieldset for
grouped inputs. The date input is the three-field pattern (day, month, year).
"""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}


class FormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class DateInputWidget(forms.MultiWidget):
    """Day, month and year as three text boxes, as people write a date."""

    template_name = "core/forms/widgets/date_input.html"
    use_fieldset = True

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric", "class": "date-input__input"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput({**numeric, "size": 2, "maxlength": 2}),
            "month": forms.TextInput({**numeric, "size": 2, "maxlength": 9}),
            "year": forms.TextInput({**numeric, "size": 4, "maxlength": 4}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date from the three-field input; month names are understood as well as numbers."""

    widget = DateInputWidget

    def __init__(self, **kwargs: Any) -> None:
        # The parts are optional one by one, so that ``compress`` can say which are missing
        # (required parts would stop at Django's vague "Enter a complete value").
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        kwargs.setdefault("help_text", "For example, 27 3 2026")
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        parts = [(part or "").strip() for part in data_list]
        missing = [
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        ]
        if missing:
            raise ValidationError(
                f"{self.label or 'The date'} must include a {' and '.join(missing)}",
                code="incomplete",
            )
        day, month, year = parts
        month_number = MONTH_NAMES.get(month.lower()) or (int(month) if month.isdigit() else 0)
        if not (day.isdigit() and year.isdigit() and len(year) == 4 and month_number):
            raise ValidationError(
                f"{self.label or 'The date'} must be a real date, like 27 3 2026", code="invalid"
            )
        try:
            return dt.date(int(year), month_number, int(day))
        except ValueError:
            raise ValidationError(
                f"{self.label or 'The date'} must be a real date, like 27 3 2026", code="invalid"
            ) from None


class TimeField(forms.TimeField):
    """A time of day typed as 14:30, 2:30pm or 14.30."""

    input_formats = ["%H:%M", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p", "%H"]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", "For example, 09:30 or 14:00")
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 5, "class": "input--short"}))
        kwargs.setdefault("error_messages", {"invalid": "Enter a time like 09:30 or 14:00"})
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.time | None:
        if isinstance(value, str):
            value = value.strip().lower().replace(" ", "")
        return super().to_python(value)


class TimeZoneField(forms.CharField):
    """An IANA time zone name, such as Europe/London, checked against the zone database."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("help_text", "For example, Europe/London")
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        name = super().clean(value)
        if name and name not in available_time_zones():
            raise ValidationError(
                f"'{name}' is not a time zone we know. Enter one like Europe/London",
                code="unknown_time_zone",
            )
        return str(name)


def available_time_zones() -> frozenset[str]:
    return _ZONES


_ZONES = frozenset(zoneinfo.available_timezones())


def combine(date: dt.date, time: dt.time, zone: str) -> dt.datetime:
    """A date and a wall-clock time in a zone, as an aware datetime."""
    return dt.datetime.combine(date, time, tzinfo=zoneinfo.ZoneInfo(zone))


def wall_time_exists(moment: dt.datetime) -> bool:
    """Whether a wall-clock time happens in its zone (not skipped when the clocks go forward)."""
    round_trip = moment.astimezone(dt.UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def valid_filters(form: forms.Form) -> dict[str, Any]:
    """The filters in a list page's form that are valid, ignoring any that are not.

    One stale value in an address (a partner since removed, a mistyped kind) must not silently
    drop the other filters and list everything; the form still shows what was wrong.
    """
    if not form.is_bound:
        return {}
    form.is_valid()
    return dict(form.cleaned_data)
