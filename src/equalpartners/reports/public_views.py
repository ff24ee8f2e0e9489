"""A published report at its public address, for anyone, signed in or not: the page, the PDF
and the Markdown. The address holds a long random token; a report that is withdrawn (or was
never published) is not found there."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.generic import TemplateView, View
from django_scopes import scope, scopes_disabled

from equalpartners.reports import selectors
from equalpartners.reports.document import document_markdown
from equalpartners.reports.downloads import markdown_download, pdf_download
from equalpartners.reports.models import Report


class _Published(View):
    """Finds the published report by the token in the address, then answers inside its
    partnership's tenant scope."""

    report: Report

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with scopes_disabled():
            report = selectors.published_report(token=kwargs["token"])
        if report is None:
            raise Http404("No published report at this address")
        self.report = report
        with scope(partnership=report.partnership):
            return super().dispatch(request, *args, **kwargs)


class PublicReportView(_Published, TemplateView):
    template_name = "reports/public.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            public_view=True,
            report=self.report,
            document=selectors.document_for(report=self.report),
            **kwargs,
        )


class PublicPdfView(_Published):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        return pdf_download(selectors.snapshot_pdf(report=self.report))


class PublicMarkdownView(_Published):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        document = selectors.document_for(report=self.report)
        if document is None:
            raise Http404("No published report at this address")
        return markdown_download(document_markdown(document), document.file_stem)
