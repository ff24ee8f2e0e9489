"""Benchmark: the network engine on 10,000 people and 100,000 ties, against networkx.

Run from the repository root with the virtual environment active:

    python bench/networks/run.py            # everything (about a minute)
    python bench/networks/run.py --check    # exit 1 if a target is missed

Cases (see bench/networks/README.md):
1. Every measure for the whole three years, undirected and directed: each measure on its own and
   `measure()` as a whole (target under 3 s), against networkx computing the same measures in
   the same run (the ratio is networkx's time over ours, and the figures must agree); the peak
   resident memory of the engine's run (target well under 1 GB).
2. `equalpartners network` end to end on the same network written as CSV files.
3. The demo's learning report as PDF (target under 5 s), when bench/networks/report_pdf.py is
   there: it runs in a child process and prints one JSON line {"name", "seconds", "peak_mib"}.

Every run happens in a fresh child process, which reports its own peak resident memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import networkx
import numpy
import scipy  # type: ignore[import-untyped, unused-ignore]
from generate import network
from timed import MEASURES, ours, theirs

HERE = Path(__file__).parent
TARGET_SECONDS, TARGET_MIB, TARGET_PDF_SECONDS = 3.0, 1024.0, 5.0


def in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn(*args) in a fresh (spawned) process, so memory and imports start from nothing."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether both sides found the same figures (floats to 1e-9, the rest exactly)."""
    for key in ("people", "ties", "density", "degree_centralization", "ei_index",
                "assortativity", "brokerage", "new_cross_sector_ties"):  # fmt: skip
        x, y = a["figures"][key], b["figures"][key]
        if isinstance(x, float) or isinstance(y, float):
            if x is None or y is None or not math.isclose(x, y, abs_tol=1e-4):
                return False  # ours is rounded to 4 places in JSON
        elif x != y:
            return False
    return bool(a["by_person"] == b["by_person"])


def measures_case(repeat: int) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for directed in (False, True):
        kind = "directed" if directed else "undirected"
        print(f"  {kind}: the engine ...", flush=True)
        mine = in_child(ours, directed, repeat)
        print(f"  {kind}: networkx ...", flush=True)
        reference = in_child(theirs, directed, repeat)
        rows[kind] = {
            "ties": mine["figures"]["ties"],
            "ours_seconds": {k: round(v, 4) for k, v in mine["seconds"].items()},
            "networkx_seconds": {k: round(v, 4) for k, v in reference["seconds"].items()},
            "ratio": {  # networkx's time over ours
                k: round(reference["seconds"][k] / max(v, 1e-9), 1)
                for k, v in mine["seconds"].items()
            },
            "ours_peak_mib": round(mine["peak_mib"], 1),
            "ours_peak_mib_before_measuring": round(mine["peak_mib_before"], 1),
            "networkx_peak_mib": round(reference["peak_mib"], 1),
            "same_figures": agree(mine, reference),
            "figures": {k: v for k, v in mine["figures"].items() if k != "brokerage"},
            "brokers": len(mine["figures"]["brokerage"]),
            "target_met": mine["seconds"]["all together"] < TARGET_SECONDS
            and mine["peak_mib"] < TARGET_MIB,
        }
    return rows


def command_line_case() -> dict[str, Any]:
    people, ties = network()
    with tempfile.TemporaryDirectory() as folder:
        people_csv, ties_csv = Path(folder, "people.csv"), Path(folder, "ties.csv")
        with people_csv.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("id", "organisation", "sector"))
            writer.writerows((p.id, p.organisation, p.sector) for p in people)
        with ties_csv.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(("person_a", "person_b", "date", "source"))
            writer.writerows((t.a, t.b, t.on.isoformat(), t.source) for t in ties)
        command = [sys.executable, "-m", "equalpartners.cli", "network", str(ties_csv),
                   "--people", str(people_csv), "--directed", "--json"]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
    return {"seconds": round(took, 3), "exit_status": done.returncode,
            "ties": json.loads(done.stdout)["ties"] if done.returncode == 0 else None}  # fmt: skip


def report_pdf_case() -> dict[str, Any] | None:
    script = HERE / "report_pdf.py"
    if not script.exists():
        return None
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=False, timeout=900)  # fmt: skip
    lines = [line for line in done.stdout.splitlines() if line.strip().startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"exit_status": done.returncode, "error": tail, "target_met": False}
    figure: dict[str, Any] = json.loads(lines[-1])
    figure["target_met"] = figure.get("seconds", math.inf) < TARGET_PDF_SECONDS
    return figure


def print_measures(rows: dict[str, Any]) -> None:
    head = f"{'measure':<24}" + "".join(
        f"{kind + ' ours':>17}{'networkx':>10}{'ratio':>8}" for kind in rows
    )  # ratio: networkx's time over ours
    print("\n" + head)
    for name in (*MEASURES, "all together"):
        line = f"{name:<24}"
        for row in rows.values():
            if name not in row["ours_seconds"]:
                line += f"{'(needs direction)':>35}"
                continue
            mine, theirs_ = row["ours_seconds"][name] * 1000, row["networkx_seconds"][name] * 1000
            line += f"{mine:>14.1f} ms{theirs_:>7.0f} ms{row['ratio'][name]:>7.0f}x"
        print(line)
    for kind, row in rows.items():
        print(
            f"{kind}: {row['ties']} ties, peak {row['ours_peak_mib']} MiB"
            f" ({row['ours_peak_mib_before_measuring']} MiB before measuring; networkx"
            f" {row['networkx_peak_mib']} MiB), same figures as networkx: {row['same_figures']},"
            f" target met: {row['target_met']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    machine = (f"{platform.machine()}, {cpu}, {os.cpu_count()} cores, Python"
               f" {platform.python_version()}, numpy {numpy.__version__}, scipy"
               f" {scipy.__version__}, networkx {networkx.__version__}")  # fmt: skip
    print(f"machine: {machine}", flush=True)
    results: dict[str, Any] = {"machine": machine}
    print("1. Every measure, 10,000 people and 100,000 ties over three years", flush=True)
    results["measures"] = measures_case(args.repeat)
    print_measures(results["measures"])
    print("\n2. equalpartners network ... --directed --json, from CSV files", flush=True)
    results["command_line"] = command_line_case()
    print(f"  {results['command_line']}")
    print("\n3. The demo's learning report as PDF", flush=True)
    results["report_pdf"] = report_pdf_case()
    print(f"  {results['report_pdf'] or 'bench/networks/report_pdf.py is not there; skipped'}")
    print("\nJSON")
    print(json.dumps(results, indent=2))
    missed = [kind for kind, row in results["measures"].items() if not row["target_met"]]
    missed += [kind for kind, row in results["measures"].items() if not row["same_figures"]]
    if results["report_pdf"] is not None and not results["report_pdf"]["target_met"]:
        missed.append("report PDF")
    if missed:
        print("\ntargets missed: " + "; ".join(missed))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
