"""An independent checker for seating plans, written apart from the engine's certificate (and
in a different way: sets of frozensets rather than sorted tuples) so the two can check each
other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from equalpartners.engines.mixing.people import Person


def check(
    rounds: Sequence[Sequence[Sequence[str]]],
    people: Sequence[Person],
    capacities: Sequence[int],
    met_before: set[frozenset[str]] | None = None,
) -> dict[str, Any]:
    ids = {p.id for p in people}
    by_id = {p.id: p for p in people}
    problems: list[str] = []
    meetings: Counter[frozenset[str]] = Counter()
    same_org = 0
    missing = 0
    fixed_moved = 0
    for number, tables in enumerate(rounds, 1):
        seated = [pid for table in tables for pid in table]
        if sorted(seated) != sorted(ids):
            problems.append(f"round {number} does not seat everyone exactly once")
        if len(tables) > len(capacities):
            problems.append(f"round {number} uses more tables than there are")
        sectors = {by_id[pid].sector for pid in seated if by_id[pid].sector}
        sizes = sorted(len(t) for t in tables if t)
        if sizes and sizes[-1] - sizes[0] > 1 and len(set(capacities)) == 1:
            problems.append(f"round {number} has tables of {sizes[0]} and {sizes[-1]}")
        for t, table in enumerate(tables):
            if len(table) > capacities[t]:
                problems.append(f"round {number} table {t + 1} is over capacity")
            for pid in table:
                if by_id[pid].fixed_table not in (None, t + 1):
                    fixed_moved += 1
            for a in table:
                for b in table:
                    if a < b:
                        meetings[frozenset((a, b))] += 1
                        oa, ob = by_id[a].organisation, by_id[b].organisation
                        if oa and oa.lower() == ob.lower():
                            same_org += 1
            if table and sectors - {by_id[pid].sector for pid in table}:
                missing += 1
    history = met_before or set()
    new = Counter[str]()
    for met in meetings:
        if met not in history:
            for pid in met:
                new[pid] += 1
    return {
        "problems": problems,
        "repeats": sum(1 for n in meetings.values() if n > 1),
        "same_org": same_org,
        "missing": missing,
        "fixed_moved": fixed_moved,
        "new_min": min((new[p] for p in ids), default=0),
        "distinct_new": sum(1 for met in meetings if met not in history),
    }
