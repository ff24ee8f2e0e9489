"""The trend: the whole network at each quarter end from the first tie to the period's end, at
most `TREND_POINTS` of them, measured by the engine on the ties up to each day.

Measuring the network a dozen times is the most expensive part of the growth page, and the
trend does not depend on the period's start; so it is remembered in the cache under a digest of
the very people and ties measured. Any new tie, check-in or change of sector makes a new digest,
so a remembered trend is never out of date (the old entry expires).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from equalpartners.engines.networks import Measures, Member, measure
from equalpartners.networking.growth_read import Pairs

TREND_POINTS = 12
TREND_CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """The whole network (every tie so far) on one day: a quarter end, or the period's end."""

    on: dt.date
    ties: int
    density: float
    degree_centralization: float
    ei_index: float | None
    assortativity: float | None
    cross_sector_ties: int


def trend_of(
    partnership: Any,
    people: list[Member],
    pairs: Pairs,
    text: dict[int, str],
    until: dt.date,
    whole: Measures,
) -> tuple[TrendPoint, ...]:
    """The trend, from the cache when this very network was measured before. `whole` is the
    network at `until`, the last point, already measured."""
    if not len(pairs):
        return ()
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((until, [(m.id, m.organisation, m.sector) for m in people])).encode())
    for column in (pairs.a, pairs.b, pairs.first):
        digest.update(column.tobytes())
    key = f"network-trend:{partnership.pk}:{digest.hexdigest()}"
    trend: tuple[TrendPoint, ...] | None = cache.get(key)
    if trend is None:
        trend = tuple(
            _point(on, whole if on == until else _measure_on(on, people, pairs, text))
            for on in trend_days(dt.date.fromordinal(pairs.first[0]), until)
        )
        cache.set(key, trend, TREND_CACHE_SECONDS)
    return trend


def _measure_on(on: dt.date, people: list[Member], pairs: Pairs, text: dict[int, str]) -> Measures:
    count = pairs.up_to(on.toordinal())
    return measure(people, pairs.engine_ties(text, count), until=on)


def _point(on: dt.date, figures: Measures) -> TrendPoint:
    return TrendPoint(
        on=on,
        ties=figures.ties,
        density=figures.density,
        degree_centralization=figures.degree_centralization,
        ei_index=figures.ei_index,
        assortativity=figures.assortativity,
        cross_sector_ties=figures.new_cross_sector_ties,
    )


def quarter_end(day: dt.date) -> dt.date:
    month = (day.month - 1) // 3 * 3 + 3
    return dt.date(day.year, month, calendar.monthrange(day.year, month)[1])


def trend_days(start: dt.date, until: dt.date, most: int = TREND_POINTS) -> list[dt.date]:
    """Quarter ends from `start`'s quarter until before `until`, then `until` itself; when that
    is more than `most` days, every second (third, ...) quarter end counted back from `until`."""
    days = []
    end = quarter_end(start)
    while end < until:
        days.append(end)
        end = quarter_end(end + dt.timedelta(days=1))
    days.append(until)
    step = -(-len(days) // most)
    return days[::-1][::step][::-1]
