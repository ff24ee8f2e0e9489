"""Pages for calls for themes: the list, setting one up, proposing, voting with dots, the results,
and making a chosen theme a staff exchange session."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import FormView

from equalpartners.core.capabilities import Capability
from equalpartners.core.forms import available_time_zones
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import (
    ConfirmView,
    PartnershipView,
    ServiceFormView,
    add_service_errors,
    found_or_404,
)
from equalpartners.themes import selectors, services
from equalpartners.themes.forms import (
    CallForm,
    DotsForm,
    ProposalForm,
    SessionForm,
    VotingCallForm,
)
from equalpartners.themes.models import Call, CallStatus, Proposal
from equalpartners.themes.presentation import theme_result


def _can(request: HttpRequest, capability: str) -> bool:
    return capability in request.capabilities  # type: ignore[attr-defined]


class CallListView(PartnershipView):
    template_name = "themes/call_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        groups: dict[str, list[Call]] = {status: [] for status in CallStatus.values}
        for call in selectors.calls_of(partnership=self.partnership):
            groups[call.status_at(now)].append(call)
        return super().get_context_data(
            proposing=groups[CallStatus.PROPOSING],
            voting=groups[CallStatus.VOTING],
            closed=groups[CallStatus.CLOSED],
            can_run=_can(self.request, Capability.RUN_DECISIONS),
            **kwargs,
        )


class _CallPage(PartnershipView):
    """A page about one call, found in the partnership named by the address."""

    def call(self) -> Call:
        if not hasattr(self, "_call"):
            self._call = found_or_404(
                selectors.call_in(partnership=self.partnership, call_id=self.kwargs["call_id"])
            )
        return self._call

    def proposal(self) -> Proposal:
        if not hasattr(self, "_proposal"):
            self._proposal = found_or_404(
                selectors.proposal_in(call=self.call(), proposal_id=self.kwargs["proposal_id"])
            )
        return self._proposal


class CallDetailView(_CallPage):
    template_name = "themes/call_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = self.call()
        now = timezone.now()
        status = call.status_at(now)
        membership = self.request.membership  # type: ignore[attr-defined]
        return super().get_context_data(
            call=call,
            status=status,
            status_label=CallStatus(status).label,
            proposals=selectors.proposals_of(call=call),
            standing=selectors.standing_of(call=call, membership=membership, now=now),
            turnout=selectors.turnout_of(call=call),
            me=membership.person_id,
            can_run=_can(self.request, Capability.RUN_DECISIONS),
            history=audit_entries(partnership=self.partnership, target=call)[:30],
            **kwargs,
        )


class _CallFormView(ServiceFormView):
    capability = Capability.RUN_DECISIONS
    template_name = "themes/call_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(time_zones=sorted(available_time_zones()), **kwargs)


class CallCreateView(_CallFormView):
    form_class = CallForm
    success_message = "Call for themes set up"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def perform(self, form: CallForm) -> Call:
        return services.call_create(
            actor=self.request.user, partnership=self.partnership, **form.service_values()
        )


class CallEditView(_CallFormView, _CallPage):
    """While proposals are taken, the whole call; once voting opens, the words and a later
    closing time."""

    success_message = "Call updated"

    def voting(self) -> bool:
        return self.call().status_at(timezone.now()) != CallStatus.PROPOSING

    def get_form_class(self) -> Any:
        return VotingCallForm if self.voting() else CallForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = FormView.get_form_kwargs(self)
        if self.voting():
            return {**kwargs, "call": self.call()}
        return {**kwargs, "partnership": self.partnership}

    def get_initial(self) -> dict[str, Any]:
        call = self.call()
        return VotingCallForm.initial_from(call) if self.voting() else CallForm.initial_from(call)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(call=self.call(), voting=self.voting(), **kwargs)

    def perform(self, form: Any) -> Call:
        return services.call_update(
            actor=self.request.user, call=self.call(), **form.service_values()
        )


class ProposeView(ServiceFormView, _CallPage):
    template_name = "themes/proposal_form.html"
    form_class = ProposalForm
    capability = Capability.CONTRIBUTE
    success_message = "Your theme is added to the call"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = self.call()
        return super().get_context_data(
            call=call,
            standing=selectors.standing_of(
                call=call,
                membership=self.request.membership,  # type: ignore[attr-defined]
            ),
            **kwargs,
        )

    def perform(self, form: ProposalForm) -> Call:
        call = self.call()
        services.proposal_create(
            actor=self.request.user,
            call=call,
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )
        return call


class ProposalEditView(ServiceFormView, _CallPage):
    template_name = "themes/proposal_form.html"
    form_class = ProposalForm
    capability = Capability.CONTRIBUTE
    success_message = "Your theme is updated"

    def own_proposal(self) -> Proposal:
        proposal = self.proposal()
        if proposal.proposer_id != self.request.membership.person_id:  # type: ignore[attr-defined]
            raise PermissionDenied("Only the person who proposed a theme can change it.")
        return proposal

    def get_initial(self) -> dict[str, Any]:
        proposal = self.own_proposal()
        return {"title": proposal.title, "description": proposal.description}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = self.call()
        return super().get_context_data(
            call=call,
            proposal=self.own_proposal(),
            standing=selectors.standing_of(
                call=call,
                membership=self.request.membership,  # type: ignore[attr-defined]
            ),
            **kwargs,
        )

    def perform(self, form: ProposalForm) -> Call:
        services.proposal_update(
            actor=self.request.user,
            proposal=self.own_proposal(),
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )
        return self.call()


class _ConfirmView(ConfirmView, _CallPage):
    """A page about one call that asks before it acts."""

    template_name = "themes/confirm.html"
    capability = Capability.RUN_DECISIONS
    record_name = "call"

    def record(self) -> Call:
        return self.call()


class OpenVotingView(_ConfirmView):
    heading = "Close proposals and open voting now?"
    explanation = (
        "Nobody can propose, change or withdraw a theme after this, and the dots each voter "
        "has stay as they are. Everyone who may vote can place their dots straight away."
    )
    button = "Open voting"

    def act(self) -> str:
        services.call_open_voting(actor=self.request.user, call=self.call())
        return "Voting is open"


class CloseView(_ConfirmView):
    heading = "Close voting now?"
    explanation = (
        "Nobody can place or change their dots after this, and everyone in the partnership "
        "will see the results. This cannot be undone."
    )
    button = "Close voting"
    warning = True

    def act(self) -> str:
        services.call_close(actor=self.request.user, call=self.call())
        return "Voting is closed. The results are ready"


class ProposalWithdrawView(_ConfirmView):
    capability = Capability.CONTRIBUTE
    button = "Withdraw the theme"
    warning = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        proposal = self.proposal()
        self.heading = f"Withdraw “{proposal.title}”?"
        self.explanation = "It will not be put to the vote. You can propose it again later."
        return super().get_context_data(**kwargs)

    def act(self) -> str:
        proposal = self.proposal()
        services.proposal_withdraw(
            actor=self.request.user,
            proposal=proposal,
            membership=self.request.membership,  # type: ignore[attr-defined]
        )
        return f"Withdrew {proposal.title}"


class VoteView(_CallPage):
    template_name = "themes/vote.html"
    capability = Capability.CONTRIBUTE

    def setup_form(self, data: Any = None) -> DotsForm:
        call = self.call()
        membership = self.request.membership  # type: ignore[attr-defined]
        self.standing = selectors.standing_of(call=call, membership=membership)
        self.proposals = selectors.proposals_of(call=call)
        earlier = selectors.allocation_of(call=call, person=membership.person)
        initial = DotsForm.initial_from(earlier.dots) if earlier else {}
        return DotsForm(data, call=call, proposals=self.proposals, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.setup_form())
        call = self.call()
        return super().get_context_data(
            call=call,
            standing=self.standing,
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
                services.dots_save(
                    actor=request.user,
                    call=self.call(),
                    membership=request.membership,  # type: ignore[attr-defined]
                    dots=form.dots(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                text = "Your dots are saved. You can change them until voting closes"
                messages.success(request, text)
                return HttpResponseRedirect(self.call().get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))


class ResultsView(_CallPage):
    template_name = "themes/results.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = self.call()
        visible = selectors.results_visible(call=call)
        proposals = selectors.proposals_of(call=call)
        result = selectors.result_of(call=call, proposals=proposals) if visible else None
        return super().get_context_data(
            call=call,
            visible=visible,
            display=theme_result(result, proposals) if result is not None else None,
            turnout=selectors.turnout_of(call=call),
            can_make_sessions=_can(self.request, Capability.MANAGE_PROGRAMME),
            **kwargs,
        )


class SessionView(ServiceFormView, _CallPage):
    """Make a chosen theme a staff exchange session: a suggested day to confirm or change."""

    template_name = "themes/session_form.html"
    form_class = SessionForm
    capability = Capability.MANAGE_PROGRAMME

    def get_initial(self) -> dict[str, Any]:
        return SessionForm.suggested(timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = self.call()
        return super().get_context_data(
            call=call,
            proposal=self.proposal(),
            closed=call.status_at(timezone.now()) == CallStatus.CLOSED,
            time_zones=sorted(available_time_zones()),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        proposal = self.proposal()
        if proposal.activity is not None:
            # Asked twice (a second tab, a second click): the session made the first time.
            messages.success(request, "This theme is already a staff exchange session")
            return HttpResponseRedirect(proposal.activity.get_absolute_url())
        return super().post(request, *args, **kwargs)

    def perform(self, form: SessionForm) -> Any:
        activity = services.proposal_make_session(
            actor=self.request.user,
            proposal=self.proposal(),
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
            time_zone=form.cleaned_data["time_zone"],
        )
        self.success_message = (
            f"“{self.proposal().title}” is a staff exchange session in the programme. Add a "
            "venue or change the details here"
        )
        return activity
