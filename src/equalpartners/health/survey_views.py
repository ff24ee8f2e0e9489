"""Pages for relationship surveys: the list, setting one up, answering for one's organisation,
and the trust and value scores with how many organisations rated each (never which)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from equalpartners.core.capabilities import Capability
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import (
    PartnershipView,
    ServiceFormView,
    add_service_errors,
    found_or_404,
)
from equalpartners.health import selectors, survey_services
from equalpartners.health.forms import RatingsForm, RoundForm
from equalpartners.health.models import Status, Survey
from equalpartners.health.results import survey_results
from equalpartners.health.survey_presentation import NORMALISATION_NOTE, survey_display
from equalpartners.health.views import can_manage


class RelationshipsView(PartnershipView):
    template_name = "health/relationships.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        membership = self.request.membership  # type: ignore[attr-defined]
        groups: dict[str, list[Any]] = {status: [] for status in Status.values}
        for survey in selectors.surveys_of(partnership=self.partnership):
            standing = selectors.standing_of(record=survey, membership=membership, now=now)
            groups[survey.status_at(now)].append((survey, standing))
        latest = next((survey for survey, _ in groups[Status.CLOSED]), None)
        return super().get_context_data(
            open_surveys=groups[Status.OPEN],
            upcoming=groups[Status.UPCOMING],
            closed=groups[Status.CLOSED],
            latest=survey_display(survey_results(survey=latest)) if latest else None,
            latest_survey=latest,
            can_manage=can_manage(self.request),
            normalisation=NORMALISATION_NOTE,
            **kwargs,
        )


class SurveyPage(PartnershipView):
    def survey(self) -> Survey:
        if not hasattr(self, "_survey"):
            self._survey = found_or_404(
                selectors.survey_in(
                    partnership=self.partnership, survey_id=self.kwargs["survey_id"]
                )
            )
        return self._survey


class SurveyView(SurveyPage):
    template_name = "health/survey.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.survey()
        visible = selectors.results_visible(record=survey)
        manage = can_manage(self.request)
        history = audit_entries(partnership=self.partnership, target=survey)
        return super().get_context_data(
            survey=survey,
            status=survey.status_at(timezone.now()),
            standing=selectors.standing_of(
                record=survey,
                membership=self.request.membership,  # type: ignore[attr-defined]
            ),
            turnout=selectors.turnout_of(record=survey),
            display=survey_display(survey_results(survey=survey)) if visible else None,
            roster=selectors.roster_of(survey=survey),
            can_manage=manage,
            history=history.exclude(action="survey.answer")[:30] if manage else None,
            **kwargs,
        )


class SurveyCreateView(ServiceFormView):
    capability = Capability.MANAGE_LEARNING
    template_name = "health/round_form.html"
    form_class = RoundForm
    success_message = "Relationship survey set up"

    def get_initial(self) -> dict[str, Any]:
        return RoundForm.suggested(timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(kind="survey", **kwargs)

    def perform(self, form: RoundForm) -> Survey:
        return survey_services.survey_create(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )


class SurveyEditView(ServiceFormView, SurveyPage):
    capability = Capability.MANAGE_LEARNING
    template_name = "health/round_form.html"
    form_class = RoundForm
    success_message = "Survey updated"

    def get_initial(self) -> dict[str, Any]:
        return RoundForm.initial_from(self.survey())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        survey = self.survey()
        return super().get_context_data(
            kind="survey", record=survey, status=survey.status_at(timezone.now()), **kwargs
        )

    def perform(self, form: RoundForm) -> Survey:
        return survey_services.survey_update(
            actor=self.request.user, survey=self.survey(), **form.cleaned_data
        )


class SurveyAnswerView(SurveyPage):
    template_name = "health/survey_answer.html"
    capability = Capability.CONTRIBUTE

    def setup_form(self, data: Any = None) -> RatingsForm | None:
        survey = self.survey()
        membership = self.request.membership  # type: ignore[attr-defined]
        self.standing = selectors.standing_of(record=survey, membership=membership)
        self.rater = selectors.partner_of(person=membership.person, partnership=self.partnership)
        if not self.standing.may_answer or self.rater is None:
            return None
        return RatingsForm(data, rater=self.rater, roster=selectors.roster_of(survey=survey))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if "form" not in kwargs:
            kwargs["form"] = self.setup_form()
        return super().get_context_data(
            survey=self.survey(),
            standing=self.standing,
            rater=self.rater,
            today=selectors.local_day(partnership=self.partnership, at=timezone.now()),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.setup_form(request.POST)
        if form is None:
            messages.error(request, self.standing.reason)
            return HttpResponseRedirect(self.survey().get_absolute_url())
        if form.is_valid():
            try:
                survey_services.survey_answer(
                    actor=request.user,
                    survey=self.survey(),
                    membership=request.membership,  # type: ignore[attr-defined]
                    ratings=form.ratings(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Thank you. Your ratings are saved as your organisation's"
                )
                return HttpResponseRedirect(self.survey().get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))
