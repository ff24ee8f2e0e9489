"""Pages for stories of change and their domains: the lists, a story's page, recording,
changing and deleting a story, and managing the domains (with the suggested ones)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.views.generic import FormView

from equalpartners.core.capabilities import Capability
from equalpartners.core.forms import valid_filters
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import ConfirmView, PartnershipView, ServiceFormView, found_or_404
from equalpartners.learning import story_selectors as selectors
from equalpartners.learning import story_services as services
from equalpartners.learning.models import SUGGESTED_DOMAINS, Domain, Story
from equalpartners.learning.story_forms import (
    DomainForm,
    StoryConsentForm,
    StoryFilterForm,
    StoryForm,
    SuggestedDomainsForm,
)
from equalpartners.learning.views import can, list_url
from equalpartners.partnerships import selectors as partnership_selectors


class StoryListView(PartnershipView):
    template_name = "learning/story_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        domains = list(selectors.domains_of(partnership=self.partnership))
        filters = StoryFilterForm(self.request.GET or None, domains=domains)
        chosen = valid_filters(filters)
        wanted = {"yes": True, "no": False}.get(chosen.get("chosen") or "")
        stories = selectors.stories_of(
            partnership=self.partnership, domain_id=chosen.get("domain"), chosen=wanted
        )
        return super().get_context_data(
            domains=domains,
            filters=filters,
            stories=list(stories),
            any_stories=any(d.story_count for d in domains),  # type: ignore[attr-defined]
            can_contribute=can(self.request, Capability.CONTRIBUTE),
            can_manage=can(self.request, Capability.MANAGE_LEARNING),
            **kwargs,
        )


class _StoryPage(PartnershipView):
    def story(self) -> Story:
        if not hasattr(self, "_story"):
            self._story = found_or_404(
                selectors.story_in(partnership=self.partnership, story_id=self.kwargs["story_id"])
            )
        return self._story

    def changeable_story(self) -> Story:
        story = self.story()
        if not services.may_change_story(story, self.request.membership):  # type: ignore[attr-defined]
            raise PermissionDenied(
                "Only the person who recorded a story, its teller, or someone who manages "
                "learning can change it."
            )
        return story


class StoryDetailView(_StoryPage):
    template_name = "learning/story_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        story = self.story()
        return super().get_context_data(
            story=story,
            rounds=selectors.rounds_of_story(story=story),
            selections=selectors.selections_of_story(story=story),
            can_change=services.may_change_story(story, self.request.membership),  # type: ignore[attr-defined]
            history=audit_entries(partnership=self.partnership, target=story)[:20],
            **kwargs,
        )


class _StoryFormView(ServiceFormView):
    template_name = "learning/story_form.html"
    form_class = StoryForm
    capability = Capability.CONTRIBUTE

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "domains": selectors.domains_of(partnership=self.partnership),
            "people": partnership_selectors.people_choices(partnership=self.partnership),
            "person_id": self.request.membership.person_id,  # type: ignore[attr-defined]
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            has_domains=selectors.domains_of(partnership=self.partnership).exists(),
            can_manage=can(self.request, Capability.MANAGE_LEARNING),
            **kwargs,
        )


class StoryCreateView(_StoryFormView):
    success_message = "The story is saved"

    def get_initial(self) -> dict[str, Any]:
        return {"teller": self.request.membership.person_id}  # type: ignore[attr-defined]

    def perform(self, form: StoryForm) -> Story:
        return services.story_create(
            actor=self.request.user,
            partnership=self.partnership,
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )


class StoryEditView(_StoryFormView, _StoryPage):
    """The whole story while no round has it; after that, the teller's consent only."""

    success_message = "The story is updated"

    def in_a_round(self) -> bool:
        return bool(selectors.rounds_of_story(story=self.story()))

    def get_form_class(self) -> Any:
        return StoryConsentForm if self.in_a_round() else StoryForm

    def get_form_kwargs(self) -> dict[str, Any]:
        story = self.changeable_story()
        if self.in_a_round():
            return {
                **FormView.get_form_kwargs(self),
                "story": story,
                "person_id": self.request.membership.person_id,  # type: ignore[attr-defined]
            }
        return {**super().get_form_kwargs(), "story": story}

    def get_initial(self) -> dict[str, Any]:
        return StoryForm.initial_from(self.changeable_story())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            story=self.story(),
            consent_only=self.in_a_round(),
            is_teller=self.story().teller_id == self.request.membership.person_id,  # type: ignore[attr-defined]
            **kwargs,
        )

    def perform(self, form: forms.Form) -> Story:
        return services.story_update(
            actor=self.request.user,
            record=self.changeable_story(),
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )


