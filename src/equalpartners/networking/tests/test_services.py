"""The networking services on their own: what they refuse, and the ties they leave behind."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from equalpartners.networking import selectors, services
from equalpartners.networking.models import ProfileItem, SeatingPlan, Tie
from equalpartners.testing import factories as f

from .builders import members

pytestmark = pytest.mark.django_db


def _plan(partnership, count=16, rounds=3):
    activity = f.ActivityFactory(partnership=partnership)
    people = members(partnership, count, per_organisation=4)
    plan = services.plan_build(
        actor=None, activity=activity, people=people, table_size=4, rounds=rounds
    )
    return activity, people, plan


def test_contacts_are_recorded_once_however_often_rounds_are_marked(partnership):
    _, _, plan = _plan(partnership)
    services.plan_replan(actor=None, plan=plan, rounds_run=1)
    after_one = Tie.objects.count()
    assert after_one == 4 * 6  # four tables of four: six pairs each
    services.plan_replan(actor=None, plan=plan, rounds_run=1)
    assert Tie.objects.count() == after_one
    services.plan_replan(actor=None, plan=plan, rounds_run=3)
    assert Tie.objects.count() == 3 * 4 * 6  # nobody met twice, so every pair is new
    ties = Tie.objects.all()
    assert all(t.person_a_id < t.person_b_id for t in ties)
    assert {t.source for t in ties} == {"seated"}
    assert {t.on for t in ties} == {plan.activity.starts_at.date()}


def test_a_plan_with_rounds_held_is_not_rebuilt_and_its_contacts_outlive_it(partnership):
    activity, people, plan = _plan(partnership)
    services.plan_replan(actor=None, plan=plan, rounds_run=2)
    with pytest.raises(ValidationError, match="re-plan the rest instead"):
        services.plan_build(actor=None, activity=activity, people=people, table_size=4, rounds=2)
    services.plan_delete(actor=None, plan=plan)
    assert not SeatingPlan.objects.exists()
    assert Tie.objects.count() == 2 * 4 * 6


def test_everyone_leaving_is_refused(partnership):
    _, people, plan = _plan(partnership)
    with pytest.raises(ValidationError, match="At least two people"):
        services.plan_replan(actor=None, plan=plan, rounds_run=1, left=people[1:])


def test_only_people_in_the_plan_can_leave_it(partnership):
    _, _, plan = _plan(partnership)
    stranger = members(partnership, 1)[0]
    with pytest.raises(ValidationError) as raised:
        services.plan_replan(actor=None, plan=plan, rounds_run=1, left=[stranger])
    assert "Only people in the plan can leave it" in str(raised.value)


def test_itineraries_give_each_person_a_table_a_round(partnership):
    _, _, plan = _plan(partnership)
    itineraries = selectors.itineraries_of(plan=plan)
    assert len(itineraries) == 16
    assert all(len(i.tables) == 3 and None not in i.tables for i in itineraries)


def test_offers_and_needs_are_tidied_and_checked(partnership):
    person = members(partnership, 1)[0]
    services.profile_update(
        actor=None,
        partnership=partnership,
        person=person,
        items={"asset": ["  Funding   bids ", "funding bids", ""], "need": ["Data"]},
    )
    assert list(ProfileItem.objects.values_list("kind", "text")) == [
        ("asset", "Funding bids"),
        ("need", "Data"),
    ]
    with pytest.raises(ValidationError, match="under 120 characters"):
        services.profile_update(
            actor=None, partnership=partnership, person=person, items={"need": ["x" * 121]}
        )
    assert ProfileItem.objects.count() == 2  # nothing half-written
