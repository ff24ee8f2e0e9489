"""`{% offers_and_needs person %}`: what a person offers, is interested in and needs, for pages
in other apps (their templates may use it without those apps importing ours)."""

from __future__ import annotations

from typing import Any

from django import template

from equalpartners.networking.selectors import profile_of

register = template.Library()


@register.inclusion_tag("networking/includes/offers_and_needs.html")
def offers_and_needs(person: Any) -> dict[str, Any]:
    return {"profile": profile_of(person=person)}
