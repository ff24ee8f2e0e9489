"""The base of the pages about mixing people at one activity."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import PartnershipView, found_or_404
from equalpartners.networking import selectors
from equalpartners.networking.models import SeatingPlan
from equalpartners.programme import selectors as programme_selectors


class ActivityPage(PartnershipView):
    """A page about mixing people at one activity, for those who run the programme."""

    capability = Capability.MANAGE_PROGRAMME

    def activity(self) -> Any:
        if not hasattr(self, "_activity"):
            self._activity = found_or_404(
                programme_selectors.activity_in(
                    partnership=self.partnership, activity_id=self.kwargs["activity_id"]
                )
            )
        return self._activity

    def plan(self) -> SeatingPlan:
        return found_or_404(selectors.plan_for(activity=self.activity()))

    def seating_url(self) -> str:
        return reverse(
            "networking:seating",
            kwargs={"partnership_slug": self.partnership.slug, "activity_id": self.activity().pk},
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(activity=self.activity(), **kwargs)
