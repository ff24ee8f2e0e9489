"""A published report at its public address, for anyone, signed in or not: the page, the PDF
and the Markdown. The address holds a long random token; a report that is withdrawn (or was
never published) is not found there. While its snapshot is out of date (something was taken
back from it) the page says it is being updated and shows nothing of it; the downloads lead
there."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.views.generic import TemplateView, View
from django_scopes import scope, scopes_disabled

from equalpartners.reports import selectors, services
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

    def get_template_names(self) -> list[str]:
        if self.report.is_being_updated:
            return ["reports/public_updating.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        updating = self.report.is_being_updated
        return super().get_context_data(
            public_view=True,
            report=self.report,
            document=None if updating else selectors.document_for(report=self.report),
            **kwargs,
        )


class _Download(_Published):
    """A download of the snapshot; while it is being updated, the page that says so."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.report.is_being_updated:
            return HttpResponseRedirect(self.report.public_url_for())
        return self.download()

    def download(self) -> HttpResponseBase:
        raise NotImplementedError


class PublicPdfView(_Download):
    def download(self) -> FileResponse:
        return pdf_download(services.snapshot_pdf(report=self.report))


class PublicMarkdownView(_Download):
    def download(self) -> HttpResponse:
        document = selectors.document_for(report=self.report)
        if document is None:
            raise Http404("No published report at this address")
        return markdown_download(document_markdown(document), document.file_stem)
