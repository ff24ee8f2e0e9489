"""A generated report as one document: its title, introduction, period and sections, read from
a run's snapshot. The HTML page, the public page, the PDF and the Markdown are all drawn from
this, so the four say the same thing and contain exactly the sections chosen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.text import slugify

from equalpartners.reports.models import Report, Run, RunSection
from equalpartners.reports.text import md, md_paragraphs, moment_text, period_text


@dataclass(frozen=True)
class Document:
    run: Run
    parts: tuple[RunSection, ...]
    partnership_name: str

    @property
    def title(self) -> str:
        return self.run.title

    @property
    def introduction(self) -> str:
        return self.run.introduction

    @property
    def since(self) -> dt.date:
        return self.run.since

    @property
    def until(self) -> dt.date:
        return self.run.until

    @property
    def period_text(self) -> str:
        return period_text(self.run.since, self.run.until)

    @property
    def generated_text(self) -> str:
        return moment_text(self.run.started_at, self.run.time_zone)

    @property
    def partners_text(self) -> str:
        return ", ".join(self.run.partner_names)

    @property
    def file_stem(self) -> str:
        return file_stem(self.run.title)


def file_stem(title: str) -> str:
    """A file name for the downloads, from the title: "equal-partners-what-we-learned"."""
    return slugify(title)[:80] or "learning-report"


def is_outdated(document: Document, report: Report) -> bool:
    """Whether the report was changed (title, introduction, period or sections) after this
    snapshot was generated, so that generating it again would show something else."""
    run = document.run
    chosen = (report.title, report.introduction, report.since, report.until, report.sections)
    return chosen != (run.title, run.introduction, run.since, run.until, run.sections)


def document_of(run: Run) -> Document:
    parts = tuple(RunSection.objects.filter(run=run).order_by("position"))
    return Document(run=run, parts=parts, partnership_name=run.partnership.name)


def document_markdown(document: Document) -> str:
    """The whole report in Markdown: the title as #, each section as ##, its parts below."""
    lines = [
        f"# {md(document.title)}",
        "",
        f"A learning report of {md(document.partnership_name)}"
        + (f" ({md(document.partners_text)})" if document.partners_text else "")
        + ".",
        "",
        f"Period: {document.period_text}. Generated {md(document.generated_text)}.",
    ]
    if document.introduction:
        lines += ["", md_paragraphs(document.introduction)]
    for part in document.parts:
        lines += ["", f"## {md(part.title)}", "", part.markdown.strip()]
    return "\n".join(lines) + "\n"
