"""Benchmark: the mixing engine against a random-shuffle baseline and a greedy baseline, in one run.

Run from the repository root with the virtual environment active:

    python bench/mixing/run.py            # everything (about ten minutes)
    python bench/mixing/run.py --quick    # shorter time limits, for a smoke test
    python bench/mixing/run.py --check    # exit 1 if a target is missed

Cases (see bench/mixing/README.md):
1. Social golfer instances from ../shared/data/sgp-instances.csv: rounds reached with no repeated
   pair within 60 s each, against the best known. Target: the best known on every instance.
2. A cross-sector event, 48 people (20 third sector, 16 public, 12 government; organisations of
   4), 8 tables of 6, all hard rules: the time for 4 rounds (target under 2 s) and the most rounds
   reached in 60 s (the bound is 8).
3. A large gathering: 2,000 people, tables of 8, 5 rounds, three sectors: zero repeats and
   balanced tables in under 10 s.
4. Introductions (bench/mixing/intros.py): total score as a share of the exact optimum on 400
   people (target 99%), and the time for 5,000 people with 3 each (target under 5 s).
5. Re-planning live: 200 people at tables of 8, two of five rounds held, 10 leave and 5 arrive:
   the time to plan the last three rounds (target under 1 s) and their repeats.

Each of our runs happens in a fresh child process, which reports its own peak resident memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import platform
import random
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from baselines import greedy_rounds, no_repeat, random_rounds
from cpsat_plain import plain_cp_sat

from equalpartners.engines.mixing.people import Person
from equalpartners.engines.mixing.problem import SeatingProblem
from equalpartners.engines.mixing.seating import plan_seating

INSTANCES = Path(__file__).with_name("sgp-instances.csv")  # a copy of the shared data file


def in_child(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Run fn(*args) in a fresh process; return its result and its peak RSS in MiB."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_measured, (fn, *args))


def _measured(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    result = fn(*args)
    return result, _peak_rss_mib()


def _peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage: Linux carries ru_maxrss
    over fork and exec, so a child would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- case 1: social golfer instances ------------------------------------------------------------
def ours_sgp(groups: int, size: int, best: int, seconds: float) -> tuple[int, float, str]:
    """The most rounds, counting down from the best known, planned with no repeated pair."""
    people = [Person(id=str(i)) for i in range(groups * size)]
    started = time.monotonic()
    for rounds in range(best, 0, -1):
        left = seconds - (time.monotonic() - started)
        if left <= 0:
            break
        problem = SeatingProblem.build(people, rounds=rounds, table_size=size)
        seating = plan_seating(problem, seed=0, time_limit=left)
        if not seating.certificate.repeated_pairs:
            return rounds, time.monotonic() - started, seating.plan.method
    return 0, time.monotonic() - started, "none"


def sgp_rows(seconds: float) -> list[dict[str, Any]]:
    rows = []
    with INSTANCES.open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            g, s, best = int(line["groups"]), int(line["size"]), int(line["best_known_rounds"])
            (reached, took, method), peak = in_child(ours_sgp, g, s, best, seconds)
            n, sizes = g * s, [s] * g
            rule = no_repeat([Person(id=str(i)) for i in range(n)])
            rows.append(
                {
                    "case": f"SGP {g}-{s}",
                    "best_known": best,
                    "ours_rounds": reached,
                    "ours_seconds": round(took, 3),
                    "ours_peak_mib": round(peak, 1),
                    "random_rounds": random_rounds(n, sizes, rule, limit=best, seconds=seconds),
                    "greedy_rounds": greedy_rounds(n, sizes, rule, limit=best, seconds=seconds),
                    "target_met": reached >= best,
                    "method": method,
                }
            )
            print(f"  {rows[-1]['case']}: {reached}/{best} in {took:.2f} s ({method})", flush=True)
    return rows


# --- case 2: the cross-sector event ---------------------------------------------------------------
def cross_sector_people() -> list[Person]:
    sectors = ["third sector"] * 20 + ["public sector"] * 16 + ["government"] * 12
    return [
        Person(id=f"p{i:02}", organisation=f"{sector} {i // 4}", sector=sector)
        for i, sector in enumerate(sectors)
    ]


def _all_rules_kept(seating: Any) -> bool:
    return all(rule.kept for rule in seating.rules) and not seating.certificate.unbalanced


def ours_event(rounds: int, seconds: float) -> tuple[bool, float, str]:
    problem = SeatingProblem.build(cross_sector_people(), rounds=rounds, table_size=6)
    started = time.monotonic()
    seating = plan_seating(problem, seed=0, time_limit=seconds)
    return _all_rules_kept(seating), time.monotonic() - started, seating.plan.method


def ours_event_most(seconds: float, bound: int) -> tuple[int, float]:
    started = time.monotonic()
    best = 0
    for rounds in range(1, bound + 1):
        left = seconds - (time.monotonic() - started)
        if left <= 0:
            break
        problem = SeatingProblem.build(cross_sector_people(), rounds=rounds, table_size=6)
        if _all_rules_kept(plan_seating(problem, seed=0, time_limit=left)):
            best = rounds
        else:
            break
    return best, time.monotonic() - started


def event_rows(seconds: float) -> list[dict[str, Any]]:
    people = cross_sector_people()
    rule = no_repeat(people, organisations=True, sectors=True)
    (kept, took, method), peak = in_child(ours_event, 4, seconds)
    cp_found, cp_took = plain_cp_sat(people, 8, 6, 4, seconds)
    (most, most_took), peak_most = in_child(ours_event_most, seconds, 8)
    return [
        {
            "case": "cross-sector event, 4 rounds",
            "ours_seconds": round(took, 3),
            "all_rules_kept": kept,
            "ours_peak_mib": round(peak, 1),
            "target_met": kept and took < 2.0,
            "method": method,
            "plain_cp_sat_found": cp_found,
            "plain_cp_sat_seconds": round(cp_took, 3),
            # with no plan from CP-SAT, its time limit bounds the ratio from below
            "cp_sat_over_ours": (">" if not cp_found else "") + f"{cp_took / max(took, 1e-6):.0f}",
        },
        {
            "case": "cross-sector event, most rounds in 60 s",
            "bound": 8,
            "ours_rounds": most,
            "ours_seconds": round(most_took, 3),
            "ours_peak_mib": round(peak_most, 1),
            "random_rounds": random_rounds(48, [6] * 8, rule, limit=8, seconds=seconds),
            "greedy_rounds": greedy_rounds(48, [6] * 8, rule, limit=8, seconds=seconds),
            "target_met": most == 8,
        },
    ]


# --- case 3: the large gathering ---
def gathering_people() -> list[Person]:
    rng = random.Random(2000)
    sectors = ["third sector", "public sector", "government"]
    return [
        Person(id=f"p{i:04}", organisation=f"org {rng.randrange(400)}", sector=rng.choice(sectors))
        for i in range(2000)
    ]


def ours_gathering(seconds: float) -> dict[str, Any]:
    problem = SeatingProblem.build(gathering_people(), rounds=5, table_size=8)
    started = time.monotonic()
    seating = plan_seating(problem, seed=0, time_limit=seconds)
    took = time.monotonic() - started
    c = seating.certificate
    return {
        "seconds": took,
        "repeats": len(c.repeated_pairs),
        "unbalanced": len(c.unbalanced),
        "missing_sector": len(c.missing_sectors),
        "same_organisation": len(c.same_organisation),
        "method": seating.plan.method,
    }


def baseline_gathering(kind: str) -> dict[str, Any]:
    from baselines import _record, greedy_round

    from equalpartners.engines.mixing.certificate import certify
    from equalpartners.engines.mixing.plan import Plan

    people = gathering_people()
    problem = SeatingProblem.build(people, rounds=5, table_size=8)
    rng = random.Random(0)
    n = len(people)
    met = [[0] * n for _ in range(n)]
    started = time.monotonic()
    rounds = []
    for _ in range(5):
        if kind == "greedy":
            tables = greedy_round(n, [8] * 250, met, rng)
        else:
            order = list(range(n))
            rng.shuffle(order)
            tables = [order[k : k + 8] for k in range(0, n, 8)]
        _record(tables, met)
        rounds.append([[people[i].id for i in t] for t in tables])
    took = time.monotonic() - started
    c = certify(Plan.of(rounds, kind), problem)
    return {"seconds": took, "repeats": len(c.repeated_pairs), "unbalanced": len(c.unbalanced)}


def gathering_rows(seconds: float) -> list[dict[str, Any]]:
    ours, peak = in_child(ours_gathering, seconds)
    rand = baseline_gathering("random")
    greedy = baseline_gathering("greedy")
    return [
        {
            "case": "large gathering, 2,000 people, tables of 8, 5 rounds",
            "ours_seconds": round(ours["seconds"], 3),
            "ours_repeats": ours["repeats"],
            "ours_unbalanced_tables": ours["unbalanced"],
            "ours_tables_missing_a_sector": ours["missing_sector"],
            "ours_same_organisation_pairs": ours["same_organisation"],
            "ours_peak_mib": round(peak, 1),
            "random_seconds": round(rand["seconds"], 3),
            "random_repeats": rand["repeats"],
            "random_unbalanced_tables": rand["unbalanced"],
            "greedy_seconds": round(greedy["seconds"], 3),
            "greedy_repeats": greedy["repeats"],
            "greedy_unbalanced_tables": greedy["unbalanced"],
            "target_met": ours["repeats"] == 0 and ours["unbalanced"] == 0 and ours["seconds"] < 10,
            "method": ours["method"],
        }
    ]


# --- case 5: re-planning live ---
def ours_replan() -> dict[str, Any]:
    from equalpartners.engines.mixing.seating import replan

    rng = random.Random(200)
    sectors = ["third sector", "public sector", "government"]
    people = [
        Person(id=f"p{i:03}", organisation=f"org {i // 4}", sector=rng.choice(sectors))
        for i in range(200)
    ]
    problem = SeatingProblem.build(people, rounds=5, table_size=8)
    first = plan_seating(problem, seed=0, time_limit=10)
    left = [p.id for p in rng.sample(people, 10)]
    arrived = [
        Person(id=f"new{i}", organisation=f"new org {i}", sector=sectors[i % 3]) for i in range(5)
    ]
    started = time.monotonic()
    again = replan(problem, first.plan.rounds[:2], left=left, arrived=arrived, seed=0)
    took = time.monotonic() - started
    c = again.certificate
    return {
        "seconds": took,
        "repeats": len(c.repeated_pairs),
        "same_organisation": len(c.same_organisation),
        "missing_sector": len(c.missing_sectors),
    }


def replan_rows() -> list[dict[str, Any]]:
    ours, peak = in_child(ours_replan)
    return [
        {
            "case": "re-plan 3 of 5 rounds, 200 people, 10 left, 5 arrived",
            "ours_seconds": round(ours["seconds"], 3),
            "ours_repeats": ours["repeats"],
            "ours_same_organisation_pairs": ours["same_organisation"],
            "ours_tables_missing_a_sector": ours["missing_sector"],
            "ours_peak_mib": round(peak, 1),
            "target_met": ours["seconds"] < 1.0 and ours["repeats"] == 0,
        }
    ]


# --- case 4: introductions ---
def intro_rows(quick: bool) -> list[dict[str, Any]]:
    from intros import measure

    return measure(quick=quick)


def print_table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    if not rows:
        return
    keys = [k for k in dict.fromkeys(k for row in rows for k in row) if k != "method"]
    widths = {k: max(len(k), *(len(str(r.get(k, ""))) for r in rows)) for k in keys}
    print("  ".join(k.ljust(widths[k]) for k in keys))
    for row in rows:
        print("  ".join(str(row.get(k, "")).ljust(widths[k]) for k in keys))
    for row in rows:
        if "method" in row:
            print(f"  {row['case']}: {row['method']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--only", choices=("sgp", "event", "gathering", "intros", "replan"))
    args = parser.parse_args()
    seconds = 10.0 if args.quick else 60.0
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f"; time limit {seconds:.0f} s per case",
        flush=True,
    )
    results: dict[str, list[dict[str, Any]]] = {}
    cases = {
        "sgp": (
            "1. Social golfer instances: rounds with no repeated pair",
            lambda: sgp_rows(seconds),
        ),
        "event": ("2. Cross-sector event, 48 people, 8 tables of 6", lambda: event_rows(seconds)),
        "gathering": ("3. Large gathering", lambda: gathering_rows(seconds)),
        "intros": ("4. Introductions", lambda: intro_rows(args.quick)),
        "replan": ("5. Re-planning live", replan_rows),
    }
    for key, (title, run) in cases.items():
        if args.only and key != args.only:
            continue
        print(f"running {title} ...", flush=True)
        results[key] = run()
        print_table(title, results[key])
    print("\nJSON")
    print(json.dumps(results, indent=2))
    missed = [
        row["case"] for rows in results.values() for row in rows if row.get("target_met") is False
    ]
    if missed:
        print("\ntargets missed: " + "; ".join(missed))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
