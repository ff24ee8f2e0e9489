"""Programme pages: the activity list, activity pages and forms, milestones and outputs."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from equalpartners.core.capabilities import Capability
from equalpartners.core.forms import available_time_zones, valid_filters
from equalpartners.core.selectors import audit_entries
from equalpartners.core.views import (
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.programme import selectors, services
from equalpartners.programme.action_views import activity_actions_context
from equalpartners.programme.forms import (
    ActivityFilterForm,
    ActivityForm,
    MilestoneForm,
    OutputForm,
)
from equalpartners.programme.models import Activity, Milestone, Output

PAGE_SIZE = 50


# Cached pieces are keyed by the partnership's content version, so a change never shows stale
# rows; the expiry only frees memory held for versions no longer asked for.
CACHE_SECONDS = 60 * 60


class ActivityListView(PartnershipView):
    template_name = "programme/activity_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        themes = list(selectors.themes_of(partnership=self.partnership))
        filters = ActivityFilterForm(
            self.request.GET or None, partnership=self.partnership, themes=themes
        )
        chosen = valid_filters(filters)
        activities = selectors.activity_list(
            user=self.request.user,
            partnership=self.partnership,
            kind=chosen.get("kind", ""),
            status=chosen.get("status", ""),
            partner_id=chosen.get("partner"),
            theme_id=chosen.get("theme"),
        )
        asked = self.request.GET.get("page")
        capabilities = self.request.capabilities  # type: ignore[attr-defined]
        # Read only if the template's cached table is missing (see activity_list.html).
        page = SimpleLazyObject(lambda: Paginator(activities, PAGE_SIZE).get_page(asked))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filters=filters,
            page=page,
            activities=SimpleLazyObject(lambda: list(cast(Page[Activity], page).object_list)),
            filter_query=query.urlencode(),
            page_asked=asked,
            can_manage_programme=Capability.MANAGE_PROGRAMME in capabilities,
            cache_seconds=CACHE_SECONDS,
            **kwargs,
        )


class ActivityDetailView(PartnershipView):
    template_name = "programme/activity_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        activity = found_or_404(
            selectors.activity_in(partnership=self.partnership, activity_id=kwargs["activity_id"])
        )
        return super().get_context_data(
            activity=activity,
            history=audit_entries(partnership=self.partnership, target=activity)[:20],
            **activity_actions_context(self.request, activity),
            **kwargs,
        )


class ActivityFormView(ServiceFormView):
    """What the create and edit pages share: the form, its template and the time zones."""

    template_name = "programme/activity_form.html"
    form_class = ActivityForm
    capability = Capability.MANAGE_PROGRAMME

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(time_zones=sorted(available_time_zones()), **kwargs)


class ActivityCreateView(ActivityFormView):
    success_message = "Activity added to the programme"

    def perform(self, form: ActivityForm) -> Activity:
        return services.activity_create(
            actor=self.request.user, partnership=self.partnership, **form.service_values()
        )


class ActivityEditView(ActivityFormView):
    success_message = "Activity updated"

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.activity = None
        if getattr(request, "partnership", None) is not None:
            self.activity = selectors.activity_in(
                partnership=request.partnership, activity_id=kwargs["activity_id"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return ActivityForm.initial_from(found_or_404(self.activity))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(activity=found_or_404(self.activity), **kwargs)

    def perform(self, form: ActivityForm) -> Activity:
        return services.activity_update(
            actor=self.request.user, activity=found_or_404(self.activity), **form.service_values()
        )


class _ObjectFormView(ServiceFormView):
    """A create-or-edit form for a milestone or an output, chosen by the URL."""

    capability = Capability.MANAGE_PROGRAMME
    lookup_kwarg = ""

    def get_object(self) -> Any:
        if self.lookup_kwarg not in self.kwargs:
            return None
        return found_or_404(self.find(self.kwargs[self.lookup_kwarg]))

    def find(self, pk: int) -> Any:
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnership": self.partnership}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(object=self.get_object(), **kwargs)


class MilestoneFormView(_ObjectFormView):
    template_name = "programme/milestone_form.html"
    form_class = MilestoneForm
    lookup_kwarg = "milestone_id"

    def find(self, pk: int) -> Milestone | None:
        return selectors.milestone_in(partnership=self.partnership, milestone_id=pk)

    def get_initial(self) -> dict[str, Any]:
        milestone = self.get_object()
        if milestone is None:
            return {}
        return {
            "title": milestone.title,
            "date": milestone.date,
            "description": milestone.description,
            "partners": list(milestone.partners.all()),
        }

    def perform(self, form: MilestoneForm) -> Milestone:
        milestone = self.get_object()
        values = {k: form.cleaned_data[k] for k in ("title", "date", "description")}
        partners = list(form.cleaned_data["partners"])
        if milestone is None:
            self.success_message = "Milestone added"
            return services.milestone_create(
                actor=self.request.user, partnership=self.partnership, partners=partners, **values
            )
        self.success_message = "Milestone updated"
        return services.milestone_update(
            actor=self.request.user, milestone=milestone, partners=partners, **values
        )


class OutputFormView(_ObjectFormView):
    template_name = "programme/output_form.html"
    form_class = OutputForm
    lookup_kwarg = "output_id"

    def find(self, pk: int) -> Output | None:
        return selectors.output_in(partnership=self.partnership, output_id=pk)

    def get_initial(self) -> dict[str, Any]:
        output = self.get_object()
        if output is None:
            return {}
        return {
            "title": output.title,
            "kind": output.kind,
            "published_on": output.published_on,
            "summary": output.summary,
            "partners": list(output.partners.all()),
            "url": output.url,
            "is_public": output.is_public,
        }

    def perform(self, form: OutputForm) -> Output:
        output = self.get_object()
        keys = ("title", "kind", "published_on", "summary", "url", "file", "is_public")
        values = {k: form.cleaned_data[k] for k in keys}
        partners = list(form.cleaned_data["partners"])
        if output is None:
            self.success_message = "Output added"
            return services.output_create(
                actor=self.request.user, partnership=self.partnership, partners=partners, **values
            )
        self.success_message = "Output updated"
        return services.output_update(
            actor=self.request.user, output=output, partners=partners, **values
        )


class MilestoneDetailView(PartnershipView):
    template_name = "programme/milestone_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        milestone = found_or_404(
            selectors.milestone_in(
                partnership=self.partnership, milestone_id=kwargs["milestone_id"]
            )
        )
        return super().get_context_data(
            milestone=milestone,
            history=audit_entries(partnership=self.partnership, target=milestone)[:20],
            **kwargs,
        )


class OutputDetailView(PartnershipView):
    template_name = "programme/output_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        output = found_or_404(
            selectors.output_in(partnership=self.partnership, output_id=kwargs["output_id"])
        )
        return super().get_context_data(
            output=output,
            history=audit_entries(partnership=self.partnership, target=output)[:20],
            **kwargs,
        )


class _DeleteView(PartnershipView):
    """Asks for confirmation, then deletes through the service; the history keeps a record."""

    template_name = "programme/confirm_delete.html"
    capability = Capability.MANAGE_PROGRAMME
    noun = ""

    def target(self) -> Any:
        raise NotImplementedError

    def delete(self, obj: Any) -> None:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(object=self.target(), noun=self.noun, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.target()
        self.delete(obj)
        messages.success(request, f"{self.noun.capitalize()} ‘{obj}’ deleted")
        return HttpResponseRedirect(
            reverse("programme:timeline", kwargs={"partnership_slug": self.partnership.slug})
        )


class MilestoneDeleteView(_DeleteView):
    noun = "milestone"

    def target(self) -> Milestone:
        return found_or_404(
            selectors.milestone_in(
                partnership=self.partnership, milestone_id=self.kwargs["milestone_id"]
            )
        )

    def delete(self, obj: Milestone) -> None:
        services.milestone_delete(actor=self.request.user, milestone=obj)


class OutputFileView(PartnershipAccess):
    """An output's uploaded file, for members only: uploads are never served as public media."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> FileResponse:
        output = found_or_404(
            selectors.output_in(partnership=self.partnership, output_id=self.kwargs["output_id"])
        )
        if not output.file:
            raise Http404("This output has no file")
        try:
            handle = output.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The file is no longer stored") from missing
        return FileResponse(handle, as_attachment=True, filename=output.file_name)


class OutputDeleteView(_DeleteView):
    noun = "output"

    def target(self) -> Output:
        return found_or_404(
            selectors.output_in(partnership=self.partnership, output_id=self.kwargs["output_id"])
        )

    def delete(self, obj: Output) -> None:
        services.output_delete(actor=self.request.user, output=obj)
