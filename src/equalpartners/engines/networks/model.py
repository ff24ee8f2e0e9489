"""The network engine's vocabulary: people, dated ties, and the figures measured from them.

These types are the whole public surface the web app and the command line code against, so they
are plain frozen dataclasses with no behaviour beyond turning the figures into JSON.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


class NetworkInputError(ValueError):
    """People or ties that cannot make a network: an unknown id, a tie to oneself, dates out of
    order. The message names the person or the dates so the cause can be found."""


@dataclass(frozen=True, slots=True)
class Member:
    """A person (a node): their organisation and sector are what ties are said to cross."""

    id: str
    organisation: str
    sector: str


@dataclass(frozen=True, slots=True)
class Tie:
    """A dated tie from `a` to `b` (read as undirected unless measured as directed).

    `source` says where it came from, e.g. "seated", "introduced", "met", "declared"; the same
    pair may appear many times and still makes one edge.
    """

    a: str
    b: str
    on: datetime.date
    source: str = ""


@dataclass(frozen=True)
class PersonFigures:
    """Who connects whom: one person's reach across sectors and organisations in the period.

    `degree` is the number of ties at the person; for a directed network it is the total degree
    (ties out plus ties in), the same degree Freeman centralization uses. The other three count
    distinct neighbours, whichever way their ties point.
    """

    id: str
    degree: int
    cross_sector_ties: int  # distinct neighbours in another sector
    sectors_reached: int  # distinct other sectors among neighbours
    organisations_reached: int  # distinct other organisations among neighbours


ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


@dataclass(frozen=True)
class Measures:
    """Every measure of one network (the ties dated within a period) over the people given."""

    people: int  # nodes: every Member given, isolates included
    ties: int  # distinct pairs (undirected) or arcs (directed) in the period
    directed: bool
    density: float
    degree_centralization: float  # Freeman; total degree when directed
    ei_index: float | None  # None when there are no ties
    assortativity: float | None  # Newman nominal by sector; None when undefined
    brokerage: dict[str, dict[str, int]]  # person -> role -> count (non-zero); {} undirected
    new_cross_sector_ties: int  # pairs first tied within the period, across sectors
    by_person: dict[str, PersonFigures]

    def as_json(self) -> dict[str, object]:
        """The figures as JSON-ready values, floats rounded to 4 places (`by_person` left out:
        it is for tables, and one entry per person would swamp a summary)."""
        return {
            "people": self.people,
            "ties": self.ties,
            "directed": self.directed,
            "density": round(self.density, 4),
            "degree_centralization": round(self.degree_centralization, 4),
            "ei_index": None if self.ei_index is None else round(self.ei_index, 4),
            "assortativity": None if self.assortativity is None else round(self.assortativity, 4),
            "brokerage": {person: dict(roles) for person, roles in self.brokerage.items()},
            "new_cross_sector_ties": self.new_cross_sector_ties,
        }
