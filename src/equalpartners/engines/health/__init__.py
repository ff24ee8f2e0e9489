"""Health checks scored: answers in, factor and heading means with their bands out; and trust and
value between partner organisations. Pure Python (no Django, nothing else of ours), exact
arithmetic until a figure is shown, and small groups withheld so nobody's answers can be worked
out, nor one organisation's ratings of another.
"""

from .anonymity import MIN_ANSWERS, Withheld, withheld_groups
from .bands import (
    Band,
    band_of,
    rounded_down,
    rounded_half_up,
    shown,
    stored,
)
from .relationships import (
    ITEMS,
    MIN_RATERS,
    NORMALISATION,
    TRUST_ITEMS,
    VALUE_ITEMS,
    Hidden,
    NetworkScores,
    OrganisationScore,
    Rating,
    RatingError,
    Score,
    percent,
    score_relationships,
)
from .waves import (
    AnswerError,
    Cell,
    GroupScores,
    Instrument,
    Response,
    Scores,
    WaveScores,
    person_scores,
    score_wave,
)

__all__ = [
    "ITEMS",
    "MIN_ANSWERS",
    "MIN_RATERS",
    "NORMALISATION",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "AnswerError",
    "Band",
    "Cell",
    "GroupScores",
    "Hidden",
    "Instrument",
    "NetworkScores",
    "OrganisationScore",
    "Rating",
    "RatingError",
    "Response",
    "Score",
    "Scores",
    "WaveScores",
    "Withheld",
    "band_of",
    "percent",
    "person_scores",
    "rounded_down",
    "rounded_half_up",
    "score_relationships",
    "score_wave",
    "shown",
    "stored",
    "withheld_groups",
]
