"""Organisers' pages for an activity's registration: the list, the setup, questions, adding
and cancelling registrations, and the exports. Members register themselves here too."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import StreamingHttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify

from equalpartners.attendance import calendar_mail, exports, selectors, services
from equalpartners.attendance.forms import QuestionForm, RegistrationForm, SetupForm
from equalpartners.attendance.models import Question, Registration, RegistrationSetup, Status
from equalpartners.core.capabilities import Capability
from equalpartners.core.streaming import within_scope
from equalpartners.core.views import (
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.programme import selectors as programme_selectors

PAGE_SIZE = 50
STATUS_FILTERS = [
    ("live", "Registered"),
    (Status.CONFIRMED, "Has a place"),
    (Status.OFFERED, "Offered a place"),
    (Status.WAITING, "Waiting list"),
    ("checked_in", "Checked in"),
    ("not_checked_in", "Not checked in yet"),
    ("ended", "Cancelled or lapsed"),
]


class ActivityMixin(PartnershipAccess):
    """A page about one activity's registration. Organisers' pages by default."""

    capability = Capability.MANAGE_PROGRAMME

    def activity(self) -> Any:
        if not hasattr(self, "_activity"):
            self._activity = found_or_404(
                programme_selectors.activity_row(
                    partnership=self.partnership, activity_id=self.kwargs["activity_id"]
                )
            )
        return self._activity

    def registration_setup(self) -> RegistrationSetup:
        if not hasattr(self, "_setup"):
            self._setup = services.setup_for(actor=self.request.user, activity=self.activity())
        return self._setup

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(
            f"attendance:{name}",
            kwargs={
                "partnership_slug": self.partnership.slug,
                "activity_id": self.activity().pk,
                **kwargs,
            },
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(  # type: ignore[misc]
            activity=self.activity(), **kwargs
        )
        return context


class RegistrationListView(ActivityMixin, PartnershipView):
    template_name = "attendance/registration_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        setup = self.registration_setup()
        status = self.request.GET.get("status", "live")
        if status not in dict(STATUS_FILTERS):
            status = "live"
        search = self.request.GET.get("q", "")[:100]
        registrations = selectors.registrations_of(
            activity=self.activity(), status=status, search=search
        )
        page = Paginator(registrations, PAGE_SIZE).get_page(self.request.GET.get("page"))
        link = self.request.build_absolute_uri(
            reverse("registrant:register", kwargs={"token": setup.link_token})
        )
        return super().get_context_data(
            setup=setup,
            counts=selectors.counts_for(activity=self.activity(), setup=setup),
            questions=selectors.questions_of(setup=setup),
            page=page,
            status=status,
            status_filters=STATUS_FILTERS,
            search=search,
            public_link=link if services.audience_allows_link(setup) else "",
            # Each row links to ``<detail_base><id>/``: one reverse() for the page, not per row.
            detail_base=self.url("list"),
            filter_query=urlencode({"status": status, "q": search}),
            **kwargs,
        )


class SetupView(ActivityMixin, ServiceFormView):
    template_name = "attendance/setup_form.html"
    form_class = SetupForm
    success_message = "Registration settings saved"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "activity": self.activity()}

    def get_initial(self) -> dict[str, Any]:
        return SetupForm.initial_from(self.registration_setup())

    def perform(self, form: Any) -> str:
        services.setup_update(
            actor=self.request.user, setup=self.registration_setup(), **form.service_values()
        )
        return self.url("list")


class NewLinkView(ActivityMixin, PartnershipView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.new_link(actor=request.user, setup=self.registration_setup())
        messages.success(request, "A new registration link is ready; the old one no longer works")
        return HttpResponseRedirect(self.url("list"))


class QuestionFormView(ActivityMixin, ServiceFormView):
    template_name = "attendance/question_form.html"
    form_class = QuestionForm
    success_message = "Question saved"

    def question(self) -> Question | None:
        if "question_id" not in self.kwargs:
            return None
        return found_or_404(
            selectors.question_in(
                setup=self.registration_setup(), question_id=self.kwargs["question_id"]
            )
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.question()}

    def perform(self, form: Any) -> str:
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.question_save(
            actor=self.request.user,
            setup=self.registration_setup(),
            question=self.question(),
            **values,
        )
        return self.url("list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(question=self.question(), **kwargs)


class QuestionDeleteView(ActivityMixin, PartnershipView):
    template_name = "attendance/question_delete.html"

    def question(self) -> Question:
        return found_or_404(
            selectors.question_in(
                setup=self.registration_setup(), question_id=self.kwargs["question_id"]
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(question=self.question(), **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        question = self.question()
        services.question_delete(actor=request.user, question=question)
        messages.success(request, f"Question ‘{question.label}’ removed, with its answers")
        return HttpResponseRedirect(self.url("list"))


class OrganiserAddView(ActivityMixin, ServiceFormView):
    """An organiser registers someone (a place if there is one, else the waiting list)."""

    template_name = "attendance/organiser_add.html"

    def get_form(self, form_class: Any = None) -> RegistrationForm:
        questions = list(selectors.questions_of(setup=self.registration_setup()))
        return RegistrationForm(questions=questions, **self.get_form_kwargs())

    def perform(self, form: Any) -> str:
        self.registration = services.register(
            actor=self.request.user,
            activity=self.activity(),
            source="organiser",
            **form.service_values(),
        )
        return self.url("list")

    def get_success_message(self, result: Any) -> str:
        return f"{self.registration.name}: {self.registration.get_status_display().lower()}"


class RegistrationDetailView(ActivityMixin, PartnershipView):
    template_name = "attendance/registration_detail.html"

    def registration(self) -> Registration:
        return found_or_404(
            selectors.registration_in(
                activity=self.activity(), registration_id=self.kwargs["registration_id"]
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        registration = self.registration()
        return super().get_context_data(
            registration=registration,
            answers=registration.answers.select_related("question"),
            **kwargs,
        )


class CancelView(RegistrationDetailView):
    """An organiser cancels a registration, after confirming; the place goes to the list."""

    template_name = "attendance/cancel_confirm.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        registration = self.registration()
        try:
            services.cancel(actor=request.user, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.url("detail", registration_id=registration.pk))
        messages.success(request, f"{registration.name}'s registration cancelled")
        return HttpResponseRedirect(self.url("list"))


class _ExportView(ActivityMixin):
    def rows(self) -> tuple[Any, list[Question]]:
        setup = self.registration_setup()
        questions = list(selectors.questions_of(setup=setup))
        registrations = (
            selectors.registrations_of(activity=self.activity(), status=self.status())
            .prefetch_related("answers")
            .iterator(chunk_size=500)
        )
        return registrations, questions

    def status(self) -> str:
        asked = self.request.GET.get("status", "")
        return asked if asked in dict(STATUS_FILTERS) else ""

    def filename(self, extension: str) -> str:
        return f"{slugify(self.activity().title)[:60] or 'activity'}-registrations.{extension}"


class RegistrationsCsvView(_ExportView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        registrations, questions = self.rows()
        response = StreamingHttpResponse(
            within_scope(
                exports.registrations_csv(
                    registrations, questions=questions, zone=self.activity().zone
                ),
                partnership=self.partnership,
            ),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename("csv")}"'
        return response


class RegistrationsXlsxView(_ExportView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        registrations, questions = self.rows()
        spool = exports.registrations_xlsx(
            registrations,
            questions=questions,
            zone=self.activity().zone,
            title=self.activity().title,
        )
        return FileResponse(
            spool,
            as_attachment=True,
            filename=self.filename("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class MemberRegisterView(ActivityMixin, ServiceFormView):
    """A member registers themselves (or sees and cancels their registration)."""

    capability = Capability.CONTRIBUTE
    template_name = "attendance/register.html"

    def person(self) -> Any:
        return self.request.membership.person  # type: ignore[attr-defined]

    def mine(self) -> Registration | None:
        if not hasattr(self, "_mine"):
            self._mine = selectors.registration_of_person(
                activity=self.activity(), person=self.person()
            )
        return self._mine

    def get_form(self, form_class: Any = None) -> RegistrationForm:
        questions = list(selectors.questions_of(setup=self.registration_setup()))
        form = RegistrationForm(questions=questions, **self.get_form_kwargs())
        del form.fields["email"]  # members register as themselves, with their own address
        return form

    def get_initial(self) -> dict[str, Any]:
        person = self.person()
        organisation = person.organisation
        return {
            "name": person.name,
            "email": person.email,
            "organisation": organisation.name if organisation else "",
            "sector": organisation.sector if organisation else "",
            "job_title": person.job_title,
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.mine() is not None:
            messages.info(request, "You are already registered")
            return HttpResponseRedirect(self.url("register"))
        return super().post(request, *args, **kwargs)

    def perform(self, form: Any) -> str:
        values = form.service_values()
        values["email"] = self.person().email
        self.registration = services.register(
            actor=self.request.user, activity=self.activity(), **values
        )
        return self.url("register")

    def get_success_message(self, result: Any) -> str:
        if self.registration.status == Status.CONFIRMED:
            return "You have a place. Your attendance code and calendar invitation are below."
        return "The activity is full, so you are on the waiting list"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        setup = self.registration_setup()
        return super().get_context_data(
            mine=self.mine(),
            setup=setup,
            counts=selectors.counts_for(activity=self.activity(), setup=setup),
            closed_reason=_closed_reason(setup),
            **kwargs,
        )


def _closed_reason(setup: RegistrationSetup) -> str:
    try:
        services.check_open(setup)
    except ValidationError as error:
        return " ".join(error.messages)
    if setup.activity.status == "cancelled":
        return "This activity has been cancelled"
    return ""


class MemberCancelView(MemberRegisterView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        mine = self.mine()
        if mine is None:
            messages.info(request, "You are not registered for this activity")
        else:
            try:
                services.cancel(actor=request.user, registration=mine)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "Your registration is cancelled")
        return HttpResponseRedirect(self.url("register"))


class ParticipantsView(ActivityMixin, PartnershipView):
    """Who is coming, among those who agreed to be listed."""

    capability = Capability.VIEW
    template_name = "attendance/participants.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        listed = selectors.participants_listed(activity=self.activity())
        counts = selectors.counts_for(activity=self.activity())
        return super().get_context_data(
            participants=listed,
            counts=counts,
            unlisted=counts.places_taken - listed.count(),
            **kwargs,
        )


class ActivityCalendarView(ActivityMixin):
    """The activity as a calendar file, current SEQUENCE, for members to add."""

    capability = Capability.VIEW

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        activity = self.activity()
        setup = selectors.setup_of(activity=activity)
        body = calendar_mail.calendar_for(
            activity=activity, sequence=setup.calendar_sequence if setup else 0
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        name = f"{slugify(activity.title)[:60] or 'activity'}.ics"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
