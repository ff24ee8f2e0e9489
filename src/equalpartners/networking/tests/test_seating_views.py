"""Seating plans over real HTTP: build one, read it, re-plan after an absence, print it, and
the contacts it records; other partnerships and other roles see nothing."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest

from equalpartners.core.capabilities import Role
from equalpartners.networking.models import Attendance, PlanPerson, Seat, SeatingPlan, Tie
from equalpartners.testing import factories as f

from .builders import members

pytestmark = pytest.mark.django_db


def _url(activity: Any, tail: str = "") -> str:
    return f"/p/{activity.partnership.slug}/activities/{activity.pk}/seating/{tail}"


def _build(client: Any, activity: Any, people: list[Any], **extra: Any) -> Any:
    data = {
        "people": [p.pk for p in people],
        "table_size": 4,
        "rounds": 3,
        "no_repeats": "on",
        "avoid_history": "on",
        "separate_organisations": "on",
        "mix_sectors": "on",
        "spread_facilitators": "on",
        **extra,
    }
    return client.post(_url(activity), data)


def _tables(plan: SeatingPlan) -> dict[tuple[int, int], set[int]]:
    tables: dict[tuple[int, int], set[int]] = {}
    for seat in Seat.objects.filter(plan=plan):
        tables.setdefault((seat.round, seat.table), set()).add(seat.person_id)
    return tables


def test_a_plan_is_built_from_the_people_chosen_and_shown_as_tables(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership, title="Summit")
    people = members(partnership, 16, per_organisation=4)
    response = _build(signed_in, activity, people)
    assert response.status_code == 302
    plan = SeatingPlan.objects.get(activity=activity)
    tables = _tables(plan)
    for r in (1, 2, 3):
        seated = [pid for (rr, _), group in tables.items() if rr == r for pid in group]
        assert sorted(seated) == sorted(p.pk for p in people)
    pairs = [pair for group in tables.values() for pair in combinations(sorted(group), 2)]
    assert len(pairs) == len(set(pairs))  # nobody meets twice
    for group in tables.values():
        organisations = [next(p.organisation_id for p in people if p.pk == pid) for pid in group]
        assert len(organisations) == len(set(organisations))
    page = signed_in.get(_url(activity)).content.decode()
    assert "Round 3" in page
    assert "Table 4" in page
    assert "Nobody sits with the same person twice" in page
    assert "at least 9" in page  # new contacts each: 3 a round over 3 rounds
    assert plan.certificate["repeated_pairs"] == 0


def test_bad_choices_are_explained_and_nothing_is_saved(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership)
    people = members(partnership, 12)
    response = _build(signed_in, activity, people, rounds=6)
    assert response.status_code == 200
    assert "cannot be kept" in response.content.decode()
    response = _build(signed_in, activity, people[:1])
    assert "Choose at least two people" in response.content.decode()
    response = _build(signed_in, activity, people, table_size=1)
    assert response.status_code == 200
    facilitator_outside = _build(signed_in, activity, people[:8], facilitators=[people[10].pk])
    assert "is a facilitator but is not seated" in facilitator_outside.content.decode()
    assert not SeatingPlan.objects.exists()


def test_contacts_from_earlier_activities_count_as_having_met(signed_in, partnership):
    earlier = f.ActivityFactory(partnership=partnership)
    activity = f.ActivityFactory(partnership=partnership)
    people = members(partnership, 16, per_organisation=1)
    a, b = sorted((people[0].pk, people[1].pk))
    Tie.objects.create(
        partnership=partnership, person_a_id=a, person_b_id=b, source="seated",
        on=earlier.starts_at.date(), activity=earlier,
    )  # fmt: skip
    _build(signed_in, activity, people)
    plan = SeatingPlan.objects.get(activity=activity)
    assert all(not {a, b} <= group for group in _tables(plan).values())


def test_re_planning_after_an_absence_keeps_the_rounds_held_and_records_contacts(
    signed_in, partnership
):
    activity = f.ActivityFactory(partnership=partnership)
    people = members(partnership, 16, per_organisation=4)
    _build(signed_in, activity, people)
    plan = SeatingPlan.objects.get(activity=activity)
    first_round = {k: v for k, v in _tables(plan).items() if k[0] == 1}
    late = members(partnership, 1)[0]
    response = signed_in.post(
        _url(activity), {"rounds_run": 1, "left": [people[3].pk], "arrived": [late.pk]}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.rounds_run == 1
    tables = _tables(plan)
    assert {k: v for k, v in tables.items() if k[0] == 1} == first_round
    for r in (2, 3):
        seated = {pid for (rr, _), group in tables.items() if rr == r for pid in group}
        assert people[3].pk not in seated
        assert late.pk in seated
    assert PlanPerson.objects.get(plan=plan, person=people[3]).attendance == Attendance.LEFT
    assert PlanPerson.objects.get(plan=plan, person=late).attendance == Attendance.ARRIVED
    # who sat together in round 1 are now ties, and only they
    expected = {pair for group in first_round.values() for pair in combinations(sorted(group), 2)}
    recorded = set(Tie.objects.filter(activity=activity).values_list("person_a", "person_b"))
    assert recorded == expected
    assert plan.certificate["repeated_pairs"] == 0
    # marking fewer rounds as held than before is refused
    response = signed_in.post(_url(activity), {"rounds_run": 0})
    assert "already been marked as run" in response.content.decode()


def test_table_cards_itineraries_and_the_csv(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership, title="Summit")
    people = members(partnership, 18, per_organisation=1)
    _build(signed_in, activity, people, rounds=2, table_size=3)
    cards = signed_in.get(_url(activity, "table-cards/")).content.decode()
    assert cards.count('<section class="card"') == 12  # 2 rounds x 6 tables
    assert people[0].name in cards
    itineraries = signed_in.get(_url(activity, "itineraries/")).content.decode()
    assert itineraries.count("Your table in each round") == 18
    csv_text = signed_in.get(_url(activity, "plan.csv")).content.decode()
    lines = csv_text.strip().splitlines()
    assert lines[0] == "round,table,person_id,name,organisation"
    assert len(lines) == 1 + 18 * 2


def test_a_pdf_of_the_table_cards(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership, title="Summit")
    _build(signed_in, activity, members(partnership, 9, per_organisation=1), rounds=1)
    response = signed_in.get(_url(activity, "table-cards/") + "?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_removing_a_plan_asks_first(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership)
    _build(signed_in, activity, members(partnership, 8, per_organisation=1), rounds=1)
    assert "Remove this seating plan?" in signed_in.get(_url(activity, "remove/")).content.decode()
    assert SeatingPlan.objects.exists()
    signed_in.post(_url(activity, "remove/"))
    assert not SeatingPlan.objects.exists()


def test_only_those_who_run_the_programme_may_see_or_change_plans(
    client_as, partnership, other_partnership
):
    activity = f.ActivityFactory(partnership=partnership)
    board = client_as(partnership, Role.BOARD_MEMBER)
    assert board.get(_url(activity)).status_code == 403
    assert board.get(_url(activity, "table-cards/")).status_code == 403
    outsider = client_as(other_partnership, Role.COORDINATOR)
    assert outsider.get(_url(activity)).status_code == 404
    mine = client_as(partnership, Role.COORDINATOR)
    elsewhere = other_partnership.activities.get()
    wrong = f"/p/{partnership.slug}/activities/{elsewhere.pk}/seating/"
    assert mine.get(wrong).status_code == 404


def test_the_plan_seats_registered_people_and_starts_from_those_checked_in(
    partnership: Any, signed_in: Any
) -> None:
    from equalpartners.attendance import services as attendance

    activity = f.ActivityFactory(partnership=partnership)
    outsider = attendance.register(
        actor=None,
        activity=activity,
        name="Registered Outsider",
        email="outsider@example.org",
        source="organiser",
        notify=False,
    )
    here = attendance.register(
        actor=None,
        activity=activity,
        name="Checked In",
        email="here@example.org",
        source="organiser",
        notify=False,
    )
    attendance.check_in(actor=None, registration=here)
    form = signed_in.get(_url(activity)).context["form"]
    offered = set(form.fields["people"].queryset.values_list("pk", flat=True))
    assert {outsider.person_id, here.person_id} <= offered
    assert [p.pk for p in form.initial["people"]] == [here.person_id]
    response = _build(
        signed_in, activity, [outsider.person, here.person, *members(partnership, 14)]
    )
    assert response.status_code == 302, response.context["form"].errors
    plan = SeatingPlan.objects.get(activity=activity)
    assert plan.people.filter(person=outsider.person).exists()
