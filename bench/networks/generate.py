"""The benchmark's network: 10,000 people and 100,000 dated ties over three years (seeded).

People belong to about 600 organisations of uneven size, each in one of four sectors. Ties are
made the way a partnership makes them: half inside a person's own organisation, a quarter with
other organisations of the same sector, a quarter across sectors; some people are far more
active than others (a Pareto weight), so degrees are skewed and brokers stand out; pairs meet
again (seated twice, introduced once), and about one tie in five is returned the other way.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random

from equalpartners.engines.networks import Member, Tie

SECTORS = ("third sector", "public sector", "government", "business")
SOURCES = ("seated", "introduced", "met", "declared")
START = datetime.date(2022, 1, 1)
DAYS = 3 * 365 + 1  # 2022-01-01 to 2024-12-31
LAST = START + datetime.timedelta(days=DAYS - 1)


def people(count: int, rng: random.Random) -> list[Member]:
    members: list[Member] = []
    organisation = 0
    while len(members) < count:
        size = min(count - len(members), max(2, int(rng.paretovariate(1.5) * 6)))
        sector, first = rng.choice(SECTORS), len(members)
        members.extend(
            Member(f"p{first + i:05}", f"org-{organisation:04}", sector) for i in range(size)
        )
        organisation += 1
    return members


def network(
    count: int = 10_000, ties: int = 100_000, seed: int = 6
) -> tuple[list[Member], list[Tie]]:
    rng = random.Random(seed)
    members = people(count, rng)
    weight = [rng.paretovariate(2.0) for _ in members]
    by_organisation: dict[str, list[int]] = {}
    by_sector: dict[str, list[int]] = {}
    for i, member in enumerate(members):
        by_organisation.setdefault(member.organisation, []).append(i)
        by_sector.setdefault(member.sector, []).append(i)
    everyone = list(range(count))
    cumulative = list(itertools.accumulate(weight))

    def pick(pool: list[int], pool_cumulative: list[float]) -> int:
        return pool[bisect.bisect_left(pool_cumulative, rng.random() * pool_cumulative[-1])]

    sector_cumulative = {
        sector: list(itertools.accumulate(weight[i] for i in pool))
        for sector, pool in by_sector.items()
    }
    made: list[Tie] = []
    while len(made) < ties:
        a = pick(everyone, cumulative)
        kind = rng.random()
        if kind < 0.5:
            pool = by_organisation[members[a].organisation]
            b = rng.choice(pool)
        elif kind < 0.75:
            sector = members[a].sector
            b = pick(by_sector[sector], sector_cumulative[sector])
        else:
            b = pick(everyone, cumulative)
        if a == b:
            continue
        on = START + datetime.timedelta(days=rng.randrange(DAYS))
        source = rng.choice(SOURCES)
        made.append(Tie(members[a].id, members[b].id, on, source))
        if rng.random() < 0.2 and len(made) < ties:
            later = min(on + datetime.timedelta(days=rng.randrange(60)), LAST)
            made.append(Tie(members[b].id, members[a].id, later, source))
    return members, made
