"""The timeline's entries, rendered in Python.

A year of a large partnership's timeline holds hundreds of entries. Through the template
language each cost a dozen variable lookups and three date comparisons, which together took
longer than reading the entries from the database; ``format_html`` escapes every value just as
the template did.
"""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from equalpartners.programme.timeline import TimelineEntry

register = template.Library()


@register.simple_tag
def timeline_entry(entry: TimelineEntry, today: dt.date, public_view: bool = False) -> SafeString:
    """One entry as a list item, marked past, today or coming up."""
    if entry.on < today:
        tense, tag, word = "past", "tag--grey", "Past"
    else:
        tense, tag, word = "future", "tag--blue", "Today" if entry.on == today else "Coming up"
    title = (
        entry.title if public_view else format_html('<a href="{}">{}</a>', entry.url, entry.title)
    )
    meta = " · ".join(
        part for part in (entry.kind_label, entry.status_label, ", ".join(entry.partners)) if part
    )
    # A decision's outcome is the point of its entry; other kinds keep the page short.
    outcome = (
        format_html('<p class="timeline__summary">{}</p>', Truncator(entry.summary).chars(300))
        if entry.kind == "decision" and entry.summary
        else ""
    )
    return format_html(
        '<li class="timeline__item timeline__item--{}">'
        '<p class="timeline__date">{} <span class="tag {}">{}</span></p>'
        '<p class="timeline__title">{}</p>'
        '<p class="timeline__meta">{}</p>{}</li>',
        tense,
        entry.when_text,
        tag,
        word,
        title,
        meta,
        outcome,
    )
