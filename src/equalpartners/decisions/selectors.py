"""Reads about decisions: who may vote, who has, and the count as the engine makes it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from equalpartners.decisions.models import (
    STANCE_CHOICES,
    VOTING_ROLES,
    Ballot,
    Decision,
    DecisionStatus,
    Option,
    VoteRecord,
)
from equalpartners.engines.voting import (
    Ballot as EngineBallot,
)
from equalpartners.engines.voting import (
    Election,
    Method,
    Quorum,
    Result,
    Scale,
    TieBreak,
    parse_election,
    tally,
)
from equalpartners.partnerships.models import Membership, Partner, Person

# Roles that vote when a decision names none: everyone who may take part, not guests.
DEFAULT_VOTER_ROLES = VOTING_ROLES


def decisions_of(*, partnership: Any) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(partnership=partnership)
        .select_related("partnership")
        .annotate(voted=Count("vote_records", distinct=True))
    )


def decision_in(*, partnership: Any, decision_id: int) -> Decision | None:
    return (
        Decision.objects.filter(partnership=partnership, pk=decision_id)
        .select_related("partnership", "casting_partner__organisation", "chosen_option")
        .first()
    )


def options_of(*, decision: Decision) -> list[Option]:
    return list(Option.objects.filter(decision=decision).select_related("proposed_by"))


def option_in(*, decision: Decision, option_id: int) -> Option | None:
    return Option.objects.filter(decision=decision, pk=option_id).first()


def voting_partners(*, decision: Decision) -> list[Partner]:
    """The partners whose people vote: those the decision names, or every partner."""
    chosen = list(decision.voter_partners.select_related("organisation"))
    if chosen:
        return chosen
    return list(
        Partner.objects.filter(partnership=decision.partnership_id).select_related("organisation")
    )


def partner_of(*, person: Person, partnership: Any) -> Partner | None:
    """The partner a person votes with: their organisation's place in the partnership."""
    if person.organisation_id is None:
        return None
    return (
        Partner.objects.filter(partnership=partnership, organisation_id=person.organisation_id)
        .select_related("organisation")
        .first()
    )


def eligible_memberships(*, decision: Decision) -> QuerySet[Membership]:
    """Members who may vote: by role, and by partner when the decision names partners or each
    partner counts equally (a ballot must then name its partner)."""
    roles = decision.voter_roles or DEFAULT_VOTER_ROLES
    members = Membership.objects.filter(partnership=decision.partnership_id, role__in=roles)
    partners = list(decision.voter_partners.values_list("organisation_id", flat=True))
    if partners:
        members = members.filter(person__organisation_id__in=partners)
    elif decision.weighting == "partner":
        members = members.filter(
            person__organisation__partnerships__partnership=decision.partnership_id
        )
    return members.select_related("person", "person__organisation").order_by("person__name")


@dataclass(frozen=True)
class VoterStanding:
    """What one member may do in a decision now, and why not when they may not."""

    may_vote: bool
    has_voted: bool
    reason: str = ""


def standing_of(
    *, decision: Decision, membership: Membership | None, now: dt.datetime | None = None
) -> VoterStanding:
    if membership is None:
        return VoterStanding(False, False, "Only members vote.")
    has_voted = VoteRecord.objects.filter(decision=decision, person=membership.person_id).exists()
    if not eligible_memberships(decision=decision).filter(pk=membership.pk).exists():
        return VoterStanding(False, has_voted, "This decision is for other roles or partners.")
    status = decision.status_at(now or timezone.now())
    if status == DecisionStatus.UPCOMING:
        return VoterStanding(False, has_voted, "Voting has not opened yet.")
    if status == DecisionStatus.CLOSED:
        return VoterStanding(False, has_voted, "Voting has closed.")
    if has_voted and not decision.votes_changeable:
        return VoterStanding(False, True, "You have voted, and votes in this decision are final.")
    return VoterStanding(True, has_voted)


