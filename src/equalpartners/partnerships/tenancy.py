"""Tenancy: the partnership comes from the URL, resolved once per request.

The middleware finds the partnership named by ``partnership_slug``, the signed-in person's
membership and the capabilities their role grants, and runs the view inside a django-scopes
scope for that partnership, so a query that forgets the tenant filter still cannot leak
another partnership's records. Whether the visitor may see the page is decided by the view
(``equalpartners.core.views.PartnershipView``), with 404 for anything not theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from equalpartners.core.capabilities import capabilities_of
from equalpartners.partnerships.models import Membership, Partnership


class TenancyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.partnership = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        request.capabilities = frozenset()  # type: ignore[attr-defined]
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if match is not None and match.app_name == "admin":
            # Staff superusers look across partnerships in the admin, and only there.
            with scopes_disabled():
                return self.get_response(request)
        slug = match.kwargs.get("partnership_slug") if match is not None else None
        membership = _membership(request, slug) if slug else None
        if membership is not None:
            partnership: Partnership | None = membership.partnership
        else:
            partnership = Partnership.objects.filter(slug=slug).first() if slug else None
        if partnership is None:
            # No tenant: the guard stays on, so any query of a tenant's records fails loudly.
            with scope():
                return self.get_response(request)
        with scope(partnership=partnership):
            request.partnership = partnership  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            request.capabilities = capabilities_of(  # type: ignore[attr-defined]
                membership.role if membership else None
            )
            return self.get_response(request)


def _membership(request: HttpRequest, slug: str) -> Membership | None:
    """The visitor's membership of the partnership named in the address, with the partnership:
    for a member, one query finds both."""
    if not request.user.is_authenticated:
        return None
    with scopes_disabled():  # the scope is what this finds out
        return (
            Membership.objects.filter(partnership__slug=slug, person__user_id=request.user.pk)
            .select_related("partnership", "person")
            .first()
        )
