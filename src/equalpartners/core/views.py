"""Base views: the one place a page checks the capability it needs.

Every page inside a partnership derives from ``PartnershipView`` (downloads and feeds from
``PartnershipAccess``) and names its capability.
Anonymous visitors are sent to sign in (for any address, so the sign-in page says nothing
about which partnerships exist); signed-in people who are not members get 404, the same as
for something that does not exist; members whose role lacks the capability get 403.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.views.generic import FormView, TemplateView, View

from equalpartners.core.capabilities import Capability

T = TypeVar("T")


def found_or_404(record: T | None) -> T:
    """A selector's answer, or 404: what is missing and what is not yours look the same."""
    if record is None:
        raise Http404("Not found")
    return record


class PartnershipAccess(View):
    """Any response inside a partnership: the capability check, for pages and downloads alike."""

    capability: str = Capability.VIEW

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if getattr(request, "membership", None) is None:
            raise Http404("No such partnership")
        if self.capability not in request.capabilities:  # type: ignore[attr-defined]
            raise PermissionDenied(f"Your role does not allow this ({self.capability}).")
        return super().dispatch(request, *args, **kwargs)

    @property
    def partnership(self) -> Any:
        return self.request.partnership  # type: ignore[attr-defined]


class PartnershipView(PartnershipAccess, TemplateView):
    """A page inside a partnership."""


class ServiceFormView(PartnershipView, FormView[BaseForm]):
    """A form page whose valid submission calls one service and redirects with a message.

    Subclasses implement ``perform(form)``, returning the object to go to next. A
    ``ValidationError`` raised by the service (from ``full_clean``) is shown on the form,
    beside the field it names.
    """

    success_message = "Saved"

    def perform(self, form: Any) -> models.Model | str:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            result = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.get_success_message(result))
        return HttpResponseRedirect(self.get_success_url_for(result))

    def get_success_message(self, result: Any) -> str:
        return self.success_message

    def get_success_url_for(self, result: Any) -> str:
        if isinstance(result, str):
            return result
        return str(result.get_absolute_url())


class ConfirmView(PartnershipView):
    """A page that asks before it acts: GET shows the question, POST does it.

    Subclasses set ``heading``, ``explanation`` and ``button`` (``warning`` for a button that
    warns), return the record the page is about from ``record()`` (the template knows it as
    ``record_name``), and implement ``act()``, calling one service and returning the message to
    show. The POST then goes to ``get_success_url()``, by default the record's page; a
    ``ValidationError`` from the service is shown there as an error message.
    """

    heading = ""
    explanation = ""
    button = ""
    warning = False
    record_name = "record"

    def record(self) -> Any:
        raise NotImplementedError

    def act(self) -> str:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return str(self.record().get_absolute_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            **{self.record_name: self.record()},
            heading=self.heading,
            explanation=self.explanation,
            button=self.button,
            warning=self.warning,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        url = self.get_success_url()
        try:
            message = self.act()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(url)


def add_service_errors(form: Any, error: ValidationError) -> None:
    """Show a service's validation errors beside the form's fields, or at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
