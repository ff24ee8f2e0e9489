"""The public reflections of a public partnership, signed in or not. Included by the
partnership's public pages (``overview.public_urls``) as ``learning/``, so they sit at
``/public/<partnership_slug>/learning/reflections/`` and are named in its ``public`` namespace."""

from django.urls import path

from equalpartners.learning import public_views

urlpatterns = [
    path(
        "reflections/",
        public_views.PublicReflectionListView.as_view(),
        name="learning-reflections",
    ),
    path(
        "reflections/<int:reflection_id>/",
        public_views.PublicReflectionView.as_view(),
        name="learning-reflection",
    ),
]
