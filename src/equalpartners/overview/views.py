"""The landing page, a partnership's home page, and its public page."""

from __future__ import annotations

from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View

from equalpartners.core.capabilities import Capability
from equalpartners.core.streaming import within_scope
from equalpartners.core.views import PartnershipView
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.programme import selectors as programme_selectors
from equalpartners.programme.exports import timeline_ical
from equalpartners.programme.models import ActivityStatus
from equalpartners.programme.timeline import group_by_month, timeline_entries

UPCOMING = 5
RECENT = 5
HOME_CACHE_SECONDS = 60


class LandingView(TemplateView):
    template_name = "overview/landing.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return HttpResponseRedirect(reverse("mine"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            public_partnerships=partnership_selectors.public_partnerships(), **kwargs
        )


class PartnershipHomeView(PartnershipView):
    """What is next, what happened recently, and where to go, by what the visitor may do."""

    template_name = "overview/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        # The page shows each activity's title, kind and start: none of the list's prefetches.
        activities = programme_selectors.activity_list(
            user=self.request.user, partnership=self.partnership
        ).prefetch_related(None)
        # A cancelled activity is neither coming up nor something that happened.
        activities = activities.exclude(status=ActivityStatus.CANCELLED)
        upcoming = activities.filter(ends_at__gte=now)[:UPCOMING]
        recent = activities.filter(ends_at__lt=now).order_by("-starts_at")[:RECENT]
        # Outputs dated in the future are planned, not yet something that happened.
        outputs = (
            programme_selectors.outputs_of(partnership=self.partnership)
            .filter(published_on__lte=timezone.localdate())
            .prefetch_related(None)
            .order_by("-published_on")[:RECENT]
        )
        capabilities = self.request.capabilities  # type: ignore[attr-defined]
        return super().get_context_data(
            upcoming=upcoming,
            recent=recent,
            outputs=outputs,
            partners=partnership_selectors.partners_of(partnership=self.partnership),
            can_manage_programme=Capability.MANAGE_PROGRAMME in capabilities,
            can_manage_people=Capability.MANAGE_PEOPLE in capabilities,
            can_manage_partnership=Capability.MANAGE_PARTNERSHIP in capabilities,
            # The lists above are read only when the template's cached copy is missing: it is
            # kept for the minute (what is "coming up" moves with the clock) and version.
            this_minute=now.strftime("%Y%m%d%H%M"),
            cache_seconds=HOME_CACHE_SECONDS,
            **kwargs,
        )


class PublicPageMixin:
    """Readable without an account, for public partnerships only (others are 404)."""

    def public_partnership(self, request: HttpRequest) -> Any:
        partnership = getattr(request, "partnership", None)
        if partnership is None or not partnership.is_public:
            raise Http404("No such partnership")
        return partnership


class PublicPageView(PublicPageMixin, TemplateView):
    template_name = "overview/public.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        partnership = self.public_partnership(self.request)
        entries = timeline_entries(user=None, partnership=partnership, public_only=True)
        return super().get_context_data(
            public_view=True,
            partnership=partnership,
            partners=partnership_selectors.partners_of(partnership=partnership),
            links=partnership_selectors.links_of(partnership=partnership),
            groups=group_by_month(entries),
            today=timezone.localdate(),
            **kwargs,
        )


class PublicCalendarView(PublicPageMixin, View):
    """The public timeline as a calendar feed people can subscribe to."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        partnership = self.public_partnership(request)
        entries = timeline_entries(
            user=None, partnership=partnership, public_only=True, stream=True
        )
        zones = (
            programme_selectors.activities_visible_to(
                user=None, partnership=partnership, public_only=True
            )
            .values_list("time_zone", flat=True)
            .distinct()
        )
        response = StreamingHttpResponse(
            within_scope(
                timeline_ical(
                    entries,
                    calendar_name=partnership.name,
                    base_url=request.build_absolute_uri("/")[:-1],
                    domain=request.get_host().split(":")[0],
                    time_zones=list(zones),
                ),
                partnership=partnership,
            ),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'inline; filename="{partnership.slug}.ics"'
        return response
