"""Text from people's records made safe to put in Markdown, for every app that writes it.

Markdown is often turned into HTML by whoever downloads it, and Markdown lets raw HTML and links
through; so every text that came from a record is escaped before it joins a document, and
nothing anyone typed can become a tag, a link, a table cell or a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters that mean something anywhere in a line of Markdown (or start raw HTML or an entity).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# What means something only at the start of a line: quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)([>+\-=]|\d+[.)])")


def md(text: object) -> str:
    """One line of text from a record, safe inside Markdown (and inside a table cell): it reads
    the same, and does nothing."""
    line = " ".join(str(text).split())
    line = _INLINE.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)


def md_cell(text: object) -> str:
    """Text for a table cell: escaped within the line (a cell never starts a block, so a
    leading minus sign stays as it is)."""
    return _INLINE.sub(r"\\\1", " ".join(str(text).split()))


def md_paragraphs(text: str) -> str:
    """Text from a record, paragraph by paragraph (blank lines between), each escaped."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", str(text).strip())]
    return "\n\n".join(md(part) for part in paragraphs if part)


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int) -> str:
    """A pipe table with every cell escaped; columns from ``numeric_from`` on are right-aligned."""
    align = ["---" if i < numeric_from else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(md_cell(cell) for cell in header) + " |"]
    lines.append("| " + " | ".join(align) + " |")
    lines += ["| " + " | ".join(md_cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker
