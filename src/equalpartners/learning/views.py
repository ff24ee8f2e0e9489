"""Pages for the Learning hub and the learning log: the list with its filters and download, a
reflection's page, writing, changing and deleting one, and choosing it for the report.

Which reflections a visitor sees is decided by the selectors, given the visitor's membership:
one they may not read answers 404, like one that does not exist.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse

from equalpartners.core.capabilities import Capability
from equalpartners.core.forms import valid_filters
from equalpartners.core.selectors import audit_entries
from equalpartners.core.streaming import within_scope
from equalpartners.core.views import (
    ConfirmView,
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.learning import selectors, services, story_selectors
from equalpartners.learning.exports import reflections_csv
from equalpartners.learning.forms import ReflectionFilterForm, ReflectionForm
from equalpartners.learning.links import other_learning_pages
from equalpartners.learning.models import Reflection, Visibility
from equalpartners.programme import selectors as programme_selectors

PAGE_SIZE = 25


def can(request: HttpRequest, capability: str) -> bool:
    return capability in request.capabilities  # type: ignore[attr-defined]


def list_url(partnership: Any, name: str) -> str:
    return reverse(f"learning:{name}", kwargs={"partnership_slug": partnership.slug})


class LearningHomeView(PartnershipView):
    """What the partnership is learning, and where to find each kind of evidence."""

    template_name = "learning/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        membership = self.request.membership  # type: ignore[attr-defined]
        return super().get_context_data(
            reflections=selectors.reflection_counts(
                viewer=membership, partnership=self.partnership
            ),
            stories=story_selectors.story_counts(partnership=self.partnership),
            other_pages=other_learning_pages(partnership_slug=self.partnership.slug),
            can_contribute=can(self.request, Capability.CONTRIBUTE),
            can_manage=can(self.request, Capability.MANAGE_LEARNING),
            **kwargs,
        )


def _filters(request: HttpRequest, partnership: Any) -> tuple[ReflectionFilterForm, dict[str, Any]]:
    activities = list(
        programme_selectors.activities_visible_to(user=request.user, partnership=partnership)
    )
    filters = ReflectionFilterForm(
        request.GET or None, partnership=partnership, activities=activities
    )
    return filters, ReflectionFilterForm.selector_values(valid_filters(filters))


class ReflectionListView(PartnershipView):
    template_name = "learning/reflection_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        membership = self.request.membership  # type: ignore[attr-defined]
        filters, chosen = _filters(self.request, self.partnership)
        reflections = selectors.reflection_list(
            viewer=membership, partnership=self.partnership, **chosen
        )
        page = Paginator(reflections, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=filters,
            page=page,
            reflections=list(page.object_list),
            any_readable=page.paginator.count > 0
            or selectors.reflections_visible_to(
                viewer=membership, partnership=self.partnership
            ).exists(),
            filter_query=query.urlencode(),
            can_contribute=can(self.request, Capability.CONTRIBUTE),
            **kwargs,
        )


class ReflectionCsvView(PartnershipAccess):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        _, chosen = _filters(request, self.partnership)
        reflections = selectors.reflection_list(
            viewer=request.membership,  # type: ignore[attr-defined]
            partnership=self.partnership,
            **chosen,
        )
        response = StreamingHttpResponse(
            within_scope(
                reflections_csv(
                    reflections.iterator(chunk_size=500),
                    zone=zoneinfo.ZoneInfo(self.partnership.time_zone),
                    base_url=request.build_absolute_uri("/")[:-1],
                ),
                partnership=self.partnership,
            ),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"{self.partnership.slug}-reflections.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class _ReflectionPage(PartnershipView):
    """A page about one reflection the visitor may read (404 otherwise)."""

    def reflection(self) -> Reflection:
        if not hasattr(self, "_reflection"):
            self._reflection = found_or_404(
                selectors.reflection_in(
                    viewer=self.request.membership,  # type: ignore[attr-defined]
                    partnership=self.partnership,
                    reflection_id=self.kwargs["reflection_id"],
                )
            )
        return self._reflection

    def own_reflection(self) -> Reflection:
        reflection = self.reflection()
        if reflection.author_id != self.request.membership.person_id:  # type: ignore[attr-defined]
            raise PermissionDenied("Only the person who wrote a reflection can change it.")
        return reflection


class ReflectionDetailView(_ReflectionPage):
    template_name = "learning/reflection_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reflection = self.reflection()
        membership = self.request.membership  # type: ignore[attr-defined]
        return super().get_context_data(
            reflection=reflection,
            is_author=reflection.author_id == membership.person_id,
            can_choose=can(self.request, Capability.MANAGE_LEARNING),
            is_public=reflection.visibility == Visibility.PUBLIC,
            history=audit_entries(partnership=self.partnership, target=reflection)[:20],
            **kwargs,
        )


class _ReflectionFormView(ServiceFormView):
    template_name = "learning/reflection_form.html"
    form_class = ReflectionForm
    capability = Capability.CONTRIBUTE

    def get_form_kwargs(self) -> dict[str, Any]:
        membership = self.request.membership  # type: ignore[attr-defined]
        return {
            **super().get_form_kwargs(),
            "linkable": selectors.linkable_records(
                user=self.request.user, partnership=self.partnership
            ),
            "has_partner": services.partner_of(
                person=membership.person, partnership=self.partnership
            )
            is not None,
            "has_public_page": self.partnership.is_public,
        }


class ReflectionCreateView(_ReflectionFormView):
    success_message = "Your reflection is saved"

    def get_initial(self) -> dict[str, Any]:
        activity = self.request.GET.get("activity", "")
        return {"activities": [int(activity)]} if activity.isdigit() else {}

    def perform(self, form: ReflectionForm) -> Reflection:
        return services.reflection_create(
            actor=self.request.user,
            partnership=self.partnership,
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.service_values(),
        )


class ReflectionEditView(_ReflectionFormView, _ReflectionPage):
    success_message = "Your reflection is updated"

    def get_form_kwargs(self) -> dict[str, Any]:
        self.own_reflection()
        return super().get_form_kwargs()

    def get_initial(self) -> dict[str, Any]:
        return ReflectionForm.initial_from(self.own_reflection())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(reflection=self.reflection(), **kwargs)

    def perform(self, form: ReflectionForm) -> Reflection:
        reflection = services.reflection_update(
            actor=self.request.user,
            reflection=self.own_reflection(),
            membership=self.request.membership,  # type: ignore[attr-defined]
            **form.service_values(),
        )
        if self.reflection().for_report and not reflection.for_report:
            self.success_message += ". It is no longer public, so it is out of the report"
        return reflection


class ReflectionDeleteView(ConfirmView, _ReflectionPage):
    template_name = "learning/confirm.html"
    capability = Capability.CONTRIBUTE
    record_name = "record"
    button = "Delete the reflection"
    warning = True
    explanation = "It is removed for everyone who can read it. This cannot be undone."

    def record(self) -> Reflection:
        return self.own_reflection()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.heading = f"Delete “{self.record().title}”?"
        return super().get_context_data(**kwargs)

    def get_success_url(self) -> str:
        return list_url(self.partnership, "reflections")

    def act(self) -> str:
        services.reflection_delete(
            actor=self.request.user,
            reflection=self.record(),
            membership=self.request.membership,  # type: ignore[attr-defined]
        )
        return "Your reflection is deleted"


class ReflectionReportView(PartnershipAccess):
    """Choose a public reflection for the report, or take it out: a button on its page."""

    capability = Capability.MANAGE_LEARNING

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        reflection = found_or_404(
            selectors.reflection_in(
                viewer=request.membership,  # type: ignore[attr-defined]
                partnership=self.partnership,
                reflection_id=kwargs["reflection_id"],
            )
        )
        for_report = request.POST.get("for_report") == "yes"
        try:
            services.reflection_choose_for_report(
                actor=request.user,
                reflection=reflection,
                membership=request.membership,  # type: ignore[attr-defined]
                for_report=for_report,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                "The reflection is chosen for the learning report"
                if for_report
                else "The reflection is out of the learning report",
            )
        return HttpResponseRedirect(reflection.get_absolute_url())
