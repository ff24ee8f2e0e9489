"""The learning report's section on reflections and stories, as Markdown (### and below; the
report gives the section its ## heading).

People's words are escaped, so that what they wrote reads as they wrote it: a line starting
with "#" or "1." stays a sentence, not a heading or a list, and brackets make no links.
"""

from __future__ import annotations

import datetime as dt
import re

from equalpartners.core.markdown import md as escape  # one line of words, escaped
from equalpartners.learning.report import LearningReportSection, ReportReflection, ReportStory


def paragraphs(text: str) -> list[str]:
    """Someone's text as Markdown paragraphs: blank lines part them, each line is escaped."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    out = []
    for block in blocks:
        lines = [escape(line) for line in block.split("\n") if line.strip()]
        if lines:
            out.append("\n".join(lines))
    return out


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _answer(label: str, text: str) -> list[str]:
    return [f"**{label}**", *paragraphs(text)] if text.strip() else []


def _reflection(reflection: ReportReflection) -> list[str]:
    by = escape(reflection.author)
    if reflection.organisation:
        by += f", {escape(reflection.organisation)}"
    about = ""
    if reflection.activities:
        about = " About: " + "; ".join(escape(a) for a in reflection.activities) + "."
    return [
        f"#### {escape(reflection.title)}",
        f"By {by}, written on {_day(reflection.written_on)}.{about}",
        *_answer("What worked", reflection.what_worked),
        *_answer("What was hard", reflection.what_was_hard),
        *_answer("What we would do differently", reflection.do_differently),
    ]


def _story(story: ReportStory) -> list[str]:
    teller = escape(story.teller)
    if story.organisation:
        teller += f" ({escape(story.organisation)})"
    blocks = [
        f"#### {escape(story.title)}",
        f"Told by {teller} on {_day(story.told_on)}. Domain of change: {escape(story.domain)}.",
        *paragraphs(story.story),
        *_answer("Why it matters to the teller", story.why_it_matters),
    ]
    for choice in story.choices:
        people = f"{choice.selector_count} {'person' if choice.selector_count == 1 else 'people'}"
        blocks += [
            f"**Chosen in “{escape(choice.round)}”** on {_day(choice.chosen_on)}, by a group "
            f"of {people}. Their reasons:",
            *paragraphs(choice.reasons),
        ]
    return blocks


def report_markdown(section: LearningReportSection) -> str:
    period = f"{_day(section.since)} and {_day(section.until)}"
    if section.is_empty:
        return f"No reflections or stories of change were chosen for the report between {period}.\n"
    blocks: list[str] = []
    if section.reflections:
        blocks += [
            "### Reflections",
            f"What people in the partnership learned, in their own words, between {period}.",
        ]
        for reflection in section.reflections:
            blocks += _reflection(reflection)
    if section.stories:
        blocks += [
            "### Stories of most significant change",
            "Stories of change told between "
            f"{period}, chosen by a group of people as the most significant, with their reasons.",
        ]
        for story in section.stories:
            blocks += _story(story)
    return "\n\n".join(blocks) + "\n"
