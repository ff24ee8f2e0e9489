"""The decisions selectors: who may vote and why not, turnout, when results show, the count
itself (hand-computed profiles, partner weighting, tie-breaks, a time poll's per-partner
quorum) and the decisions the timeline shows."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from fractions import Fraction

import pytest
from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.decisions import selectors, services
from equalpartners.decisions.services import OptionSpec
from equalpartners.decisions.tests.builders import (
    member_of,
    open_decision,
    options_by_label,
    partner_named,
)
from equalpartners.testing import factories as f

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _partners(partnership):
    return tuple(
        partner_named(partnership, name) for name in ("Leaders Org", "Children Org", "Health Org")
    )


def _person_ids(memberships) -> set[int]:
    return {m.person_id for m in memberships}


def _vote(decision, membership, *labels):
    options = options_by_label(decision)
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=membership,
        content={"ranking": [[options[label].pk] for label in labels]},
    )


# eligible_memberships


def test_by_default_every_role_that_may_contribute_votes_but_not_guests(partnership):
    assert sorted(selectors.DEFAULT_VOTER_ROLES) == sorted(
        [Role.COORDINATOR, Role.PARTNER_LEAD, Role.STAFF, Role.BOARD_MEMBER, Role.PUBLIC_PARTNER]
    )
    decision = open_decision(partnership)
    members = {role: member_of(partnership, None, role) for role in Role.values}
    eligible = selectors.eligible_memberships(decision=decision)
    assert _person_ids(eligible) == _person_ids(
        m for role, m in members.items() if role != Role.GUEST
    )


def test_chosen_roles_vote(partnership):
    decision = open_decision(partnership, voter_roles=[Role.BOARD_MEMBER, Role.STAFF])
    members = {role: member_of(partnership, None, role) for role in Role.values}
    eligible = selectors.eligible_memberships(decision=decision)
    assert _person_ids(eligible) == _person_ids([members[Role.BOARD_MEMBER], members[Role.STAFF]])


def test_chosen_partners_vote(partnership):
    leaders, children, health = _partners(partnership)
    decision = open_decision(partnership, voter_partners=[leaders, health])
    chosen = [member_of(partnership, leaders), member_of(partnership, health, Role.BOARD_MEMBER)]
    member_of(partnership, children)
    member_of(partnership, None)
    member_of(partnership, leaders, Role.GUEST)
    assert _person_ids(selectors.eligible_memberships(decision=decision)) == _person_ids(chosen)


def test_partner_weighting_leaves_out_people_of_no_partner(partnership, other_partnership):
    leaders, children, _ = _partners(partnership)
    decision = open_decision(partnership, weighting="partner")
    partners_people = [member_of(partnership, leaders), member_of(partnership, children)]
    member_of(partnership, None)
    # An organisation that is a partner elsewhere is not a partner here.
    elsewhere = other_partnership.partners.get()
    person = f.PersonFactory(organisation=elsewhere.organisation)
    f.MembershipFactory(partnership=partnership, person=person, role=Role.STAFF)
    eligible = list(selectors.eligible_memberships(decision=decision))
    assert _person_ids(eligible) == _person_ids(partners_people)
    assert len(eligible) == 2  # no row twice from the join through partners


def test_person_weighting_lets_people_of_no_partner_vote(partnership):
    decision = open_decision(partnership, weighting="person")
    anyone = member_of(partnership, None)
    assert _person_ids(selectors.eligible_memberships(decision=decision)) >= {anyone.person_id}


def test_members_of_another_partnership_are_never_eligible(partnership, other_partnership):
    decision = open_decision(partnership)
    member_of(other_partnership, None)
    here = member_of(partnership, None)
    assert _person_ids(selectors.eligible_memberships(decision=decision)) == {here.person_id}


# standing_of


def test_standing_says_why_someone_may_not_vote(partnership):
    leaders, children, _ = _partners(partnership)
    now = timezone.now()
    decision = open_decision(partnership, voter_partners=[leaders], votes_changeable=False)
    voter = member_of(partnership, leaders)

    def standing(membership, at=None):
        return selectors.standing_of(decision=decision, membership=membership, now=at)

    assert standing(None) == selectors.VoterStanding(False, False, "Only members vote.")
    assert standing(member_of(partnership, children)).reason == (
        "This decision is for other roles or partners."
    )
    assert standing(member_of(partnership, leaders, Role.GUEST)).may_vote is False
    assert standing(voter, now - dt.timedelta(days=1)) == selectors.VoterStanding(
        False, False, "Voting has not opened yet."
    )
    assert standing(voter, decision.closes_at) == selectors.VoterStanding(
        False, False, "Voting has closed."
    )
    assert standing(voter) == selectors.VoterStanding(True, False, "")
    _vote(decision, voter, "North")
    assert standing(voter) == selectors.VoterStanding(
        False, True, "You have voted, and votes in this decision are final."
    )
    assert standing(voter, decision.closes_at) == selectors.VoterStanding(
        False, True, "Voting has closed."
    )


def test_standing_when_votes_may_change(partnership):
    decision = open_decision(partnership)
    voter = member_of(partnership, None)
    _vote(decision, voter, "North")
    assert selectors.standing_of(decision=decision, membership=voter) == (
        selectors.VoterStanding(True, True, "")
    )


# turnout_of


def test_turnout_counts_who_voted_among_those_who_may(partnership):
    leaders, children, _ = _partners(partnership)
    decision = open_decision(partnership, voter_partners=[leaders, children])
    a, b, c = (member_of(partnership, p) for p in (leaders, leaders, children))
    member_of(partnership, None)  # not a voting partner
    member_of(partnership, leaders, Role.GUEST)
    _vote(decision, a, "North")
    _vote(decision, c, "South")
    _vote(decision, c, "East")  # a changed vote counts once
    turnout = selectors.turnout_of(decision=decision)
    assert (turnout.voted, turnout.eligible) == (2, 3)
    assert [m.pk for m in turnout.not_voted] == [b.pk]


def test_turnout_never_counts_more_voters_than_may_vote(partnership):
    leaders, *_ = _partners(partnership)
    decision = open_decision(partnership)
    voter = member_of(partnership, leaders)
    _vote(decision, voter, "North")
    voter.role = Role.GUEST  # their role changed after they voted
    voter.save()
    turnout = selectors.turnout_of(decision=decision)
    assert (turnout.voted, turnout.eligible) == (0, turnout.eligible)
    assert turnout.voted <= turnout.eligible


# results_visible


@pytest.mark.parametrize(
    ("live", "when", "visible"),
    [
        (False, "upcoming", False),
        (True, "upcoming", False),
        (False, "open", False),
        (True, "open", True),
        (False, "closed", True),
        (True, "closed", True),
        (False, "closed early", True),
    ],
)
def test_results_visible_live_or_after_closing(partnership, live, when, visible):
    decision = open_decision(partnership, results_live=live)
    moments = {
        "upcoming": decision.opens_at - dt.timedelta(minutes=1),
        "open": decision.opens_at + dt.timedelta(minutes=1),
        "closed": decision.closes_at,
        "closed early": None,
    }
    if when == "closed early":
        decision = services.decision_close(actor=None, decision=decision)
    assert selectors.results_visible(decision=decision, now=moments[when]) is visible


# result_of


@pytest.fixture
def three_to_one(partnership):
    """Leaders Org's three people rank X over Y; Children Org's one person ranks Y over X."""

    def make(**values):
        leaders, children, _ = _partners(partnership)
        decision = open_decision(partnership, labels=("X", "Y"), method="borda", **values)
        for _ in range(3):
            _vote(decision, member_of(partnership, leaders), "X", "Y")
        _vote(decision, member_of(partnership, children), "Y", "X")
        return decision

    return make


def test_borda_with_each_person_counting_once(three_to_one):
    result = selectors.result_of(decision=three_to_one(weighting="person"))
    assert result is not None
    assert result.winners == ("X",)
    assert result.scores == {"X": Fraction(3), "Y": Fraction(1)}
    assert result.chosen is None


def test_borda_with_each_partner_counting_once_ties(three_to_one):
    result = selectors.result_of(decision=three_to_one(weighting="partner"))
    assert result is not None
    assert result.winners == ("X", "Y")
    assert result.scores == {"X": Fraction(1), "Y": Fraction(1)}
    assert result.chosen is None


def test_a_seeded_draw_picks_from_the_tie_by_its_recorded_seed(three_to_one):
    decision = three_to_one(weighting="partner", draw_tie_break=True)
    decision.refresh_from_db()
    seed = decision.tie_break_seed
    assert seed is not None
    first = selectors.result_of(decision=decision)
    assert first is not None
    assert first.winners == ("X", "Y")
    assert first.chosen == random.Random(seed).choice(("X", "Y"))
    assert f"seed {seed}" in (first.tie_break or "")
    for _ in range(3):
        again = selectors.result_of(decision=decision)
        assert again is not None
        assert again.chosen == first.chosen


def test_a_casting_partner_breaks_the_tie_with_its_own_ballots(partnership, three_to_one):
    _, children, _ = _partners(partnership)
    result = selectors.result_of(
        decision=three_to_one(weighting="partner", casting_partner=children)
    )
    assert result is not None
    assert result.winners == ("X", "Y")
    assert result.chosen == "Y"
    assert "Children Org" in (result.tie_break or "")


def test_nothing_to_count_without_options(partnership):
    decision = f.DecisionFactory(partnership=partnership)
    decision.options.all().delete()
    assert selectors.result_of(decision=decision) is None


def test_a_time_poll_counts_a_time_only_when_every_partner_can_come(partnership):
    leaders, children, health = _partners(partnership)
    first = dt.datetime(2027, 1, 20, 10, tzinfo=LONDON)
    second = first + dt.timedelta(days=1)
    slots = [
        OptionSpec.time_slot(first, first + dt.timedelta(hours=1)),
        OptionSpec.time_slot(second, second + dt.timedelta(hours=1)),
    ]

    def poll(**values):
        decision = open_decision(
            partnership,
            method="time_poll",
            question=f"When? {values}",
            options=slots,
            **values,
        )
        early, late = decision.options.all()
        # The first time suits Leaders and Children (yes) but no one from Health can come;
        # the second suits everyone if need be.
        for partner, answers in [
            (leaders, (2, 1)),
            (leaders, (2, 1)),
            (children, (2, 1)),
            (health, (0, 1)),
        ]:
            services.ballot_cast(
                actor=None,
                decision=decision,
                membership=member_of(partnership, partner),
                content={"grades": {str(early.pk): answers[0], str(late.pk): answers[1]}},
            )
        return decision, early.label, late.label

    decision, early, late = poll()
    result = selectors.result_of(decision=decision)
    assert result is not None
    assert result.scores == {early: Fraction(6), late: Fraction(4)}
    assert result.checks == {early: False, late: True}
    assert result.winners == (late,)

    # Two people from each partner: Children and Health have only one each.
    decision, early, late = poll(quorum_per_partner=2)
    result = selectors.result_of(decision=decision)
    assert result is not None
    assert result.checks == {early: False, late: False}
    assert result.winners == ()


def test_who_can_come_is_yes_and_if_need_be(partnership):
    first = dt.datetime(2027, 1, 20, 10, tzinfo=LONDON)
    decision = open_decision(
        partnership,
        method="time_poll",
        options=[
            OptionSpec.time_slot(first, first + dt.timedelta(hours=1)),
            OptionSpec.time_slot(
                first + dt.timedelta(days=1), first + dt.timedelta(days=1, hours=1)
            ),
        ],
    )
    slot, other = decision.options.all()
    people = {}
    for answer in (2, 1, 0):
        membership = member_of(partnership, None)
        people[answer] = membership.person
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content={"grades": {str(slot.pk): answer, str(other.pk): 2 - answer}},
        )
    assert {p.pk for p in selectors.who_can_come(decision=decision, option=slot)} == {
        people[2].pk,
        people[1].pk,
    }
    assert {p.pk for p in selectors.who_can_come(decision=decision, option=other)} == {
        people[1].pk,
        people[0].pk,
    }


# decisions_for_timeline


def _closing(partnership, question, closes_at, **values):
    return f.DecisionFactory(
        partnership=partnership,
        question=question,
        opens_at=closes_at - dt.timedelta(days=10),
        closes_at=closes_at,
        **values,
    )


def test_the_timeline_takes_decisions_of_a_year_by_the_day_voting_closed(partnership):
    in_2026 = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    _closing(partnership, "Last year?", dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC))
    june = _closing(partnership, "June?", in_2026)
    march = _closing(partnership, "March?", dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    _closing(partnership, "Next year?", dt.datetime(2027, 6, 1, 12, tzinfo=dt.UTC))
    # Due to close next year, closed early by a coordinator this year.
    early = _closing(
        partnership,
        "Closed early?",
        dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC),
        closed_at=dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC),
    )
    f.DecisionFactory(partnership=f.PartnershipFactory(), closes_at=in_2026)

    decisions = selectors.decisions_for_timeline(partnership=partnership, year=2026)
    assert [d.question for d in decisions] == [march.question, june.question, early.question]
    everything = selectors.decisions_for_timeline(partnership=partnership)
    assert [d.question for d in everything] == [
        "Last year?",
        "March?",
        "June?",
        "Closed early?",
        "Next year?",
    ]


def test_the_timeline_year_keeps_the_edges_for_local_days(partnership):
    """Zones differ from UTC by less than a day: decisions a day either side of the year are
    read too, for the timeline to place by their local day."""
    edge = _closing(partnership, "New Year's Eve?", dt.datetime(2025, 12, 31, 23, tzinfo=dt.UTC))
    _closing(partnership, "Too early?", dt.datetime(2025, 12, 30, 12, tzinfo=dt.UTC))
    decisions = selectors.decisions_for_timeline(partnership=partnership, year=2026)
    assert [d.pk for d in decisions] == [edge.pk]


def test_the_timeline_for_a_partner_takes_its_decisions_and_those_for_everyone(partnership):
    leaders, children, health = _partners(partnership)
    closes = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    for_all = _closing(partnership, "Everyone?", closes)
    for_two = _closing(partnership, "Two?", closes + dt.timedelta(days=1))
    for_two.voter_partners.set([leaders, children])
    for_health = _closing(partnership, "Health?", closes + dt.timedelta(days=2))
    for_health.voter_partners.set([health])

    def questions(partner):
        return [
            d.question
            for d in selectors.decisions_for_timeline(
                partnership=partnership, partner_id=partner.pk
            )
        ]

    assert questions(leaders) == [for_all.question, for_two.question]
    assert questions(children) == [for_all.question, for_two.question]
    assert questions(health) == [for_all.question, for_health.question]