def named_ballot_of(*, decision: Decision, person: Person) -> Ballot | None:
    if decision.anonymous:
        return None
    return Ballot.objects.filter(decision=decision, voter=person).first()


@dataclass(frozen=True)
class Turnout:
    voted: int
    eligible: int
    not_voted: list[Membership]


def turnout_of(*, decision: Decision) -> Turnout:
    eligible = list(eligible_memberships(decision=decision))
    voted_ids = set(
        VoteRecord.objects.filter(decision=decision).values_list("person_id", flat=True)
    )
    not_voted = [m for m in eligible if m.person_id not in voted_ids]
    # Of those who may vote now: someone whose role changed after voting still counts in the
    # result, but not twice in the turnout.
    return Turnout(
        voted=len(eligible) - len(not_voted), eligible=len(eligible), not_voted=not_voted
    )


def results_visible(*, decision: Decision, now: dt.datetime | None = None) -> bool:
    status = decision.status_at(now or timezone.now())
    return status == DecisionStatus.CLOSED or (
        decision.results_live and status == DecisionStatus.OPEN
    )


def election_of(
    *, decision: Decision, options: list[Option], ballots: Iterable[Ballot] | None = None
) -> Election:
    """The decision as the engine counts it: options by name, ballots with their partner."""
    names = {str(option.pk): option.label for option in options}
    partner_names = {p.pk: str(p) for p in voting_partners(decision=decision)}
    if ballots is None:
        ballots = Ballot.objects.filter(decision=decision).select_related("partner__organisation")
    engine_ballots = []
    for ballot in ballots:
        partner = None
        if ballot.partner_id is not None:
            partner = partner_names.get(ballot.partner_id) or str(ballot.partner)
        engine_ballots.append(
            EngineBallot(
                content=content_in_names(ballot.content, names, decision=decision),
                partner=partner,
            )
        )
    return election_with(decision=decision, options=options, ballots=tuple(engine_ballots))


def election_with(
    *, decision: Decision, options: list[Option], ballots: tuple[EngineBallot, ...]
) -> Election:
    scale = decision.scale()
    per_partner: int | dict[str, int] | None = None
    if decision.method == Method.TIME_POLL:
        needed = decision.quorum_per_partner or 1
        per_partner = {str(partner): needed for partner in voting_partners(decision=decision)}
    elif decision.quorum_per_partner:
        per_partner = decision.quorum_per_partner
    casting = str(decision.casting_partner) if decision.casting_partner_id else None
    tie_break = (
        TieBreak(casting_partner=casting, seed=decision.tie_break_seed)
        if casting is not None or decision.tie_break_seed is not None
        else None
    )
    return Election(
        options=tuple(option.label for option in options),
        ballots=ballots,
        scale=Scale(*scale) if scale else None,
        dot_budget=decision.dot_budget,
        quorum=Quorum(people=decision.quorum_people, per_partner=per_partner),
        tie_break=tie_break,
    )


def content_in_names(content: Any, names: dict[str, str], *, decision: Decision) -> Any:
    """A stored ballot (options by id) as the engine reads it (options by name), checked."""
    data: dict[str, Any] = {
        "options": list(names.values()),
        "ballots": [_named(content, names)],
    }
    scale = decision.scale()
    if scale is not None:
        data["scale"] = {"min": scale[0], "max": scale[1]}
    if decision.dot_budget:
        data["dot_budget"] = decision.dot_budget
    return parse_election(data).ballots[0].content


def _named(content: Any, names: dict[str, str]) -> Any:
    # Only the shapes a ballot has are mapped; anything else goes to the engine as it is, for
    # the engine to say what is wrong with it.
    if isinstance(content.get("ranking"), list):
        return {
            "ranking": [
                [names.get(str(i), str(i)) for i in tier] if isinstance(tier, list) else tier
                for tier in content["ranking"]
            ]
        }
    for kind in ("grades", "dots"):
        if isinstance(content.get(kind), dict):
            return {kind: {names.get(str(i), str(i)): v for i, v in content[kind].items()}}
    return content


