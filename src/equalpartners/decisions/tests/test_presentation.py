"""The results display, from real counts of small hand-made elections: no database needed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

import pytest
from django.template.loader import render_to_string

from equalpartners.core.charts import BAR_COLOUR, HIGHLIGHT_BAR_COLOUR, Figure, bar_width, figure
from equalpartners.decisions.presentation import (
    ResultDisplay,
    result_display,
    score_chart_svg,
    tiers_display,
)
from equalpartners.engines.voting import Result, parse_election, tally

TENNESSEE = ("Memphis", "Nashville", "Chattanooga", "Knoxville")
HOSTILE = "<script>alert('x')</script> & co"
SVG = "{http://www.w3.org/2000/svg}"


def tennessee(**extra: Any) -> dict[str, Any]:
    """The classic example: 42 Memphis, 26 Nashville, 15 Chattanooga, 17 Knoxville first."""
    m, n, c, k = TENNESSEE
    return {
        "options": list(TENNESSEE),
        "ballots": [
            {"ranking": [m, n, c, k], "count": 42},
            {"ranking": [n, c, k, m], "count": 26},
            {"ranking": [c, k, n, m], "count": 15},
            {"ranking": [k, c, n, m], "count": 17},
        ],
        **extra,
    }


def count(data: dict[str, Any], method: str, weighting: str = "person") -> Result:
    return tally(parse_election(data), method, weighting)


def parse_svg(svg: str) -> ET.Element:
    """Our own chart as XML, which also proves it well-formed."""
    return ET.fromstring(svg)  # noqa: S314 - the text is our own output, not untrusted input


def render(display: ResultDisplay) -> str:
    return render_to_string("decisions/includes/result.html", {"display": display})


# Figures -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "exact"),
    [
        (Fraction(194), "194", "194"),
        (Fraction(205, 2), "102.5", "205/2"),
        (Fraction(1, 3), "0.33", "1/3"),
        (Fraction(17, 3), "5.67", "17/3"),
        (Fraction(-205, 2), "-102.5", "-205/2"),
        (Fraction(1, 8), "0.13", "1/8"),
        (Fraction(99999, 1000), "100.00", "99999/1000"),  # never shown as a whole number
    ],
)
def test_a_figure_is_whole_or_rounded_with_its_exact_value(value, text, exact):
    assert figure(value) == Figure(text, exact)
    assert figure(value).rounded is (value.denominator != 1)


def test_a_signed_figure_marks_gains_with_plus():
    assert figure(Fraction(16), signed=True) == Figure("+16", "+16")
    assert figure(Fraction(1, 2), signed=True) == Figure("+0.5", "+1/2")
    assert figure(Fraction(-16), signed=True).text == "-16"
    assert figure(Fraction(0), signed=True).text == "0"


def test_bar_widths_are_whole_percentages_of_the_highest():
    assert bar_width(Fraction(194), Fraction(194)) == 100
    assert bar_width(Fraction(0), Fraction(194)) == 0
    assert bar_width(Fraction(1), Fraction(1000)) == 1  # a vote is never drawn as none
    assert bar_width(Fraction(-3), Fraction(5)) == 0
    assert bar_width(Fraction(0), Fraction(0)) == 0


def test_tiers_are_placed_as_sports_tables_place_them():
    tiers = tiers_display([("A",), ("B", "C"), ("D",)])
    assert [tuple(t) for t in tiers] == [("1st", ("A",)), ("=2nd", ("B", "C")), ("4th", ("D",))]
    assert tiers[1].options_text == "B and C"
    assert tiers_display([("A", "B")])[0].position == "=1st"


# Borda: scores and the chart -----------------------------------------------


def test_borda_scores_flag_the_winner_and_scale_bars_to_the_highest():
    display = result_display(count(tennessee(), "borda"))
    assert display.winners == ("Nashville",)
    assert (display.winners_label, display.winners_text) == ("Winner", "Nashville")
    assert display.score_heading == "Borda points"
    rows = [(r.option, r.value.text, r.is_winner, r.width) for r in display.score_rows]
    assert rows == [
        ("Nashville", "194", True, 100),
        ("Chattanooga", "173", False, 89),
        ("Memphis", "126", False, 65),
        ("Knoxville", "107", False, 55),
    ]
    assert [t.position for t in display.tiers] == ["1st", "2nd", "3rd", "4th"]
    assert display.margin_table is None
    assert display.round_rows == ()
    assert display.check_rows == ()


def test_the_chart_is_accessible_svg_with_one_labelled_bar_per_option():
    display = result_display(count(tennessee(), "borda"))
    svg = score_chart_svg(display)
    root = parse_svg(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "score-chart-title"
    assert root.get("aria-describedby") == "score-chart-desc"
    assert root.findtext(f"{SVG}title") == "Bar chart: Borda points"
    assert "Nashville: 194, winner" in (root.findtext(f"{SVG}desc") or "")
    bars = root.findall(f".//{SVG}rect")
    assert [bar.get("fill") for bar in bars] == [HIGHLIGHT_BAR_COLOUR] + [BAR_COLOUR] * 3
    assert [int(bar.get("width") or 0) for bar in bars] == [560, 498, 364, 308]
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts[:2] == ["Nashville (winner)", "194"]
    assert "Knoxville" in texts
    assert "107" in texts
    assert display.chart_svg == svg


def test_fractional_scores_are_shown_rounded_with_the_exact_value():
    data = {
        "options": ["A", "B", "C"],
        "scale": {"min": 0, "max": 5},
        "ballots": [
            {"grades": {"A": 5, "B": 3, "C": 0}, "partner": "X"},
            {"grades": {"A": 1, "B": 4, "C": 2}, "partner": "X", "count": 2},
            {"grades": {"A": 2, "B": 2, "C": 5}, "partner": "Y"},
        ],
    }
    display = result_display(count(data, "score", "partner"))
    rows = [(r.option, r.value.text, r.value.exact, r.width) for r in display.score_rows]
    assert rows == [
        ("C", "6.33", "19/3", 100),
        ("B", "5.67", "17/3", 89),
        ("A", "4.33", "13/3", 68),
    ]
    html = render(display)
    assert '<span title="Exactly 19/3">6.33</span>' in html
    assert '<span class="visually-hidden"> (exactly 17/3)</span>' in html
    assert "C: 6.33 (exactly 19/3), winner" in display.chart_svg


def test_a_half_point_from_a_level_ranking_is_exact():
    data = {
        "options": ["A", "B", "C"],
        "ballots": [{"ranking": ["A"]}, {"ranking": ["B", "C"], "count": 2}],
    }
    display = result_display(count(data, "borda"))
    values = {r.option: (r.value.text, r.value.exact) for r in display.score_rows}
    assert values == {"B": ("4.5", "9/2"), "C": ("2.5", "5/2"), "A": ("2", "2")}


# Schulze: margins ----------------------------------------------------------


def test_schulze_shows_margins_with_their_signs_and_charts_the_wins():
    display = result_display(count(tennessee(), "schulze"))
    # Nashville beats all three, Chattanooga two, Knoxville one, Memphis none.
    wins = {r.option: (r.value.text, r.width, r.is_winner) for r in display.score_rows}
    assert wins == {
        "Nashville": ("3", 100, True),
        "Chattanooga": ("2", 67, False),
        "Knoxville": ("1", 33, False),
        "Memphis": ("0", 0, False),
    }
    assert display.score_heading.startswith("Head-to-head wins")
    assert "Nashville: 3, winner" in score_chart_svg(display)
    table = display.margin_table
    assert table is not None
    assert table.options == ("Nashville", "Chattanooga", "Knoxville", "Memphis")
    signs = {
        (row.option, c.column): (c.sign, c.value and c.value.text)
        for row in table.rows
        for c in row.cells
    }
    assert signs[("Nashville", "Memphis")] == ("win", "+16")
    assert signs[("Memphis", "Nashville")] == ("loss", "-16")
    assert signs[("Chattanooga", "Knoxville")] == ("win", "+66")
    assert signs[("Knoxville", "Knoxville")] == ("self", None)
    first = table.rows[0]
    assert [c.sign for c in first.cells] == ["self", "win", "win", "win"]
    html = render(display)
    assert "Head-to-head margins: row option against column option" in html
    assert '<td class="table__cell table__cell--numeric" data-sign="loss">' in html
    assert html.count("<svg") == 1  # the chart of wins, followed by its table


def test_a_tied_margin_is_a_tie():
    data = {"options": ["A", "B"], "ballots": [{"ranking": ["A", "B"]}, {"ranking": ["B", "A"]}]}
    table = result_display(count(data, "schulze")).margin_table
    assert table is not None
    assert table.rows[0].cells[1].sign == "tie"
    assert table.rows[0].cells[1].value == Figure("0", "0")


# Instant runoff: rounds ----------------------------------------------------


def test_irv_rounds_list_tallies_in_option_order_and_who_goes():
    display = result_display(count(tennessee(), "irv"))
    assert display.winners_text == "Knoxville"
    rounds = [
        (r.number, [t and t.text for t in r.tallies], r.exhausted.text, r.eliminated_text)
        for r in display.round_rows
    ]
    assert rounds == [
        (1, ["42", "26", "15", "17"], "0", "Chattanooga"),
        (2, ["42", "26", None, "32"], "0", "Nashville"),
        (3, ["42", None, None, "58"], "0", "None"),
    ]
    html = render(display)
    assert '<caption class="table__caption">Runoff rounds</caption>' in html
    assert "Ballots with no option left" in html


def test_a_seeded_tie_break_keeps_both_winners_and_names_its_choice():
    data = {
        "options": ["A", "B"],
        "tie_break": {"seed": 7},
        "ballots": [{"ranking": ["A", "B"]}, {"ranking": ["B", "A"]}],
    }
    display = result_display(count(data, "irv"))
    assert display.winners == ("A", "B")
    assert (display.winners_label, display.winners_text) == ("Tied winners", "A and B")
    assert display.chosen == "B"
    assert display.tie_break_text == "B is chosen"
    assert display.round_rows[0].tied_for_last == ("A", "B")
    assert display.round_rows[0].tied_for_last_text == "A and B tie for fewest"
    assert [t.position for t in display.tiers] == ["=1st"]
    html = render(display)
    assert "Tied winners" in html
    assert "B is chosen" in html
    assert "A draw declared before voting, with seed 7, chose B." in html


# Consent and time polls: checks --------------------------------------------


def test_a_block_fails_consent_and_the_checks_say_why():
    data = {
        "options": ["Share the stand"],
        "ballots": [
            {"stance": "agree", "count": 3, "partner": "North"},
            {"stance": "block", "partner": "South"},
        ],
    }
    display = result_display(count(data, "consent"))
    assert (display.winners_label, display.winners_text) == (
        "Outcome",
        "Share the stand does not pass",
    )
    checks = [(c.label, c.answer, c.passed) for c in display.check_rows]
    assert checks == [
        ("No one blocks", "No", False),
        ("Enough agree", "Yes", True),
        ("Quorum met", "Yes", True),
    ]
    assert [(r.label, r.value.text) for r in display.score_rows] == [
        ("Agree", "3"),
        ("Stand aside", "0"),
        ("Disagree", "0"),
        ("Block", "1"),
    ]
    assert not any(r.is_winner for r in display.score_rows)
    html = render(display)
    assert '<caption class="table__caption">Conditions</caption>' in html
    assert '<th scope="row" class="table__header">No one blocks</th>' in html


def test_a_time_poll_checks_that_every_partner_can_come_to_each_slot():
    data = {
        "options": ["Monday", "Tuesday"],
        "quorum": {"per_partner": 1},
        "ballots": [
            {"grades": {"Monday": 2, "Tuesday": 1}, "partner": "North"},
            {"grades": {"Monday": 0, "Tuesday": 2}, "partner": "South"},
        ],
    }
    display = result_display(count(data, "time_poll"))
    assert display.winners == ("Tuesday",)
    assert display.checks_per_option
    checks = [(c.option, c.label, c.answer) for c in display.check_rows]
    assert checks == [
        ("Monday", "Every partner can come", "No"),
        ("Tuesday", "Every partner can come", "Yes"),
    ]
    assert "Which times every partner can come" in render(display)


# User text is never trusted ------------------------------------------------


def test_a_hostile_option_name_is_escaped_in_the_chart_and_the_page():
    data = {
        "options": [HOSTILE, "Plain"],
        "ballots": [{"ranking": [HOSTILE, "Plain"], "count": 2}, {"ranking": ["Plain", HOSTILE]}],
    }
    for method in ("borda", "schulze", "irv"):
        display = result_display(count(data, method))
        svg = score_chart_svg(display)
        html = render(display)
        for text in (svg, html):
            assert "<script>" not in text
            assert "& co" not in text
        assert "&lt;script&gt;" in html
        if svg:
            assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co (winner)" in svg
            parse_svg(svg)  # escaping keeps it well-formed
            assert svg in html  # the chart is put in the page as it is, not escaped twice


# The page ------------------------------------------------------------------


def test_the_page_shows_the_winner_explanation_chart_then_its_table():
    display = result_display(count(tennessee(), "borda"))
    html = render(display)
    assert '<dt class="summary-list__key">Winner</dt>' in html
    assert '<dd class="summary-list__value">Nashville</dd>' in html
    assert display.explanation in html
    assert html.index("<svg") < html.index('<caption class="table__caption">Borda points</caption>')
    assert '<th scope="col" class="table__header table__header--numeric">Borda points</th>' in html
    winner = '<strong class="tag tag--green">Winner</strong>'
    assert f'<th scope="row" class="table__header">Nashville {winner}</th>' in html
    assert "Tie-break" not in html
    assert "Runoff rounds" not in html
    assert "Head-to-head margins" not in html
    assert "Conditions" not in html
