"""Pages for the health check: the list of waves, setting one up and its statements, answering,
the results (with their CSV) and the trend across waves."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.text import slugify

from equalpartners.core.capabilities import Capability
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import (
    PartnershipView,
    ServiceFormView,
    add_service_errors,
    found_or_404,
)
from equalpartners.health import selectors, services
from equalpartners.health.exports import results_csv
from equalpartners.health.forms import AnswerForm, RoundForm
from equalpartners.health.item_bank import HEADINGS
from equalpartners.health.models import Status, Wave, WaveItem
from equalpartners.health.presentation import WaveDisplay, trend_of, wave_display
from equalpartners.health.results import closed_waves, wave_results


def can_manage(request: HttpRequest) -> bool:
    return Capability.MANAGE_LEARNING in request.capabilities  # type: ignore[attr-defined]


class HomeView(PartnershipView):
    template_name = "health/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        membership = self.request.membership  # type: ignore[attr-defined]
        groups: dict[str, list[Any]] = {status: [] for status in Status.values}
        for wave in selectors.waves_of(partnership=self.partnership):
            standing = selectors.standing_of(record=wave, membership=membership, now=now)
            groups[wave.status_at(now)].append((wave, standing))
        latest = next((wave for wave, _ in groups[Status.CLOSED]), None)
        return super().get_context_data(
            open_waves=groups[Status.OPEN],
            upcoming=groups[Status.UPCOMING],
            closed=groups[Status.CLOSED],
            latest=wave_display(wave_results(wave=latest)) if latest else None,
            latest_wave=latest,
            can_manage=can_manage(self.request),
            **kwargs,
        )


class WavePage(PartnershipView):
    """A page about one wave, found in the partnership named by the address."""

    def wave(self) -> Wave:
        if not hasattr(self, "_wave"):
            self._wave = found_or_404(
                selectors.wave_in(partnership=self.partnership, wave_id=self.kwargs["wave_id"])
            )
        return self._wave

    def item(self) -> WaveItem:
        return found_or_404(selectors.item_in(wave=self.wave(), item_id=self.kwargs["item_id"]))


class WaveView(WavePage):
    template_name = "health/wave.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        wave = self.wave()
        items = selectors.items_of(wave=wave)
        manage = can_manage(self.request)
        history = audit_entries(partnership=self.partnership, target=wave)
        return super().get_context_data(
            wave=wave,
            status=wave.status_at(timezone.now()),
            standing=selectors.standing_of(
                record=wave,
                membership=self.request.membership,  # type: ignore[attr-defined]
            ),
            turnout=selectors.turnout_of(record=wave),
            headings=[
                (heading.name, [item for item in items if item.heading == heading.key])
                for heading in HEADINGS
            ],
            can_manage=manage,
            history=history.exclude(action="wave.answer")[:30] if manage else None,
            **kwargs,
        )


class WaveCreateView(ServiceFormView):
    capability = Capability.MANAGE_LEARNING
    template_name = "health/round_form.html"
    form_class = RoundForm
    success_message = "Wave set up. Check its statements before it opens"

    def get_initial(self) -> dict[str, Any]:
        return RoundForm.suggested(timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        previous = selectors.waves_of(partnership=self.partnership).first()
        return super().get_context_data(kind="wave", previous=previous, **kwargs)

    def perform(self, form: RoundForm) -> Wave:
        return services.wave_create(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )


class WaveEditView(ServiceFormView, WavePage):
    capability = Capability.MANAGE_LEARNING
    template_name = "health/round_form.html"
    form_class = RoundForm
    success_message = "Wave updated"

    def get_initial(self) -> dict[str, Any]:
        return RoundForm.initial_from(self.wave())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        wave = self.wave()
        return super().get_context_data(
            kind="wave", record=wave, status=wave.status_at(timezone.now()), **kwargs
        )

    def perform(self, form: RoundForm) -> Wave:
        return services.wave_update(actor=self.request.user, wave=self.wave(), **form.cleaned_data)


class AnswerView(WavePage):
    template_name = "health/answer.html"
    capability = Capability.CONTRIBUTE

    def setup_form(self, data: Any = None) -> AnswerForm:
        return AnswerForm(data, items=selectors.items_of(wave=self.wave()))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.setup_form())
        wave = self.wave()
        membership = self.request.membership  # type: ignore[attr-defined]
        person = membership.person
        partner = selectors.partner_of(person=person, partnership=self.partnership)
        return super().get_context_data(
            wave=wave,
            standing=selectors.standing_of(record=wave, membership=membership),
            partner=partner,
            sector=person.organisation.get_sector_display() if person.organisation else "",
            today=selectors.local_day(partnership=self.partnership, at=timezone.now()),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.setup_form(request.POST)
        if form.is_valid():
            try:
                services.wave_answer(
                    actor=request.user,
                    wave=self.wave(),
                    membership=request.membership,  # type: ignore[attr-defined]
                    answers=form.answers(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Thank you. Your answers are saved, without your name")
                return HttpResponseRedirect(self.wave().get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


def _results(wave: Wave) -> WaveDisplay | None:
    return wave_display(wave_results(wave=wave)) if selectors.results_visible(record=wave) else None


class ResultsView(WavePage):
    template_name = "health/results.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        wave = self.wave()
        return super().get_context_data(
            wave=wave,
            display=_results(wave),
            turnout=selectors.turnout_of(record=wave),
            can_manage=can_manage(self.request),
            **kwargs,
        )


class ResultsCsvView(WavePage):
    """The aggregated figures of a closed wave, one row per figure; never anyone's answers."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wave = self.wave()
        display = _results(wave)
        if display is None:
            messages.error(request, "The results can be downloaded once the wave closes")
            return HttpResponseRedirect(wave.url_for("results"))
        response = HttpResponse(results_csv(display), content_type="text/csv; charset=utf-8")
        name = f"health-check-{slugify(wave.name) or wave.pk}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class TrendView(PartnershipView):
    template_name = "health/trend.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        waves = [
            wave_display(wave_results(wave=wave))
            for wave in closed_waves(partnership=self.partnership)
        ]
        return super().get_context_data(
            waves=waves, trend=trend_of(waves) if waves else None, **kwargs
        )
