"""The demo's network growth, added to the loaded story as the lead wires it in: ties from
every source, growing over the programme's life, with new ties across sectors."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from equalpartners.demo.growth_story import WORKED_WITH, add_growth
from equalpartners.demo.story import SIGN_INS, load_story
from equalpartners.networking import selectors
from equalpartners.partnerships.models import Person
from equalpartners.testing.fixtures import MODEL_BACKEND

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def story(db):
    partnership = load_story(today=TODAY)
    people = {p.name: p for p in Person.objects.filter(memberships__partnership=partnership)}
    coordinator = Person.objects.get(name=SIGN_INS[0].name).user
    add_growth(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    add_growth(partnership=partnership, people=people, actor=coordinator, today=TODAY)  # once
    return partnership, coordinator


def test_the_demo_has_ties_from_every_source_growing_across_sectors(story):
    partnership, _ = story
    growth = selectors.network_for(partnership, viewer=None, since=None, until=TODAY)
    pairs = {s.source: s.pairs for s in growth.sources}
    assert pairs["declared"] == len(WORKED_WITH) + 2
    assert pairs["met"] == 12 * 11 // 2  # the roundtable's twelve
    assert pairs["seated"] > 0
    # The Summit's introductions are suggested but left for a visitor to send (they then
    # count as ties from the Summit's day).
    assert pairs["introduced"] == 0
    assert len(growth.trend) >= 5
    ties = [point.ties for point in growth.trend]
    assert ties == sorted(ties)
    assert ties[0] < ties[-1]
    across = [point.cross_sector_ties for point in growth.trend]
    assert across[0] < across[-1]
    assert (growth.whole.ei_index or 0) > -1


def test_the_growth_page_of_the_demo(story):
    partnership, coordinator = story
    client = Client()
    client.force_login(coordinator, backend=MODEL_BACKEND)
    html = client.get(f"/p/{partnership.slug}/networks/growth/").content.decode()
    start = html.index("<svg")
    root = ET.fromstring(html[start : html.index("</svg>", start) + 6])  # noqa: S314
    circles = [c for c in root.iter("{http://www.w3.org/2000/svg}circle") if c.get("class")]
    assert len(circles) == Person.objects.filter(memberships__partnership=partnership).count()
    assert "new ties across sectors in the period" in html
    assert "Worked together (declared)" in html


def test_the_report_section_of_the_programmes_life(story):
    partnership, _ = story
    section = selectors.report_section(
        partnership, since=TODAY - dt.timedelta(days=450), until=TODAY
    )
    assert section.new_cross_sector_ties > 10
    assert section.map_svg.startswith("<svg")
    for name in ("Morag Lindsay", "Priya Nair", "Yusuf Ali"):
        assert name not in section.map_svg
