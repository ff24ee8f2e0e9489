"""A relationship survey's scores as pages, exports and the learning report show them.

Scores are means on the 1-to-4 scale, to two decimal places (halves rounded up: 19/6 is 3.17),
and percentages, (mean − 1) ÷ 3 × 100 to the nearest whole number: the lowest possible rating
is 0% and the highest 100%. The coverage says which organisations rated which, never how.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from equalpartners.engines.health import NORMALISATION, percent, rounded_half_up
from equalpartners.health.results import SurveyResults

NORMALISATION_NOTE = (
    f"Percentages are {NORMALISATION}, where mean is on the 1 to 4 scale: the lowest possible "
    "rating (1) is 0% and the highest (4) is 100%. We do not divide the mean by 4, because that "
    "would make the lowest possible rating 25%. Percentages from tools that divide by 4 will "
    "read higher than ours for the same ratings."
)


@dataclass(frozen=True)
class Score:
    """A trust or value score: the mean ("3.17") and the percentage ("72%"), or none."""

    mean: float | None
    text: str
    percent: int | None
    percent_text: str


def score_of(mean: Fraction | None) -> Score:
    if mean is None:
        return Score(None, "", None, "")
    as_percent = int(rounded_half_up(percent(mean), 0))
    two_places = rounded_half_up(mean, 2)
    return Score(float(two_places), f"{two_places:.2f}", as_percent, f"{as_percent}%")


@dataclass(frozen=True)
class OrganisationRow:
    name: str
    trust: Score
    value: Score
    rated_by: int
    respondents: int


@dataclass(frozen=True)
class CoverageRow:
    """Whom one organisation's people rated: "rated", "not rated" or "itself", by column."""

    rater: str
    respondents: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class SurveyDisplay:
    name: str
    opens_on: dt.date
    closed_on: dt.date
    respondents: int
    organisations: tuple[OrganisationRow, ...]
    trust: Score
    value: Score
    coverage: tuple[CoverageRow, ...]
    roster: tuple[str, ...]
    normalisation: str = NORMALISATION_NOTE


def survey_display(results: SurveyResults) -> SurveyDisplay:
    scores = results.scores
    coverage = tuple(
        CoverageRow(
            rater=rater,
            respondents=results.respondents.get(rater, 0),
            cells=tuple(
                "itself"
                if rater == rated
                else ("rated" if (rater, rated) in scores.coverage else "not rated")
                for rated in results.roster
            ),
        )
        for rater in results.roster
    )
    return SurveyDisplay(
        name=results.survey.name,
        opens_on=results.survey.opens_on,
        closed_on=results.survey.closed_on,
        respondents=sum(results.respondents.values()),
        organisations=tuple(
            OrganisationRow(
                name=name,
                trust=score_of(scores.organisations[name].trust),
                value=score_of(scores.organisations[name].value),
                rated_by=scores.organisations[name].rated_by,
                respondents=results.respondents.get(name, 0),
            )
            for name in results.roster
        ),
        trust=score_of(scores.trust),
        value=score_of(scores.value),
        coverage=coverage,
        roster=results.roster,
    )
