"""Sign-in asks for an email address, since that is what people are invited with."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "type": "email"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.error_messages["invalid_login"] = (
            "The email address or password is not right. Check them and try again"
        )

    def clean_username(self) -> str:
        # Accounts are keyed by the lower-cased email address, however people type it. The
        # throttle sees the same form, so changing the capitals does not dodge a lockout.
        return str(self.cleaned_data["username"]).strip().lower()
