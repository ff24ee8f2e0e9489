"""The figures of a wave or a survey, as the health engine scores them from what is stored.

Answers are read grouped by their anonymous response, and each response's partner becomes its
group; the engine withholds any figure that rests on fewer than five people. Rows are always read
in the order of their random ids, never the order they were written in (which would line up
with the order people answered).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from equalpartners.engines.health import ITEMS as RATING_ITEMS
from equalpartners.engines.health import (
    Instrument,
    NetworkScores,
    Rating,
    Response,
    WaveScores,
    score_relationships,
    score_wave,
)
from equalpartners.health.item_bank import FACTORS
from equalpartners.health.models import (
    Round,
    Status,
    Survey,
    SurveyRating,
    SurveyResponse,
    Wave,
    WaveAnswer,
    WaveItem,
)
from equalpartners.partnerships.models import Partner

INSTRUMENT_FACTORS = {factor.key: factor.heading for factor in FACTORS}


@dataclass(frozen=True)
class WaveResults:
    """A wave's scores; the groups are partner ids (as text), named in ``partners``."""

    wave: Wave
    scores: WaveScores
    partners: dict[str, str]


@dataclass(frozen=True)
class SurveyResults:
    """A survey's scores by partner name, with how many people of each partner answered."""

    survey: Survey
    scores: NetworkScores
    roster: tuple[str, ...]
    respondents: dict[str, int]


def wave_results(*, wave: Wave) -> WaveResults:
    items = {str(item.pk): item.factor for item in WaveItem.objects.filter(wave=wave)}
    instrument = Instrument(items=items, factors=INSTRUMENT_FACTORS)
    answers: defaultdict[Any, dict[str, int | None]] = defaultdict(dict)
    groups: dict[Any, str | None] = {}
    rows = (
        WaveAnswer.objects.filter(response__wave=wave)
        .order_by("response_id", "id")
        .values_list("response_id", "response__partner_id", "item_id", "value")
    )
    for response_id, partner_id, item_id, value in rows:
        answers[response_id][str(item_id)] = value
        groups[response_id] = str(partner_id) if partner_id is not None else None
    scores = score_wave(instrument, (Response(answers[key], groups[key]) for key in answers))
    names = {
        str(partner.pk): partner.name
        for partner in Partner.objects.filter(
            pk__in=[int(group) for group in scores.groups]
        ).select_related("organisation")
    }
    return WaveResults(wave=wave, scores=scores, partners=names)


def survey_results(*, survey: Survey) -> SurveyResults:
    roster = {
        partner.pk: partner.name
        for partner in survey.partners.select_related("organisation").order_by("organisation__name")
    }
    rows = (
        SurveyRating.objects.filter(response__survey=survey)
        .order_by("response_id", "id")
        .values_list("response__rater_id", "rated_id", *RATING_ITEMS)
    )
    ratings = [
        Rating(roster[rater], roster[rated], dict(zip(RATING_ITEMS, values, strict=True)))
        for rater, rated, *values in rows
        if rater in roster and rated in roster
    ]
    respondents: defaultdict[str, int] = defaultdict(int)
    responses = SurveyResponse.objects.filter(survey=survey).order_by("id")
    for rater in responses.values_list("rater_id", flat=True):
        if rater in roster:
            respondents[roster[rater]] += 1
    return SurveyResults(
        survey=survey,
        scores=score_relationships(list(roster.values()), ratings),
        roster=tuple(roster.values()),
        respondents=dict(respondents),
    )


def _closed_in(model: type[Round], partnership: Any, since: dt.date, until: dt.date) -> list[Any]:
    """Rounds closed now whose last open day falls in the period, oldest first."""
    now = timezone.now()
    candidates = (
        model.objects.filter(partnership=partnership)
        .filter(closes_on__gte=since, opens_on__lte=until)
        .select_related("partnership")
        .order_by("opens_on", "id")
    )
    return [
        record
        for record in candidates
        if record.status_at(now) == Status.CLOSED and since <= record.closed_on <= until
    ]


def waves_closed_in(*, partnership: Any, since: dt.date, until: dt.date) -> list[Wave]:
    return _closed_in(Wave, partnership, since, until)


def surveys_closed_in(*, partnership: Any, since: dt.date, until: dt.date) -> list[Survey]:
    return _closed_in(Survey, partnership, since, until)


def closed_waves(*, partnership: Any) -> list[Wave]:
    """Every closed wave, oldest first: the trend."""
    now = timezone.now()
    waves = Wave.objects.filter(partnership=partnership).select_related("partnership")
    return sorted(
        (wave for wave in waves if wave.status_at(now) == Status.CLOSED),
        key=lambda wave: (wave.opens_on, wave.pk),
    )
