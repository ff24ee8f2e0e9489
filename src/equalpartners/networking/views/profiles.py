"""A person's profile page (what the visitor may see of it, their networks and the activities
they lead) and the form where they change what they offer, are interested in and need."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from equalpartners.attendance import selectors as attendance_selectors
from equalpartners.core.capabilities import Capability
from equalpartners.core.views import PartnershipView, ServiceFormView, found_or_404
from equalpartners.networking import selectors, services
from equalpartners.networking.forms import ProfileForm, profile_initial, profile_rows
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Membership, Person
from equalpartners.programme import selectors as programme_selectors

ACTIONS_SHOWN = 20


class _PersonPage(PartnershipView):
    """A page about one member of this partnership; anyone else is 404."""

    def membership(self) -> Membership:
        if not hasattr(self, "_membership"):
            self._membership = found_or_404(
                partnership_selectors.membership_of_person(
                    partnership=self.partnership, person_id=self.kwargs["person_id"]
                )
            )
        return self._membership

    def person(self) -> Person:
        return self.membership().person

    def may_edit(self) -> bool:
        own = getattr(self.request.user, "person", None) == self.person()
        return own or Capability.MANAGE_PEOPLE in self.request.capabilities  # type: ignore[attr-defined]


class PersonProfileView(_PersonPage):
    """What someone offers, is interested in and needs (as much as the visitor may see), the
    networks they are in and the activities they lead. Each section is its own include."""

    template_name = "networking/person_profile.html"
    capability = Capability.VIEW

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        person = self.person()
        return super().get_context_data(
            member=self.membership(),
            person=person,
            profile=selectors.profile_visible_to(user=user, person=person),
            own=person.user_id is not None and person.user_id == user.pk,
            may_edit=self.may_edit(),
            networks=selectors.networks_of(user=user, person=person, partnership=self.partnership),
            activities=selectors.activities_led_by(
                user=user, partnership=self.partnership, person=person
            ),
            actions=programme_selectors.actions_for_person(user=user, person=person)[
                :ACTIONS_SHOWN
            ],
            today=programme_selectors.partnership_today(self.partnership),
            registrations=self.registrations_shown(person),
            **kwargs,
        )

    def registrations_shown(self, person: Person) -> list[Any]:
        """The activities they registered for: all of them to themselves and to organisers,
        otherwise only those where they agreed to be listed to other participants."""
        registrations = attendance_selectors.registrations_for_person(
            person=person, partnership=self.partnership
        ).exclude(status__in=("cancelled", "lapsed"))
        own = person.user_id is not None and person.user_id == self.request.user.pk
        organiser = Capability.MANAGE_PROGRAMME in self.request.capabilities  # type: ignore[attr-defined]
        if not (own or organiser):
            registrations = registrations.filter(listed=True)
        return list(registrations[:ACTIONS_SHOWN])


class ProfileEditView(_PersonPage, ServiceFormView):
    """What a person offers, is interested in and needs, and who may see each: editable by
    themselves, or by those who manage people."""

    template_name = "networking/profile_form.html"
    form_class = ProfileForm
    success_message = "Offers and needs saved"
    capability = Capability.CONTRIBUTE  # guests only look

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._check_may_edit()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self._check_may_edit()
        return super().post(request, *args, **kwargs)

    def _check_may_edit(self) -> None:
        if not self.may_edit():
            raise PermissionDenied("Only the person or those who manage people can change this.")

    def _items(self) -> list[Any]:
        if not hasattr(self, "_profile_items"):
            self._profile_items = selectors.profile_of(person=self.person()).items
        return self._profile_items

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        existing: dict[str, int] = {}
        for item in self._items():
            existing[item.kind] = existing.get(item.kind, 0) + 1
        return {**kwargs, "rows": profile_rows(existing, kwargs.get("data"))}

    def get_initial(self) -> dict[str, Any]:
        return profile_initial(self._items())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            person=self.person(),
            profile_url=reverse(
                "networking:person-profile",
                kwargs={"partnership_slug": self.partnership.slug, "person_id": self.person().pk},
            ),
            **kwargs,
        )

    def perform(self, form: ProfileForm) -> str:
        services.profile_update(
            actor=self.request.user,
            partnership=self.partnership,
            person=self.person(),
            items=form.items(),
        )
        return self.request.path
