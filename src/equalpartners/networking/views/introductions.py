"""Pages for suggesting introductions at an activity and sending them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from equalpartners.core.views import ServiceFormView
from equalpartners.networking import selectors, services
from equalpartners.networking.forms import IntroductionsForm
from equalpartners.networking.views.activity import ActivityPage
from equalpartners.partnerships import selectors as partnership_selectors


class IntroductionsView(ActivityPage, ServiceFormView):
    template_name = "networking/introductions.html"
    form_class = IntroductionsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        members = partnership_selectors.people_choices(partnership=self.partnership)
        return {**super().get_form_kwargs(), "people": members}

    def get_initial(self) -> dict[str, Any]:
        plan = selectors.plan_for(activity=self.activity())
        if plan is not None:
            return {"people": [pp.person for pp in selectors.people_here(plan=plan)]}
        return {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        introductions = list(selectors.introductions_for(activity=self.activity()))
        return super().get_context_data(
            introductions=introductions,
            waiting=sum(1 for i in introductions if i.sent_at is None),
            **kwargs,
        )

    def perform(self, form: Any) -> str:
        count = services.introductions_build(
            actor=self.request.user,
            activity=self.activity(),
            people=list(form.cleaned_data["people"]),
            per_person=form.cleaned_data["per_person"],
            slots=form.cleaned_data["slots"],
        )
        self.success_message = (
            f"{count} introductions suggested"
            if count
            else "No introductions fit: nobody's offers meet another's needs or interests yet"
        )
        return self.request.path


class IntroductionsSendView(ActivityPage):
    template_name = "networking/confirm.html"

    def back(self) -> str:
        return reverse(
            "networking:introductions",
            kwargs={"partnership_slug": self.partnership.slug, "activity_id": self.activity().pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            heading="Send the introductions?",
            explanation=(
                "Each person gets one email listing who to meet and why. The introductions are"
                " then recorded as contacts made."
            ),
            button="Send the introductions",
            back=self.back(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            count = services.introductions_send(actor=request.user, activity=self.activity())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Sent {count} introductions")
        return HttpResponseRedirect(self.back())
