"""Joint decisions counted fairly: ballots in, winners, figures and an explanation out.

We wrote this engine ourselves because it is the product: every partner counting equally, ties that
are never hidden, exact arithmetic, and results that explain themselves. It uses only the standard
library and nothing else of ours, so it runs the same from the web app, the command line and tests.
"""

from .ballots import (
    Ballot,
    BallotError,
    Dots,
    Election,
    Grades,
    Quorum,
    Ranking,
    Scale,
    Stance,
    Threshold,
    TieBreak,
)
from .fileformat import load_election, parse_election
from .methods import Method
from .result import Pairwise, Result, Round
from .tally import tally, tally_rankings
from .weighting import Weighting

__all__ = [
    "Ballot",
    "BallotError",
    "Dots",
    "Election",
    "Grades",
    "Method",
    "Pairwise",
    "Quorum",
    "Ranking",
    "Result",
    "Round",
    "Scale",
    "Stance",
    "Threshold",
    "TieBreak",
    "Weighting",
    "load_election",
    "parse_election",
    "tally",
    "tally_rankings",
]
