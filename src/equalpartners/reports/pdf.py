"""The report as a tagged PDF (PDF/UA-1) made by WeasyPrint, so screen readers can read it:
headings, lists and tables keep their structure, the document has its title and language,
and every heading is a bookmark. Made once, when the report is generated, and kept with it.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from equalpartners.reports.document import Document, document_of
from equalpartners.reports.models import Run

LANGUAGE = "en-GB"


def print_html(document: Document) -> str:
    """The HTML WeasyPrint reads: the document with the print styles inside it (it fetches
    nothing), and the title, author and language it copies into the PDF's metadata."""
    return render_to_string("reports/print.html", {"document": document, "language": LANGUAGE})


def report_pdf(run: Run) -> bytes:
    from weasyprint import HTML  # loaded only when a PDF is made

    pdf: bytes = HTML(string=print_html(document_of(run))).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
