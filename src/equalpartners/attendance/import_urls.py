"""The pages of an import, for ``attendance/urls.py`` to include as ``*import_patterns``."""

from django.urls import path

from equalpartners.attendance import import_views

PREFIX = "activities/<int:activity_id>/registration/import/"

import_patterns = [
    path(PREFIX, import_views.UploadView.as_view(), name="import"),
    path(PREFIX + "done/", import_views.DoneView.as_view(), name="import-done"),
    path(PREFIX + "<int:import_id>/", import_views.MappingView.as_view(), name="import-map"),
    path(
        PREFIX + "<int:import_id>/preview/",
        import_views.PreviewView.as_view(),
        name="import-preview",
    ),
]
