"""The public addresses of published learning reports, reached by a link with a secret token,
signed in or not. Mounted at the root: ``path("reports/", include(...))``."""

from django.urls import path

from equalpartners.reports import public_views

app_name = "reports_public"

urlpatterns = [
    path("<str:token>/", public_views.PublicReportView.as_view(), name="report"),
    path("<str:token>/report.pdf", public_views.PublicPdfView.as_view(), name="pdf"),
    path("<str:token>/report.md", public_views.PublicMarkdownView.as_view(), name="markdown"),
]
