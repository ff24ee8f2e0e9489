"""Importing an attendee list, in four steps: upload the file, check which column holds what,
preview (nothing saved; every row's errors shown), and the import, which saves all or nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from equalpartners.attendance import import_services, importing
from equalpartners.attendance.import_forms import ImportForm, MappingForm, UploadForm
from equalpartners.attendance.import_models import PendingImport
from equalpartners.attendance.views import ActivityMixin
from equalpartners.core.views import (
    PartnershipView,
    ServiceFormView,
    add_service_errors,
    found_or_404,
)
from equalpartners.programme.models import Activity

# The preview lists every row with errors up to this many, then this many of the rows ready.
ERROR_ROWS_SHOWN = 1000
READY_ROWS_SHOWN = 200


def _done_key(activity: Activity) -> str:
    return f"attendance-import-done-{activity.pk}"


class ImportMixin(ActivityMixin):
    """A step of an import into one activity's registrations; organisers only."""

    def pending(self) -> PendingImport:
        if not hasattr(self, "_pending"):
            self._pending = found_or_404(
                import_services.pending_import_in(
                    activity=self.activity(),
                    user=self.request.user,
                    import_id=self.kwargs["import_id"],
                )
            )
        return self._pending


class StepView(ImportMixin, ServiceFormView):
    """A step whose form calls one service and goes on to the next step, without a banner."""

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            next_url = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(str(next_url))


class UploadView(StepView):
    template_name = "attendance/import/upload.html"
    form_class = UploadForm

    def perform(self, form: Any) -> str:
        pending = import_services.pending_import_create(
            actor=self.request.user,
            activity=self.activity(),
            table=form.table,
            file_name=form.cleaned_data["file"].name or "",
        )
        return self.url("import-map", import_id=pending.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            targets=importing.TARGETS,
            max_mb=importing.MAX_BYTES // (1024 * 1024),
            max_rows=f"{importing.MAX_ROWS:,}",
            **kwargs,
        )


class MappingView(StepView):
    template_name = "attendance/import/map.html"
    form_class = MappingForm

    def get_form(self, form_class: Any = None) -> MappingForm:
        pending = self.pending()
        return MappingForm(
            table=import_services.table_of(pending),
            questions=import_services.question_specs(activity=self.activity()),
            mapping=import_services.mapping_of(pending),
            **self.get_form_kwargs(),
        )

    def perform(self, form: Any) -> str:
        import_services.pending_import_map(
            actor=self.request.user, pending=self.pending(), mapping=form.mapping()
        )
        return self.url("import-preview", import_id=self.pending().pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        pending = self.pending()
        return super().get_context_data(pending=pending, row_count=len(pending.rows), **kwargs)


class PreviewView(StepView):
    template_name = "attendance/import/preview.html"
    form_class = ImportForm

    def perform(self, form: Any) -> str:
        result = import_services.import_run(
            actor=self.request.user,
            pending=self.pending(),
            expected=form.cleaned_data["expected"],
            only_valid=form.cleaned_data["only_valid"],
            notify=form.cleaned_data["notify"],
        )
        self.request.session[_done_key(self.activity())] = {
            "places": result.places,
            "waiting": result.waiting,
            "skipped": result.skipped,
            "notified": bool(form.cleaned_data["notify"]),
        }
        return self.url("import-done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        pending = self.pending()
        preview = import_services.preview(pending=pending)
        with_errors = preview.check.with_errors
        ready = preview.check.ready
        shown_ready = [
            (row, index < preview.places.places)
            for index, row in enumerate(ready[:READY_ROWS_SHOWN])
        ]
        return super().get_context_data(
            pending=pending,
            preview=preview,
            error_rows=with_errors[:ERROR_ROWS_SHOWN],
            error_rows_hidden=max(0, len(with_errors) - ERROR_ROWS_SHOWN),
            ready_rows=shown_ready,
            ready_rows_hidden=max(0, len(ready) - READY_ROWS_SHOWN),
            total=len(preview.check.rows),
            **kwargs,
        )

    def get_initial(self) -> dict[str, Any]:
        return {"notify": False}


class DoneView(ImportMixin, PartnershipView):
    template_name = "attendance/import/done.html"
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        result = request.session.pop(_done_key(self.activity()), None)
        if not isinstance(result, dict):
            return HttpResponseRedirect(self.url("list"))
        imported = int(result.get("places", 0)) + int(result.get("waiting", 0))
        return self.render_to_response(
            self.get_context_data(result=result, imported=imported, **kwargs)
        )
