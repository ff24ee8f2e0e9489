"""The form for a learning report: its title, introduction, period and sections.

New reports start with every section and the partnership's whole life; the checks (a title,
a period in order, at least one section) are the model's, which the page shows beside the
fields.
"""

from __future__ import annotations

from typing import Any

from django import forms

from equalpartners.core.forms import DateField
from equalpartners.reports.models import INTRODUCTION_LIMIT, TITLE_LIMIT, Report
from equalpartners.reports.registry import SECTION_KEYS, SECTIONS


class ReportForm(forms.Form):
    title = forms.CharField(
        max_length=TITLE_LIMIT,
        help_text="For example, what we learned working together",
        error_messages={"required": "Enter a title for the report"},
    )
    introduction = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=INTRODUCTION_LIMIT,
        required=False,
        help_text="Plain text: who you are, what you set out to do and what readers will find. "
        "Leave a blank line between paragraphs",
    )
    since = DateField(
        label="Start of the period",
        help_text="The report covers what happened from this day. For example, 27 3 2025",
        error_messages={"required": "Enter the first day of the period"},
    )
    until = DateField(
        label="End of the period",
        help_text="The last day the report covers. For example, 27 3 2026",
        error_messages={"required": "Enter the last day of the period"},
    )
    sections = forms.MultipleChoiceField(
        label="Sections",
        choices=[(section.key, section.title) for section in SECTIONS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose what the report shows. Every section shows only what may be published",
        error_messages={"required": "Choose at least one section for the report"},
    )

    @staticmethod
    def initial_for_new(since: Any, until: Any) -> dict[str, Any]:
        return {"since": since, "until": until, "sections": list(SECTION_KEYS)}

    @staticmethod
    def initial_from(report: Report) -> dict[str, Any]:
        return {
            "title": report.title,
            "introduction": report.introduction,
            "since": report.since,
            "until": report.until,
            "sections": list(report.sections),
        }
