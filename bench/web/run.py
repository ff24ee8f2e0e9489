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
import contextlib
import http.client
import json
import math
import multiprocessing
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
HOST = "127.0.0.1"
SLUG = "large"
P95_TARGET_MS = 100.0
RPS_RATIO_TARGET = 1 / 3
WORKER_MEMORY_TARGET_MB = 250.0
BUSY_CORES = 0.2  # other work using more than this share of the cores makes figures low

# wrk prints this line when it is done: the figures as JSON, latencies in microseconds.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, '
    .. '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "errors": %d, "bad_status": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    judged: bool = True  # False: a reference, measured like the pages but with no target


ENDPOINTS = [
    Endpoint("bare view", "/bench/bare/", judged=False),
    # Signed in, the partnership and membership looked up, the base template and nothing else:
    # the least any page of a partnership costs.
    Endpoint("empty page", f"/p/{SLUG}/bench/empty/", judged=False),
    Endpoint("home page", f"/p/{SLUG}/"),
    Endpoint("timeline", f"/p/{SLUG}/timeline/"),
    Endpoint("programme list", f"/p/{SLUG}/programme/"),
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
    rps_ratio_to_bare: float | None = None
    p95_met: bool | None = None
    rps_ratio_met: bool | None = None
    met: bool | None = None


@dataclass
class WorkerMemory:
    pid: int
    peak_rss_mb: float  # VmHWM: the most resident memory the worker ever had
    rss_mb: float  # VmRSS at the last sample
    pss_mb: float | None  # proportional share, counting pages shared with the master fairly


@dataclass
class MemoryWatch:
    """Samples the gunicorn master's children (its workers) while the benchmark runs."""

    master_pid: int
    workers: dict[int, WorkerMemory] = field(default_factory=dict)
    master_peak_rss_mb: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        master = _proc_status(self.master_pid)
        if master:
            self.master_peak_rss_mb = max(self.master_peak_rss_mb, _mb(master.get("VmHWM", 0)))
        for pid in children_of(self.master_pid):
            status = _proc_status(pid)
            if not status:
                continue
            self.workers[pid] = WorkerMemory(
                pid=pid,
                peak_rss_mb=_mb(status.get("VmHWM", 0)),
                rss_mb=_mb(status.get("VmRSS", 0)),
                pss_mb=_pss_mb(pid),
            )


def _mb(kib: int) -> float:
    """/proc counts in KiB; the bound is in (decimal) megabytes."""
    return kib * 1024 / 1e6


def _proc_status(pid: int) -> dict[str, int]:
    """The kB figures in /proc/<pid>/status, or nothing if the process has gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    figures = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            figures[key] = int(value.split()[0])
    return figures


def _pss_mb(pid: int) -> float | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return _mb(int(line.split()[1]))
    return None


def children_of(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in brackets and may hold spaces: the fields after it are plain.
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            children.append(int(entry.name))
    return children


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _machine_jiffies() -> tuple[int, int]:
    """Busy and stolen time of all the cores together, in clock ticks, from /proc/stat."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and waiting for I/O
    steal = fields[7] if len(fields) > 7 else 0
    busy = sum(fields[:8]) - idle - steal
    return busy, steal


@dataclass
class OtherWork:
    """CPU used on the machine during the run by anything but the server, wrk and us.

    Other work on the same cores (or time the hypervisor gives to other machines, "steal")
    lowers what the server can do: the figures are only comparable when both are near 0.
    """

    server_pid: int
    seconds: float = 0.0
    other_cpu_seconds: float = 0.0
    steal_cpu_seconds: float = 0.0
    _start: tuple[float, int, int, float, float] | None = None

    def _now(self) -> tuple[float, int, int, float, float]:
        busy, steal = _machine_jiffies()
        server = cpu_seconds([self.server_pid, *children_of(self.server_pid)])
        me = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has finished
        ours = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
        return time.monotonic(), busy, steal, server, ours

    def start(self) -> None:
        self._start = self._now()

    def stop(self) -> None:
        if self._start is None:
            return
        tick = os.sysconf("SC_CLK_TCK")
        end = self._now()
        self.seconds = end[0] - self._start[0]
        known = (end[3] - self._start[3]) + (end[4] - self._start[4])
        self.other_cpu_seconds = max(0.0, (end[1] - self._start[1]) / tick - known)
        self.steal_cpu_seconds = (end[2] - self._start[2]) / tick

    @property
    def other_cores(self) -> float:
        return self.other_cpu_seconds / self.seconds if self.seconds else 0.0

    @property
    def steal_cores(self) -> float:
        return self.steal_cpu_seconds / self.seconds if self.seconds else 0.0


def _spin(loops: int) -> float:
    began = time.perf_counter()
    total = 0
    for number in range(loops):
        total += number
    return time.perf_counter() - began


def cpu_parallel_speedup(loops: int = 3_000_000) -> float:
    """How much more pure-Python work all the cores do together than one alone (ideal: cores).

    Virtual cores that share a physical one (or a CPU quota) give much less than their number;
    the throughput two workers can reach depends on it.
    """
    cores = os.cpu_count() or 1
    alone = min(_spin(loops) for _ in range(2))
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        together = max(pool.map(_spin, [loops] * cores))
    return cores * alone / together


# --- Preparing the data, in this process --------------------------------------------------


def server_environment(data_dir: Path) -> dict[str, str]:
    """Production mode, unchanged but for plain HTTP on loopback and the two reference views."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "DEBUG", "STATIC_ROOT", "MEDIA_ROOT"}
    }
    env.update(
        {
            "EQUALPARTNERS_MODE": "production",
            "EQUALPARTNERS_DATA_DIR": str(data_dir),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",  # the documented switch: no TLS on loopback
            "DJANGO_SETTINGS_MODULE": "bare_settings",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(HERE), str(ROOT / "src"), env.get("PYTHONPATH", "")])
            ),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare(env: dict[str, str], *, people: int, activities: int, years: int) -> dict[str, Any]:
    """Migrate, generate the partnership and sign the coordinator in. Returns the facts."""
    os.environ.update(env)
    sys.path[:0] = [str(HERE), str(ROOT / "src")]
    import django

    django.setup()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connections

    from equalpartners.demo.large import coordinator_email, load_large

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # for the in-process count
    migrated = time.perf_counter()
    result = load_large(slug=SLUG, people=people, activities=activities, years=years)
    loaded = time.perf_counter()
    user = get_user_model().objects.get(username=coordinator_email(SLUG))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    connections.close_all()
    return {
        "session_key": session.session_key,
        "counts": result.counts,
        "migrate_seconds": round(migrated - started, 2),
        "generate_seconds": round(loaded - migrated, 2),
    }


def count_queries(path: str, session_key: str) -> int:
    """How many SQL queries one request for ``path`` makes, through the whole stack."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    client.cookies["sessionid"] = session_key
    client.get(path)  # the first request may fill caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in process")
    return len(queries.captured_queries)


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(
    env: dict[str, str],
    *,
    port: int,
    workers: int,
    threads: int,
    log: Path,
) -> Iterator[subprocess.Popen[bytes]]:
    command = shutil.which("equalpartners", path=str(Path(sys.executable).parent))
    argv = [command] if command else [sys.executable, "-m", "equalpartners.cli"]
    argv += [
        "serve",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    with log.open("wb") as out:
        # A session of its own, so that stopping it stops its workers and nothing else.
        server = subprocess.Popen(
            argv,
            env=env,
            cwd=env["EQUALPARTNERS_DATA_DIR"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_ready(server, port, log)
            yield server
        finally:
            stop(server)


def wait_until_ready(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                f"the server stopped (exit {server.returncode}):\n"
                + log.read_text(errors="replace")[-3000:]
            )
        with contextlib.suppress(OSError):
            status, _ = fetch(port, "/bench/bare/", cookie="")
            if status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(
        "the server did not answer within 60 s:\n" + log.read_text(errors="replace")[-3000:]
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # gunicorn's graceful stop
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGKILL)  # any worker left behind


def fetch(port: int, path: str, *, cookie: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- Load generators --------------------------------------------------------------------------


def load_with_wrk(
    wrk: str,
    script: Path,
    port: int,
    path: str,
    *,
    cookie: str,
    seconds: float,
    connections: int,
    threads: int,
    keep_alive: bool,
) -> dict[str, Any]:
    argv = [
        wrk,
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        "-H",
        f"Cookie: {cookie}",
        *([] if keep_alive else ["-H", "Connection: close"]),
        f"http://{HOST}:{port}{path}",
    ]
    run = subprocess.run(argv, capture_output=True, text=True, check=True)
    for line in run.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            raw = json.loads(line.removeprefix("BENCH-JSON "))
            if raw["requests"] == 0:  # none finished: every latency was longer than the run
                for key in ("p50_us", "p95_us", "p99_us", "max_us"):
                    raw[key] = raw["duration_us"]
            return {
                "requests": raw["requests"],
                "seconds": raw["duration_us"] / 1e6,
                "p50_ms": raw["p50_us"] / 1000,
                "p95_ms": raw["p95_us"] / 1000,
                "p99_ms": raw["p99_us"] / 1000,
                "max_ms": raw["max_us"] / 1000,
                "errors": raw["errors"],
                "bad_status": raw["bad_status"],
            }
    raise RuntimeError(f"wrk gave no figures:\n{run.stdout}\n{run.stderr}")


def load_with_python(
    port: int,
    path: str,
    *,
    cookie: str,
    seconds: float,
    connections: int,
    keep_alive: bool,
) -> dict[str, Any]:
    """One thread per connection, for ``seconds``; a new connection per request unless kept."""
    headers = {"Cookie": cookie} if keep_alive else {"Cookie": cookie, "Connection": "close"}
    latencies: list[list[float]] = [[] for _ in range(connections)]
    failures = [0] * connections
    bad = [0] * connections
    start = threading.Barrier(connections + 1)
    deadline = [0.0]

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=10)
        start.wait()
        while time.perf_counter() < deadline[0]:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if not keep_alive:
                    connection.close()
            except (OSError, http.client.HTTPException):
                failures[number] += 1
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=10)
                continue
            latencies[number].append(time.perf_counter() - began)
            if not 200 <= response.status < 400:
                bad[number] += 1
        connection.close()

    pool = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in pool:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - began
    every = sorted(t for per in latencies for t in per) or [elapsed]  # none finished: > run
    return {
        "requests": sum(map(len, latencies)),
        "seconds": elapsed,
        "p50_ms": percentile(every, 50) * 1000,
        "p95_ms": percentile(every, 95) * 1000,
        "p99_ms": percentile(every, 99) * 1000,
        "max_ms": every[-1] * 1000,
        "errors": sum(failures),
        "bad_status": sum(bad),
    }


def percentile(ordered: list[float], p: float) -> float:
    """Nearest rank: the smallest value at or above which lie ``100 - p`` percent."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# --- The run ----------------------------------------------------------------------------------


def judge(results: list[Result]) -> None:
    bare = next(r for r in results if r.path == ENDPOINTS[0].path)
    judged = {e.path for e in ENDPOINTS if e.judged}
    for result in results:
        result.rps_ratio_to_bare = result.rps / bare.rps if bare.rps else None
        if result.path not in judged:
            continue
        result.p95_met = result.requests > 0 and result.p95_ms < P95_TARGET_MS
        result.rps_ratio_met = (result.rps_ratio_to_bare or 0) >= RPS_RATIO_TARGET
        result.met = (
            result.p95_met
            and result.rps_ratio_met
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
            ("throughput", r.rps_ratio_met),
            ("errors", not (r.errors or r.bad_status)),
        )
        if not ok
    ]
    return "MISSED: " + ", ".join(missed)


def table(results: list[Result], memory: MemoryWatch, connections: int) -> str:
    loaded = f"{connections} connections"
    lines = [
        f"{'':16} {loaded:-^43} {'one connection':-^20} {'per request':-^23}",
        f"{'endpoint':16} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'x bare':>7}  {'req/s':>6} {'p50':>6} {'p95':>6}  {'CPU ms':>7} {'SQL':>4} {'KiB':>6}"
        f"  target: p95 < {P95_TARGET_MS:.0f} ms and >= 1/3 of bare",
    ]
    for r in results:
        verdict = _verdict(r)
        cpu = f"{r.cpu_ms_per_request:7.2f}" if r.cpu_ms_per_request is not None else "      -"
        lines.append(
            f"{r.endpoint:16} {r.rps:7.1f} {r.p50_ms:7.1f} {r.p95_ms:7.1f} {r.p99_ms:7.1f} "
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
        queries = {e.path: count_queries(e.path, facts["session_key"]) for e in ENDPOINTS}
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
                for endpoint in ENDPOINTS:
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
                        load(args.warmup, args.concurrency)
                    single = load(max(1.0, args.seconds / 2), 1)
                    workers = children_of(server.pid)
                    cpu_before = [cpu_seconds([pid]) for pid in workers]
                    figures = load(args.seconds, args.concurrency)
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
        judge(results)
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
