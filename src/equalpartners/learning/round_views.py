"""Pages for selection rounds: their history, setting one up, recording what the group chose
and why, taking back a choice made by mistake, and closing the round."""

from __future__ import annotations

from typing import Any

from equalpartners.core.capabilities import Capability
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import ConfirmView, PartnershipView, ServiceFormView, found_or_404
from equalpartners.learning import round_services as services
from equalpartners.learning import story_selectors as selectors
from equalpartners.learning.models import Selection, SelectionRound
from equalpartners.learning.story_forms import ChoiceForm, RoundForm
from equalpartners.learning.views import can
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.programme import selectors as programme_selectors

NOT_IN_REPORT = (
    "It is not marked for the report: its teller has not agreed to it being shared in a "
    "public report. If they agree later, the story's page is where to record it."
)


class RoundListView(PartnershipView):
    template_name = "learning/round_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rounds = list(selectors.rounds_of(partnership=self.partnership))
        return super().get_context_data(
            open_rounds=[r for r in rounds if not r.is_closed],
            closed_rounds=[r for r in rounds if r.is_closed],
            can_manage=can(self.request, Capability.MANAGE_LEARNING),
            **kwargs,
        )


class _RoundPage(PartnershipView):
    def selection_round(self) -> SelectionRound:
        if not hasattr(self, "_round"):
            self._round = found_or_404(
                selectors.round_in(partnership=self.partnership, round_id=self.kwargs["round_id"])
            )
        return self._round


class RoundDetailView(_RoundPage):
    template_name = "learning/round_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        selection_round = self.selection_round()
        selections = selection_round.selection_list  # type: ignore[attr-defined]
        chosen_ids = {s.story_id for s in selections}
        return super().get_context_data(
            round=selection_round,
            selections=selections,
            stories=list(selection_round.stories.all()),
            chosen_ids=chosen_ids,
            can_manage=can(self.request, Capability.MANAGE_LEARNING),
            history=audit_entries(partnership=self.partnership, target=selection_round)[:30],
            **kwargs,
        )


class _RoundFormView(ServiceFormView):
    template_name = "learning/round_form.html"
    form_class = RoundForm
    capability = Capability.MANAGE_LEARNING

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "domains": selectors.domains_of(partnership=self.partnership),
            "stories": selectors.stories_for_round(partnership=self.partnership, domain=None),
            "people": partnership_selectors.people_choices(partnership=self.partnership),
        }


class RoundCreateView(_RoundFormView):
    success_message = "The round is set up. Record the group's choice when it has met"

    def get_initial(self) -> dict[str, Any]:
        today = programme_selectors.partnership_today(self.partnership)
        return {"starts_on": today.replace(day=1), "ends_on": today}

    def perform(self, form: RoundForm) -> SelectionRound:
        return services.round_create(
            actor=self.request.user,
            partnership=self.partnership,
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.service_values(),
        )


class RoundEditView(_RoundFormView, _RoundPage):
    success_message = "The round is updated"

    def get_form_kwargs(self) -> dict[str, Any]:
        self.selection_round()
        return super().get_form_kwargs()

    def get_initial(self) -> dict[str, Any]:
        return RoundForm.initial_from(self.selection_round())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(round=self.selection_round(), **kwargs)

    def perform(self, form: RoundForm) -> SelectionRound:
        return services.round_update(
            actor=self.request.user,
            selection_round=self.selection_round(),
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.service_values(),
        )


class RoundChooseView(ServiceFormView, _RoundPage):
    """Record a story the group chose, with its reasons."""

    template_name = "learning/choice_form.html"
    form_class = ChoiceForm
    capability = Capability.MANAGE_LEARNING

    def open_stories(self) -> list[Any]:
        selection_round = self.selection_round()
        chosen = {s.story_id for s in selection_round.selection_list}  # type: ignore[attr-defined]
        return [s for s in selection_round.stories.all() if s.pk not in chosen]

    def get_form_kwargs(self) -> dict[str, Any]:
        offered = [s.pk for s in self.open_stories()]
        stories = selectors.stories_for_round(partnership=self.partnership, domain=None)
        return {**super().get_form_kwargs(), "stories": stories.filter(pk__in=offered)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            round=self.selection_round(), any_left=bool(self.open_stories()), **kwargs
        )

    def perform(self, form: ChoiceForm) -> SelectionRound:
        story = form.cleaned_data["story"]
        services.round_choose(
            actor=self.request.user,
            selection_round=self.selection_round(),
            membership=self.request.membership,  # type: ignore[attr-defined]
            story=story,
            reasons=form.cleaned_data["reasons"],
        )
        if story.consent_to_publish:
            self.success_message = f"“{story.title}” is chosen, and marked for the report"
        else:
            self.success_message = f"“{story.title}” is chosen. {NOT_IN_REPORT}"
        return self.selection_round()


class _RoundConfirmView(ConfirmView, _RoundPage):
    template_name = "learning/confirm.html"
    capability = Capability.MANAGE_LEARNING
    record_name = "record"

    def record(self) -> SelectionRound:
        return self.selection_round()


class SelectionRemoveView(_RoundConfirmView):
    button = "Take back the choice"
    warning = True
    explanation = "The story stays in the round, not chosen. The history keeps the reasons."

    def selection(self) -> Selection:
        return found_or_404(
            selectors.selection_in(
                selection_round=self.selection_round(), selection_id=self.kwargs["selection_id"]
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.heading = f"Take back the choice of “{self.selection().story.title}”?"
        return super().get_context_data(**kwargs)

    def act(self) -> str:
        selection = self.selection()
        services.round_unchoose(
            actor=self.request.user,
            selection=selection,
            membership=self.request.membership,  # type: ignore[attr-defined]
        )
        return f"“{selection.story.title}” is no longer chosen in this round"


class RoundCloseView(_RoundConfirmView):
    heading = "Close the round?"
    explanation = (
        "The stories it read, the people who chose and the choices with their reasons stay as "
        "they are now. Everyone in the partnership can read the round's history."
    )
    button = "Close the round"

    def act(self) -> str:
        services.round_close(
            actor=self.request.user,
            selection_round=self.selection_round(),
            membership=self.request.membership,  # type: ignore[attr-defined]
        )
        return "The round is closed"
