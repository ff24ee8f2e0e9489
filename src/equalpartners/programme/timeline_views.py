"""The timeline page and its CSV and iCalendar exports."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify

from equalpartners.core.forms import valid_filters
from equalpartners.core.streaming import within_scope
from equalpartners.core.views import PartnershipAccess, PartnershipView
from equalpartners.programme import selectors
from equalpartners.programme.exports import timeline_csv, timeline_ical
from equalpartners.programme.forms import TimelineFilterForm
from equalpartners.programme.timeline import TimelineEntry, group_by_month, timeline_entries

# Cached timeline pieces are keyed by content version, so a change never shows stale entries;
# the expiry only frees memory held for versions no longer asked for.
CACHE_SECONDS = 60 * 60


def _filters(request: HttpRequest, partnership: Any) -> tuple[TimelineFilterForm, dict[str, Any]]:
    form = TimelineFilterForm(request.GET or None, partnership=partnership)
    chosen = valid_filters(form)
    return form, {"kind": chosen.get("kind", ""), "partner_id": chosen.get("partner")}


class TimelineView(PartnershipView):
    """One year of the timeline at a time, grouped by month, with past and future marked."""

    template_name = "programme/timeline.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form, chosen = _filters(self.request, self.partnership)
        today = timezone.localdate()
        partnership = self.partnership
        # Cached under the partnership's content version, which any change raises.
        years: list[int] = (
            cache.get_or_set(
                f"timeline-years:{partnership.pk}:{partnership.content_version}",
                lambda: selectors.activity_years(partnership=partnership),
                CACHE_SECONDS,
            )
            or []
        )
        year = _chosen_year(self.request.GET.get("year"), years, today.year)

        def entries() -> list[TimelineEntry]:
            return list(
                timeline_entries(
                    user=self.request.user, partnership=partnership, year=year, **chosen
                )
            )

        query = self.request.GET.copy()
        query.pop("year", None)
        return super().get_context_data(
            filters=form,
            years=years,
            year=year,
            today=today,
            # Read only if the template's cached fragment is missing.
            groups=SimpleLazyObject(lambda: group_by_month(entries())),
            filter_query=query.urlencode(),
            cache_seconds=CACHE_SECONDS,
            **kwargs,
        )


def _chosen_year(asked: str | None, years: list[int], this_year: int) -> int | None:
    if asked and asked.isdigit() and int(asked) in years:
        return int(asked)
    if asked == "all" or not years:
        return None
    return this_year if this_year in years else years[-1]


class TimelineCsvView(PartnershipAccess):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        _, chosen = _filters(request, self.partnership)
        entries = timeline_entries(
            user=request.user, partnership=self.partnership, stream=True, **chosen
        )
        response = StreamingHttpResponse(
            within_scope(
                timeline_csv(entries, base_url=request.build_absolute_uri("/")[:-1]),
                partnership=self.partnership,
            ),
            content_type="text/csv; charset=utf-8",
        )
        name = f"{slugify(self.partnership.slug)}-timeline.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class TimelineIcalView(PartnershipAccess):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        _, chosen = _filters(request, self.partnership)
        entries = timeline_entries(
            user=request.user, partnership=self.partnership, stream=True, **chosen
        )
        zones = (
            selectors.activities_visible_to(user=request.user, partnership=self.partnership)
            .values_list("time_zone", flat=True)
            .distinct()
        )
        response = StreamingHttpResponse(
            within_scope(
                timeline_ical(
                    entries,
                    calendar_name=self.partnership.name,
                    base_url=request.build_absolute_uri("/")[:-1],
                    domain=request.get_host().split(":")[0],
                    time_zones=list(zones),
                ),
                partnership=self.partnership,
            ),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'inline; filename="{self.partnership.slug}.ics"'
        return response
