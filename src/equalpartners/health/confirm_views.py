"""Pages that ask before they act: close or delete a wave or a survey, remove a statement."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import ConfirmView
from equalpartners.health import services, survey_services
from equalpartners.health.survey_views import SurveyPage
from equalpartners.health.views import WavePage


class _Confirm(ConfirmView):
    template_name = "health/confirm.html"
    capability = Capability.MANAGE_LEARNING


class WaveCloseView(_Confirm, WavePage):
    heading = "Close this wave now?"
    explanation = (
        "Nobody can answer after this, and everyone in the partnership will see the results "
        "(any figure resting on fewer than five people stays withheld). This cannot be undone."
    )
    button = "Close the wave"
    warning = True

    def record(self) -> Any:
        return self.wave()

    def act(self) -> str:
        services.wave_close(actor=self.request.user, wave=self.wave())
        return "The wave is closed. Its results are ready"


class WaveDeleteView(_Confirm, WavePage):
    heading = "Delete this wave?"
    explanation = "It has not opened, so nobody has answered it. Its statements go with it."
    button = "Delete the wave"
    warning = True

    def record(self) -> Any:
        return self.wave()

    def get_success_url(self) -> str:
        return reverse("health:home", kwargs={"partnership_slug": self.partnership.slug})

    def act(self) -> str:
        wave = self.wave()
        services.wave_delete(actor=self.request.user, wave=wave)
        return f"Deleted {wave.name}"


class ItemRemoveView(_Confirm, WavePage):
    button = "Remove the statement"
    warning = True

    def record(self) -> Any:
        return self.wave()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.heading = "Remove this statement?"
        self.explanation = f"“{self.item().text}” will not be asked in this wave."
        return super().get_context_data(**kwargs)

    def act(self) -> str:
        services.item_remove(actor=self.request.user, item=self.item())
        return "Statement removed"


class SurveyCloseView(_Confirm, SurveyPage):
    heading = "Close this survey now?"
    explanation = (
        "Nobody can answer after this, and everyone in the partnership will see the trust and "
        "value scores. This cannot be undone."
    )
    button = "Close the survey"
    warning = True

    def record(self) -> Any:
        return self.survey()

    def act(self) -> str:
        survey_services.survey_close(actor=self.request.user, survey=self.survey())
        return "The survey is closed. Its scores are ready"


class SurveyDeleteView(_Confirm, SurveyPage):
    heading = "Delete this survey?"
    explanation = "It has not opened, so nobody has answered it."
    button = "Delete the survey"
    warning = True

    def record(self) -> Any:
        return self.survey()

    def get_success_url(self) -> str:
        return reverse("health:relationships", kwargs={"partnership_slug": self.partnership.slug})

    def act(self) -> str:
        survey = self.survey()
        survey_services.survey_delete(actor=self.request.user, survey=survey)
        return f"Deleted {survey.name}"
