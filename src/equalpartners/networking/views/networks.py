"""Pages for networks: the list, starting one, a network's page with its members, joining,
asking to join, leaving, hiding from the members list, and (for organisers) approving
requests, making organisers, changing and deleting the network.

A network is found only from a partnership it is at home in or shared with; from any other it
is 404, like anything else not yours.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import (
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.networking import selectors, services
from equalpartners.networking.forms import NetworkForm
from equalpartners.networking.models import Network, NetworkMembership, NetworkStatus
from equalpartners.partnerships.models import Person


def _list_url(partnership: Any) -> str:
    return reverse("networking:networks", kwargs={"partnership_slug": partnership.slug})


class NetworksView(PartnershipView):
    template_name = "networking/networks.html"
    capability = Capability.VIEW

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            networks=selectors.networks_visible_in(
                user=self.request.user, partnership=self.partnership
            ),
            **kwargs,
        )


class NetworkCreateView(ServiceFormView):
    """Anyone who takes part (staff included) can start a network."""

    template_name = "networking/network_form.html"
    form_class = NetworkForm
    capability = Capability.CONTRIBUTE
    success_message = "Network started: you are its organiser"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "share_choices": selectors.partnerships_to_share_with(
                user=self.request.user, partnership=self.partnership
            ),
        }

    def perform(self, form: NetworkForm) -> str:
        data = form.cleaned_data
        network = services.network_create(
            actor=self.request.user,
            partnership=self.partnership,
            person=self.request.membership.person,  # type: ignore[attr-defined]
            name=data["name"],
            description=data["description"],
            joining=data["joining"],
            external_url=data["external_url"],
            shared_with=list(data.get("shared_with") or ()),
        )
        return network.url_in(self.partnership)


class _NetworkPage(PartnershipAccess):
    def network(self) -> Network:
        if not hasattr(self, "_network"):
            self._network = found_or_404(
                selectors.network_in(
                    partnership=self.partnership, network_id=self.kwargs["network_id"]
                )
            )
        return self._network

    def mine(self) -> NetworkMembership | None:
        if not hasattr(self, "_mine"):
            self._mine = selectors.network_membership_of(
                network=self.network(), user=self.request.user
            )
        return self._mine

    def may_organise(self) -> bool:
        return selectors.may_organise(
            network=self.network(),
            membership=self.mine(),
            partnership=self.partnership,
            capabilities=self.request.capabilities,  # type: ignore[attr-defined]
        )

    def check_organiser(self) -> None:
        if not self.may_organise():
            raise PermissionDenied("Only the network's organisers can do this.")

    def network_url(self) -> str:
        return self.network().url_in(self.partnership)


class NetworkView(_NetworkPage, PartnershipView):
    template_name = "networking/network.html"
    capability = Capability.VIEW

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        network = self.network()
        return super().get_context_data(
            network=network,
            members=selectors.network_members(network=network),
            mine=self.mine(),
            may_organise=self.may_organise(),
            shared_with=[p for p in network.partnerships.all() if p.pk != network.partnership_id],
            **kwargs,
        )


class _NetworkAction(_NetworkPage):
    """A button on the network's page: POST only, one service, back to the page with a
    message (or the reason it could not be done)."""

    capability = Capability.CONTRIBUTE
    http_method_names = ["post"]

    def act(self, request: HttpRequest, person: Person) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            message = self.act(request, request.membership.person)  # type: ignore[attr-defined]
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.next_url())

    def next_url(self) -> str:
        return self.network_url()


class NetworkJoinView(_NetworkAction):
    def act(self, request: HttpRequest, person: Person) -> str:
        membership = services.network_join(
            actor=request.user, network=self.network(), person=person
        )
        if membership.status == NetworkStatus.MEMBER:
            return f"You have joined {self.network().name}"
        return "You have asked to join; an organiser will approve or decline your request"


class NetworkLeaveView(_NetworkAction):
    def act(self, request: HttpRequest, person: Person) -> str:
        was_member = self.mine() is not None and self.mine().status == NetworkStatus.MEMBER  # type: ignore[union-attr]
        services.network_leave(actor=request.user, network=self.network(), person=person)
        return f"You have left {self.network().name}" if was_member else "Request withdrawn"


class NetworkListingView(_NetworkAction):
    """`listed=no` hides the member from the members list (they stay a member); `yes` shows."""

    def act(self, request: HttpRequest, person: Person) -> str:
        listed = request.POST.get("listed") == "yes"
        services.network_listing_set(
            actor=request.user, network=self.network(), person=person, listed=listed
        )
        return (
            "You are shown in the members list"
            if listed
            else "You are no longer shown in the members list; you are still a member"
        )


class NetworkMemberView(_NetworkAction):
    """An organiser's answer about one person: approve or decline their request, or make them
    an organiser. The person must be a member of this partnership or the network's."""

    def act(self, request: HttpRequest, person: Person) -> str:
        self.check_organiser()
        network = self.network()
        subject = self._subject(network)
        action = request.POST.get("action")
        if action == "approve":
            services.network_request_approve(actor=request.user, network=network, person=subject)
            return f"{subject.name} is now a member"
        if action == "decline":
            services.network_request_decline(actor=request.user, network=network, person=subject)
            return f"{subject.name}'s request was declined"
        if action == "organiser":
            services.network_organiser_add(actor=request.user, network=network, person=subject)
            return f"{subject.name} is now an organiser"
        raise ValidationError("Choose approve, decline or make organiser")

    def _subject(self, network: Network) -> Person:
        membership = selectors.network_membership_of_person(
            network=network, person_id=self.kwargs["person_id"]
        )
        if membership is None:
            raise ValidationError("That person has not joined or asked to join this network")
        return membership.person


class NetworkEditView(_NetworkPage, ServiceFormView):
    template_name = "networking/network_form.html"
    form_class = NetworkForm
    capability = Capability.CONTRIBUTE
    success_message = "Network changed"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_organiser()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_organiser()
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        network = self.network()
        return {
            "name": network.name,
            "description": network.description,
            "joining": network.joining,
            "external_url": network.external_url,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(network=self.network(), back=self.network_url(), **kwargs)

    def perform(self, form: NetworkForm) -> str:
        data = form.cleaned_data
        network = services.network_update(
            actor=self.request.user,
            network=self.network(),
            name=data["name"],
            description=data["description"],
            joining=data["joining"],
            external_url=data["external_url"],
        )
        return network.url_in(self.partnership)


class NetworkDeleteView(_NetworkPage, PartnershipView):
    template_name = "networking/network_delete.html"
    capability = Capability.CONTRIBUTE

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_organiser()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        network = self.network()
        return super().get_context_data(
            network=network, members=selectors.network_members(network=network), **kwargs
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_organiser()
        name = self.network().name
        services.network_delete(actor=request.user, network=self.network())
        messages.success(request, f"{name} deleted")
        return HttpResponseRedirect(_list_url(self.partnership))
