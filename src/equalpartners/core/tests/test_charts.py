"""Figures and bar charts: pure functions, no database needed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

from equalpartners.core.charts import (
    BAR_COLOUR,
    HIGHLIGHT_BAR_COLOUR,
    Bar,
    bar_chart_svg,
    ordinal,
    places,
    shorten,
)

SVG = "{http://www.w3.org/2000/svg}"


def test_ordinals_follow_english():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"
    ]  # fmt: skip


def test_places_share_a_tier_and_skip_the_places_it_takes():
    assert list(places([("A",), ("B", "C"), ("D",)])) == [
        ("1st", ("A",)),
        ("=2nd", ("B", "C")),
        ("4th", ("D",)),
    ]
    assert list(places([])) == []


def test_long_names_are_shortened_with_an_ellipsis():
    assert shorten("Short") == "Short"
    long = "x" * 100
    assert len(shorten(long)) == 70
    assert shorten(long).endswith("…")


def test_no_bars_draw_no_chart():
    assert bar_chart_svg([], chart_id="c", title="T", description="D") == ""


def test_a_chart_is_labelled_by_its_own_ids_and_escapes_every_text():
    hostile = "<b>&</b>"
    svg = bar_chart_svg(
        [
            Bar(
                name=hostile, value="3", width=100, highlighted=True, before="1st ", after=" (top)"
            ),
            Bar(name="Plain", value=str(Fraction(3, 2)), width=50),
        ],
        chart_id="my-chart",
        title=f"Bar chart: {hostile}",
        description="in words",
        bar_area=500,
    )
    root = ET.fromstring(svg)  # noqa: S314 - our own output, and proof it is well-formed
    assert root.get("aria-labelledby") == "my-chart-title"
    assert root.get("aria-describedby") == "my-chart-desc"
    assert root.findtext(f"{SVG}title") == "Bar chart: <b>&</b>"
    assert root.findtext(f"{SVG}desc") == (
        "in words. The same figures are in the table that follows."
    )
    bars = root.findall(f".//{SVG}rect")
    assert [bar.get("fill") for bar in bars] == [HIGHLIGHT_BAR_COLOUR, BAR_COLOUR]
    assert [bar.get("width") for bar in bars] == ["500", "250"]
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert texts == ["1st <b>&</b> (top)", "3", "Plain", "3/2"]
    assert "<b>" not in svg
