"""The network map: people as circles and ties as lines, drawn on the server as inline SVG.

The map is the whole network by the period's end. A circle's colour *and* the white mark inside
it say the person's sector (the legend names both, so colour is never the only cue), its size
says how many ties they have, and ties first made within the period are thick and black (the
earlier ones thin and grey). Past `MAP_LIMIT` people only the best-connected are drawn, and the
map says so. Positions come from a spring layout (`spring_layout`) with a fixed seed over people
in id order, so the same network is drawn the same way every time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.html import escape

from equalpartners.networking.growth import Growth
from equalpartners.networking.growth_read import pair_key
from equalpartners.networking.network_ties import PersonInfo, sector_label

MAP_LIMIT = 250
SEED = 7
WIDTH = 800
PLOT = 560  # the height of the drawing area; the legend goes below it
PAD = 24
RADIUS = (6.0, 16.0)  # the fewest and the most ties
TEXT = "#0b0c0c"
TIE = "#6f777b"  # 4.6:1 on white, thin: the earlier ties
NEW_TIE = "#0b0c0c"  # 19.6:1, two and a half times as thick: the ties first made in the period
NEW_WIDTH = 2.5
# sector -> (colour, mark): colours at least 4.4:1 on white, marks drawn in white inside.
STYLES = {
    "third": ("#1d70b8", ""),
    "public": ("#00703c", "bar"),
    "government": ("#4c2c92", "plus"),
    "private": ("#d4351c", "cross"),
    "academic": ("#8d4a00", "upright"),
    "community": ("#d53880", "square"),
    "": ("#505a5f", "slash"),
}
MARK_WORDS = {
    "": "plain",
    "bar": "a line across",
    "plus": "a plus",
    "cross": "a cross",
    "upright": "an upright line",
    "square": "a square",
    "slash": "a slash",
}


@dataclass(frozen=True)
class NetworkMap:
    svg: str  # '' when there is nobody to draw
    drawn: int
    people: int
    ties_drawn: int
    new_ties_drawn: int

    @property
    def partial(self) -> bool:
        return self.drawn < self.people


def network_map(growth: Growth, *, map_id: str = "network-map", names: bool = True) -> NetworkMap:
    """The map of `growth`; `names` False labels people by organisation and sector only (for a
    public report)."""
    degree = {int(pid): f.degree for pid, f in growth.whole.by_person.items()}
    ranked = sorted(growth.people, key=lambda pid: (-degree.get(pid, 0), pid))
    chosen = sorted(ranked[:MAP_LIMIT])
    if not chosen:
        return NetworkMap("", 0, 0, 0, 0)
    inside = set(chosen)
    new_pairs = growth.new_pairs
    edges = [
        (a, b)
        for a, b in zip(growth.pairs.a, growth.pairs.b, strict=True)
        if a in inside and b in inside
    ]
    new = [(a, b) for a, b in edges if pair_key(a, b) in new_pairs]
    old = [(a, b) for a, b in edges if pair_key(a, b) not in new_pairs]
    at = _layout(chosen, edges)
    most = max((degree.get(pid, 0) for pid in chosen), default=0)
    parts = [_opening(growth, map_id, len(chosen), len(edges), len(new), _legend_height(growth))]
    parts.append(f'<g class="ties" stroke="{TIE}" stroke-width="1">')
    parts += [_line(at[a], at[b]) for a, b in old]
    parts.append("</g>")
    if new:
        parts.append(f'<g class="new-ties" stroke="{NEW_TIE}" stroke-width="{NEW_WIDTH}">')
        parts += [_line(at[a], at[b]) for a, b in new]
        parts.append("</g>")
    parts.append('<g class="people">')
    for pid in sorted(chosen, key=lambda pid: (degree.get(pid, 0), pid)):
        info = growth.people[pid]
        radius = _radius(degree.get(pid, 0), most)
        parts.append(_person(info, at[pid], radius, degree.get(pid, 0), names))
    parts.append("</g>")
    parts.append(_legend(growth, bool(growth.new_pairs)))
    parts.append("</svg>")
    return NetworkMap("".join(parts), len(chosen), len(growth.people), len(edges), len(new))


def _layout(people: list[int], edges: list[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Positions in the drawing area, from a seeded spring layout (stable for the same network)."""
    if len(people) == 1:
        return {people[0]: (WIDTH / 2, PLOT / 2)}
    index = {pid: number for number, pid in enumerate(people)}
    adjacency = np.zeros((len(people), len(people)))
    for a, b in edges:
        adjacency[index[a], index[b]] = adjacency[index[b], index[a]] = 1.0
    positions = spring_layout(adjacency, seed=SEED)
    low, high = positions.min(axis=0), positions.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    margin = PAD + RADIUS[1]
    scaled = margin + (positions - low) / span * np.array([WIDTH - 2 * margin, PLOT - 2 * margin])
    return {pid: (float(scaled[i, 0]), float(scaled[i, 1])) for pid, i in index.items()}


def spring_layout(adjacency: Any, *, seed: int, iterations: int = 50) -> Any:
    """Fruchterman and Reingold's force-directed layout, as networkx's `spring_layout` does it
    for small graphs (ties pull their two people together, everyone pushes everyone apart, and
    the moves cool down), from seeded random starting places. Written here in a few lines of
    numpy so that a web worker need not load networkx (20 MB) to draw 250 circles."""
    n = adjacency.shape[0]
    positions = np.random.default_rng(seed).random((n, 2))
    k = 1 / math.sqrt(n)  # the ideal distance between people
    temperature = 0.1  # the longest move, shrinking to nothing
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = positions[:, None, :] - positions[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = k * k / distance**2 - adjacency * distance / k
        move = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.linalg.norm(move, axis=-1), 0.01)
        positions += move * (temperature / length)[:, None]
        temperature -= cooling
    return positions


