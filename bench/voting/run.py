"""Benchmark: the voting engine against pref_voting, end to end from Python lists of rankings.

Run from the repository root with the virtual environment active:

    python bench/voting/run.py            # the full run (about three minutes)
    python bench/voting/run.py --quick    # 20,000 ballots, for a smoke test
    python bench/voting/run.py --check    # exit 1 if a target is missed

Cases (see bench/voting/README.md):
- 10 options and 100,000 ballots, random and clustered, for Borda, IRV, Schulze and ranked pairs:
  our `tally_rankings` against pref_voting's `Profile` plus the method with the same meaning,
  after pref_voting's warm-up (its first call compiles with numba). Target: 10x faster.
- 4 voters, 10 options, no Condorcet winner: parallel-universe ranked pairs under 0.1 s.
- Every margin equal (a McGarvey profile of a random tournament): ranked pairs, same target.

Each side gets its natural input: option names for us, candidate numbers for pref_voting.
Times are the best of --repeat runs; peak memory is measured in a separate run under tracemalloc.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pref_voting import voting_methods as pv  # type: ignore[import-untyped, unused-ignore]
from pref_voting.profiles import Profile  # type: ignore[import-untyped, unused-ignore]

from equalpartners.engines.voting import tally_rankings
from equalpartners.engines.voting.condorcet import condorcet_winner, margins_of
from equalpartners.engines.voting.profile import profile_from_rankings

OPTIONS = 10
NAMES = [f"Site {i}" for i in range(OPTIONS)]
METHODS = {  # ours -> pref_voting's method with the same meaning
    "borda": pv.borda,
    "irv": pv.instant_runoff_put,  # its default drops every option tied for last at once
    "schulze": pv.beat_path,
    "ranked_pairs": pv.ranked_pairs,
}
PREF_TIME_LIMIT = 20.0  # seconds; pref_voting's ranked pairs can run for minutes on tied margins


@dataclass
class Row:
    case: str
    method: str
    ours_seconds: float
    pref_seconds: float | None  # None: stopped after PREF_TIME_LIMIT
    ratio: float | None
    ours_peak_mib: float | None
    pref_peak_mib: float | None
    same_winners: bool | None
    target: str
    met: bool
    note: str = ""


def random_rankings(rng: random.Random, voters: int) -> list[list[int]]:
    return [rng.sample(range(OPTIONS), OPTIONS) for _ in range(voters)]


def clustered_rankings(rng: random.Random, voters: int) -> list[list[int]]:
    """Three camps around their own ranking, each voter a few adjacent swaps away from it."""
    camps = [rng.sample(range(OPTIONS), OPTIONS) for _ in range(3)]
    rankings = []
    for _ in range(voters):
        ranking = list(rng.choice(camps))
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(OPTIONS - 1)
            ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
        rankings.append(ranking)
    return rankings


def named(rankings: Sequence[Sequence[int]]) -> list[list[str]]:
    return [[NAMES[i] for i in ranking] for ranking in rankings]


def best_time(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def peak_mib(run: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _pref_in_child(method: str, rankings: list[list[int]], out: Any) -> None:
    started = time.perf_counter()
    winners = METHODS[method](Profile(rankings))
    out.put((time.perf_counter() - started, [int(w) for w in winners]))


def pref_with_limit(method: str, rankings: list[list[int]]) -> tuple[float | None, list[int]]:
    """pref_voting in a forked child (already warm), stopped after PREF_TIME_LIMIT seconds."""
    queue: Any = multiprocessing.Queue()
    child = multiprocessing.Process(target=_pref_in_child, args=(method, rankings, queue))
    child.start()
    child.join(PREF_TIME_LIMIT)
    if child.is_alive():
        child.terminate()
        child.join()
        return None, []
    seconds, winners = queue.get()
    return seconds, winners


def warm_up_pref() -> None:
    """First calls compile with numba; with a Condorcet winner, ranked pairs returns at once."""
    rng = random.Random(0)
    small = [list(range(OPTIONS))] * 31 + random_rankings(rng, 20)
    for method in METHODS.values():
        method(Profile(small))


def large_rows(case: str, rankings: list[list[int]], repeat: int) -> list[Row]:
    names = named(rankings)
    rows = []
    for method, pref_method in METHODS.items():

        def ours(method: str = method) -> Any:
            return tally_rankings(NAMES, names, method)

        def theirs(pref_method: Any = pref_method) -> Any:
            return pref_method(Profile(rankings))

        ours_seconds, result = best_time(ours, repeat)
        pref_seconds, pref_winners = best_time(theirs, repeat)
        ratio = pref_seconds / ours_seconds
        rows.append(
            Row(
                case=case,
                method=method,
                ours_seconds=ours_seconds,
                pref_seconds=pref_seconds,
                ratio=ratio,
                ours_peak_mib=peak_mib(ours),
                pref_peak_mib=peak_mib(theirs),
                same_winners=[NAMES.index(w) for w in result.winners] == list(pref_winners),
                target=">= 10x faster",
                met=ratio >= 10,
            )
        )
    return rows


def tied_rows(case: str, profiles: list[list[list[int]]], *, run_pref: bool) -> list[Row]:
    """Parallel-universe ranked pairs: the slowest of our runs, and pref_voting on the first."""
    seconds = []
    for rankings in profiles:
        started = time.perf_counter()
        tally_rankings(NAMES, named(rankings), "ranked_pairs")
        seconds.append(time.perf_counter() - started)
    first = named(profiles[0])
    ours_winners = tally_rankings(NAMES, first, "ranked_pairs").winners
    pref_seconds, pref_winners = (
        pref_with_limit("ranked_pairs", profiles[0]) if run_pref else (None, [])
    )
    worst = max(seconds)
    return [
        Row(
            case=case,
            method="ranked_pairs",
            ours_seconds=worst,
            pref_seconds=pref_seconds,
            ratio=None if pref_seconds is None else pref_seconds / worst,
            ours_peak_mib=peak_mib(lambda: tally_rankings(NAMES, first, "ranked_pairs")),
            pref_peak_mib=None,
            same_winners=None
            if pref_seconds is None
            else [NAMES.index(w) for w in ours_winners] == pref_winners,
            target="< 0.1 s",
            met=worst < 0.1,
            note=f"slowest of {len(profiles)} profiles; median {statistics.median(seconds):.4f} s",
        )
    ]


def no_condorcet_winner(rng: random.Random, voters: int, count: int) -> list[list[list[int]]]:
    found: list[list[list[int]]] = []
    while len(found) < count:
        rankings = random_rankings(rng, voters)
        support = profile_from_rankings(NAMES, named(rankings)).support
        if condorcet_winner(margins_of(support)) is None:
            found.append(rankings)
    return found


def every_margin_equal(rng: random.Random) -> list[list[int]]:
    """McGarvey: two ballots per pair give that pair a margin of 2 and every other pair 0."""
    rankings = []
    for a in range(OPTIONS):
        for b in range(a + 1, OPTIONS):
            winner, loser = (a, b) if rng.random() < 0.5 else (b, a)
            rest = [o for o in range(OPTIONS) if o not in (a, b)]
            rankings.append([winner, loser, *rest])
            rankings.append([*reversed(rest), winner, loser])
    return rankings


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'case':<44} {'method':<13} {'ours s':>9} {'pref s':>9} {'ratio':>7} "
        f"{'ours MiB':>9} {'pref MiB':>9} {'same':>5}  target"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        pref = "stopped" if row.pref_seconds is None else f"{row.pref_seconds:.3f}"
        ratio = "-" if row.ratio is None else f"{row.ratio:.1f}x"
        pref_mib = "-" if row.pref_peak_mib is None else f"{row.pref_peak_mib:.2f}"
        ours_mib = "-" if row.ours_peak_mib is None else f"{row.ours_peak_mib:.2f}"
        same = "-" if row.same_winners is None else ("yes" if row.same_winners else "NO")
        verdict = "met" if row.met else "MISSED"
        print(
            f"{row.case:<44} {row.method:<13} {row.ours_seconds:>9.4f} {pref:>9} {ratio:>7} "
            f"{ours_mib:>9} {pref_mib:>9} {same:>5}  {row.target}: {verdict}"
            + (f" ({row.note})" if row.note else "")
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 ballots instead of 100,000")
    parser.add_argument("--repeat", type=int, default=2, help="timed runs per case (best kept)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--skip-slow-pref", action="store_true", help="no pref_voting on ties")
    args = parser.parse_args()
    voters = 20_000 if args.quick else 100_000
    rng = random.Random(2024)
    warm_up_pref()
    rows = large_rows(
        f"{voters:,} ballots, 10 options, random", random_rankings(rng, voters), args.repeat
    )
    rows += large_rows(
        f"{voters:,} ballots, 10 options, clustered", clustered_rankings(rng, voters), args.repeat
    )
    rows += tied_rows(
        "4 voters, 10 options, no Condorcet winner",
        no_condorcet_winner(rng, 4, 20),
        run_pref=not args.skip_slow_pref,
    )
    rows += tied_rows(
        "10 options, every margin equal (90 ballots)",
        [every_margin_equal(rng) for _ in range(5)],
        run_pref=not args.skip_slow_pref,
    )
    print_table(rows)
    print(
        json.dumps(
            {"pref_time_limit_s": PREF_TIME_LIMIT, "rows": [asdict(r) for r in rows]}, indent=2
        )
    )
    return 1 if args.check and not all(row.met for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
