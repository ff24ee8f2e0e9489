"""The preferences form."""

from __future__ import annotations

from django import forms

from equalpartners.notifications.models import EmailMode


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label="When should we email you about notifications?",
        help_text="You can always see your notifications on this site, whatever you choose.",
        choices=EmailMode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select when we should email you"},
    )
