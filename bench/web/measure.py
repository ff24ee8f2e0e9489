"""Measuring the server's processes and the machine, from /proc, for ``run.py``.

The workers' resident memory (VmHWM, VmRSS and PSS) sampled while the benchmark runs, the CPU
seconds of given processes, the CPU other work on the machine used during the run (and the
time the hypervisor took), and how much more work all the cores do together than one alone.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


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
