"""How many of the people to import get a place, and how many go on the waiting list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Places:
    """How many of the people to import will get a place, and how many will wait."""

    places: int
    waiting: int


def places_for(count: int, places_left: int | None) -> Places:
    if places_left is None:
        return Places(places=count, waiting=0)
    places = min(count, max(0, places_left))
    return Places(places=places, waiting=count - places)
