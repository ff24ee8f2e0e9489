"""Ties: the contacts people made (sat together, were introduced), recorded once per pair,
source and activity; the history later plans avoid and the raw material for network measures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from equalpartners.networking.models import Seat, SeatingPlan, Tie, TieSource


def seated_ties_record(*, plan: SeatingPlan) -> None:
    """Ties for everyone who sat together in the rounds run (once per pair and activity)."""
    on = activity_date(plan.activity)
    pairs: set[tuple[int, int]] = set()
    tables: dict[tuple[int, int], list[int]] = {}
    for r, t, pid in Seat.objects.filter(plan=plan, round__lte=plan.rounds_run).values_list(
        "round", "table", "person_id"
    ):
        tables.setdefault((r, t), []).append(pid)
    for people in tables.values():
        pairs.update((min(a, b), max(a, b)) for a, b in combinations(people, 2))
    ties_record(
        partnership=plan.partnership,
        activity=plan.activity,
        pairs=pairs,
        source=TieSource.SEATED,
        on=on,
    )


def ties_record(
    *,
    partnership: Any,
    activity: Any,
    pairs: Iterable[tuple[int, int]],
    source: str,
    on: dt.date,
) -> None:
    """A tie for each pair (lower id first), once per pair, source and activity. Called inside
    the transaction of the service that made the contacts (a re-plan, sending introductions)."""
    Tie.objects.bulk_create(
        (
            Tie(
                partnership=partnership,
                activity=activity,
                person_a_id=a,
                person_b_id=b,
                source=source,
                on=on,
            )
            for a, b in pairs
        ),
        ignore_conflicts=True,
    )


def activity_date(activity: Any) -> dt.date:
    """The day of an activity in its own time zone: the day its contacts were made."""
    return activity.starts_at.astimezone(activity.zone).date()  # type: ignore[no-any-return]
