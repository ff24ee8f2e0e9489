"""The three forms of a generated report, HTML, PDF and Markdown, contain exactly the
sections chosen; the PDF is tagged for screen readers (PDF/UA-1) with its title and language;
text people typed stays text in all three."""

from __future__ import annotations

import re

import pytest

from equalpartners.reports import selectors, services
from equalpartners.reports.document import Document, document_markdown
from equalpartners.reports.registry import SECTIONS

from .builders import generated, pdf_text

pytestmark = pytest.mark.django_db

CHOSEN = ["outputs", "decisions"]
TITLES = {section.key: section.title for section in SECTIONS}


def _pdf(report) -> bytes:
    snapshot = services.snapshot_pdf(report=report)
    assert snapshot is not None
    return snapshot[1]


def _document(report) -> Document:
    document = selectors.document_for(report=report)
    assert document is not None
    return document


def test_the_pdf_is_tagged_pdf_ua_with_title_and_language(partnership):
    made = generated(partnership, title="Our year together", sections=CHOSEN)
    pdf = _pdf(made)
    assert pdf.startswith(b"%PDF-")
    inside = pdf_text(pdf)
    assert b"/StructTreeRoot" in inside
    assert re.search(rb"/MarkInfo\s*<<\s*/Marked\s+true", inside)
    assert b"pdfuaid:part" in inside  # the PDF/UA identification, in the XMP metadata
    assert re.search(rb"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", inside)
    assert re.search(rb"/Lang\s*\(en-GB\)", inside)
    assert b"(Our year together)" in inside  # the title, as the document's and a bookmark
    assert re.search(rb"/DisplayDocTitle\s+true", inside)


def test_the_pdf_has_the_chosen_sections_and_no_others(partnership):
    pdf = pdf_text(_pdf(generated(partnership, sections=CHOSEN)))
    for key, title in TITLES.items():
        bookmark = f"({title})".encode()
        if key in CHOSEN:
            assert bookmark in pdf, title
        else:
            assert bookmark not in pdf, title


def test_the_html_has_the_chosen_sections_and_no_others(signed_in, partnership):
    made = generated(partnership, sections=CHOSEN)
    page = signed_in.get(made.get_absolute_url()).content.decode()
    page = page[page.index("<main") : page.index("</main>")]
    headings = re.findall(r'<h2 id="section-\w+" class="heading-l">([^<]+)</h2>', page)
    assert headings == [TITLES[key] for key in CHOSEN]
    for key, title in TITLES.items():
        if key not in CHOSEN:
            assert title not in page


def test_the_markdown_has_the_chosen_sections_and_no_others(partnership):
    made = generated(partnership, sections=CHOSEN)
    text = document_markdown(_document(made))
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE) == [TITLES[k] for k in CHOSEN]
    assert re.findall(r"^# (.+)$", text, flags=re.MULTILINE) == ["What we learned working together"]


def test_what_people_typed_stays_text_in_the_markdown(partnership):
    made = generated(
        partnership,
        title="# <img src=x onerror=alert(1)> [click](javascript:alert(1))",
        introduction="- not a list\n\n<script>alert(1)</script> *bold*",
        sections=["timeline"],
    )
    text = document_markdown(_document(made))
    assert not re.search(r"(?<!\\)<", text)  # every < escaped: no tag survives
    assert "\\<img src=x onerror=alert(1)\\>" in text
    assert "\\[click\\](javascript:alert(1))" in text
    assert "\n\\- not a list\n" in text
    assert "\\*bold\\*" in text


def test_the_markdown_section_headings_start_at_three(partnership):
    from .builders import programme_records

    programme_records(partnership)
    made = generated(partnership)
    document = _document(made)
    for part in document.parts:
        levels = {len(mark) for mark in re.findall(r"^(#+) ", part.markdown, flags=re.MULTILINE)}
        assert levels <= {3, 4, 5, 6}, part.key
