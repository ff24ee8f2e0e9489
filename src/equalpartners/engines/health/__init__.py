"""Health checks scored: answers in, factor and heading means with their bands out; and trust and
value between partner organisations. Pure Python (no Django, nothing else of ours), exact
arithmetic until a figure is shown, and small groups withheld so nobody's answers can be worked out.
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
    NORMALISATION,
    TRUST_ITEMS,
    VALUE_ITEMS,
    NetworkScores,
    OrganisationScore,
    Rating,
    RatingError,
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
    "NORMALISATION",
    "TRUST_ITEMS",
    "VALUE_ITEMS",
    "AnswerError",
    "Band",
    "Cell",
    "GroupScores",
    "Instrument",
    "NetworkScores",
    "OrganisationScore",
    "Rating",
    "RatingError",
    "Response",
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
