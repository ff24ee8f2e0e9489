from django.urls import path

from equalpartners.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="create"),
    path("reports/<int:report_id>/", views.ReportDetailView.as_view(), name="detail"),
    path("reports/<int:report_id>/edit/", views.ReportEditView.as_view(), name="edit"),
    path("reports/<int:report_id>/generate/", views.GenerateView.as_view(), name="generate"),
    path("reports/<int:report_id>/progress/", views.ProgressView.as_view(), name="progress"),
    path("reports/<int:report_id>/report.pdf", views.PdfView.as_view(), name="pdf"),
    path("reports/<int:report_id>/report.md", views.MarkdownView.as_view(), name="markdown"),
    path("reports/<int:report_id>/publish/", views.PublishView.as_view(), name="publish"),
    path("reports/<int:report_id>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("reports/<int:report_id>/delete/", views.DeleteView.as_view(), name="delete"),
]
