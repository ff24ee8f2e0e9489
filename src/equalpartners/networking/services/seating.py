"""Seating plans: building one with the mixing engine, re-planning the rounds still to come
when people leave or arrive, and removing one.

A plan is built from the people chosen, with the ties they already have as history; once rounds
have run, a re-plan keeps those rounds and records who sat together (see `ties`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor
from equalpartners.engines.mixing.problem import ProblemError, Rules, SeatingProblem
from equalpartners.engines.mixing.seating import Seating, plan_seating, replan
from equalpartners.networking.engine_input import attendees, known_pairs
from equalpartners.networking.models import Attendance, PlanPerson, Seat, SeatingPlan
from equalpartners.networking.services.ties import seated_ties_record
from equalpartners.partnerships.models import Person

MAX_PEOPLE = 600  # in one web plan; the command line takes more
PLAN_SECONDS = 5.0  # a web request waits at most this long for a plan
REPLAN_SECONDS = 0.9
RULES = ("no_repeats", "avoid_history", "separate_organisations", "mix_sectors",
         "spread_facilitators")  # fmt: skip


def plan_build(
    *,
    actor: Actor,
    activity: Any,
    people: Sequence[Person],
    facilitators: Iterable[Person] = (),
    table_size: int,
    rounds: int,
    rules: dict[str, bool] | None = None,
    seed: int = 0,
) -> SeatingPlan:
    """Plan the tables for `people` at `activity`, replacing a plan none of whose rounds has
    run. Their ties from earlier activities count as having met before."""
    existing = SeatingPlan.objects.filter(activity=activity).first()
    if existing is not None and existing.rounds_run:
        raise ValidationError(
            "Rounds of this plan have run; mark who left or arrived and re-plan the rest instead."
        )
    if len(people) < 2:
        raise ValidationError({"people": "Choose at least two people to seat"})
    if len(people) > MAX_PEOPLE:
        raise ValidationError(
            {"people": f"Plan up to {MAX_PEOPLE} people here; use the command line for more"}
        )
    switches = {rule: (rules or {}).get(rule, True) for rule in RULES}
    partnership = activity.partnership
    facilitator_ids = {p.pk for p in facilitators}
    try:
        problem = SeatingProblem.build(
            attendees(people, facilitator_ids),
            rounds=rounds,
            table_size=table_size,
            met_before=known_pairs(
                partnership=partnership, people=people, except_activity=activity
            ),
            rules=Rules(**switches, keep_fixed=True),
        )
        seating = plan_seating(problem, seed=seed, time_limit=PLAN_SECONDS)
    except ProblemError as error:
        raise ValidationError(str(error)) from error
    with transaction.atomic():
        if existing is not None:
            existing.delete()
        plan = SeatingPlan.objects.create(
            partnership=partnership,
            activity=activity,
            table_size=table_size,
            rounds=rounds,
            seed=seed,
            rules=switches,
            created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
            method="",
        )
        PlanPerson.objects.bulk_create(
            PlanPerson(plan=plan, person=p, facilitator=p.pk in facilitator_ids) for p in people
        )
        _save_seating(plan, seating, from_round=1)
        audit_record(
            actor=actor,
            action="seating.build",
            partnership=partnership,
            target=activity,
            data={"people": len(people), "table_size": table_size, "rounds": rounds},
        )
    return plan


def plan_replan(
    *,
    actor: Actor,
    plan: SeatingPlan,
    rounds_run: int,
    left: Iterable[Person] = (),
    arrived: Iterable[Person] = (),
) -> SeatingPlan:
    """Record that `rounds_run` rounds have been held and who has left or arrived, then plan the
    rounds still to come. Who sat together in the rounds held becomes ties."""
    if not 0 <= rounds_run <= plan.rounds:
        raise ValidationError({"rounds_run": f"Between 0 and {plan.rounds} rounds can have run"})
    if rounds_run < plan.rounds_run:
        raise ValidationError(
            {"rounds_run": f"{plan.rounds_run} rounds have already been marked as run"}
        )
    members = {pp.person_id: pp for pp in plan.people.select_related("person__organisation")}
    left_ids = {p.pk for p in left}
    arrivals = [p for p in arrived if p.pk not in members]
    gone = [pid for pid in left_ids if pid not in members]
    if gone:
        raise ValidationError({"left": "Only people in the plan can leave it"})
    already_gone = {pid for pid, pp in members.items() if pp.attendance == Attendance.LEFT}
    staying = [pp.person for pid, pp in members.items() if pid not in left_ids | already_gone]
    if len(staying) + len(arrivals) < 2:
        raise ValidationError("At least two people must still be here to plan more rounds")
    seating = None
    if rounds_run < plan.rounds:
        seating = _replanned(plan, members, rounds_run, left_ids | already_gone, arrivals)
    with transaction.atomic():
        PlanPerson.objects.filter(plan=plan, person_id__in=left_ids).update(
            attendance=Attendance.LEFT
        )
        PlanPerson.objects.bulk_create(
            PlanPerson(plan=plan, person=p, attendance=Attendance.ARRIVED) for p in arrivals
        )
        plan.rounds_run = rounds_run
        if seating is not None:
            _save_seating(plan, seating, from_round=rounds_run + 1)
        else:  # every round has run: nothing to plan, only the contacts to record
            plan.save(update_fields=["rounds_run", "updated_at"])
        seated_ties_record(plan=plan)
        audit_record(
            actor=actor,
            action="seating.replan",
            partnership=plan.partnership,
            target=plan.activity,
            data={"rounds_run": rounds_run, "left": len(left_ids), "arrived": len(arrivals)},
        )
    return plan


def _replanned(
    plan: SeatingPlan,
    members: dict[int, PlanPerson],
    rounds_run: int,
    gone: set[int],
    arrivals: list[Person],
) -> Seating:
    """The engine's plan for the rounds after `rounds_run`, keeping those held."""
    everyone = [pp.person for pp in members.values()]
    facilitators = {pid for pid, pp in members.items() if pp.facilitator}
    done = _rounds_of(plan, upto=rounds_run)
    try:
        problem = SeatingProblem.build(
            attendees(everyone, facilitators),
            rounds=plan.rounds,
            table_size=plan.table_size,
            met_before=known_pairs(
                partnership=plan.partnership, people=everyone, except_activity=plan.activity
            ),
            rules=Rules(**{rule: plan.rules.get(rule, True) for rule in RULES}),
        )
        seating = replan(
            problem,
            done,
            left=[str(pid) for pid in gone],
            arrived=attendees(arrivals),
            history=known_pairs(
                partnership=plan.partnership,
                people=everyone + arrivals,
                except_activity=plan.activity,
            ),
            seed=plan.seed,
            time_limit=REPLAN_SECONDS,
        )
    except ProblemError as error:
        raise ValidationError(str(error)) from error
    return seating


