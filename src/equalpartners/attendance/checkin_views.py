"""The on-the-day check-in page: light enough for a phone at the door. Search by name, type
or scan a code, undo a mistaken check-in, add a walk-in. Every action is a plain form POST
that redirects back, so it works without JavaScript and a refresh never repeats it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from equalpartners.attendance import selectors, services
from equalpartners.attendance.forms import CodeForm, WalkInForm
from equalpartners.attendance.models import Registration
from equalpartners.attendance.views import ActivityMixin
from equalpartners.core.views import PartnershipView, ServiceFormView, found_or_404


class CheckInView(ActivityMixin, PartnershipView):
    template_name = "attendance/check_in.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        search = self.request.GET.get("q", "")[:100]
        done = self._registration_from(self.request.GET.get("done"))
        code_form = kwargs.pop("code_form", None) or CodeForm()
        return super().get_context_data(
            search=search,
            matches=selectors.check_in_matches(activity=self.activity(), search=search),
            counts=selectors.door_counts(activity=self.activity()),
            code_form=code_form,
            form=code_form,  # the page's error summary reads ``form``
            done=done,
            **kwargs,
        )

    def _registration_from(self, value: str | None) -> Registration | None:
        if not value or not value.isdigit():
            return None
        return selectors.registration_in(activity=self.activity(), registration_id=int(value))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Check in by code (typed, or scanned by a scanner that types)."""
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                registration = services.check_in_by_code(
                    actor=request.user, activity=self.activity(), code=form.cleaned_data["code"]
                )
            except ValidationError as error:
                form.add_error("code", error.messages)
            else:
                return _checked_in(request, self, registration)
        return self.render_to_response(self.get_context_data(code_form=form), status=400)


def _checked_in(
    request: HttpRequest, view: ActivityMixin, registration: Registration
) -> HttpResponse:
    messages.success(request, f"Checked in: {registration.name}")
    return HttpResponseRedirect(f"{view.url('check-in')}?{urlencode({'done': registration.pk})}")


class _OneRegistration(ActivityMixin, PartnershipView):
    http_method_names = ["post"]

    def registration(self) -> Registration:
        return found_or_404(
            selectors.registration_in(
                activity=self.activity(), registration_id=self.kwargs["registration_id"]
            )
        )

    def back(self, search: str = "") -> HttpResponse:
        query = f"?{urlencode({'q': search})}" if search else ""
        return HttpResponseRedirect(self.url("check-in") + query)


class CheckInPersonView(_OneRegistration):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            registration = services.check_in(actor=request.user, registration=self.registration())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.back(request.POST.get("q", ""))
        return _checked_in(request, self, registration)


class UndoCheckInView(_OneRegistration):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            registration = services.undo_check_in(
                actor=request.user, registration=self.registration()
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Check-in undone: {registration.name}")
        return self.back()


class WalkInView(ActivityMixin, ServiceFormView):
    template_name = "attendance/walk_in.html"
    form_class = WalkInForm

    def perform(self, form: Any) -> str:
        self.registration = services.walk_in(
            actor=self.request.user, activity=self.activity(), **form.cleaned_data
        )
        return f"{self.url('check-in')}?{urlencode({'done': self.registration.pk})}"

    def get_success_message(self, result: Any) -> str:
        return f"Walk-in added and checked in: {self.registration.name}"
