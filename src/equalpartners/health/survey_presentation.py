"""A relationship survey's scores as pages, exports and the learning report show them.

Scores are means on the 1-to-4 scale, to two decimal places (halves rounded up: 19/6 is 3.17),
and percentages, (mean − 1) ÷ 3 × 100 to the nearest whole number: the lowest possible rating
is 0% and the highest 100%. A score rated by fewer than three other organisations is withheld,
and so is the network's when fewer than three organisations answered or when it would give a
withheld score away; the coverage says how many organisations rated each, never which or how.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from equalpartners.engines.health import MIN_RATERS, NORMALISATION, percent, rounded_half_up
from equalpartners.engines.health import Score as RatedScore
from equalpartners.health.results import SurveyResults

NORMALISATION_NOTE = (
    f"Percentages are {NORMALISATION}, where mean is on the 1 to 4 scale: the lowest possible "
    "rating (1) is 0% and the highest (4) is 100%. We do not divide the mean by 4, because that "
    "would make the lowest possible rating 25%. Percentages from tools that divide by 4 will "
    "read higher than ours for the same ratings."
)
WITHHELD_NOTE = (
    f"An organisation's trust score is shown only when at least {MIN_RATERS} other partner "
    "organisations gave it a trust rating, and its value score likewise, so that nobody can "
    "read one organisation's ratings of another off this page. The network's scores are shown "
    f"only when at least {MIN_RATERS} organisations answered, and not "
    "when some organisations' scores are shown and others withheld (subtracting the ones "
    "shown would give the others away)."
)


@dataclass(frozen=True)
class Score:
    """A trust or value score: the mean ("3.17") and the percentage ("72%"), or why it is
    withheld, or none at all (nobody rated it)."""

    mean: float | None
    text: str
    percent: int | None
    percent_text: str
    withheld: str = ""


def score_of(score: RatedScore) -> Score:
    if score.mean is None:
        return Score(None, "", None, "", str(score.withheld or ""))
    as_percent = int(rounded_half_up(percent(score.mean), 0))
    two_places = rounded_half_up(score.mean, 2)
    return Score(float(two_places), f"{two_places:.2f}", as_percent, f"{as_percent}%")


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation's scores, how many other organisations rated it (not which) and how
    many of its people answered."""

    name: str
    trust: Score
    value: Score
    rated_by: int
    respondents: int


@dataclass(frozen=True)
class SurveyDisplay:
    name: str
    opens_on: dt.date
    closed_on: dt.date
    respondents: int
    answered: int  # organisations that gave at least one rating
    organisations: tuple[OrganisationRow, ...]
    trust: Score
    value: Score
    roster: tuple[str, ...]
    normalisation: str = NORMALISATION_NOTE
    withheld_note: str = WITHHELD_NOTE


def survey_display(results: SurveyResults) -> SurveyDisplay:
    scores = results.scores
    return SurveyDisplay(
        name=results.survey.name,
        opens_on=results.survey.opens_on,
        closed_on=results.survey.closed_on,
        respondents=sum(results.respondents.values()),
        answered=scores.answered,
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
        roster=results.roster,
    )
