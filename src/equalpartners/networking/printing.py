"""PDFs of printable pages with WeasyPrint: tagged (PDF/UA-1) so screen readers can read them,
titled from the page's <title>."""

from __future__ import annotations

from django.http import HttpResponse


def pdf_response(html: str, *, base_url: str, filename: str) -> HttpResponse:
    from weasyprint import HTML  # loaded only when a PDF is asked for

    document = HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
