"""`{% offers_and_needs person %}`: what a person offers, is interested in and needs (only the
items the visitor may see), for pages in other apps (their templates may use it without those
apps importing ours)."""

from __future__ import annotations

from typing import Any

from django import template

from equalpartners.networking.selectors import profile_visible_to

register = template.Library()


@register.inclusion_tag("networking/includes/offers_and_needs.html", takes_context=True)
def offers_and_needs(context: template.Context, person: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"profile": profile_visible_to(user=user, person=person)}
