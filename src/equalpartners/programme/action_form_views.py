"""Forms that record and change challenges and actions: recording from the actions pages or an
activity's page, and an action's status, edit and drop forms. The pages that list and show them
are in ``action_views``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.http.response import HttpResponseBase

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import ServiceFormView, found_or_404
from equalpartners.programme import action_services as services
from equalpartners.programme import selectors as programme_selectors
from equalpartners.programme.action_forms import (
    ActionDropForm,
    ActionForm,
    ActionStatusForm,
    ChallengeForm,
)
from equalpartners.programme.action_models import Action, Challenge
from equalpartners.programme.action_views import OneActionView
from equalpartners.programme.models import Activity

# Changing one action


class _ChangeAction(OneActionView, ServiceFormView):
    """A form that changes one action: only for the action's owner, whoever recorded it, or
    someone who manages the programme."""

    capability = Capability.CONTRIBUTE

    def check_may_change(self) -> None:
        if not self.may_change():
            raise PermissionDenied(
                "Only the person who owns this action, whoever recorded it, or someone who "
                "manages the programme may change it."
            )

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_may_change()
        return super().get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_may_change()
        return super().post(request, *args, **kwargs)


class ActionStatusView(_ChangeAction):
    """The status form of the action's page: shown there, and again here with any errors."""

    template_name = "programme/action_detail.html"
    form_class = ActionStatusForm

    def get_initial(self) -> dict[str, Any]:
        return {"status": self.get_action().status}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.pop("form", None) or self.get_form()
        return super().get_context_data(
            **self.action_context(form=form, status_form=form, **kwargs)
        )

    def perform(self, form: ActionStatusForm) -> Action:
        action = self.get_action()
        before = action.status
        update = services.action_status_change(
            actor=self.request.user,
            action=action,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        self.success_message = (
            "Note added" if update.status == before else STATUS_MESSAGES[update.status]
        )
        return action


STATUS_MESSAGES = {
    "done": "Action marked done",
    "dropped": "Action dropped",
    "open": "Action reopened",
}


class ActionEditView(_ChangeAction):
    template_name = "programme/action_form.html"
    form_class = ActionForm
    success_message = "Action updated"

    def get_form_kwargs(self) -> dict[str, Any]:
        action = self.get_action()
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "activity": action.activity,
        }

    def get_initial(self) -> dict[str, Any]:
        return ActionForm.initial_from(self.get_action())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(action=self.get_action(), **kwargs)

    def perform(self, form: ActionForm) -> Action:
        return services.action_update(
            actor=self.request.user, action=self.get_action(), **form.service_values()
        )


class ActionDropView(_ChangeAction):
    """Asks for confirmation (and a reason), then drops the action; it stays on record."""

    template_name = "programme/action_drop.html"
    form_class = ActionDropForm
    success_message = "Action dropped"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(action=self.get_action(), **kwargs)

    def perform(self, form: ActionDropForm) -> Action:
        action = self.get_action()
        services.action_drop(
            actor=self.request.user, action=action, reason=form.cleaned_data["reason"]
        )
        return action


# Recording


class ActionCreateView(ServiceFormView):
    """An action on its own, or from an activity chosen in the form."""

    template_name = "programme/action_form.html"
    form_class = ActionForm
    capability = Capability.CONTRIBUTE
    success_message = "Action recorded"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "choose_activity": True,
        }

    def perform(self, form: ActionForm) -> Action:
        return services.action_create(
            actor=self.request.user, partnership=self.partnership, **form.service_values()
        )


class _AtActivity(ServiceFormView):
    """A form posted from the activity page's "Challenges and actions" section."""

    capability = Capability.CONTRIBUTE

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.activity = None
        if getattr(request, "partnership", None) is not None:
            self.activity = programme_selectors.activity_in(
                partnership=request.partnership, activity_id=kwargs["activity_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_activity(self) -> Activity:
        return found_or_404(self.activity)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(activity=self.get_activity(), **kwargs)

    def get_success_url_for(self, result: Any) -> str:
        return self.get_activity().get_absolute_url() + "#challenges-and-actions"


class ChallengeCreateView(_AtActivity):
    template_name = "programme/challenge_form.html"
    form_class = ChallengeForm
    success_message = "Challenge recorded"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def perform(self, form: ChallengeForm) -> Challenge:
        return services.challenge_create(
            actor=self.request.user,
            activity=self.get_activity(),
            text=form.cleaned_data["text"],
            posed_by=form.cleaned_data["posed_by"],
        )


class ActivityActionCreateView(_AtActivity):
    template_name = "programme/action_form.html"
    form_class = ActionForm
    success_message = "Action recorded"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "partnership": self.partnership,
            "activity": self.get_activity(),
        }

    def perform(self, form: ActionForm) -> Action:
        return services.action_create(
            actor=self.request.user,
            partnership=self.partnership,
            activity=self.get_activity(),
            **form.service_values(),
        )


__all__ = [
    "ActionCreateView",
    "ActionDropView",
    "ActionEditView",
    "ActionStatusView",
    "ActivityActionCreateView",
    "ChallengeCreateView",
]
