"""The load generators, for ``run.py``: wrk when it is installed, or a Python client.

Each loads one address for a given time over a given number of connections and returns the
same figures: requests, seconds, p50, p95, p99 and maximum latency, errors and bad statuses.
"""

from __future__ import annotations

import http.client
import json
import math
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from server import HOST

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
