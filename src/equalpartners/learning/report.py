"""The learning report's section on reflections and stories, as plain values.

Only what may be published goes in: reflections that are public *and* chosen for the report,
and stories a selection round chose whose teller agreed to their being shared in a public
report. A reflection's links name public activities only. The people who chose are counted,
not named. The reports app renders this with ``learning/report_section.html`` (HTML) or
``learning.report_markdown.report_markdown`` (Markdown).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, replace

from django.db.models import Count, Prefetch

from equalpartners.learning.models import Reflection, Selection, Visibility
from equalpartners.partnerships.models import Partnership
from equalpartners.programme import selectors as programme_selectors


@dataclass(frozen=True)
class ReportReflection:
    title: str
    what_worked: str
    what_was_hard: str
    do_differently: str
    author: str
    organisation: str
    written_on: dt.date
    activities: tuple[str, ...]  # the public activities it is about


@dataclass(frozen=True)
class ReportChoice:
    """A round that chose a story, and the group's reasons."""

    round: str
    reasons: str
    chosen_on: dt.date
    selector_count: int


@dataclass(frozen=True)
class ReportStory:
    title: str
    story: str
    domain: str
    why_it_matters: str
    teller: str
    organisation: str
    told_on: dt.date
    choices: tuple[ReportChoice, ...]


@dataclass(frozen=True)
class LearningReportSection:
    since: dt.date
    until: dt.date
    reflections: tuple[ReportReflection, ...] = ()
    stories: tuple[ReportStory, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.reflections or self.stories)


def _day_bounds(
    since: dt.date, until: dt.date, zone: zoneinfo.ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """From the start of ``since`` to the start of the day after ``until``, in ``zone``."""
    start = dt.datetime.combine(since, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    return start, end


def _reflections(
    partnership: Partnership, since: dt.date, until: dt.date, zone: zoneinfo.ZoneInfo
) -> tuple[ReportReflection, ...]:
    start, end = _day_bounds(since, until, zone)
    public_activities = programme_selectors.activities_visible_to(
        user=None, partnership=partnership, public_only=True
    )
    rows = (
        Reflection.objects.filter(
            partnership=partnership,
            visibility=Visibility.PUBLIC,
            for_report=True,
            written_at__gte=start,
            written_at__lt=end,
        )
        .select_related("author__organisation")
        .prefetch_related(
            Prefetch("activities", queryset=public_activities, to_attr="public_activities")
        )
        .order_by("written_at", "id")
    )
    return tuple(
        ReportReflection(
            title=r.title,
            what_worked=r.what_worked,
            what_was_hard=r.what_was_hard,
            do_differently=r.do_differently,
            author=r.author.name,
            organisation=r.author.organisation.name if r.author.organisation else "",
            written_on=r.written_at.astimezone(zone).date(),
            activities=tuple(a.title for a in r.public_activities),
        )
        for r in rows
    )


def _stories(
    partnership: Partnership, since: dt.date, until: dt.date, zone: zoneinfo.ZoneInfo
) -> tuple[ReportStory, ...]:
    selections = (
        Selection.objects.filter(
            partnership=partnership,
            story__consent_to_publish=True,
            story__told_on__gte=since,
            story__told_on__lte=until,
        )
        .select_related("round", "story__domain", "story__teller__organisation")
        .annotate(selector_count=Count("round__selectors", distinct=True))
        .order_by("story__told_on", "story_id", "recorded_at", "id")
    )
    stories: dict[int, ReportStory] = {}
    for selection in selections:
        story = selection.story
        choice = ReportChoice(
            round=selection.round.name,
            reasons=selection.reasons,
            chosen_on=selection.recorded_at.astimezone(zone).date(),
            selector_count=selection.selector_count,
        )
        if story.pk in stories:
            earlier = stories[story.pk]
            stories[story.pk] = replace(earlier, choices=(*earlier.choices, choice))
            continue
        teller = story.teller
        stories[story.pk] = ReportStory(
            title=story.title,
            story=story.story,
            domain=story.domain.name,
            why_it_matters=story.why_it_matters,
            teller=teller.name,
            organisation=teller.organisation.name if teller.organisation else "",
            told_on=story.told_on,
            choices=(choice,),
        )
    return tuple(stories.values())


def report_section(
    partnership: Partnership, *, since: dt.date, until: dt.date
) -> LearningReportSection:
    """The reflections and stories that may be published, for the days ``since`` to ``until``
    (both included): reflections by the day they were written in the partnership's time zone,
    stories by the day they were told."""
    if until < since:
        raise ValueError(f"The period ends ({until}) before it starts ({since})")
    zone = zoneinfo.ZoneInfo(partnership.time_zone)
    return LearningReportSection(
        since=since,
        until=until,
        reflections=_reflections(partnership, since, until, zone),
        stories=_stories(partnership, since, until, zone),
    )
