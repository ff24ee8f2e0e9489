"""Forms for describing the partnership, its partners and its people."""

from __future__ import annotations

from typing import Any

from django import forms

from equalpartners.core.capabilities import Role
from equalpartners.core.forms import DateField, TimeZoneField
from equalpartners.partnerships.models import Sector


class PartnershipForm(forms.Form):
    name = forms.CharField(max_length=200)
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)
    commitments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text="One commitment on each line, for example: Tackling inequalities",
    )
    contact_email = forms.EmailField(required=False, label="Contact email address")
    is_public = forms.BooleanField(
        required=False,
        label="Publish a public page for this partnership",
        help_text="It shows the purpose, the partners, public activities and outputs",
    )
    time_zone = TimeZoneField(label="Time zone")

    def clean_commitments(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["commitments"].splitlines() if line.strip()
        ]


class PartnerForm(forms.Form):
    remit = forms.CharField(max_length=120, help_text="For example, leadership, children or health")
    aims = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    policy_context = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text="The policies and environment this partner works in",
    )
    leadership_style = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text="How this partner leads and makes decisions",
    )
    joined_on = DateField(label="Date joined")


class PartnerAddForm(PartnerForm):
    organisation_name = forms.CharField(
        max_length=200,
        label="Organisation name",
        help_text="If the organisation is already recorded, we use that record",
    )
    sector = forms.ChoiceField(choices=Sector.choices, widget=forms.RadioSelect)

    field_order = [
        "organisation_name",
        "sector",
        "remit",
        "aims",
        "policy_context",
        "leadership_style",
        "joined_on",
    ]


class InvitationForm(forms.Form):
    name = forms.CharField(max_length=200, label="Full name")
    email = forms.EmailField(label="Email address")
    organisation_name = forms.CharField(
        max_length=200,
        required=False,
        label="Organisation",
        help_text="Where they work, if they are part of an organisation",
    )
    sector = forms.ChoiceField(
        choices=[("", "Choose a sector"), *Sector.choices],
        required=False,
        help_text="Needed only if the organisation is new to us",
    )
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("organisation_name") and not data.get("sector"):
            data["sector"] = Sector.THIRD
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)


class InitiativeForm(forms.Form):
    name = forms.CharField(max_length=200)
    url = forms.URLField(label="Web address", max_length=500, required=False, assume_scheme="https")
    how_it_fits = forms.CharField(
        label="How our work fits with it",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class PublicLinkForm(forms.Form):
    label = forms.CharField(max_length=200, help_text="For example, Join the network on LinkedIn")
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https")


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    partner = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    role = forms.ChoiceField(choices=[("", "Any role"), *Role.choices], required=False)
    sector = forms.ChoiceField(choices=[("", "Any sector"), *Sector.choices], required=False)

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "Any partner")] + [  # type: ignore[attr-defined]
            (p.pk, p.organisation.name) for p in partners
        ]


class AcceptInvitationForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few unrelated words make a strong password",
        strip=False,
    )
    password_again = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        label="Type the password again",
        strip=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "The two passwords are not the same")
        return data