def result_of(*, decision: Decision) -> Result | None:
    """The count now, or None when there is nothing to count (no options, or no votes)."""
    options = options_of(decision=decision)
    if not options or not Ballot.objects.filter(decision=decision).exists():
        return None
    # Every ballot was checked against these rules when it was cast, and the rules cannot
    # change once voting opens, so the count does not fail on a stored ballot.
    election = election_of(decision=decision, options=options)
    return tally(election, decision.method, decision.weighting)


@dataclass(frozen=True)
class NamedVotes:
    """How each person voted in a named decision: a row per voter, a column per heading."""

    headings: list[str]
    rows: list[tuple[str, str, list[str]]]  # person, partner, answers


def named_votes(*, decision: Decision, options: list[Option]) -> NamedVotes | None:
    """Each voter's ballot in words, or None for an anonymous decision."""
    if decision.anonymous:
        return None
    labels = {option.pk: option.label for option in options}
    grades = dict(decision.grade_choices())
    stances = dict(STANCE_CHOICES)
    kind = decision.ballot_kind
    per_option = kind in ("grades", "dots")
    headings = (
        [o.label for o in options]
        if per_option
        else ["Ranking, best first" if kind == "ranking" else "Stance"]
    )
    ballots = (
        Ballot.objects.filter(decision=decision, voter__isnull=False)
        .select_related("voter", "partner__organisation")
        .order_by("voter__name")
    )
    rows = []
    for ballot in ballots:
        content = ballot.content
        if kind == "grades":
            answers = [grades.get(content["grades"].get(str(o.pk)), "") for o in options]
        elif kind == "dots":
            answers = [str(content["dots"].get(str(o.pk), 0)) for o in options]
        elif kind == "ranking":
            answers = [
                ", then ".join(" = ".join(labels[i] for i in tier) for tier in content["ranking"])
            ]
        else:
            answers = [stances.get(content["stance"], content["stance"]).split(":")[0]]
        partner = str(ballot.partner) if ballot.partner else ""
        rows.append((str(ballot.voter), partner, [str(a) for a in answers]))
    return NamedVotes(headings=headings, rows=rows)


def who_can_come(*, decision: Decision, option: Option) -> list[Person]:
    """For a meeting-time poll: the voters who answered yes or if need be for this slot."""
    key = str(option.pk)
    ballots = Ballot.objects.filter(decision=decision, voter__isnull=False).select_related("voter")
    return [b.voter for b in ballots if b.voter and b.content.get("grades", {}).get(key, 0) > 0]


def decision_years(*, partnership: Any) -> set[int]:
    """The years of the days on which decisions closed or close, in their own zones: where
    the timeline places them. A partnership takes few decisions, so each is read."""
    rows = Decision.objects.filter(partnership=partnership).values_list(
        "closes_at", "closed_at", "time_zone"
    )
    return {
        (closed_at or closes_at).astimezone(zoneinfo.ZoneInfo(zone)).year
        for closes_at, closed_at, zone in rows
    }


def decisions_for_timeline(
    *, partnership: Any, year: int | None = None, partner_id: int | None = None
) -> QuerySet[Decision]:
    """Decisions by the day their voting closed (early, by a coordinator) or closes, for the
    partnership timeline, which places each on that day."""
    decisions = Decision.objects.filter(partnership=partnership).annotate(
        closing=Coalesce("closed_at", "closes_at")
    )
    if year is not None:
        decisions = decisions.filter(
            closing__gte=dt.datetime(year, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=1),
            closing__lt=dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=1),
        )
    if partner_id is not None:
        decisions = decisions.filter(
            Q(voter_partners__pk=partner_id) | Q(voter_partners__isnull=True)
        ).distinct()
    return decisions.select_related("chosen_option").order_by("closing", "pk")
