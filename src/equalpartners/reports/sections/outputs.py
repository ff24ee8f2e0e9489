"""The outputs section: the public reports, research and resources published in the period.

Outputs not marked public stay out, and so do uploaded files (they are read signed in); an
output's own web address is given where it has one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from equalpartners.programme import selectors as programme
from equalpartners.programme.models import OutputKind
from equalpartners.reports.text import between_text, md, md_paragraphs, plural, short_day_text


@dataclass(frozen=True)
class OutputItem:
    title: str
    kind_label: str
    published_on: dt.date
    partners: tuple[str, ...]
    summary: str = ""
    url: str = ""

    @property
    def date_text(self) -> str:
        return short_day_text(self.published_on)


@dataclass(frozen=True)
class OutputsSection:
    since: dt.date
    until: dt.date
    items: tuple[OutputItem, ...]
    # (kind, how many), in the order of the kinds, only those with any.
    kinds: tuple[tuple[str, int], ...]

    @property
    def between(self) -> str:
        return between_text(self.since, self.until)

    @property
    def count_text(self) -> str:
        kinds = "; ".join(f"{kind}: {count}" for kind, count in self.kinds)
        return f"{plural(len(self.items), 'output', 'outputs')} ({kinds})"


def gather(partnership: Any, *, since: dt.date, until: dt.date) -> OutputsSection:
    outputs = (
        programme.outputs_of(partnership=partnership, public_only=True)
        .filter(published_on__gte=since, published_on__lte=until)
        .order_by("published_on", "pk")
    )
    items = tuple(
        OutputItem(
            title=output.title,
            kind_label=output.get_kind_display(),
            published_on=output.published_on,
            partners=tuple(str(partner) for partner in output.partners.all()),
            summary=output.summary,
            url=output.url,
        )
        for output in outputs
    )
    counts = Counter(item.kind_label for item in items)
    kinds = tuple((label, counts[label]) for _, label in OutputKind.choices if counts[label])
    return OutputsSection(since=since, until=until, items=items, kinds=kinds)


def markdown(section: OutputsSection) -> str:
    if not section.items:
        return f"No public outputs were published {section.between}.\n"
    lines = [f"{section.count_text} published {section.between}."]
    for item in section.items:
        lines += ["", f"### {md(item.title)}", "", f"{md(item.kind_label)}, {item.date_text}."]
        if item.partners:
            lines += ["", f"By {md(', '.join(item.partners))}."]
        if item.summary:
            lines += ["", md_paragraphs(item.summary)]
        if item.url:
            lines += ["", f"Read it at {_link(item.url)}"]
    return "\n".join(lines) + "\n"


def _link(url: str) -> str:
    """A web address as an autolink; only http(s) addresses (the model's URL field allows no
    others) and with the characters that would end the link escaped."""
    if not url.startswith(("https://", "http://")):
        return md(url)
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"
