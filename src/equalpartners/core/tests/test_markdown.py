"""Escaping for Markdown, checked against a Markdown renderer (markdown-it-py, CommonMark):
whatever someone typed reads the same once rendered and becomes no tag, link or table cell."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from equalpartners.core.markdown import md, md_cell, md_paragraphs, md_table

RENDERER = MarkdownIt("commonmark", {"html": True}).enable("table")
TRICKY = st.text(
    alphabet=st.sampled_from(list("ab 1.-+#>*_`[]()<>|!~&;=\\/:\n"))
    | st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    max_size=40,
)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@settings(max_examples=400)
@given(TRICKY)
def test_a_line_renders_as_plain_text_in_one_paragraph(text):
    rendered = RENDERER.render(md(text))
    if not _normal(text):
        assert rendered == ""
        return
    tags = set(re.findall(r"<(/?\w+)", rendered))
    assert tags <= {"p", "/p"}, rendered
    assert _text_of(rendered) == _normal(text)


@settings(max_examples=200)
@given(TRICKY, TRICKY)
def test_a_table_cell_stays_one_cell_and_reads_the_same(left, right):
    rendered = RENDERER.render(md_table(["Name", "Figure"], [[left, right]], numeric_from=1))
    cells = re.findall(r"<td[^>]*>(.*?)</td>", rendered, flags=re.S)
    assert len(cells) == 2, rendered
    assert [_text_of(cell) for cell in cells] == [_normal(left), _normal(right)]
    assert not re.search(r"<(?!/?(table|thead|tbody|tr|th|td)\b)\w", rendered)


def test_the_known_attacks_are_inert():
    attack = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) | # heading"
    assert md_cell(attack) == (
        r"\<img src=x onerror=alert(1)\> \[x\](javascript:alert(1)) \| \# heading"
    )
    assert "<img" not in RENDERER.render(md(attack))
    assert md_cell("-0.33") == "-0.33"  # numbers in cells stay readable


def test_paragraphs_stay_paragraphs():
    assert md_paragraphs("One\n\n\n- two\nlines") == "One\n\n\\- two lines"
