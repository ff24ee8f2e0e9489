"""The network map: well-formed SVG, one circle per person drawn, new ties highlighted, the
best-connected 250 when there are more, and names left out for the report."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.networking.growth import network_for
from equalpartners.networking.models import Tie, TieSource
from equalpartners.networking.network_map import MAP_LIMIT, network_map
from equalpartners.testing import factories as f

from .growth_builders import declare, people

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
OLD, NEW = dt.date(2025, 1, 10), dt.date(2025, 6, 10)
SPEC = {
    "Ana": ("Leaders Trust", "third"),
    "Ben": ("City Council", "public"),
    "Cy": ("Policy Unit", "government"),
    "Di": ("Policy Unit", "government"),
    "Ed": ("Leaders Trust", "third"),
}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)


def _people_circles(root: ET.Element) -> list[ET.Element]:
    return [c for c in root.iter(f"{SVG}circle") if c.get("class") == "person"]


def _new_ties(root: ET.Element) -> list[ET.Element]:
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "new-ties"]
    return [line for g in groups for line in g.iter(f"{SVG}line")]


def test_the_map_is_well_formed_with_a_circle_a_person_and_new_ties_thick(partnership):
    p = people(partnership, SPEC)
    declare(partnership, p["Ana"], p["Ben"], OLD)
    declare(partnership, p["Ben"], p["Cy"], NEW)
    declare(partnership, p["Cy"], p["Di"], NEW)
    growth = network_for(partnership, viewer=None, since=NEW, until=NEW)
    drawing = network_map(growth)
    root = _parse(drawing.svg)
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert root.get("aria-labelledby") == title.get("id")
    assert desc is not None
    assert "2 of them first made between" in (desc.text or "")
    assert len(_people_circles(root)) == len(SPEC) == drawing.drawn
    assert len(list(root.iter(f"{SVG}line"))) >= 3
    new = _new_ties(root)
    assert len(new) == 2  # the two new ties, drawn thicker than the others
    widths = {g.get("class"): float(g.get("stroke-width", 0)) for g in root.iter(f"{SVG}g")}
    assert widths["ties"] < widths["new-ties"]
    legend_group = root.find(f".//{SVG}g[@class='legend']")
    assert legend_group is not None
    assert [line.get("stroke-width") for line in legend_group.iter(f"{SVG}line")] == ["1", "2.5"]
    legend = "".join(legend_group.itertext())
    for words in ("Third sector (plain)", "Public sector (a line across)", "Government (a plus)"):
        assert words in legend
    assert "A tie first made in the period" in legend
    names = [t.text for t in root.iter(f"{SVG}title")]
    assert any(
        text and text.startswith("Ben (City Council, Public sector): 2 ties") for text in names
    )


def test_a_period_with_no_start_highlights_nothing(partnership):
    p = people(partnership, SPEC)
    declare(partnership, p["Ana"], p["Ben"], OLD)
    root = _parse(network_map(network_for(partnership, viewer=None, since=None, until=NEW)).svg)
    assert _new_ties(root) == []


def test_the_report_map_names_organisations_not_people(partnership):
    p = people(partnership, SPEC)
    declare(partnership, p["Ana"], p["Ben"], OLD)
    growth = network_for(partnership, viewer=None, since=OLD, until=NEW)
    svg = network_map(growth, names=False).svg
    for name in SPEC:
        assert f">{name} (" not in svg
    assert "City Council (Public sector): 1 tie" in svg


def test_past_the_limit_the_best_connected_are_drawn_and_the_map_says_so(partnership):
    organisation = f.OrganisationFactory(sector="third")
    crowd = [f.PersonFactory(organisation=organisation) for _ in range(MAP_LIMIT + 10)]
    for person in crowd:
        f.MembershipFactory(partnership=partnership, person=person, role=Role.STAFF)
    hub = crowd[-1]
    Tie.objects.bulk_create(
        Tie(
            partnership=partnership,
            person_a_id=min(hub.pk, other.pk),
            person_b_id=max(hub.pk, other.pk),
            source=TieSource.DECLARED,
            on=OLD,
            declared_by=hub,
        )
        for other in crowd[:-1]
    )
    growth = network_for(partnership, viewer=None, since=None, until=NEW)
    drawing = network_map(growth)
    root = _parse(drawing.svg)
    assert drawing.partial
    assert len(_people_circles(root)) == MAP_LIMIT
    assert f"the {MAP_LIMIT} with the most ties, of {MAP_LIMIT + 10}" in (
        root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    )
    assert str(hub.pk) in {  # the hub, with every tie, is drawn
        pid for pid, figures in growth.whole.by_person.items() if figures.degree == MAP_LIMIT + 9
    }


def test_the_same_network_is_drawn_the_same_way(partnership):
    p = people(partnership, SPEC)
    declare(partnership, p["Ana"], p["Ben"], OLD)
    declare(partnership, p["Ben"], p["Cy"], OLD)
    first = network_map(network_for(partnership, viewer=None, since=None, until=NEW)).svg
    again = network_map(network_for(partnership, viewer=None, since=None, until=NEW)).svg
    assert first == again
