"""`equalpartners network`: the network measures from two CSV files.

    equalpartners network TIES.csv --people PEOPLE.csv [--since DATE] [--until DATE]
        [--directed] [--top N] [--json]

Ours so that anyone can check the figures on the network growth pages from the files they came
from, with the same engine. Exit status: 0 with the figures printed; 1 for a bad file or dates
out of order, with a message naming the file, row and column; 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import TextIO

from .files import FileProblem, parse_date, read_people, read_ties
from .measure import measure
from .model import ROLES, Measures, Member, NetworkInputError


def _date(text: str) -> datetime.date:
    on = parse_date(text)
    if on is None:
        raise argparse.ArgumentTypeError(f"write the date as YYYY-MM-DD, not {text!r}")
    return on


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="equalpartners network",
        description="Measure the network of ties between people: density, centralization,"
        " mixing across sectors, brokerage and new cross-sector ties.",
    )
    parser.add_argument("ties", metavar="TIES.csv", type=Path,
                        help="person_a,person_b,date[,source], one tie a row")  # fmt: skip
    parser.add_argument("--people", required=True, metavar="PEOPLE.csv", type=Path,
                        help="id,organisation,sector, one person a row")  # fmt: skip
    parser.add_argument("--since", type=_date, metavar="DATE", help="first day of the period")
    parser.add_argument("--until", type=_date, metavar="DATE", help="last day of the period")
    parser.add_argument(
        "--directed",
        action="store_true",
        help="read each tie as from person_a to person_b (needed for brokerage)",
    )
    parser.add_argument("--top", type=int, default=10, metavar="N",
                        help="how many brokers and connectors to list (default 10)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the measures as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run `equalpartners network`; `argv` excludes the word "network". Returns the status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help and on usage errors
        return stop.code if isinstance(stop.code, int) else 2
    if args.since and args.until and args.since > args.until:
        print(
            f"error: the dates are out of order: --since {args.since.isoformat()} is after"
            f" --until {args.until.isoformat()}.",
            file=sys.stderr,
        )
        return 1
    try:
        people = read_people(args.people)
        ties = read_ties(args.ties, people, str(args.people))
        result = measure(
            people.people, ties, since=args.since, until=args.until, directed=args.directed
        )
    except (FileProblem, NetworkInputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(result.as_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_table(result, people.people, args.since, args.until, max(args.top, 0), sys.stdout)
    return 0


def _figure(value: float | None, why_missing: str) -> str:
    return f"{value:.4f}" if value is not None else f"not defined ({why_missing})"


def write_table(
    result: Measures,
    people: tuple[Member, ...],
    since: datetime.date | None,
    until: datetime.date | None,
    top: int,
    out: TextIO,
) -> None:
    """Every measure as a two-column table, then the top brokers and the people who reach
    furthest across sectors."""
    start = since.isoformat() if since else "the first tie"
    end = until.isoformat() if until else "the last"
    kind = "directed" if result.directed else "undirected"
    out.write(f"Network of the ties dated from {start} to {end} ({kind})\n\n")
    rows = [
        ("People", str(result.people)),
        ("Ties" + (" (each direction apart)" if result.directed else ""), str(result.ties)),
        ("Density", f"{result.density:.4f}"),
        ("Degree centralization (Freeman)", f"{result.degree_centralization:.4f}"),
        ("E-I index by sector", _figure(result.ei_index, "no ties")),
        ("Assortativity by sector", _figure(result.assortativity, "no ties, or one sector")),
        ("New cross-sector ties", str(result.new_cross_sector_ties)),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.write(f"{label:<{width}}  {value}\n")
    if result.directed:
        _brokers(result, top, out)
    else:
        out.write("\nBrokerage roles need direction: run again with --directed to count them.\n")
    _connectors(result, people, top, out)


def _brokers(result: Measures, top: int, out: TextIO) -> None:
    ranked = sorted(result.brokerage.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    if not ranked:
        out.write("\nNobody brokers: every two-step path is closed or there are none.\n")
        return
    out.write(f"\nTop brokers (Gould and Fernandez roles), {min(top, len(ranked))}"
              f" of {len(ranked)}\n")  # fmt: skip
    header = ("person", *ROLES, "total")
    table = [
        (person, *(str(roles.get(role, 0)) for role in ROLES), str(sum(roles.values())))
        for person, roles in ranked[:top]
    ]
    _columns([header, *table], out)


def _connectors(result: Measures, people: tuple[Member, ...], top: int, out: TextIO) -> None:
    member = {person.id: person for person in people}
    ranked = sorted(
        result.by_person.values(),
        key=lambda f: (-f.cross_sector_ties, -f.sectors_reached, -f.degree, f.id),
    )
    ranked = [f for f in ranked if f.degree][:top]
    if not ranked:
        return
    out.write("\nWho connects whom: most ties to people in other sectors\n")
    header = ("person", "organisation", "sector", "degree", "cross-sector ties",
              "other sectors", "other organisations")  # fmt: skip
    table = [
        (f.id, member[f.id].organisation, member[f.id].sector, str(f.degree),
         str(f.cross_sector_ties), str(f.sectors_reached), str(f.organisations_reached))
        for f in ranked
    ]  # fmt: skip
    _columns([header, *table], out)


def _columns(rows: list[tuple[str, ...]], out: TextIO) -> None:
    """Line the columns up: numbers to the right, words (names, sectors) to the left."""
    count = len(rows[0])
    widths = [max(len(row[i]) for row in rows) for i in range(count)]
    numeric = [all(row[i].isdigit() for row in rows[1:]) for i in range(count)]
    for row in rows:
        cells = [
            cell.rjust(width) if number else cell.ljust(width)
            for cell, width, number in zip(row, widths, numeric, strict=True)
        ]
        out.write("  ".join(cells).rstrip() + "\n")