def plan_delete(*, actor: Actor, plan: SeatingPlan) -> None:
    """Remove a plan; the ties from rounds already run stay, since those meetings happened."""
    activity = plan.activity
    with transaction.atomic():
        plan.delete()
        audit_record(
            actor=actor, action="seating.delete", partnership=activity.partnership, target=activity
        )


def _rounds_of(plan: SeatingPlan, *, upto: int) -> list[list[list[str]]]:
    rounds: list[list[list[str]]] = [[] for _ in range(upto)]
    for seat in Seat.objects.filter(plan=plan, round__lte=upto).order_by("round", "table", "id"):
        tables = rounds[seat.round - 1]
        while len(tables) < seat.table:
            tables.append([])
        tables[seat.table - 1].append(str(seat.person_id))
    return rounds


def _save_seating(plan: SeatingPlan, seating: Seating, *, from_round: int) -> None:
    Seat.objects.filter(plan=plan, round__gte=from_round).delete()
    Seat.objects.bulk_create(
        Seat(plan=plan, round=r, table=t, person_id=int(pid))
        for r, t, pid in seating.plan.seats()
        if r >= from_round
    )
    plan.method = seating.plan.method[:200]
    plan.certificate = _certificate_json(seating)
    plan.save()


def _certificate_json(seating: Seating) -> dict[str, Any]:
    c = seating.certificate
    return {
        "people": c.people,
        "tables": c.tables,
        "rounds": c.rounds,
        "repeated_pairs": len(c.repeated_pairs),
        "met_before_again": len(c.met_before_again),
        "same_organisation": len(c.same_organisation),
        "missing_sectors": len(c.missing_sectors),
        "unbalanced": len(c.unbalanced),
        "facilitators_together": len(c.facilitators_together),
        "new_contacts_min": c.new_contacts_min,
        "new_contacts_mean": round(c.new_contacts_mean, 2),
        "distinct_new_contacts": c.distinct_new_contacts,
        "counting_bound": round(c.counting_bound, 2),
        "seconds": round(seating.seconds, 2),
        "rules": [rule.to_json() for rule in seating.rules],
    }
