"""The methods the engine offers, what ballots each needs, and a one-line description of each.

Kept apart from the counting so that the web app can offer the choice (with its plain description)
without importing any counting code, and so the command line lists exactly these names.
"""

from __future__ import annotations

from enum import StrEnum


class Method(StrEnum):
    """A counting method, named as on the command line."""

    PLURALITY = "plurality"
    BORDA = "borda"
    IRV = "irv"
    SCHULZE = "schulze"
    RANKED_PAIRS = "ranked_pairs"
    COPELAND = "copeland"
    MINIMAX = "minimax"
    APPROVAL = "approval"
    SCORE = "score"
    DOT = "dot"
    MAJORITY_JUDGMENT = "majority_judgment"
    CONSENT = "consent"
    TIME_POLL = "time_poll"

    @property
    def ballot_kind(self) -> str:
        """The ballot kind the method counts, as the file format names it."""
        return _BALLOT_KIND.get(self, "ranking")

    @property
    def description(self) -> str:
        """One plain sentence for someone choosing a method."""
        return _DESCRIPTIONS[self]


_BALLOT_KIND = {
    Method.APPROVAL: "grades",
    Method.SCORE: "grades",
    Method.MAJORITY_JUDGMENT: "grades",
    Method.TIME_POLL: "grades",
    Method.DOT: "dots",
    Method.CONSENT: "stance",
}

_DESCRIPTIONS = {
    Method.PLURALITY: "Each ballot counts for its first choice; the most first choices wins.",
    Method.BORDA: "Options score a point for every option ranked below them; the highest wins.",
    Method.IRV: "The option with fewest first choices drops out until one has a majority.",
    Method.SCHULZE: "Head-to-head contests, settled by the strongest chains of wins.",
    Method.RANKED_PAIRS: "Head-to-head wins are locked in from the largest down, skipping cycles.",
    Method.COPELAND: "The option that wins the most head-to-head contests wins.",
    Method.MINIMAX: "The option whose worst head-to-head defeat is smallest wins.",
    Method.APPROVAL: "Everyone marks every option they can accept; the most marks wins.",
    Method.SCORE: "Everyone grades every option; the highest total wins.",
    Method.DOT: "Everyone places a budget of dots; the most dots wins.",
    Method.MAJORITY_JUDGMENT: "Everyone grades every option; the highest median grade wins.",
    Method.CONSENT: "A proposal passes if no one blocks and enough agree.",
    Method.TIME_POLL: "Everyone answers yes, if need be or no for each time; the best time wins.",
}
