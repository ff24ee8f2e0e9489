"""A report's downloads: the PDF kept with its snapshot, and the Markdown, as files."""

from __future__ import annotations

import io

from django.http import FileResponse, Http404, HttpResponse

from equalpartners.reports.document import file_stem


def pdf_download(snapshot: tuple[str, bytes] | None) -> FileResponse:
    """The snapshot's PDF as a download, read out in blocks."""
    if snapshot is None:
        raise Http404("This report has not been generated yet")
    title, pdf = snapshot
    return FileResponse(
        io.BytesIO(pdf),
        as_attachment=True,
        filename=f"{file_stem(title)}.pdf",
        content_type="application/pdf",
    )


def markdown_download(text: str, stem: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.md"'
    return response
