"""A counted result made ready for people to read: words, rounded figures with their exact values,
tables and a bar chart. Pure presentation: no database, no request.

The figures and the chart are drawn by `equalpartners.core.charts` (rounded figures with their
exact values, an inline SVG drawn on the server), and every chart's figures also appear in a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe

from equalpartners.core.charts import Bar, Figure, bar_chart_svg, bar_width, figure, places
from equalpartners.engines.voting import Method, Result
from equalpartners.engines.voting.wording import join

# What each method's scores measure, as the heading of their column and chart.
SCORE_HEADINGS: dict[Method, str] = {
    Method.PLURALITY: "First preferences",
    Method.BORDA: "Borda points",
    Method.COPELAND: "Head-to-head score (1 for each win, 1/2 for each tie)",
    Method.MINIMAX: "Largest head-to-head defeat (smaller is better)",
    Method.APPROVAL: "Approvals",
    Method.SCORE: "Total grade",
    Method.DOT: "Dots",
    Method.MAJORITY_JUDGMENT: "Median grade",
    Method.CONSENT: "Votes",
    Method.TIME_POLL: "Score (yes counts 2, if need be 1)",
}

STANCE_LABELS = {
    "agree": "Agree",
    "abstain": "Stand aside",
    "disagree": "Disagree",
    "block": "Block",
}

CONSENT_CHECK_LABELS = {
    "no_block": "No one blocks",
    "threshold": "Enough agree",
    "quorum": "Quorum met",
}
TIME_POLL_CHECK_LABEL = "Every partner can come"


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """One option's score, with its bar's width as a percentage of the highest score."""

    option: str
    label: str  # the option as people read it ("Agree" for the consent stance "agree")
    value: Figure
    is_winner: bool
    width: int  # 0 to 100


class Tier(NamedTuple):
    """One place in the final order: "1st", "=2nd" and the options sharing it."""

    position: str
    options: tuple[str, ...]

    @property
    def options_text(self) -> str:
        """'Nashville' or 'Memphis and Knoxville'."""
        return join(self.options)


@dataclass(frozen=True, slots=True)
class MarginCell:
    """How far the row option is ahead of the column option head to head."""

    column: str
    value: Figure | None  # None on the diagonal, where an option meets itself
    sign: str  # "win", "loss", "tie", or "self" on the diagonal

    @property
    def tag_class(self) -> str:
        """The existing tag colour for the sign (the sign is also in the text)."""
        return {"win": "tag--green", "loss": "tag--red"}.get(self.sign, "tag--grey")


@dataclass(frozen=True, slots=True)
class MarginRow:
    option: str
    cells: tuple[MarginCell, ...]


@dataclass(frozen=True, slots=True)
class MarginTable:
    options: tuple[str, ...]
    rows: tuple[MarginRow, ...]


@dataclass(frozen=True, slots=True)
class RoundRow:
    """One instant-runoff round; `tallies` follow the options' order, None once eliminated."""

    number: int
    tallies: tuple[Figure | None, ...]
    exhausted: Figure
    eliminated: tuple[str, ...]
    tied_for_last: tuple[str, ...]

    @property
    def eliminated_text(self) -> str:
        """'Chattanooga', 'A and B', or 'None' in the last round."""
        return join(self.eliminated) if self.eliminated else "None"

    @property
    def tied_for_last_text(self) -> str:
        """'A and B tie for fewest', or ''."""
        return f"{join(self.tied_for_last)} tie for fewest" if self.tied_for_last else ""


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One condition of the result: `option` is the time slot in a time poll, else ''."""

    option: str
    label: str
    passed: bool

    @property
    def answer(self) -> str:
        return "Yes" if self.passed else "No"


@dataclass(frozen=True, slots=True)
class ResultDisplay:
    """Everything the result include (`decisions/includes/result.html`) shows."""

    method: Method
    options: tuple[str, ...]
    winners: tuple[str, ...]
    winners_label: str  # "Winner", "Tied winners" or "Outcome"
    winners_text: str  # "Nashville", "A and B", "The proposal passes"
    chosen: str | None
    tie_break: str | None
    explanation: str
    tiers: tuple[Tier, ...]
    score_heading: str
    option_heading: str  # "Option", "Time" or "Answer"
    score_rows: tuple[ScoreRow, ...]
    margin_table: MarginTable | None
    round_rows: tuple[RoundRow, ...]
    check_rows: tuple[CheckRow, ...]
    checks_per_option: bool  # a time poll checks each slot; consent checks conditions

    @property
    def tie_break_text(self) -> str:
        """What a tie-break decided, in words ('' when there was none)."""
        if self.tie_break is None:
            return ""
        return f"{self.chosen} is chosen" if self.chosen else "The tie stands"

    @property
    def chart_svg(self) -> SafeString:
        """The score chart, safe to put in a page: every user string in it is escaped."""
        return mark_safe(score_chart_svg(self))  # noqa: S308 - score_chart_svg escapes all text


def result_display(result: Result) -> ResultDisplay:
    """What a results page shows for `result`."""
    order = _display_order(result)
    winners = result.winners
    label, text = _winners_summary(result)
    per_option = result.method is Method.TIME_POLL
    heading, scores = _chart_figures(result)
    return ResultDisplay(
        method=result.method,
        options=result.options,
        winners=winners,
        winners_label=label,
        winners_text=text,
        chosen=result.chosen,
        tie_break=result.tie_break,
        explanation=result.explanation,
        tiers=tiers_display(result.ranking or ()),
        score_heading=heading,
        option_heading={Method.TIME_POLL: "Time", Method.CONSENT: "Answer"}.get(
            result.method, "Option"
        ),
        score_rows=_score_rows(result, order, scores),
        margin_table=_margin_table(result, order),
        round_rows=_round_rows(result),
        check_rows=_check_rows(result.checks, per_option=per_option),
        checks_per_option=per_option,
    )


def tiers_display(ranking: Iterable[tuple[str, ...]]) -> tuple[Tier, ...]:
    """Places as sports tables write them: '1st', '=2nd', '=2nd' is one tier, then '4th'."""
    return tuple(Tier(position, options) for position, options in places(ranking))


def score_chart_svg(display: ResultDisplay) -> str:
    """A horizontal bar chart of `display.score_rows` as inline SVG ('' when there are none).

    Each bar is labelled with its option and value; winners are drawn in a different colour and
    also say "(winner)". Every option name is escaped, so the string is safe to mark safe.
    """
    rows = display.score_rows
    return bar_chart_svg(
        [
            Bar(
                name=row.label,
                value=row.value.text,
                width=row.width,
                highlighted=row.is_winner,
                after=" (winner)" if row.is_winner else "",
            )
            for row in rows
        ],
        chart_id="score-chart",
        title=f"Bar chart: {display.score_heading}",
        description="; ".join(_row_words(row) for row in rows),
    )


def _row_words(row: ScoreRow) -> str:
    exact = f" (exactly {row.value.exact})" if row.value.rounded else ""
    winner = ", winner" if row.is_winner else ""
    return f"{row.label}: {row.value.text}{exact}{winner}"


def _display_order(result: Result) -> tuple[str, ...]:
    """The options best first as the result ranks them, then any it does not rank."""
    ranked = [option for tier in result.ranking or () for option in tier]
    return tuple(ranked + [option for option in result.options if option not in ranked])


def _winners_summary(result: Result) -> tuple[str, str]:
    if result.method is Method.CONSENT:
        proposal = result.options[0] if result.options else "The proposal"
        passes = "passes" if result.winners else "does not pass"
        return "Outcome", f"{proposal} {passes}"
    if len(result.winners) == 1:
        return "Winner", result.winners[0]
    if result.winners:
        return "Tied winners", join(result.winners)
    if result.method is Method.TIME_POLL:
        return "Winner", "No time suits every partner"
    return "Winner", "No option wins"


def _chart_figures(result: Result) -> tuple[str, Mapping[str, Fraction] | None]:
    """The figures the chart and its table show: the method's scores, or for methods that
    give none, the head-to-head wins (from the margins) or the last round of a runoff."""
    if result.scores:
        return SCORE_HEADINGS.get(result.method, "Score"), result.scores
    if result.pairwise is not None:
        margins = result.pairwise.margins
        wins: dict[str, Fraction] = {
            option: sum(
                (Fraction(1) if m > 0 else Fraction(1, 2) if m == 0 else Fraction(0))
                for other, m in row.items()
                if other != option
            )
            or Fraction(0)
            for option, row in margins.items()
        }
        return "Head-to-head wins (1 for each win, 1/2 for each tie)", wins
    if result.rounds:
        return "Votes in the last round", dict(result.rounds[-1].tallies)
    return "Score", None


def _score_rows(
    result: Result, order: tuple[str, ...], scores: Mapping[str, Fraction] | None
) -> tuple[ScoreRow, ...]:
    if not scores:
        return ()
    keys = [option for option in order if option in scores]
    keys += [key for key in scores if key not in keys]  # e.g. consent's stances
    highest = max(scores.values())
    labels = STANCE_LABELS if result.method is Method.CONSENT else {}
    return tuple(
        ScoreRow(
            option=key,
            label=labels.get(key, key),
            value=figure(scores[key]),
            is_winner=key in result.winners,
            width=bar_width(scores[key], highest),
        )
        for key in keys
    )


def _margin_table(result: Result, order: tuple[str, ...]) -> MarginTable | None:
    if result.pairwise is None:
        return None
    margins = result.pairwise.margins
    options = tuple(option for option in order if option in margins)
    rows = tuple(
        MarginRow(option, tuple(_margin_cell(margins, option, other) for other in options))
        for option in options
    )
    return MarginTable(options, rows)


def _margin_cell(
    margins: Mapping[str, Mapping[str, Fraction]], option: str, other: str
) -> MarginCell:
    if option == other:
        return MarginCell(other, None, "self")
    margin = margins[option][other]
    sign = "win" if margin > 0 else "loss" if margin < 0 else "tie"
    return MarginCell(other, figure(margin, signed=True), sign)


def _round_rows(result: Result) -> tuple[RoundRow, ...]:
    return tuple(
        RoundRow(
            number=number,
            tallies=tuple(
                figure(round_.tallies[option]) if option in round_.tallies else None
                for option in result.options
            ),
            exhausted=figure(round_.exhausted),
            eliminated=round_.eliminated,
            tied_for_last=round_.tied_for_last,
        )
        for number, round_ in enumerate(result.rounds or (), start=1)
    )


def _check_rows(checks: Mapping[str, bool] | None, *, per_option: bool) -> tuple[CheckRow, ...]:
    if not checks:
        return ()
    if per_option:
        return tuple(CheckRow(slot, TIME_POLL_CHECK_LABEL, met) for slot, met in checks.items())
    return tuple(
        CheckRow("", CONSENT_CHECK_LABELS.get(key, key.replace("_", " ").capitalize()), met)
        for key, met in checks.items()
    )
