"""Network growth pages: the map and figures for a period (with the ties as CSV), and saying
who you worked with (and taking it back).

The page reads its choices from GET, so a view of the network is a link anyone in the
partnership can share; with no choices it shows the last twelve months.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse

from equalpartners.core.capabilities import Capability
from equalpartners.core.streaming import within_scope
from equalpartners.core.views import (
    ConfirmView,
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.networking import declarations, services
from equalpartners.networking.growth import network_for
from equalpartners.networking.growth_display import growth_context
from equalpartners.networking.growth_forms import DeclareTieForm, GrowthFilterForm, a_year_before
from equalpartners.networking.network_ties import SOURCE_LABELS, all_ties, focus_of, people_in
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.programme import selectors as programme_selectors


def growth_url(partnership: Any) -> str:
    return reverse("networking:growth", kwargs={"partnership_slug": partnership.slug})


class _Filtered(PartnershipAccess):
    """The filter form, bound to GET (or, with no choices at all, the last twelve months)."""

    def filters(self) -> GrowthFilterForm:
        if not hasattr(self, "_filters"):
            today = programme_selectors.partnership_today(self.partnership)
            partners = partnership_selectors.partners_of(partnership=self.partnership)
            data = self.request.GET if self.request.GET else None
            form = GrowthFilterForm(data, partners=partners, today=today)
            if data is None:
                form.initial = {"since": a_year_before(today), "until": today}
            self._filters = form
        return self._filters

    def choices(self) -> dict[str, Any] | None:
        """What to measure, or None when the choices have errors."""
        form = self.filters()
        if not form.is_bound:
            return {**form.initial, "partner": None, "sector": ""}
        return form.choices() if form.is_valid() else None


class GrowthView(_Filtered, PartnershipView):
    template_name = "networking/growth.html"
    capability = Capability.VIEW

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=self.filters(), **kwargs)
        choices = self.choices()
        if choices is None:
            return context
        growth = network_for(self.partnership, viewer=self.request.user, **choices)
        return {**context, **growth_context(growth), "csv_query": self.request.GET.urlencode()}


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(value: str) -> str:
    """Stop spreadsheet programs reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class GrowthTiesCsvView(_Filtered):
    """Every tie in the period (a row per contact recorded, each with its source and date), as
    the page chooses them, streamed row by row."""

    capability = Capability.VIEW

    def get(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse | StreamingHttpResponse:
        choices = self.choices()
        if choices is None:
            return HttpResponseRedirect(f"{growth_url(self.partnership)}?{request.GET.urlencode()}")
        response = StreamingHttpResponse(
            within_scope(self._rows(**choices), partnership=self.partnership),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="ties.csv"'
        return response

    def _rows(self, *, since: Any, until: Any, partner: Any, sector: str) -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield "\ufeff"
        yield writer.writerow(
            [
                "person_a",
                "organisation_a",
                "sector_a",
                "person_b",
                "organisation_b",
                "sector_b",
                "source",
                "date",
            ]
        )
        people = people_in(partnership=self.partnership)
        chosen = focus_of(people, partner=partner, sector=sector)
        for a, b, on, source in all_ties(
            partnership=self.partnership, viewer=self.request.user, until=until
        ):
            if (since is not None and on < since) or a not in people or b not in people:
                continue
            if a not in chosen and b not in chosen:
                continue
            ends = [
                _safe(value)
                for pid in (a, b)
                for value in (people[pid].name, people[pid].organisation, people[pid].sector_label)
            ]
            yield writer.writerow([*ends, SOURCE_LABELS.get(source, source), on.isoformat()])


class TieDeclareView(ServiceFormView):
    """Say who you worked with; your earlier declarations are listed below, to remove."""

    template_name = "networking/tie_declare.html"
    form_class = DeclareTieForm
    capability = Capability.CONTRIBUTE
    success_message = "Saved: it counts as a tie in the network from the date you gave"

    def person(self) -> Any:
        return self.request.membership.person  # type: ignore[attr-defined]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "people": declarations.people_to_declare_with(
                partnership=self.partnership, person=self.person()
            ),
            "today": programme_selectors.partnership_today(self.partnership),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        mine = declarations.declared_by(partnership=self.partnership, person=self.person())
        return super().get_context_data(
            declared=[(tie, declarations.other_end(tie, self.person())) for tie in mine],
            back=growth_url(self.partnership),
            **kwargs,
        )

    def perform(self, form: DeclareTieForm) -> str:
        data = form.cleaned_data
        services.tie_declare(
            actor=self.request.user,
            partnership=self.partnership,
            person=self.person(),
            other=data["other"],
            on=data["on"],
            note=data["note"],
        )
        return reverse("networking:tie-declare", kwargs={"partnership_slug": self.partnership.slug})


class TieRemoveView(ConfirmView):
    """Remove one of your own declarations, after asking."""

    template_name = "networking/tie_remove.html"
    capability = Capability.CONTRIBUTE
    heading = "Remove this tie?"
    button = "Remove"
    warning = True
    record_name = "tie"

    def person(self) -> Any:
        return self.request.membership.person  # type: ignore[attr-defined]

    def record(self) -> Any:
        if not hasattr(self, "_tie"):
            self._tie = found_or_404(
                declarations.declared_tie_of(
                    partnership=self.partnership, person=self.person(), tie_id=self.kwargs["tie_id"]
                )
            )
        return self._tie

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        other = declarations.other_end(self.record(), self.person())
        self.explanation = (
            f"You said you worked with {other.name} on {self.record().on:%-d %B %Y}. Removing "
            "it takes the tie out of the network's figures (unless you met in another way)."
        )
        return super().get_context_data(other=other, back=self.get_success_url(), **kwargs)

    def get_success_url(self) -> str:
        return reverse("networking:tie-declare", kwargs={"partnership_slug": self.partnership.slug})

    def act(self) -> str:
        tie = self.record()
        other = declarations.other_end(tie, self.person())
        services.tie_withdraw(actor=self.request.user, tie=tie, person=self.person())
        return f"Removed: you no longer say you worked with {other.name}"
