"""A public partnership's public reflections, for anyone, signed in or not: the list and each
reflection. "Public" is one of the three choices an author has, so a public reflection must be
readable somewhere without an account; here it is, beside the partnership's public page.

Like that page, these answer only for a partnership that is public (others are 404). Who is
looking makes no difference: members see here what the public sees.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import TemplateView

from equalpartners.learning import selectors

PAGE_SIZE = 25


class _PublicPage(TemplateView):
    def public_partnership(self) -> Any:
        partnership = getattr(self.request, "partnership", None)
        if partnership is None or not partnership.is_public:
            raise Http404("No such partnership")
        return partnership

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            public_view=True, partnership=self.public_partnership(), **kwargs
        )


class PublicReflectionListView(_PublicPage):
    template_name = "learning/public_reflections.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reflections = selectors.public_reflections(partnership=self.public_partnership())
        page = Paginator(reflections, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, reflections=list(page.object_list), **kwargs)


class PublicReflectionView(_PublicPage):
    template_name = "learning/public_reflection.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        reflection = (
            selectors.public_reflections(partnership=self.public_partnership())
            .filter(pk=self.kwargs["reflection_id"])
            .first()
        )
        if reflection is None:
            raise Http404("No such reflection")
        return super().get_context_data(reflection=reflection, **kwargs)
