"""Pages for learning reports inside a partnership: the list, creating and changing a report,
the report itself, its progress while it is generated, the downloads, and publishing,
withdrawing and deleting it (each asked first)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from equalpartners.core.capabilities import Capability
from equalpartners.core.views import (
    ConfirmView,
    PartnershipAccess,
    PartnershipView,
    ServiceFormView,
    found_or_404,
)
from equalpartners.reports import selectors, services
from equalpartners.reports.document import document_markdown, is_outdated
from equalpartners.reports.downloads import markdown_download, pdf_download
from equalpartners.reports.forms import ReportForm
from equalpartners.reports.models import Report, RunStatus
from equalpartners.reports.progress import progress_of
from equalpartners.reports.registry import SECTIONS


def _can_manage(request: HttpRequest) -> bool:
    return Capability.MANAGE_LEARNING in request.capabilities  # type: ignore[attr-defined]


class ReportListView(PartnershipView):
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        now = timezone.now()
        reports = list(selectors.reports_of(partnership=self.partnership))
        rows = [(report, progress_of(report, now)) for report in reports]
        return super().get_context_data(rows=rows, can_manage=_can_manage(self.request), **kwargs)


class _ReportPage(PartnershipView):
    """A page about one report, found in the partnership named by the address."""

    def report(self) -> Report:
        if not hasattr(self, "_report"):
            self._report = found_or_404(
                selectors.report_in(
                    partnership=self.partnership, report_id=self.kwargs["report_id"]
                )
            )
        return self._report


class _ReportFormView(ServiceFormView):
    capability = Capability.MANAGE_LEARNING
    template_name = "reports/report_form.html"
    form_class = ReportForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(sections=SECTIONS, **kwargs)


class ReportCreateView(_ReportFormView):
    """Create a report and start generating it straight away."""

    success_message = "Report created. It is being generated"

    def get_initial(self) -> dict[str, Any]:
        since, until = selectors.whole_life(partnership=self.partnership)
        return ReportForm.initial_for_new(since, until)

    def perform(self, form: ReportForm) -> str:
        report = services.report_create(
            actor=self.request.user,
            partnership=self.partnership,
            generate=True,
            **form.cleaned_data,
        )
        return report.url_for("progress")


class ReportEditView(_ReportFormView, _ReportPage):
    success_message = "Report changed. Generate it again to show the changes"

    def get_initial(self) -> dict[str, Any]:
        return ReportForm.initial_from(self.report())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(report=self.report(), **kwargs)

    def perform(self, form: ReportForm) -> Report:
        return services.report_update(
            actor=self.request.user, report=self.report(), **form.cleaned_data
        )


class ReportDetailView(_ReportPage):
    """The report as generated (its snapshot), with what its managers can do with it."""

    template_name = "reports/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self.report()
        # Out of date since something was taken back: shown to nobody until made again.
        updating = report.is_being_updated
        document = None if updating else selectors.document_for(report=report)
        return super().get_context_data(
            report=report,
            document=document,
            updating=updating,
            outdated=document is not None and is_outdated(document, report),
            progress=progress_of(report, timezone.now()),
            public_address=self.request.build_absolute_uri(report.public_url_for()),
            can_manage=_can_manage(self.request),
            **kwargs,
        )


class ProgressView(_ReportPage):
    """How generation is going, read again by "Check again" (or the page's script): a page
    that works without JavaScript and goes to the report once it is ready."""

    template_name = "reports/progress.html"
    capability = Capability.MANAGE_LEARNING

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.report()
        progress = progress_of(report, timezone.now())
        if progress.status is None or (
            progress.status == RunStatus.DONE and progress.run_id == report.snapshot_id
        ):
            if progress.status == RunStatus.DONE:
                messages.success(request, "The report is ready")
            return HttpResponseRedirect(report.get_absolute_url())
        return self.render_to_response(
            self.get_context_data(report=report, progress=progress, **kwargs)
        )


class _ReportConfirmView(ConfirmView, _ReportPage):
    template_name = "reports/confirm.html"
    capability = Capability.MANAGE_LEARNING
    record_name = "report"

    def record(self) -> Report:
        return self.report()


class GenerateView(_ReportConfirmView):
    heading = "Generate the report again?"
    explanation = (
        "The report is gathered again from the partnership's records as they are now, for the "
        "period and sections it covers. What it shows now, and at its public address if it is "
        "published, stays until the new one is ready; then the new one replaces it."
    )
    button = "Generate the report"

    def get_success_url(self) -> str:
        return self.report().url_for("progress")

    def act(self) -> str:
        services.report_generate(actor=self.request.user, report=self.report())
        return "The report is being generated"


class PublishView(_ReportConfirmView):
    heading = "Publish the report?"
    explanation = (
        "Anyone with its public address can then read the report and download it, without "
        "signing in. It shows what it shows here: public activities and outputs, the "
        "partnership's milestones in the period (titles and descriptions), counts of "
        "actions, decisions and their outcomes, health check results for groups of five or "
        "more, public reflections, stories told with consent, and the network map without "
        "names. You can withdraw it at any time."
    )
    button = "Publish the report"

    def act(self) -> str:
        services.report_publish(actor=self.request.user, report=self.report())
        return "The report is published at its public address"


class WithdrawView(_ReportConfirmView):
    heading = "Withdraw the report?"
    explanation = (
        "Its public address will answer “page not found” until you publish it again. Copies "
        "people have already downloaded stay with them."
    )
    button = "Withdraw the report"
    warning = True

    def act(self) -> str:
        services.report_withdraw(actor=self.request.user, report=self.report())
        return "The report is withdrawn. Its public address no longer shows it"


class DeleteView(_ReportConfirmView):
    heading = "Delete the report?"
    explanation = (
        "The report, everything generated for it and its public address are deleted. This "
        "cannot be undone."
    )
    button = "Delete the report"
    warning = True

    def get_success_url(self) -> str:
        return reverse("reports:list", kwargs={"partnership_slug": self.partnership.slug})

    def act(self) -> str:
        report = self.report()
        services.report_delete(actor=self.request.user, report=report)
        return f"Deleted “{report.title}”"


class _DownloadView(PartnershipAccess):
    """A download of the snapshot; while it is being updated, the report's page says so."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        report = found_or_404(
            selectors.report_in(partnership=self.partnership, report_id=self.kwargs["report_id"])
        )
        if report.is_being_updated:
            return HttpResponseRedirect(report.get_absolute_url())
        return self.download(report)

    def download(self, report: Report) -> HttpResponseBase:
        raise NotImplementedError


class PdfView(_DownloadView):
    def download(self, report: Report) -> FileResponse:
        return pdf_download(services.snapshot_pdf(report=report))


class MarkdownView(_DownloadView):
    def download(self, report: Report) -> HttpResponse:
        document = found_or_404(selectors.document_for(report=report))
        return markdown_download(document_markdown(document), document.file_stem)