class StoryDeleteView(ConfirmView, _StoryPage):
    template_name = "learning/confirm.html"
    capability = Capability.CONTRIBUTE
    button = "Delete the story"
    warning = True
    explanation = "It is removed for everyone. This cannot be undone."

    def record(self) -> Story:
        return self.changeable_story()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.heading = f"Delete “{self.record().title}”?"
        return super().get_context_data(**kwargs)

    def get_success_url(self) -> str:
        if selectors.rounds_of_story(story=self.story()):
            return self.story().get_absolute_url()  # it stays: say why on its page
        return list_url(self.partnership, "stories")

    def act(self) -> str:
        services.story_delete(
            actor=self.request.user,
            story=self.record(),
            membership=self.request.membership,  # type: ignore[attr-defined]
        )
        return "The story is deleted"


# Domains


class DomainListView(PartnershipView):
    template_name = "learning/domain_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        domains = list(selectors.domains_of(partnership=self.partnership))
        names = {d.name.lower() for d in domains}
        return super().get_context_data(
            domains=domains,
            suggestions_left=[s for s in SUGGESTED_DOMAINS if s[0].lower() not in names],
            can_manage=can(self.request, Capability.MANAGE_LEARNING),
            **kwargs,
        )


class DomainCreateView(ServiceFormView):
    template_name = "learning/domain_form.html"
    form_class = DomainForm
    capability = Capability.MANAGE_LEARNING
    success_message = "The domain is added"

    def perform(self, form: DomainForm) -> str:
        services.domain_create(
            actor=self.request.user,
            partnership=self.partnership,
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )
        return list_url(self.partnership, "domains")


class DomainSuggestedView(ServiceFormView):
    template_name = "learning/domain_suggested.html"
    form_class = SuggestedDomainsForm
    capability = Capability.MANAGE_LEARNING
    success_message = "The domains are added"

    def suggestions(self) -> list[tuple[str, str]]:
        names = {d.name.lower() for d in selectors.domains_of(partnership=self.partnership)}
        return [s for s in SUGGESTED_DOMAINS if s[0].lower() not in names]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "suggestions": self.suggestions()}

    def perform(self, form: SuggestedDomainsForm) -> str:
        services.domains_add_suggested(
            actor=self.request.user,
            partnership=self.partnership,
            membership=self.request.membership,  # type: ignore[attr-defined]
            names=form.cleaned_data["names"],
        )
        return list_url(self.partnership, "domains")


class _DomainPage(PartnershipView):
    capability = Capability.MANAGE_LEARNING

    def domain(self) -> Domain:
        if not hasattr(self, "_domain"):
            self._domain = found_or_404(
                selectors.domain_in(
                    partnership=self.partnership, domain_id=self.kwargs["domain_id"]
                )
            )
        return self._domain


class DomainEditView(ServiceFormView, _DomainPage):
    template_name = "learning/domain_form.html"
    form_class = DomainForm
    success_message = "The domain is updated"

    def get_form_kwargs(self) -> dict[str, Any]:
        self.domain()
        return super().get_form_kwargs()

    def get_initial(self) -> dict[str, Any]:
        return {"name": self.domain().name, "description": self.domain().description}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(domain=self.domain(), **kwargs)

    def perform(self, form: DomainForm) -> str:
        services.domain_update(
            actor=self.request.user,
            domain=self.domain(),
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.cleaned_data,
        )
        return list_url(self.partnership, "domains")


class DomainDeleteView(ConfirmView, _DomainPage):
    template_name = "learning/confirm.html"
    button = "Delete the domain"
    warning = True
    explanation = "Stories can no longer be told in it. A domain with stories stays."

    def record(self) -> Domain:
        return self.domain()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.heading = f"Delete the domain “{self.domain().name}”?"
        return super().get_context_data(back_url=self.get_success_url(), **kwargs)

    def get_success_url(self) -> str:
        return list_url(self.partnership, "domains")

    def act(self) -> str:
        services.domain_delete(
            actor=self.request.user,
            domain=self.domain(),
            membership=self.request.membership,  # type: ignore[attr-defined]
        )
        return "The domain is deleted"
