"""Pages about the partnership itself: partners, people and roles, initiatives and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from equalpartners.core.capabilities import Capability, roles_grantable_with
from equalpartners.core.forms import valid_filters
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import (
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.partnerships import selectors, services
from equalpartners.partnerships.forms import (
    InitiativeForm,
    PartnerAddForm,
    PartnerForm,
    PartnershipForm,
    PeopleFilterForm,
    PublicLinkForm,
    RoleForm,
)
from equalpartners.partnerships.models import PublicLink

PEOPLE_PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 50


def partnership_url(name: str, partnership: Any, **kwargs: Any) -> str:
    return reverse(name, kwargs={"partnership_slug": partnership.slug, **kwargs})


def offer_grantable_roles(form: Any, request: HttpRequest) -> Any:
    """Offer only the roles this member may give (the service refuses any other)."""
    grantable = roles_grantable_with(request.capabilities)  # type: ignore[attr-defined]
    field = form.fields["role"]
    field.choices = [(value, label) for value, label in field.choices if value in grantable]
    return form


class MyPartnershipsView(LoginRequiredMixin, TemplateView):
    template_name = "partnerships/mine.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            mine=selectors.partnerships_of(user=self.request.user), **kwargs
        )


class PartnersView(PartnershipView):
    """The partners side by side, so each can understand the others."""

    template_name = "partnerships/partners.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            partners=list(selectors.partners_of(partnership=self.partnership)), **kwargs
        )


class PartnerDetailView(PartnershipView):
    template_name = "partnerships/partner_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partner = found_or_404(
            selectors.partner_in(partnership=self.partnership, partner_id=kwargs["partner_id"])
        )
        people = selectors.people_of(partnership=self.partnership, partner_id=partner.pk)
        return super().get_context_data(
            partner=partner,
            people=people,
            history=audit_entries(partnership=self.partnership, target=partner)[:20],
            **kwargs,
        )


class PartnerAddView(ServiceFormView):
    template_name = "partnerships/partner_form.html"
    form_class = PartnerAddForm
    capability = Capability.MANAGE_PARTNERSHIP
    success_message = "Partner added"

    def perform(self, form: PartnerAddForm) -> Any:
        data = form.cleaned_data
        organisation = services.organisation_find_or_create(
            actor=self.request.user, name=data["organisation_name"], sector=data["sector"]
        )
        return services.partner_add(
            actor=self.request.user,
            partnership=self.partnership,
            organisation=organisation,
            remit=data["remit"],
            aims=data["aims"],
            policy_context=data["policy_context"],
            leadership_style=data["leadership_style"],
            joined_on=data["joined_on"],
        )

    def get_success_url_for(self, result: Any) -> str:
        return partnership_url("partnerships:partner", self.partnership, partner_id=result.pk)


class PartnerEditView(ServiceFormView):
    template_name = "partnerships/partner_form.html"
    form_class = PartnerForm
    capability = Capability.MANAGE_PARTNERSHIP
    success_message = "Partner updated"

    def get_partner(self) -> Any:
        return found_or_404(
            selectors.partner_in(partnership=self.partnership, partner_id=self.kwargs["partner_id"])
        )

    def get_initial(self) -> dict[str, Any]:
        partner = self.get_partner()
        return {f: getattr(partner, f) for f in PartnerForm.base_fields}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(partner=self.get_partner(), **kwargs)

    def perform(self, form: PartnerForm) -> Any:
        return services.partner_update(
            actor=self.request.user, partner=self.get_partner(), **form.cleaned_data
        )

    def get_success_url_for(self, result: Any) -> str:
        return partnership_url("partnerships:partner", self.partnership, partner_id=result.pk)


class PeopleView(PartnershipView):
    template_name = "partnerships/people.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partners = list(selectors.partners_of(partnership=self.partnership))
        filters = PeopleFilterForm(self.request.GET or None, partners=partners)
        chosen = valid_filters(filters)
        people = selectors.people_of(
            partnership=self.partnership,
            partner_id=chosen.get("partner"),
            role=chosen.get("role") or None,
            sector=chosen.get("sector") or None,
            query=chosen.get("q", ""),
        )
        page = Paginator(people, PEOPLE_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        invitations = None
        if Capability.MANAGE_PEOPLE in self.request.capabilities:  # type: ignore[attr-defined]
            invitations = selectors.pending_invitations(partnership=self.partnership)
        return super().get_context_data(
            filters=filters,
            page=page,
            people=page.object_list,
            filter_query=query.urlencode(),
            invitations=invitations,
            now=timezone.now(),
            **kwargs,
        )


class MemberView(ServiceFormView):
    """A person's page; people managers may change their role here or remove them."""

    template_name = "partnerships/member.html"
    form_class = RoleForm
    capability = Capability.VIEW
    success_message = "Role changed"

    def get_membership(self) -> Any:
        return found_or_404(
            selectors.membership_in(
                partnership=self.partnership, membership_id=self.kwargs["membership_id"]
            )
        )

    def get_initial(self) -> dict[str, Any]:
        return {"role": self.get_membership().role}

    def get_form(self, form_class: Any = None) -> Any:
        return offer_grantable_roles(super().get_form(form_class), self.request)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        membership = self.get_membership()
        return super().get_context_data(
            member=membership,
            history=audit_entries(partnership=self.partnership, target=membership)[:20],
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if Capability.MANAGE_PEOPLE not in request.capabilities:  # type: ignore[attr-defined]
            raise PermissionDenied("Your role does not allow changing roles.")
        return super().post(request, *args, **kwargs)

    def perform(self, form: RoleForm) -> str:
        membership = services.membership_change_role(
            actor=self.request.user,
            membership=self.get_membership(),
            role=form.cleaned_data["role"],
        )
        return partnership_url("partnerships:member", self.partnership, membership_id=membership.pk)


class MemberRemoveView(PartnershipView):
    template_name = "partnerships/member_remove.html"
    capability = Capability.MANAGE_PEOPLE

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            member=found_or_404(
                selectors.membership_in(
                    partnership=self.partnership, membership_id=kwargs["membership_id"]
                )
            ),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = found_or_404(
            selectors.membership_in(
                partnership=self.partnership, membership_id=kwargs["membership_id"]
            )
        )
        try:
            services.membership_remove(actor=request.user, membership=membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(
                partnership_url(
                    "partnerships:member", self.partnership, membership_id=membership.pk
                )
            )
        messages.success(request, f"{membership.person} is no longer a member")
        return HttpResponseRedirect(partnership_url("partnerships:people", self.partnership))


class InitiativesView(PartnershipView):
    template_name = "partnerships/initiatives.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            initiatives=selectors.initiatives_of(partnership=self.partnership), **kwargs
        )


class InitiativeFormView(ServiceFormView):
    template_name = "partnerships/initiative_form.html"
    form_class = InitiativeForm
    capability = Capability.MANAGE_PARTNERSHIP

    def get_initiative(self) -> Any:
        if "initiative_id" not in self.kwargs:
            return None
        return found_or_404(
            selectors.initiative_in(
                partnership=self.partnership, initiative_id=self.kwargs["initiative_id"]
            )
        )

    def get_initial(self) -> dict[str, Any]:
        initiative = self.get_initiative()
        if initiative is None:
            return {}
        return {
            "name": initiative.name,
            "url": initiative.url,
            "how_it_fits": initiative.how_it_fits,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(initiative=self.get_initiative(), **kwargs)

    def perform(self, form: InitiativeForm) -> str:
        initiative = self.get_initiative()
        if initiative is None:
            services.initiative_create(
                actor=self.request.user, partnership=self.partnership, **form.cleaned_data
            )
            self.success_message = "Related initiative added"
        else:
            services.initiative_update(
                actor=self.request.user, initiative=initiative, **form.cleaned_data
            )
            self.success_message = "Related initiative updated"
        return partnership_url("partnerships:initiatives", self.partnership)


class InitiativeDeleteView(PartnershipView):
    template_name = "partnerships/initiative_delete.html"
    capability = Capability.MANAGE_PARTNERSHIP

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            initiative=found_or_404(
                selectors.initiative_in(
                    partnership=self.partnership, initiative_id=kwargs["initiative_id"]
                )
            ),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        initiative = found_or_404(
            selectors.initiative_in(
                partnership=self.partnership, initiative_id=kwargs["initiative_id"]
            )
        )
        services.initiative_delete(actor=request.user, initiative=initiative)
        messages.success(request, f"‘{initiative.name}’ removed")
        return HttpResponseRedirect(partnership_url("partnerships:initiatives", self.partnership))


class HistoryView(PartnershipView):
    """Every change made in the partnership, newest first."""

    template_name = "partnerships/history.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        entries = audit_entries(partnership=self.partnership)
        page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, entries=page.object_list, **kwargs)


class SettingsView(ServiceFormView):
    template_name = "partnerships/settings.html"
    form_class = PartnershipForm
    capability = Capability.MANAGE_PARTNERSHIP
    success_message = "Partnership details saved"

    def get_initial(self) -> dict[str, Any]:
        p = self.partnership
        return {
            "name": p.name,
            "purpose": p.purpose,
            "commitments": "\n".join(p.commitments),
            "contact_email": p.contact_email,
            "is_public": p.is_public,
            "time_zone": p.time_zone,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        links = PublicLink.objects.filter(partnership=self.partnership)
        return super().get_context_data(links=links, **kwargs)

    def perform(self, form: PartnershipForm) -> str:
        services.partnership_update(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )
        return partnership_url("partnerships:settings", self.partnership)


class PublicLinkAddView(ServiceFormView):
    template_name = "partnerships/link_form.html"
    form_class = PublicLinkForm
    capability = Capability.MANAGE_PARTNERSHIP
    success_message = "Link added"

    def perform(self, form: PublicLinkForm) -> str:
        services.public_link_add(
            actor=self.request.user, partnership=self.partnership, **form.cleaned_data
        )
        return partnership_url("partnerships:settings", self.partnership)


class PublicLinkDeleteView(PartnershipView):
    capability = Capability.MANAGE_PARTNERSHIP
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        link = found_or_404(
            PublicLink.objects.filter(partnership=self.partnership, pk=kwargs["link_id"]).first()
        )
        services.public_link_delete(actor=request.user, link=link)
        messages.success(request, f"Link ‘{link.label}’ removed")
        return HttpResponseRedirect(partnership_url("partnerships:settings", self.partnership))
