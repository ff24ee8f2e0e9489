"""`equalpartners groups` and `equalpartners introductions`: the mixing engine from files.

    equalpartners groups PEOPLE.csv --table-size S --rounds R [--history MET.csv]
        [--keep-apart PAIRS.csv] [--time-limit SECONDS] [--seed N] --out PLAN.csv [--json]
    equalpartners introductions PEOPLE.csv --per-person K [--slots N] [--known MET.csv]
        --out INTROS.csv [--json]

Exit status: 0 when the plan is written (a rule it could not keep is reported, not hidden);
1 for a bad file or a rule no plan can keep, with a message naming the file, row and column or
the rule; 2 for a bad command line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from .certificate import Certificate
from .files import FileProblem, check_fixed, read_pairs, read_people, write_rows
from .problem import ProblemError, Rules, SeatingProblem, tables_for
from .rules import RULE_NAMES, InfeasibleRuleError
from .seating import Seating, plan_seating

SWITCHABLE = ("no_repeats", "avoid_history", "separate_organisations", "mix_sectors",
              "spread_facilitators", "keep_fixed")  # fmt: skip


def _groups_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="equalpartners groups",
        description="Plan rounds of tables in which sectors and organisations mix and nobody"
        " sits with the same person twice.",
    )
    parser.add_argument("people", metavar="PEOPLE.csv", type=Path)
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--table-size", type=int, metavar="S", help="seats at every table")
    size.add_argument(
        "--table-sizes", metavar="S,S,...", help="seats at each table, e.g. 8,8,6 (listed)"
    )
    parser.add_argument("--rounds", type=int, required=True, metavar="R")
    parser.add_argument("--history", type=Path, metavar="MET.csv", help="pairs who met before")
    parser.add_argument("--keep-apart", type=Path, metavar="PAIRS.csv", help="pairs to separate")
    parser.add_argument("--time-limit", type=float, default=30.0, metavar="SECONDS")
    parser.add_argument("--seed", type=int, default=0, metavar="N")
    parser.add_argument(
        "--method",
        choices=("auto", "construction", "search", "exact"),
        default="auto",
        help="auto (default): a known construction where one fits, else local search;"
        " exact: OR-Tools CP-SAT, for small plans",
    )
    parser.add_argument(
        "--off",
        action="append",
        default=[],
        choices=SWITCHABLE,
        metavar="RULE",
        help="switch a rule off (repeatable): " + ", ".join(SWITCHABLE),
    )
    parser.add_argument("--out", type=Path, required=True, metavar="PLAN.csv")
    parser.add_argument("--json", action="store_true", help="print the certificate as JSON")
    return parser


def groups(argv: list[str]) -> int:
    """Run `equalpartners groups`; `argv` excludes the word "groups"."""
    try:
        args = _groups_parser().parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    try:
        seating = _plan(args)
    except (FileProblem, ProblemError) as error:
        kind = "infeasible" if isinstance(error, InfeasibleRuleError) else "error"
        print(f"{kind}: {error}", file=sys.stderr)
        return 1
    write_rows(args.out, ("round", "table", "person_id"), seating.plan.seats())
    if args.json:
        json.dump(certificate_json(seating), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_certificate(seating, sys.stdout)
    for rule in seating.broken:
        why = "" if rule.numbers_allow else " (the numbers do not allow it)"
        print(f"warning: not kept: {rule.description}: {rule.detail}{why}", file=sys.stderr)
    return 0


def _plan(args: argparse.Namespace) -> Seating:
    if args.rounds < 1:
        raise ProblemError(f"--rounds must be at least 1, not {args.rounds}.")
    people_file = read_people(args.people)
    people_path = str(args.people)
    if args.table_size is not None:
        if args.table_size < 2:
            raise ProblemError(f"--table-size must be at least 2, not {args.table_size}.")
        capacities = tables_for(len(people_file.people), args.table_size)
    else:
        capacities = _sizes(args.table_sizes)
    rules = Rules(**{name: name not in args.off for name in SWITCHABLE})
    if rules.keep_fixed:
        check_fixed(people_file, people_path, capacities)
    history = read_pairs(args.history, people_file, people_path) if args.history else []
    apart = read_pairs(args.keep_apart, people_file, people_path) if args.keep_apart else []
    problem = SeatingProblem.build(
        people_file.people,
        rounds=args.rounds,
        capacities=capacities,
        met_before=history,
        keep_apart=apart,
        rules=rules,
    )
    return plan_seating(
        problem,
        seed=args.seed,
        time_limit=args.time_limit,
        method=args.method,
        progress=_progress_printer(sys.stderr),
    )


def _sizes(text: str) -> tuple[int, ...]:
    sizes = []
    for part in text.split(","):
        try:
            size = int(part)
        except ValueError:
            raise ProblemError(
                f"--table-sizes lists whole numbers, not {part.strip()!r}."
            ) from None
        if size < 2:
            raise ProblemError(f"--table-sizes: a table seats at least 2, not {size}.")
        sizes.append(size)
    return tuple(sizes)


def _progress_printer(out: TextIO) -> Callable[[float, str], None]:
    """Progress lines at most once a second, so long runs say they are alive."""
    last = [0.0]

    def show(fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - last[0] >= 1.0:
            last[0] = now
            out.write(f"… {message}\n")
            out.flush()

    return show


def certificate_json(seating: Seating) -> dict[str, Any]:
    data = seating.certificate.to_json()
    data["seconds"] = round(seating.seconds, 3)
    data["rules"] = [rule.to_json() for rule in seating.rules]
    return data


def write_certificate(seating: Seating, out: TextIO) -> None:
    c: Certificate = seating.certificate
    out.write(f"Method: {c.method}\n")
    out.write(
        f"{c.people} people, {c.tables} tables, {c.rounds} rounds"
        f" (the counting bound is {c.counting_bound:.2f} rounds); {seating.seconds:.2f} s\n"
    )
    out.write(
        f"New contacts per person: at least {c.new_contacts_min},"
        f" {c.new_contacts_mean:.2f} on average; {c.distinct_new_contacts} new pairs in all\n"
    )
    out.write(f"Repeated pairs: {len(c.repeated_pairs)}\n")
    out.write(f"Same-organisation pairs at a table: {len(c.same_organisation)}\n")
    out.write(f"Tables missing a sector: {len(c.missing_sectors)}\n")
    out.write(f"Tables with sectors out of balance: {len(c.unbalanced)}\n")
    for rule in seating.rules:
        mark = "kept" if rule.kept else "NOT KEPT"
        out.write(f"  [{mark}] {rule.description}: {rule.detail}\n")


def introductions(argv: list[str]) -> int:
    """Run `equalpartners introductions`; `argv` excludes the word "introductions"."""
    from .introductions import introduce

    parser = argparse.ArgumentParser(
        prog="equalpartners introductions",
        description="Introduce people whose assets meet each other's needs.",
    )
    parser.add_argument("people", metavar="PEOPLE.csv", type=Path)
    parser.add_argument("--per-person", type=int, required=True, metavar="K")
    parser.add_argument("--slots", type=int, metavar="N", help="one-to-one meetings in N slots")
    parser.add_argument(
        "--known", type=Path, metavar="MET.csv", help="pairs who already know each other"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="INTROS.csv")
    parser.add_argument("--json", action="store_true", help="print the introductions as JSON")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 2
    try:
        if args.per_person < 1:
            raise ProblemError(f"--per-person must be at least 1, not {args.per_person}.")
        if args.slots is not None and args.slots < 1:
            raise ProblemError(f"--slots must be at least 1, not {args.slots}.")
        people_file = read_people(args.people)
        known = read_pairs(args.known, people_file, str(args.people)) if args.known else []
        found = introduce(people_file.people, args.per_person, known=known, slots=args.slots)
    except (FileProblem, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    write_rows(
        args.out,
        ("person_a", "person_b", "slot", "score", "reason"),
        (
            (i.person_a, i.person_b, "" if i.slot is None else i.slot, i.score, i.reason)
            for i in found
        ),
    )
    if args.json:
        json.dump(
            [
                {"person_a": i.person_a, "person_b": i.person_b, "slot": i.slot,
                 "score": i.score, "reason": i.reason}
                for i in found
            ],
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )  # fmt: skip
        sys.stdout.write("\n")
    else:
        people = len(people_file.people)
        met = len({p for i in found for p in (i.person_a, i.person_b)})
        print(f"{len(found)} introductions for {met} of {people} people, written to {args.out}")
    return 0


__all__ = ["RULE_NAMES", "groups", "introductions"]
