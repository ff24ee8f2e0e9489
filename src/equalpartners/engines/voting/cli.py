"""`equalpartners tally FILE.json --method METHOD [--weighting person|partner] [--json]`.

Ours so that anyone can check a decision from the file it was made on, with nothing but Python:
the same engine the web app uses, printed as a table or as JSON. Bad input exits with status 1
and a message naming the ballot (its index) and the problem; a bad command line exits with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from .ballots import BallotError
from .fileformat import load_election
from .methods import Method
from .result import Result
from .tally import tally
from .weighting import Weighting
from .wording import amount, join


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="equalpartners tally",
        description="Count the ballots in a decision file.",
    )
    parser.add_argument("file", metavar="FILE.json", help="the options, ballots and rules")
    parser.add_argument(
        "--method", required=True, choices=[m.value for m in Method], help="how to count"
    )
    parser.add_argument(
        "--weighting",
        default=Weighting.PERSON.value,
        choices=[w.value for w in Weighting],
        help="each person counts once, or each partner's people together count once",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the tally command; `argv` excludes the word "tally". Returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help and on usage errors
        return stop.code if isinstance(stop.code, int) else 2
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {args.file}: {error}", file=sys.stderr)
        return 1
    try:
        result = tally(load_election(text), args.method, args.weighting)
    except BallotError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(result.to_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        write_report(result, sys.stdout)
    return 0


def write_report(result: Result, out: TextIO) -> None:
    """The result as plain text for a terminal."""
    out.write(f"Method: {result.method.value} ({result.method.description})\n")
    out.write(f"Winners: {join(result.winners) or 'none'}\n")
    if result.tie_break is not None:
        out.write(f"Chosen by the tie-break: {result.chosen or 'none'}\n")
    if result.ranking is not None:
        tiers = "  ".join(f"{n}. {' = '.join(tier)}" for n, tier in enumerate(result.ranking, 1))
        out.write(f"Ranking: {tiers}\n")
    if result.scores is not None:
        _write_table(out, "Scores", result.scores)
    if result.checks is not None:
        out.write("Checks:\n")
        for name, held in result.checks.items():
            out.write(f"  {name}: {'yes' if held else 'no'}\n")
    if result.pairwise is not None:
        _write_matrix(out, result.options, result.pairwise.support)
    if result.rounds is not None:
        for number, round_ in enumerate(result.rounds, 1):
            _write_table(out, f"Round {number}", round_.tallies)
    out.write(f"\n{result.explanation}\n")


def _write_table(out: TextIO, title: str, values: Mapping[str, Fraction]) -> None:
    out.write(f"{title}:\n")
    width = max(len(name) for name in values) if values else 0
    for name, value in values.items():
        out.write(f"  {name.ljust(width)}  {amount(value)}\n")


def _write_matrix(
    out: TextIO, options: tuple[str, ...], support: Mapping[str, Mapping[str, Fraction]]
) -> None:
    out.write("Head to head (row over column):\n")
    width = max(len(o) for o in options)
    out.write("  " + " " * width + "".join(f"  {o:>{width}}" for o in options) + "\n")
    for a in options:
        cells = "".join(f"  {'-' if a == b else amount(support[a][b]):>{width}}" for b in options)
        out.write(f"  {a.ljust(width)}{cells}\n")


if __name__ == "__main__":
    raise SystemExit(main())
