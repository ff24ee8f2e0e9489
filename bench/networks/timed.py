"""Both sides of the comparison, each timed measure by measure in a fresh child process that
reports its own peak resident memory.

Ours: the engine's own steps (reading the ties into arrays, then each measure) and `measure()`
as a whole. networkx: the reference the engine's tests check against (networkx's own density
and assortativity; centralization from its degrees; E-I, brokerage, new ties and who connects
whom by walking its graph), starting from the same list of ties.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx
from generate import network

from equalpartners.engines.networks import measure
from equalpartners.engines.networks.brokerage import brokerage
from equalpartners.engines.networks.cohesion import degree_centralization, degrees, density
from equalpartners.engines.networks.graph import build
from equalpartners.engines.networks.persons import by_person
from equalpartners.engines.networks.sectors import assortativity, ei_index, new_cross_sector_ties
from equalpartners.engines.tests.networks import reference

MEASURES = ("reading the ties", "density", "degree centralization", "E-I index",
            "assortativity", "brokerage", "new cross-sector ties", "who connects whom")  # fmt: skip


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM). Not getrusage: Linux carries ru_maxrss
    over fork and exec, so a child would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    fastest, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest, result


def ours(directed: bool, repeat: int) -> dict[str, Any]:
    people, ties = network()
    before = peak_rss_mib()  # the interpreter, numpy and the generated Tie objects
    seconds: dict[str, float] = {}
    seconds["reading the ties"], graph = best(
        lambda: build(people, ties, since=None, until=None, directed=directed), repeat
    )
    degree = degrees(graph)
    steps: dict[str, Callable[[], Any]] = {
        "density": lambda: density(graph),
        "degree centralization": lambda: degree_centralization(graph, degrees(graph)),
        "E-I index": lambda: ei_index(graph),
        "assortativity": lambda: assortativity(graph),
        "brokerage": lambda: brokerage(graph),
        "new cross-sector ties": lambda: new_cross_sector_ties(graph, None, None),
        "who connects whom": lambda: by_person(graph, degree),
    }
    if not directed:
        del steps["brokerage"]  # brokerage needs direction; measure() skips it
    for name, step in steps.items():
        seconds[name], _ = best(step, repeat)
    seconds["all together"], result = best(lambda: measure(people, ties, directed=directed), repeat)
    return {
        "seconds": seconds,
        "figures": result.as_json(),
        "by_person": {k: tuple(vars_of(v)) for k, v in result.by_person.items()},
        "peak_mib_before": before,
        "peak_mib": peak_rss_mib(),
    }


def theirs(directed: bool, repeat: int) -> dict[str, Any]:
    people, ties = network()
    seconds: dict[str, float] = {}
    seconds["reading the ties"], graph = best(
        lambda: reference.graph_of(people, ties, None, None, directed), repeat
    )
    steps: dict[str, Callable[[], Any]] = {
        "density": lambda: networkx.density(graph),
        "degree centralization": lambda: reference.centralization(graph),
        "E-I index": lambda: reference.ei_index(graph),
        "assortativity": lambda: reference.assortativity(graph),
        "brokerage": lambda: reference.brokerage(graph),
        "new cross-sector ties": lambda: reference.new_cross_sector(people, ties, None, None),
        "who connects whom": lambda: reference.by_person(graph),
    }
    if not directed:
        del steps["brokerage"]
    found: dict[str, Any] = {"brokerage": {}}
    for name, step in steps.items():
        seconds[name], found[name] = best(step, repeat)
    seconds["all together"] = sum(seconds.values())  # the sum of the best of each step
    return {
        "seconds": seconds,
        "figures": {
            "people": graph.number_of_nodes(),
            "ties": graph.number_of_edges(),
            "density": found["density"],
            "degree_centralization": found["degree centralization"],
            "ei_index": found["E-I index"],
            "assortativity": found["assortativity"],
            "brokerage": found["brokerage"],
            "new_cross_sector_ties": found["new cross-sector ties"],
        },
        "by_person": {k: tuple(vars_of(v)) for k, v in found["who connects whom"].items()},
        "peak_mib": peak_rss_mib(),
    }


def vars_of(figures: Any) -> list[int]:
    return [figures.degree, figures.cross_sector_ties, figures.sectors_reached,
            figures.organisations_reached]  # fmt: skip
