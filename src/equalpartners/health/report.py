"""The health checks' section of the learning report, as plain values the report can render.

The ``reports`` app asks ``selectors.report_section`` for it and renders it with the template
``health/report_section.html`` (HTML) or ``report_markdown.report_markdown`` (Markdown).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from equalpartners.engines.health import MIN_ANSWERS
from equalpartners.health.presentation import Trend, WaveDisplay, trend_of, wave_display
from equalpartners.health.results import (
    survey_results,
    surveys_closed_in,
    wave_results,
    waves_closed_in,
)
from equalpartners.health.survey_presentation import SurveyDisplay, survey_display

BANDS_NOTE = (
    "Each statement is answered from 1 (strongly disagree) to 5 (strongly agree), or don't "
    "know. A heading's figure is the mean of its factors' means, shown only when all of its "
    "factors are shown. A mean of 4.0 or more is a strength, 3.0 to 3.9 is worth discussing, "
    "and below 3.0 is a concern; the band is decided on the exact mean, and means are shown "
    "rounded down."
)
THRESHOLD_NOTE = (
    f"A figure is shown only when at least {MIN_ANSWERS} people are behind it, so nobody's "
    "answers can be picked out; a partner's figures are withheld when fewer of its people "
    "answered."
)


@dataclass(frozen=True)
class HealthReportSection:
    """The closed waves of the period with their figures, the trend across them, and the
    latest relationship survey that closed in the period (``None`` when there is none)."""

    since: dt.date
    until: dt.date
    waves: tuple[WaveDisplay, ...]
    trend: Trend | None
    relationships: SurveyDisplay | None
    threshold: int = MIN_ANSWERS
    bands_note: str = BANDS_NOTE
    threshold_note: str = THRESHOLD_NOTE

    @property
    def is_empty(self) -> bool:
        return not self.waves and self.relationships is None


def build_report_section(
    partnership: Any, *, since: dt.date, until: dt.date
) -> HealthReportSection:
    if until < since:
        raise ValueError("the period must end on or after the day it starts")
    waves = tuple(
        wave_display(wave_results(wave=wave))
        for wave in waves_closed_in(partnership=partnership, since=since, until=until)
    )
    surveys = surveys_closed_in(partnership=partnership, since=since, until=until)
    latest = max(surveys, key=lambda s: (s.closed_on, s.pk)) if surveys else None
    return HealthReportSection(
        since=since,
        until=until,
        waves=waves,
        trend=trend_of(waves, chart_id="report-health-trend") if waves else None,
        relationships=survey_display(survey_results(survey=latest)) if latest else None,
    )
