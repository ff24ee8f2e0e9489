"""Invitations: sending one, withdrawing it, and accepting it from the emailed link."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django_scopes import scope

from equalpartners.core.capabilities import Capability, Role
from equalpartners.core.views import (
    PartnershipView,
    ServiceFormView,
    add_service_errors,
    found_or_404,
)
from equalpartners.partnerships import selectors, services
from equalpartners.partnerships.forms import AcceptInvitationForm, InvitationForm
from equalpartners.partnerships.views import offer_grantable_roles, partnership_url


class InviteView(ServiceFormView):
    template_name = "partnerships/invite.html"
    form_class = InvitationForm
    capability = Capability.MANAGE_PEOPLE

    def get_initial(self) -> dict[str, Any]:
        return {"role": Role.STAFF}

    def get_form(self, form_class: Any = None) -> Any:
        return offer_grantable_roles(super().get_form(form_class), self.request)

    def perform(self, form: InvitationForm) -> str:
        data = form.cleaned_data
        organisation = None
        if data["organisation_name"]:
            organisation = services.organisation_find_or_create(
                actor=self.request.user, name=data["organisation_name"], sector=data["sector"]
            )
        accept = self.request.build_absolute_uri(
            reverse("invitation-accept", kwargs={"token": "TOKEN"})
        ).replace("TOKEN", "{token}")
        invitation = services.invitation_send(
            actor=self.request.user,
            partnership=self.partnership,
            name=data["name"],
            email=data["email"],
            role=data["role"],
            organisation=organisation,
            accept_url_template=accept,
        )
        self.success_message = f"Invitation sent to {invitation.email}"
        return partnership_url("partnerships:people", self.partnership)


class InvitationRevokeView(PartnershipView):
    capability = Capability.MANAGE_PEOPLE
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = found_or_404(
            selectors.invitation_in(
                partnership=self.partnership, invitation_id=kwargs["invitation_id"]
            )
        )
        services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, f"Invitation for {invitation.email} withdrawn")
        return HttpResponseRedirect(partnership_url("partnerships:people", self.partnership))


class InvitationAcceptView(View):
    """Anyone with the link may open it; it works once and until it expires."""

    template_name = "partnerships/invitation_accept.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.invitation = services.invitation_by_token(kwargs["token"])
        if self.invitation is None or not self.invitation.is_usable(timezone.now()):
            return render(request, "partnerships/invitation_unusable.html", status=410)
        with scope(partnership=self.invitation.partnership):
            return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = None if request.user.is_authenticated else AcceptInvitationForm()
        return self._render(request, form)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        assert self.invitation is not None
        form = None
        try:
            if request.user.is_authenticated:
                membership = services.invitation_accept(
                    invitation=self.invitation, user=request.user
                )
            else:
                form = AcceptInvitationForm(request.POST)
                if not form.is_valid():
                    return self._render(request, form)
                membership = services.invitation_accept(
                    invitation=self.invitation, password=form.cleaned_data["password"]
                )
                login(
                    request,
                    membership.person.user,
                    backend="django.contrib.auth.backends.ModelBackend",
                )
        except ValidationError as error:
            if form is None:
                form = AcceptInvitationForm() if not request.user.is_authenticated else None
                messages.error(request, " ".join(error.messages))
                return self._render(request, form)
            add_service_errors(form, error)
            return self._render(request, form)
        messages.success(request, f"Welcome to {membership.partnership.name}")
        return HttpResponseRedirect(membership.partnership.get_absolute_url())

    def _render(self, request: HttpRequest, form: Any) -> HttpResponse:
        return render(request, self.template_name, {"invitation": self.invitation, "form": form})
