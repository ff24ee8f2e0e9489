"""The sections a learning report can have, in the order a report shows them.

Each section is gathered from the app it is about, through that app's selectors, into a plain
object; the object is drawn as an HTML fragment by a template (headings from h3 down, the
report giving each section its h2) and written as Markdown by a function (### and below).
Adding a section means adding one entry here. Every gatherer returns only what may be
published: a report is made to be shared, and members see exactly what the public would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from equalpartners.health import report_markdown as health_markdown
from equalpartners.health import selectors as health
from equalpartners.learning import report_markdown as learning_markdown
from equalpartners.learning import selectors as learning
from equalpartners.networking import report_markdown as growth_markdown
from equalpartners.networking import selectors as networking
from equalpartners.reports.sections import actions, decisions, outputs, timeline


class Gather(Protocol):
    """Reads a section's records for the days ``since`` to ``until`` (both included)."""

    def __call__(self, partnership: Any, *, since: dt.date, until: dt.date) -> object: ...


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    gather: Gather
    template: str
    markdown: Callable[[Any], str]
    description: str = ""


SECTIONS: tuple[Section, ...] = (
    Section(
        key="timeline",
        title="Timeline",
        gather=timeline.gather,
        template="reports/sections/timeline.html",
        markdown=timeline.markdown,
        description="Public activities and the partnership's milestones, month by month",
    ),
    Section(
        key="outputs",
        title="Outputs",
        gather=outputs.gather,
        template="reports/sections/outputs.html",
        markdown=outputs.markdown,
        description="Public reports, research and resources published in the period",
    ),
    Section(
        key="actions",
        title="Actions and their follow-through",
        gather=actions.gather,
        template="reports/sections/actions.html",
        markdown=actions.markdown,
        description="How many actions committed to in the period are done, open or overdue, "
        "by partner (counts only: no names)",
    ),
    Section(
        key="decisions",
        title="Decisions and their outcomes",
        gather=decisions.gather,
        template="reports/sections/decisions.html",
        markdown=decisions.markdown,
        description="Joint decisions closed in the period, how many voted, and the outcome",
    ),
    Section(
        key="health",
        title="Partnership health checks",
        gather=health.report_section,
        template="health/report_section.html",
        markdown=health_markdown.report_markdown,
        description="Health checks and relationship surveys that closed in the period: "
        "results by factor with their bands, and the trend across waves, never for fewer "
        "than five people",
    ),
    Section(
        key="network",
        title="Network growth",
        gather=networking.report_section,
        template="networking/report_section.html",
        markdown=growth_markdown.report_markdown,
        description="How the network of contacts grew, with the map (organisations and "
        "sectors, no people's names)",
    ),
    Section(
        key="learning",
        title="Reflections and stories",
        gather=learning.report_section,
        template="learning/report_section.html",
        markdown=learning_markdown.report_markdown,
        description="Reflections marked public and chosen for the report, and the stories "
        "chosen in story rounds whose tellers agreed to share them",
    ),
)

SECTION_KEYS: tuple[str, ...] = tuple(section.key for section in SECTIONS)
SECTION_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}


def in_report_order(keys: list[str]) -> list[str]:
    """The chosen keys in the order the report shows them, each once."""
    chosen = set(keys)
    return [key for key in SECTION_KEYS if key in chosen]
