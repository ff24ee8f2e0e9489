"""Decision pages: the list, setting one up, voting, the results, closing and the outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from equalpartners.core.capabilities import Capability, Role
from equalpartners.core.forms import available_time_zones
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import (
    ConfirmView,
    PartnershipView,
    ServiceFormView,
    add_service_errors,
    found_or_404,
)
from equalpartners.decisions import selectors, services
from equalpartners.decisions.ballot_forms import ballot_form_class
from equalpartners.decisions.forms import (
    ClosingTimeForm,
    DecisionForm,
    OutcomeForm,
    ProposalForm,
)
from equalpartners.decisions.models import Decision, DecisionStatus, Option
from equalpartners.decisions.presentation import result_display


class DecisionListView(PartnershipView):
    template_name = "decisions/decision_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        groups: dict[str, list[Decision]] = {status: [] for status in DecisionStatus.values}
        for decision in selectors.decisions_of(partnership=self.partnership):
            groups[decision.status_at(now)].append(decision)
        groups[DecisionStatus.OPEN].sort(key=lambda d: d.closes_at)
        groups[DecisionStatus.UPCOMING].sort(key=lambda d: d.opens_at)
        return super().get_context_data(
            open_decisions=groups[DecisionStatus.OPEN],
            upcoming=groups[DecisionStatus.UPCOMING],
            closed=groups[DecisionStatus.CLOSED],
            can_run=Capability.RUN_DECISIONS in self.request.capabilities,  # type: ignore[attr-defined]
            **kwargs,
        )


class _DecisionPage(PartnershipView):
    """A page about one decision, found in the partnership named by the address."""

    def decision(self) -> Decision:
        if not hasattr(self, "_decision"):
            self._decision = found_or_404(
                selectors.decision_in(
                    partnership=self.partnership, decision_id=self.kwargs["decision_id"]
                )
            )
        return self._decision


class DecisionDetailView(_DecisionPage):
    template_name = "decisions/decision_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        decision = self.decision()
        now = timezone.now()
        status = decision.status_at(now)
        membership = self.request.membership  # type: ignore[attr-defined]
        capabilities = self.request.capabilities  # type: ignore[attr-defined]
        visible = selectors.results_visible(decision=decision, now=now)
        result = selectors.result_of(decision=decision) if visible else None
        return super().get_context_data(
            decision=decision,
            status=status,
            status_label=DecisionStatus(status).label,
            options=selectors.options_of(decision=decision),
            voting_partners=selectors.voting_partners(decision=decision),
            voter_roles_text=", ".join(Role(role).label for role in decision.voter_roles),
            standing=selectors.standing_of(decision=decision, membership=membership),
            turnout=selectors.turnout_of(decision=decision),
            display=result_display(result) if result is not None else None,
            can_run=Capability.RUN_DECISIONS in capabilities,
            can_propose=(
                decision.proposals_allowed
                and status == DecisionStatus.UPCOMING
                and Capability.CONTRIBUTE in capabilities
            ),
            history=audit_entries(partnership=self.partnership, target=decision)[:30],
            **kwargs,
        )


class DecisionFormView(ServiceFormView):
    template_name = "decisions/decision_form.html"
    form_class = DecisionForm
    capability = Capability.RUN_DECISIONS

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(time_zones=sorted(available_time_zones()), **kwargs)


class DecisionCreateView(DecisionFormView):
    success_message = "Decision set up"

    def get_initial(self) -> dict[str, Any]:
        return {"votes_changeable": True, "scale_high": 5}

    def perform(self, form: DecisionForm) -> Decision:
        return services.decision_create(
            actor=self.request.user, partnership=self.partnership, **form.service_values()
        )


class DecisionEditView(DecisionFormView, _DecisionPage):
    """Before voting opens, the whole decision; once it is open, only a later closing time."""

    success_message = "Decision updated"

    def voting_open(self) -> bool:
        return self.decision().status_at(timezone.now()) != DecisionStatus.UPCOMING

    def get_form_class(self) -> Any:
        return ClosingTimeForm if self.voting_open() else DecisionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        if self.voting_open():
            return {**FormView.get_form_kwargs(self), "decision": self.decision()}
        return super().get_form_kwargs()

    def get_initial(self) -> dict[str, Any]:
        decision = self.decision()
        if self.voting_open():
            return ClosingTimeForm.initial_from(decision)
        return DecisionForm.initial_from(decision, selectors.options_of(decision=decision))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            decision=self.decision(), voting_open=self.voting_open(), **kwargs
        )

    def perform(self, form: Any) -> Decision:
        decision = self.decision()
        if isinstance(form, ClosingTimeForm):
            self.success_message = "Voting now closes later"
            return services.decision_update(
                actor=self.request.user,
                decision=decision,
                closes_at=form.cleaned_data["closes_at"],
            )
        return services.decision_update(
            actor=self.request.user, decision=decision, **form.service_values()
        )


class VoteView(_DecisionPage):
    template_name = "decisions/vote.html"
    capability = Capability.CONTRIBUTE

    def setup_form(self, data: Any = None) -> Any:
        decision = self.decision()
        membership = self.request.membership  # type: ignore[attr-defined]
        self.standing = selectors.standing_of(decision=decision, membership=membership)
        options = selectors.options_of(decision=decision)
        form_class = ballot_form_class(decision)
        earlier = selectors.named_ballot_of(decision=decision, person=membership.person)
        initial = form_class.initial_from(earlier.content) if earlier else {}
        return form_class(
            data,
            decision=decision,
            options=options,
            asks_receipt=decision.anonymous and self.standing.has_voted,
            initial=initial,
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.setup_form())
        decision = self.decision()
        return super().get_context_data(
            decision=decision,
            standing=self.standing,
            options=selectors.options_of(decision=decision),
            partner=selectors.partner_of(
                person=self.request.membership.person,  # type: ignore[attr-defined]
                partnership=self.partnership,
            ),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.setup_form(request.POST)
        if form.is_valid():
            try:
                receipt = services.ballot_cast(
                    actor=request.user,
                    decision=self.decision(),
                    membership=request.membership,  # type: ignore[attr-defined]
                    content=form.content(),
                    receipt=form.cleaned_data.get("receipt", ""),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                text = "Your vote is recorded"
                if receipt:
                    text += (
                        f". Your receipt code is {receipt}: keep it if you may want to change "
                        "your vote. It is shown only now, and nobody else can find it"
                    )
                messages.success(request, text)
                return HttpResponseRedirect(self.decision().get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class ResultsView(_DecisionPage):
    template_name = "decisions/results.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        decision = self.decision()
        visible = selectors.results_visible(decision=decision)
        result = selectors.result_of(decision=decision) if visible else None
        options = selectors.options_of(decision=decision)
        return super().get_context_data(
            decision=decision,
            visible=visible,
            display=result_display(result) if result is not None else None,
            turnout=selectors.turnout_of(decision=decision),
            votes=selectors.named_votes(decision=decision, options=options) if visible else None,
            **kwargs,
        )


class ProposeView(ServiceFormView, _DecisionPage):
    template_name = "decisions/propose.html"
    form_class = ProposalForm
    capability = Capability.CONTRIBUTE
    success_message = "Your option is added to the decision"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(decision=self.decision(), **kwargs)

    def perform(self, form: ProposalForm) -> Decision:
        decision = self.decision()
        services.option_propose(
            actor=self.request.user,
            decision=decision,
            person=self.request.membership.person,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )
        return decision


class _ConfirmView(ConfirmView, _DecisionPage):
    """A page about one decision that asks before it acts."""

    template_name = "decisions/confirm.html"
    capability = Capability.RUN_DECISIONS
    record_name = "decision"

    def record(self) -> Decision:
        return self.decision()


class CloseView(_ConfirmView):
    heading = "Close voting now?"
    explanation = (
        "Nobody can vote or change their vote after this, and everyone who may see the "
        "results will see them. This cannot be undone."
    )
    button = "Close voting"

    def act(self) -> str:
        services.decision_close(actor=self.request.user, decision=self.decision())
        return "Voting is closed. Record the outcome when the partners have agreed it"


class RemindView(_ConfirmView):
    heading = "Remind those who have not voted?"
    explanation = "An email goes to each person who may vote and has not yet. Nobody else gets one."
    button = "Send reminders"

    def act(self) -> str:
        decision = self.decision()
        url = self.request.build_absolute_uri(
            reverse(
                "decisions:vote",
                kwargs={"partnership_slug": self.partnership.slug, "decision_id": decision.pk},
            )
        )
        count = services.decision_remind(actor=self.request.user, decision=decision, url=url)
        return f"Reminded {count} {'person' if count == 1 else 'people'} who had not voted"


class OptionRemoveView(_ConfirmView):
    button = "Remove the option"

    def option(self) -> Option:
        return found_or_404(
            selectors.option_in(decision=self.decision(), option_id=self.kwargs["option_id"])
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        option = self.option()
        self.heading = f"Remove “{option.label}”?"
        self.explanation = "It will no longer be put to the vote."
        return super().get_context_data(**kwargs)

    def act(self) -> str:
        option = self.option()
        services.option_remove(actor=self.request.user, option=option)
        return f"Removed {option.label}"


class OutcomeView(ServiceFormView, _DecisionPage):
    template_name = "decisions/outcome.html"
    form_class = OutcomeForm
    capability = Capability.RUN_DECISIONS
    success_message = "Outcome recorded. It is on the timeline"

    def get_form_kwargs(self) -> dict[str, Any]:
        options = selectors.options_of(decision=self.decision())
        return {
            **super().get_form_kwargs(),
            "options": Option.objects.filter(pk__in=[o.pk for o in options]),
        }

    def get_initial(self) -> dict[str, Any]:
        decision = self.decision()
        chosen = decision.chosen_option
        first_time = decision.outcome_recorded_at is None
        if first_time and decision.status_at(timezone.now()) == DecisionStatus.CLOSED:
            result = selectors.result_of(decision=decision)
            pick = _single_winner(result) if result is not None else None
            chosen = next(
                (o for o in selectors.options_of(decision=decision) if o.label == pick), None
            )
        return {"outcome": decision.outcome, "chosen_option": chosen}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        decision = self.decision()
        result = (
            selectors.result_of(decision=decision)
            if decision.status_at(timezone.now()) == DecisionStatus.CLOSED
            else None
        )
        return super().get_context_data(
            decision=decision,
            display=result_display(result) if result is not None else None,
            **kwargs,
        )

    def perform(self, form: OutcomeForm) -> Decision:
        decision = self.decision()
        return services.decision_record_outcome(
            actor=self.request.user,
            decision=decision,
            outcome=form.cleaned_data["outcome"],
            chosen_option=form.cleaned_data["chosen_option"],
            invite_url=self.request.build_absolute_uri(decision.get_absolute_url()),
        )


def _single_winner(result: Any) -> str | None:
    """The option the count settles on: the tie-break's choice, or the only winner."""
    if result.chosen:
        return str(result.chosen)
    return str(result.winners[0]) if len(result.winners) == 1 else None
