"""The agenda of a multi-session activity: sessions with times, rooms and speakers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from equalpartners.attendance import selectors, services
from equalpartners.attendance.forms import SessionForm
from equalpartners.attendance.models import Session
from equalpartners.attendance.views import ActivityMixin
from equalpartners.core.views import PartnershipView, ServiceFormView, found_or_404


class AgendaView(ActivityMixin, ServiceFormView):
    """The sessions so far, and a form to add one (or change one, given its id)."""

    template_name = "attendance/agenda.html"
    form_class = SessionForm
    success_message = "Session saved"

    def session(self) -> Session | None:
        if "session_id" not in self.kwargs:
            return None
        return found_or_404(
            selectors.session_in(activity=self.activity(), session_id=self.kwargs["session_id"])
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "activity": self.activity()}

    def get_initial(self) -> dict[str, Any]:
        session = self.session()
        if session is not None:
            return SessionForm.initial_from(session)
        return {"day": self.activity().starts_at.astimezone(self.activity().zone).date()}

    def perform(self, form: Any) -> str:
        services.session_save(
            actor=self.request.user,
            activity=self.activity(),
            session=self.session(),
            **form.service_values(),
        )
        return self.url("agenda")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            sessions=selectors.sessions_of(activity=self.activity()),
            session=self.session(),
            **kwargs,
        )


class SessionDeleteView(ActivityMixin, PartnershipView):
    template_name = "attendance/session_delete.html"

    def session(self) -> Session:
        return found_or_404(
            selectors.session_in(activity=self.activity(), session_id=self.kwargs["session_id"])
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(session=self.session(), **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        session = self.session()
        services.session_delete(actor=request.user, session=session)
        messages.success(request, f"Session ‘{session.title}’ removed from the agenda")
        return HttpResponseRedirect(self.url("agenda"))
