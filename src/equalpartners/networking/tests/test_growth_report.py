"""Network growth for the learning report: plain values, an HTML fragment from h3 down with the
map and no names, and Markdown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from equalpartners.networking import selectors
from equalpartners.networking.report_markdown import report_markdown

from .growth_builders import declare, people

pytestmark = pytest.mark.django_db

WAVE_1, WAVE_2 = dt.date(2025, 1, 15), dt.date(2025, 5, 20)
SPEC = {
    "Alex Abbot": ("Trust A", "third"),
    "Bea Bell": ("Trust B", "third"),
    "Cal Cole": ("Council C", "public"),
    "Dana Dunn": ("Council D", "public"),
}


@pytest.fixture
def section(partnership):
    p = people(partnership, SPEC)
    declare(partnership, p["Alex Abbot"], p["Bea Bell"], WAVE_1)
    declare(partnership, p["Cal Cole"], p["Dana Dunn"], WAVE_1)
    declare(partnership, p["Alex Abbot"], p["Cal Cole"], WAVE_2)
    return selectors.report_section(partnership, since=WAVE_1 + dt.timedelta(days=1), until=WAVE_2)


def _plain(value: object) -> bool:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return isinstance(value, (str, int, float, dt.date)) or value is None


def test_the_section_holds_the_worked_example_in_plain_values(section):
    assert _plain(section)
    assert section.people == 4
    assert section.ties_by_until == 3
    assert section.ties_in_period == 1
    assert section.new_cross_sector_ties == 1
    measures = {row.label: (row.period, row.whole) for row in section.measures}
    assert measures["Density"] == ("0.17", "0.50")
    assert measures["Assortativity by sector (Newman)"] == ("-1.00", "0.33")
    assert [(t.on, t.ties, t.cross_sector_ties) for t in section.trend] == [
        (dt.date(2025, 3, 31), 2, 0),
        (WAVE_2, 3, 1),
    ]
    assert {s.source: s.pairs for s in section.sources}["declared"] == 1
    assert section.map_drawn == section.map_people == 4
    assert section.map_new_ties == 1


def test_the_fragment_starts_at_h3_draws_the_map_and_names_nobody(section):
    html = render_to_string("networking/report_section.html", {"section": section})
    assert "<h2" not in html
    assert "<h3>The network map</h3>" in html
    assert "<h1" not in html
    for name in SPEC:
        assert name not in html
    start = html.index("<svg")
    svg = html[start : html.index("</svg>", start) + len("</svg>")]
    root = ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)
    assert (
        len(
            [
                c
                for c in root.iter("{http://www.w3.org/2000/svg}circle")
                if c.get("class") == "person"
            ]
        )
        == 4
    )
    assert "Trust A" in html


def test_the_markdown_has_the_tables_and_says_the_map_is_left_out(section):
    text = report_markdown(section)
    assert text.startswith("From 16 January 2025 to 20 May 2025, 1 new tie across sectors.")
    assert "\n## " not in text
    assert "### The measures" in text
    assert "| Density | " in text
    assert "| 0.17 | 0.50 |" in text
    assert "The network map is a drawing" in text
    assert "| 31 March 2025 | 2 | 0 |" in text
    for name in SPEC:
        assert name not in text


def test_a_period_out_of_order_is_refused(partnership):
    with pytest.raises(ValueError, match="after it ends"):
        selectors.report_section(partnership, since=WAVE_2, until=WAVE_1)


def test_an_empty_partnership_has_a_section_too(partnership):
    section = selectors.report_section(partnership, since=WAVE_1, until=WAVE_2)
    assert section.ties_by_until == 0
    assert section.trend == ()
    html = render_to_string("networking/report_section.html", {"section": section})
    assert "No ties yet" in html
    assert "No ties yet" in report_markdown(section)
