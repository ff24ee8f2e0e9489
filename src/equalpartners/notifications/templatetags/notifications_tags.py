"""The link to your notifications, with how many are unread, for the site header."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from equalpartners.notifications.selectors import unread_count_for_user

register = template.Library()


@register.inclusion_tag("notifications/includes/header_link.html", takes_context=True)
def notifications_link(context: dict[str, Any]) -> dict[str, Any]:
    """One COUNT query for a signed-in user; nothing (and no query) for anyone else."""
    user = context.get("user")
    signed_in = user is not None and user.is_authenticated
    url = reverse("notifications:list")
    request = context.get("request")
    return {
        "signed_in": signed_in,
        "url": url,
        "current": request is not None and request.path == url,
        "unread": unread_count_for_user(user=user) if signed_in else 0,
    }
