"""Benchmark: the pages of a large partnership, served by the production server on loopback.

Run from the repository root with the virtual environment active:

    python bench/web/run.py              # the full run (about 1.5 minutes)
    python bench/web/run.py --quick      # 3 s per page, for a smoke test
    python bench/web/run.py --check      # exit 1 if a target is missed

What it does (see bench/web/README.md):
1. makes a temporary data folder with a fresh SQLite database, migrates it and generates the
   large partnership (5,000 people, 1,000 activities over 5 calendar years; ``demo_large``);
2. signs the coordinator in by creating their session in the database;
3. starts the production server, ``equalpartners serve`` (gunicorn, gthread workers), in
   production mode on 127.0.0.1, with settings that add two reference views to the addresses
   (``bench/web/bare_settings.py``); plain HTTP needs only ``SECURE_SSL_REDIRECT=false``;
4. loads each address in turn with wrk (or, if wrk is not installed, a Python client) after a
   warm-up, first over one connection and then over ``--concurrency`` connections: the bare
   view (``HttpResponse("ok")``), an empty partnership page (references, with no target), the
   partnership's home page, its timeline (this year, no filters) and its programme list;
5. prints requests per second, p50 and p95 latency, each page's throughput as a ratio to the
   bare view's, the SQL queries one request makes, and the peak resident memory of each worker,
   as a table and then as JSON.

Targets: p95 under 100 ms, at least a third of the bare view's throughput, and every worker's
peak resident memory (VmHWM) under 250 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from load import WRK_SCRIPT, load_with_python, load_with_wrk
from measure import MemoryWatch, OtherWork, children_of, cpu_parallel_speedup, cpu_seconds
from server import (
    HOST,
    SLUG,
    count_queries,
    fetch,
    free_port,
    prepare,
    running_server,
    server_environment,
)

P95_TARGET_MS = 100.0
RPS_RATIO_TARGET = 1 / 3
WORKER_MEMORY_TARGET_MB = 250.0
BUSY_CORES = 0.2  # other work using more than this share of the cores makes figures low


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    judged: bool = True  # False: a reference, measured like the pages but with no target
    # The pages of one activity with 2,000 registrations are judged at 20 connections on p95
    # alone (the target); the others at --concurrency on p95 and throughput.
    connections: int | None = None


ENDPOINTS = [
    Endpoint("bare view", "/bench/bare/", judged=False),
    # Signed in, the partnership and membership looked up, the base template and nothing else:
    # the least any page of a partnership costs.
    Endpoint("empty page", f"/p/{SLUG}/bench/empty/", judged=False),
    Endpoint("home page", f"/p/{SLUG}/"),
    Endpoint("timeline", f"/p/{SLUG}/timeline/"),
    Endpoint("programme list", f"/p/{SLUG}/programme/"),
]
REGISTRATION_CONNECTIONS = 20


def registration_endpoints(activity_id: int, search: str) -> list[Endpoint]:
    """The check-in page and registration, for the activity with 2,000 registrations."""
    base = f"/p/{SLUG}/activities/{activity_id}"
    n = REGISTRATION_CONNECTIONS
    return [
        # The least any page costs, at the same 20 connections: the floor for the others.
        Endpoint("empty page", f"/p/{SLUG}/bench/empty/?at={n}", judged=False, connections=n),
        Endpoint("check-in page", f"{base}/check-in/", connections=n),
        Endpoint("check-in search", f"{base}/check-in/?q={search}", connections=n),
        Endpoint("registration list", f"{base}/registration/", connections=n),
        Endpoint("register page", f"{base}/register/", connections=n),
    ]


@dataclass
class Result:
    endpoint: str
    path: str
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    bad_status: int
    body_bytes: int
    queries: int | None
    cpu_ms_per_request: float | None  # the workers' CPU time (user + system) per request
    single_rps: float  # one connection at a time: the page's own latency, without queueing
    single_p50_ms: float
    single_p95_ms: float
    # Of the workers' CPU time under load, the busiest one's share: 1/workers when the
    # connections are spread evenly, 1.0 when one worker had them all (kept-alive connections
    # stay with the worker that accepted them).
    busiest_worker_share: float | None
    connections: int = 0
    rps_ratio_to_bare: float | None = None
    p95_met: bool | None = None
    rps_ratio_met: bool | None = None
    met: bool | None = None


# --- The run ----------------------------------------------------------------------------------


def judge(results: list[Result], endpoints: list[Endpoint]) -> None:
    bare = next(r for r in results if r.path == ENDPOINTS[0].path)
    judged = {e.path: e for e in endpoints if e.judged}
    for result in results:
        result.rps_ratio_to_bare = result.rps / bare.rps if bare.rps else None
        if result.path not in judged:
            continue
        result.p95_met = result.requests > 0 and result.p95_ms < P95_TARGET_MS
        result.rps_ratio_met = (
            (result.rps_ratio_to_bare or 0) >= RPS_RATIO_TARGET
            if judged[result.path].connections is None
            else None  # judged on p95 alone
        )
        result.met = (
            result.p95_met
            and result.rps_ratio_met is not False
            and result.requests > 0
            and result.errors == 0
            and result.bad_status == 0
        )


def _verdict(r: Result) -> str:
    if r.met is None:
        return "(reference)"
    if r.met:
        return "met"
    missed = [
        what
        for what, ok in (
            ("p95", r.p95_met),
            ("throughput", r.rps_ratio_met is not False),
            ("errors", not (r.errors or r.bad_status)),
        )
        if not ok
    ]
    return "MISSED: " + ", ".join(missed)


def table(results: list[Result], memory: MemoryWatch, connections: int) -> str:
    loaded = f"under load ({connections} connections unless marked *)"
    lines = [
        f"{'':16} {loaded:-^43} {'one connection':-^20} {'per request':-^23}",
        f"{'endpoint':16} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'x bare':>7}  {'req/s':>6} {'p50':>6} {'p95':>6}  {'CPU ms':>7} {'SQL':>4} {'KiB':>6}"
        f"  target: p95 < {P95_TARGET_MS:.0f} ms and >= 1/3 of bare (* p95 at "
        f"{REGISTRATION_CONNECTIONS} connections)",
    ]
    for r in results:
        verdict = _verdict(r)
        cpu = f"{r.cpu_ms_per_request:7.2f}" if r.cpu_ms_per_request is not None else "      -"
        name = r.endpoint + ("*" if r.connections != connections else "")
        lines.append(
            f"{name:16} {r.rps:7.1f} {r.p50_ms:7.1f} {r.p95_ms:7.1f} {r.p99_ms:7.1f} "
            f"{r.rps_ratio_to_bare or 0:7.3f}  {r.single_rps:6.1f} {r.single_p50_ms:6.1f} "
            f"{r.single_p95_ms:6.1f}  {cpu} {r.queries if r.queries is not None else '-':>4} "
            f"{r.body_bytes / 1024:6.1f}  {verdict}"
            + (
                f" ({r.errors} errors, {r.bad_status} bad status)"
                if r.errors or r.bad_status
                else ""
            )
        )
    lines.append("")
    peak = max((w.peak_rss_mb for w in memory.workers.values()), default=0.0)
    for w in sorted(memory.workers.values(), key=lambda w: w.pid):
        pss = f", PSS {w.pss_mb:.1f} MB" if w.pss_mb is not None else ""
        lines.append(
            f"worker {w.pid}: peak RSS {w.peak_rss_mb:.1f} MB (RSS at the end "
            f"{w.rss_mb:.1f} MB{pss})"
        )
    lines.append(
        f"max worker peak RSS {peak:.1f} MB, bound {WORKER_MEMORY_TARGET_MB:.0f} MB: "
        + ("met" if peak < WORKER_MEMORY_TARGET_MB else "MISSED")
        + f"  (gunicorn master peak RSS {memory.master_peak_rss_mb:.1f} MB)"
    )
    return "\n".join(lines)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="load per address (10)")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up per address (2)")
    parser.add_argument("--concurrency", type=int, default=8, help="open connections (8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (4)")
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load generator: wrk if installed (auto), or the Python one",
    )
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="reuse connections (by default each request has its own, as from a proxy "
        "that does not keep connections to the server; kept-alive connections stay with one "
        "worker, which can leave the other idle)",
    )
    parser.add_argument(
        "--wrk-threads",
        type=int,
        default=1,
        help="wrk's own threads (1: leave the cores to the server)",
    )
    parser.add_argument("--quick", action="store_true", help="3 s per address, 1 s warm-up")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary data folder (and the server log) afterwards",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.warmup = 3.0, 1.0

    wrk = shutil.which("wrk") if args.client in ("auto", "wrk") else None
    if args.client == "wrk" and wrk is None:
        parser.error("wrk is not installed (on Debian: apt-get install wrk)")
    client_name = "wrk" if wrk else "python"
    machine = {
        "cpus": os.cpu_count(),
        "load_average_1m_before": round(os.getloadavg()[0], 2),
        "cpu_parallel_speedup": round(cpu_parallel_speedup(), 2),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
        "python": sys.version.split()[0],
    }
    data_dir = Path(tempfile.mkdtemp(prefix="equalpartners-bench-web-"))
    try:
        env = server_environment(data_dir)
        print(f"Preparing {data_dir} (migrate, generate the large partnership) ...", flush=True)
        facts = prepare(env, people=args.people, activities=args.activities, years=args.years)
        print(f"  generated in {facts['generate_seconds']} s: {facts['counts']}", flush=True)
        endpoints = list(ENDPOINTS)
        if facts["registered_activity_id"] is not None:
            endpoints += registration_endpoints(facts["registered_activity_id"], facts["search"])
        queries = {e.path: count_queries(e.path, facts["session_key"]) for e in endpoints}
        cookie = f"sessionid={facts['session_key']}"
        script = data_dir / "report.lua"
        script.write_text(WRK_SCRIPT)
        port = free_port()
        print(
            f"Starting `equalpartners serve` on {HOST}:{port} ({args.workers} workers x "
            f"{args.threads} threads); load from {client_name}: 1, then {args.concurrency} "
            f"connections ({'kept alive' if args.keep_alive else 'a new one per request'}), "
            f"{args.seconds:g} s per address after {args.warmup:g} s warm-up",
            flush=True,
        )
        results = []
        with running_server(
            env, port=port, workers=args.workers, threads=args.threads, log=data_dir / "server.log"
        ) as server:
            memory = MemoryWatch(server.pid)
            memory.start()
            other = OtherWork(server.pid)
            other.start()
            try:
                for endpoint in endpoints:
                    connections = endpoint.connections or args.concurrency
                    status, body = fetch(port, endpoint.path, cookie=cookie)
                    if status != 200:
                        raise RuntimeError(f"{endpoint.path} answered {status}, not 200")
                    if endpoint.path != "/bench/bare/" and b"Large Partnership" not in body:
                        raise RuntimeError(f"{endpoint.path} is not the partnership's page")

                    def load(
                        seconds: float, connections: int, path: str = endpoint.path
                    ) -> dict[str, Any]:
                        if wrk:
                            return load_with_wrk(
                                wrk,
                                script,
                                port,
                                path,
                                cookie=cookie,
                                seconds=seconds,
                                connections=connections,
                                threads=args.wrk_threads,
                                keep_alive=args.keep_alive,
                            )
                        return load_with_python(
                            port,
                            path,
                            cookie=cookie,
                            seconds=seconds,
                            connections=connections,
                            keep_alive=args.keep_alive,
                        )

                    if args.warmup > 0:
                        load(args.warmup, connections)
                    single = load(max(1.0, args.seconds / 2), 1)
                    workers = children_of(server.pid)
                    cpu_before = [cpu_seconds([pid]) for pid in workers]
                    figures = load(args.seconds, connections)
                    per_worker = [
                        cpu_seconds([pid]) - before
                        for pid, before in zip(workers, cpu_before, strict=True)
                    ]
                    cpu_used = sum(per_worker)
                    results.append(
                        Result(
                            endpoint=endpoint.name,
                            path=endpoint.path,
                            rps=figures["requests"] / figures["seconds"],
                            body_bytes=len(body),
                            connections=connections,
                            queries=queries[endpoint.path],
                            cpu_ms_per_request=(
                                1000 * cpu_used / figures["requests"]
                                if figures["requests"]
                                else None
                            ),
                            single_rps=single["requests"] / single["seconds"],
                            single_p50_ms=single["p50_ms"],
                            single_p95_ms=single["p95_ms"],
                            busiest_worker_share=(
                                max(per_worker) / cpu_used if cpu_used > 0 else None
                            ),
                            **figures,
                        )
                    )
                    print(
                        f"  {endpoint.name}: {results[-1].rps:.1f} req/s, p95 "
                        f"{results[-1].p95_ms:.1f} ms",
                        flush=True,
                    )
            finally:
                other.stop()
                memory.stop()
        judge(results, endpoints)
        machine["other_work_cores_during_run"] = round(other.other_cores, 2)
        machine["steal_cores_during_run"] = round(other.steal_cores, 2)
        machine["load_average_1m_after"] = round(os.getloadavg()[0], 2)
        print()
        print(table(results, memory, args.concurrency))
        print(
            f"\nmachine: {machine['cpus']} cores; all cores together do "
            f"{machine['cpu_parallel_speedup']}x the pure-Python work of one; during the run "
            f"other processes used {other.other_cores:.2f} cores and the hypervisor took "
            f"{other.steal_cores:.2f} (steal)"
        )
        unbalanced = [
            r.endpoint
            for r in results
            if r.busiest_worker_share is not None
            and args.workers > 1
            and r.busiest_worker_share > 0.75
        ]
        if unbalanced:
            print(
                "WARNING: one worker did most of the work for "
                + ", ".join(unbalanced)
                + ": the load was not spread over the workers."
            )
        if other.other_cores > BUSY_CORES or other.steal_cores > BUSY_CORES:
            print(
                "WARNING: other work shared the cores during the run, so the figures are "
                "lower than the server can do alone: run again on a quiet machine."
            )
        peak = max((w.peak_rss_mb for w in memory.workers.values()), default=0.0)
        report = {
            "machine": machine,
            "server": {
                "command": "equalpartners serve",
                "mode": "production",
                "workers": args.workers,
                "threads": args.threads,
                "database": "sqlite",
            },
            "load": {
                "client": client_name,
                "keep_alive": args.keep_alive,
                "connections": args.concurrency,
                "seconds": args.seconds,
                "warmup_seconds": args.warmup,
            },
            "data": facts["counts"],
            "targets": {
                "p95_ms": P95_TARGET_MS,
                "rps_ratio_to_bare": RPS_RATIO_TARGET,
                "worker_peak_rss_mb": WORKER_MEMORY_TARGET_MB,
            },
            "results": [asdict(r) for r in results],
            "memory": {
                "max_worker_peak_rss_mb": peak,
                "met": peak < WORKER_MEMORY_TARGET_MB,
                "master_peak_rss_mb": memory.master_peak_rss_mb,
                "workers": [asdict(w) for w in memory.workers.values()],
            },
        }
        all_met = all(r.met is not False for r in results) and report["memory"]["met"]
        report["all_targets_met"] = all_met
        print()
        print(json.dumps(_rounded(report), indent=2))
        return 1 if args.check and not all_met else 0
    finally:
        if args.keep:
            print(f"Kept {data_dir}", file=sys.stderr)
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