def _radius(ties: int, most: int) -> float:
    low, high = RADIUS
    return low if most == 0 else low + (high - low) * math.sqrt(ties / most)


def _line(a: tuple[float, float], b: tuple[float, float]) -> str:
    return f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}"/>'


def _person(
    info: PersonInfo, at: tuple[float, float], radius: float, ties: int, names: bool
) -> str:
    colour, mark = STYLES.get(info.sector, STYLES[""])
    who = info.name if names else (info.organisation or "Organisation not recorded")
    where = f"{info.organisation}, " if names and info.organisation else ""
    label = f"{who} ({where}{info.sector_label}): {ties} tie{'s' if ties != 1 else ''}"
    x, y = at
    return (
        f"<g><title>{escape(label)}</title>"
        f'<circle class="person" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}"'
        f' stroke="#ffffff" stroke-width="1"/>{_mark(mark, x, y, radius)}</g>'
    )


def _mark(mark: str, x: float, y: float, radius: float) -> str:
    """The white mark inside a circle that says its sector without colour."""
    h = radius * 0.55
    width = max(1.5, radius * 0.3)
    paths = {
        "bar": f"M{x - h:.1f} {y:.1f}H{x + h:.1f}",
        "plus": f"M{x - h:.1f} {y:.1f}H{x + h:.1f}M{x:.1f} {y - h:.1f}V{y + h:.1f}",
        "cross": f"M{x - h:.1f} {y - h:.1f}L{x + h:.1f} {y + h:.1f}"
        f"M{x - h:.1f} {y + h:.1f}L{x + h:.1f} {y - h:.1f}",
        "upright": f"M{x:.1f} {y - h:.1f}V{y + h:.1f}",
        "slash": f"M{x - h:.1f} {y + h:.1f}L{x + h:.1f} {y - h:.1f}",
    }
    if mark == "square":
        s = h * 0.8
        return (
            f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"'
            ' fill="#ffffff"/>'
        )
    if mark in paths:
        return (
            f'<path d="{paths[mark]}" stroke="#ffffff" stroke-width="{width:.1f}"'
            ' stroke-linecap="round" fill="none"/>'
        )
    return ""


def _sectors(growth: Growth) -> list[str]:
    return sorted({info.sector for info in growth.people.values()}, key=sector_label)


def _legend_height(growth: Growth) -> int:
    rows = -(-len(_sectors(growth)) // 2) + 2
    return rows * 28 + 16


def _opening(
    growth: Growth, map_id: str, drawn: int, ties: int, new: int, legend_height: int
) -> str:
    height = PLOT + legend_height
    people = len(growth.people)
    words = [f"{drawn} {'person' if drawn == 1 else 'people'} drawn as circles"]
    if drawn < people:
        words[0] += f": the {drawn} with the most ties, of {people}"
    words.append(
        "each circle's colour and the white mark in it show the person's sector, and bigger "
        "circles have more ties"
    )
    words.append(f"{ties} tie{'s' if ties != 1 else ''} between them drawn as lines")
    if growth.since is not None:
        words.append(
            f"{new} of them first made between {growth.since:%-d %B %Y} and "
            f"{growth.until:%-d %B %Y}, drawn thick and black, the others thin and grey"
        )
    description = "; ".join(words) + ". The same figures are in the tables that follow."
    title = f"Network map: every tie by {growth.until:%-d %B %Y}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" aria-labelledby="{map_id}-title"'
        f' aria-describedby="{map_id}-desc"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">'
        f'<title id="{map_id}-title">{escape(title)}</title>'
        f'<desc id="{map_id}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{PLOT}" fill="#ffffff"/>'
    )


def _legend(growth: Growth, highlighted: bool) -> str:
    """Below the drawing: each sector's colour, mark and name; a tie; a new tie; sizes."""
    parts = [f'<g class="legend" font-size="15" fill="{TEXT}">']
    top = PLOT + 16
    for index, code in enumerate(_sectors(growth)):
        colour, mark = STYLES.get(code, STYLES[""])
        x = 20 + (index % 2) * (WIDTH // 2)
        y = top + (index // 2) * 28 + 10
        parts.append(
            f'<circle cx="{x + 10}" cy="{y}" r="10" fill="{colour}"/>{_mark(mark, x + 10, y, 10)}'
            f'<text x="{x + 28}" y="{y + 5}">{escape(sector_label(code))}'
            f" ({MARK_WORDS[mark]})</text>"
        )
    y = top + -(-len(_sectors(growth)) // 2) * 28 + 10
    parts.append(
        f'<line x1="20" y1="{y}" x2="50" y2="{y}" stroke="{TIE}" stroke-width="1"/>'
        f'<text x="58" y="{y + 5}">A tie</text>'
    )
    if highlighted:
        parts.append(
            f'<line x1="{WIDTH // 2 + 20}" y1="{y}" x2="{WIDTH // 2 + 50}" y2="{y}"'
            f' stroke="{NEW_TIE}" stroke-width="{NEW_WIDTH}"/>'
            f'<text x="{WIDTH // 2 + 58}" y="{y + 5}">A tie first made in the period (thick)</text>'
        )
    parts.append(
        f'<text x="20" y="{y + 33}">Bigger circles: more ties. The tables below give the'
        " figures.</text></g>"
    )
    return "".join(parts)
