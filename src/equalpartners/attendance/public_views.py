"""Pages for registrants reached by a link rather than a membership: the public (or
invitation) registration form, and each registrant's own page with their code, QR code,
calendar file and the choice to confirm an offered place or cancel.

The links carry long random tokens; nothing here is found by an id. The records are looked
up with the tenant scope lifted (the token is the key) and then used inside the scope of
their own partnership.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.text import slugify
from django.views.generic import FormView, TemplateView, View
from django_scopes import scope, scopes_disabled

from equalpartners.attendance import calendar_mail, selectors, services
from equalpartners.attendance.forms import RegistrationForm
from equalpartners.attendance.models import Registration, RegistrationSetup
from equalpartners.attendance.qr import qr_svg
from equalpartners.core.views import add_service_errors


def _setup_by_link(token: str) -> RegistrationSetup:
    with scopes_disabled():
        setup = selectors.setup_by_link(token=token)
    if setup is None or not services.audience_allows_link(setup):
        raise Http404("This registration link does not work (any more)")
    return setup


def _registration_by_token(token: str) -> Registration:
    with scopes_disabled():
        registration = selectors.registration_by_token(token=token)
    if registration is None:
        raise Http404("No such registration")
    return registration


class PublicRegisterView(FormView[RegistrationForm]):
    template_name = "attendance/public_register.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.reg_setup = _setup_by_link(kwargs["token"])
        with scope(partnership=self.reg_setup.partnership):
            return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> RegistrationForm:
        questions = list(selectors.questions_of(setup=self.reg_setup))
        return RegistrationForm(questions=questions, **self.get_form_kwargs())

    def form_valid(self, form: RegistrationForm) -> HttpResponse:
        try:
            registration = services.register(
                actor=self.request.user,
                activity=self.reg_setup.activity,
                **form.service_values(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "You have a place" if registration.holds_a_place else "You are on the waiting list",
        )
        return HttpResponseRedirect(registration.get_absolute_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        activity = self.reg_setup.activity
        closed = ""
        try:
            services.check_open(self.reg_setup)
        except ValidationError as error:
            closed = " ".join(error.messages)
        return super().get_context_data(
            activity=activity,
            partnership=activity.partnership,
            setup=self.reg_setup,
            counts=selectors.counts_for(activity=activity, setup=self.reg_setup),
            sessions=selectors.sessions_of(activity=activity),
            closed_reason=closed,
            **kwargs,
        )


class MyRegistrationView(TemplateView):
    template_name = "attendance/my_registration.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.registration = _registration_by_token(kwargs["token"])
        with scope(partnership=self.registration.partnership):
            return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        activity = self.registration.activity
        waiting_ahead = 0
        if self.registration.status == "waiting":
            waiting_ahead = activity.registrations.filter(
                status="waiting", created_at__lt=self.registration.created_at
            ).count()
        return super().get_context_data(
            registration=self.registration,
            activity=activity,
            partnership=activity.partnership,
            sessions=selectors.sessions_of(activity=activity),
            waiting_ahead=waiting_ahead,
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        try:
            if action == "confirm":
                services.confirm_offer(actor=request.user, registration=self.registration)
                messages.success(request, "Your place is confirmed")
            elif action == "cancel":
                services.cancel(actor=request.user, registration=self.registration)
                messages.success(request, "Your registration is cancelled")
            else:
                messages.error(request, "Choose what to do")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(self.registration.get_absolute_url())


class CodeImageView(View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        registration = _registration_by_token(kwargs["token"])
        response = HttpResponse(qr_svg(registration.code), content_type="image/svg+xml")
        response["Cache-Control"] = "private, max-age=3600"
        return response


class RegistrationCalendarView(View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        registration = _registration_by_token(kwargs["token"])
        activity = registration.activity
        with scopes_disabled():
            setup = selectors.setup_of(activity=activity)
        body = calendar_mail.calendar_for(
            activity=activity,
            sequence=setup.calendar_sequence if setup else 0,
            attendee=registration,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        name = f"{slugify(activity.title)[:60] or 'activity'}.ics"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
