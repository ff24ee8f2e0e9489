"""The project's addresses, plus two references for the benchmark.

``/bench/bare/`` answers "ok" without touching the database or a template, through the same
middleware, server and workers as the real pages: the ratio of a page's throughput to it says
how much the page costs. ``/p/<slug>/bench/empty/`` is a partnership page with nothing on it
(sign-in, partnership, membership and the base template): the least any such page costs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from equalpartners.core.views import PartnershipView


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


class EmptyPage(PartnershipView):
    template_name = "core/base.html"


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("p/<slug:partnership_slug>/bench/empty/", EmptyPage.as_view(), name="bench-empty"),
    path("", include("equalpartners.urls")),
]
