"""Which rules a plan keeps, which it cannot keep, and why, in words an organiser can act on."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .certificate import Certificate
from .problem import ProblemError, SeatingProblem

RULE_NAMES = {
    "no_repeats": "nobody sits with the same person twice",
    "avoid_history": "nobody sits with someone they met before, where possible",
    "keep_apart": "pairs to keep apart never share a table",
    "separate_organisations": (
        "no two people from one organisation share a table, where numbers allow"
    ),
    "mix_sectors": "every table has each sector, where numbers allow",
    "spread_facilitators": "facilitators spread one per table",
    "keep_fixed": "people with a fixed table stay at it",
}


class InfeasibleRuleError(ProblemError):
    """A hard rule that no plan can keep; `rule` names it and the message says why."""

    def __init__(self, rule: str, why: str) -> None:
        super().__init__(f"The rule “{RULE_NAMES[rule]}” cannot be kept: {why}")
        self.rule = rule


@dataclass(frozen=True)
class RuleReport:
    rule: str
    kept: bool
    detail: str  # what the plan shows, e.g. "3 pairs meet twice"
    numbers_allow: bool = True  # False: the people and tables make it impossible to keep fully

    @property
    def description(self) -> str:
        return RULE_NAMES[self.rule]

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "description": self.description,
            "kept": self.kept,
            "detail": self.detail,
            "numbers_allow": self.numbers_allow,
        }


def check_feasible(problem: SeatingProblem) -> None:
    """Raise `InfeasibleRuleError` for a hard rule that the numbers alone make impossible."""
    rules = problem.rules
    seated = [o for o in problem.occupancy if o]
    if rules.no_repeats and len(problem.people) > 1:
        least = min(seated) - 1
        if least * problem.rounds > len(problem.people) - 1:
            most = (len(problem.people) - 1) // least
            raise InfeasibleRuleError(
                "no_repeats",
                f"with {len(problem.people)} people and at least {least + 1} at every table,"
                f" each person meets {least} people a round and there are only"
                f" {len(problem.people) - 1} others, so {most} rounds at most, not"
                f" {problem.rounds}. Plan fewer rounds, use smaller tables or switch the rule off.",
            )
        tables = len(seated)
        if problem.rounds > 1 and max(seated) > tables:
            raise InfeasibleRuleError(
                "no_repeats",
                f"a table of {max(seated)} in one round must spread over {tables} tables in the"
                " next, so two of its people meet again. Use more, smaller tables, plan one"
                " round, or switch the rule off.",
            )
    fixed = Counter(p.fixed_table for p in problem.people if p.fixed_table is not None)
    if rules.keep_fixed and rules.no_repeats and problem.rounds > 1:
        for table, count in sorted(fixed.items()):
            if count > 1:
                raise InfeasibleRuleError(
                    "no_repeats",
                    f"{count} people are fixed to table {table}, so they sit together in every"
                    " round. Fix them to different tables, plan one round, or switch a rule off.",
                )
    if rules.keep_fixed:
        by_id = {p.id: p for p in problem.people}
        for a, b in sorted(problem.keep_apart):
            ta, tb = by_id[a].fixed_table, by_id[b].fixed_table
            if ta is not None and ta == tb:
                raise InfeasibleRuleError(
                    "keep_apart",
                    f"{by_id[a].label} and {by_id[b].label} are both fixed to table {ta}.",
                )


def report(problem: SeatingProblem, certificate: Certificate) -> tuple[RuleReport, ...]:
    """Every rule in force, kept or not, with what the plan shows."""
    rules = problem.rules
    tables = sum(1 for o in problem.occupancy if o)
    c = certificate
    out: list[RuleReport] = []

    def add(rule: str, n: int, one: str, many: str, *, numbers_allow: bool = True) -> None:
        detail = one if n == 1 else many.replace("{n}", str(n))
        out.append(RuleReport(rule, n == 0, detail, numbers_allow))

    if rules.no_repeats:
        add(
            "no_repeats",
            len(c.repeated_pairs),
            "1 pair meets more than once",
            "{n} pairs meet more than once",
        )
    if rules.avoid_history and problem.met_before:
        add(
            "avoid_history",
            len(c.met_before_again),
            "1 pair who met before meets again",
            "{n} pairs who met before meet again",
        )
    if problem.keep_apart:
        add(
            "keep_apart",
            len(c.kept_apart_broken),
            "1 pair to keep apart shares a table",
            "{n} pairs to keep apart share a table",
        )
    if rules.separate_organisations:
        sizes = Counter(p.organisation.casefold() for p in problem.people if p.organisation)
        add(
            "separate_organisations",
            len(c.same_organisation),
            "1 pair from one organisation shares a table",
            "{n} pairs from one organisation share a table",
            numbers_allow=max(sizes.values(), default=0) <= tables,
        )
    if rules.mix_sectors:
        sectors = Counter(p.sector for p in problem.people if p.sector)
        smallest_table = min((o for o in problem.occupancy if o), default=0)
        add(
            "mix_sectors",
            len(c.missing_sectors),
            "1 table misses a sector",
            "{n} tables miss a sector",
            numbers_allow=min(sectors.values(), default=0) >= tables
            and smallest_table >= len(sectors),
        )
    facilitators = sum(p.facilitator for p in problem.people)
    if rules.spread_facilitators and facilitators:
        add(
            "spread_facilitators",
            len(c.facilitators_together),
            "1 table has two or more facilitators",
            "{n} tables have two or more facilitators",
            numbers_allow=facilitators <= tables,
        )
    if rules.keep_fixed and any(p.fixed_table is not None for p in problem.people):
        add(
            "keep_fixed", len(c.fixed_moved), "1 fixed seat was moved", "{n} fixed seats were moved"
        )
    return tuple(out)
