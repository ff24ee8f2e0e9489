"""Ties from every source, each keeping its source and date, and the check-in rule."""

from __future__ import annotations

import datetime as dt

import pytest

from equalpartners.attendance import services as attendance
from equalpartners.networking import services
from equalpartners.networking.growth import network_for
from equalpartners.networking.network_ties import MEETING_LIMIT, all_ties, small_gatherings
from equalpartners.networking.tests.builders import members

from .growth_builders import activity_on, check_in, declare, people, seat

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)
SPEC = {
    "Ana": ("Leaders Trust", "third"),
    "Ben": ("Leaders Trust", "third"),
    "Cat": ("City Council", "public"),
    "Dev": ("City Council", "public"),
    "Eve": ("Policy Unit", "government"),
    "Fin": ("Policy Unit", "government"),
}


def _sources(partnership, until):
    return {
        (a, b, on, source)
        for a, b, on, source in all_ties(partnership=partnership, viewer=None, until=until)
    }


def test_every_source_gives_ties_with_their_source_and_date(partnership):
    p = people(partnership, SPEC)
    summit = activity_on(partnership, DAY)
    seat(summit, [p["Ana"], p["Cat"], p["Eve"], p["Ben"]], table_size=2)
    session = activity_on(partnership, DAY + dt.timedelta(days=7))
    check_in(session, [p["Dev"], p["Fin"], p["Ana"]])
    declare(partnership, p["Ben"], p["Fin"], DAY + dt.timedelta(days=20), note="A joint bid")
    for name, other in (("Dev", "Eve"), ("Eve", "Dev")):
        services.profile_update(
            actor=None,
            partnership=partnership,
            person=p[name],
            items={"asset": [f"{name} skill"], "need": [f"{other} skill"]},
        )
    talk = activity_on(partnership, DAY + dt.timedelta(days=30))
    services.introductions_build(
        actor=None, activity=talk, people=[p["Dev"], p["Eve"]], per_person=1
    )
    services.introductions_send(actor=None, activity=talk)

    rows = _sources(partnership, DAY + dt.timedelta(days=60))
    by_source: dict[str, set[tuple[int, int, dt.date]]] = {}
    for a, b, on, source in rows:
        assert a < b
        by_source.setdefault(source, set()).add((a, b, on))
    pair = lambda x, y: tuple(sorted((p[x].pk, p[y].pk)))  # noqa: E731
    assert len(by_source["seated"]) == 2
    assert {on for *_, on in by_source["seated"]} == {DAY}
    met_day = DAY + dt.timedelta(days=7)
    assert by_source["met"] == {
        (*pair("Dev", "Fin"), met_day),
        (*pair("Ana", "Dev"), met_day),
        (*pair("Ana", "Fin"), met_day),
    }
    assert by_source["declared"] == {(*pair("Ben", "Fin"), DAY + dt.timedelta(days=20))}
    assert by_source["introduced"] == {(*pair("Dev", "Eve"), DAY + dt.timedelta(days=30))}

    growth = network_for(partnership, viewer=None, since=None, until=DAY + dt.timedelta(days=60))
    counts = {s.source: (s.contacts, s.pairs) for s in growth.sources}
    assert counts == {"seated": (2, 2), "met": (3, 3), "declared": (1, 1), "introduced": (1, 1)}


def test_ties_after_the_end_of_the_period_are_left_out(partnership):
    p = people(partnership, SPEC)
    declare(partnership, p["Ana"], p["Cat"], DAY)
    assert _sources(partnership, DAY - dt.timedelta(days=1)) == set()
    assert len(_sources(partnership, DAY)) == 1


def test_everyone_checked_in_at_a_small_activity_met_everyone_else(partnership):
    crowd = members(partnership, MEETING_LIMIT)
    small = activity_on(partnership, DAY)
    check_in(small, crowd)
    ties = _sources(partnership, DAY)
    assert len(ties) == MEETING_LIMIT * (MEETING_LIMIT - 1) // 2
    assert {source for *_, source in ties} == {"met"}


def test_a_bigger_gathering_counts_only_through_seating(partnership):
    crowd = members(partnership, MEETING_LIMIT)
    big = activity_on(partnership, DAY)
    check_in(big, crowd, guests=1)  # one more than the limit, from beyond the partnership
    assert small_gatherings(partnership=partnership, viewer=None, until=DAY) == []
    assert _sources(partnership, DAY) == set()
    seat(big, crowd[:4], table_size=2)
    assert {source for *_, source in _sources(partnership, DAY)} == {"seated"}


def test_people_not_checked_in_or_beyond_the_partnership_make_no_ties(partnership):
    a, b, c = members(partnership, 3)
    gathering = activity_on(partnership, DAY)
    check_in(gathering, [a, b], guests=2)  # guests count towards the size, but are not members
    attendance.register(
        actor=None, activity=gathering, name=c.name, email=c.email, source="organiser"
    )
    growth = network_for(partnership, viewer=None, since=None, until=DAY)
    assert {(x, y) for x, y, _ in growth.pairs} == {tuple(sorted((a.pk, b.pk)))}


def test_check_ins_are_read_in_three_queries_however_many_activities(
    partnership, django_assert_num_queries
):
    a, b, c = members(partnership, 3)
    for offset in range(150):
        activity = activity_on(partnership, DAY - dt.timedelta(days=offset))
        if offset in (0, 149):
            check_in(activity, [a, b])
        if offset == 7:
            check_in(activity, [c])  # one person alone met nobody
    # Everyone checked in counted, the small gatherings' days read, then their people.
    with django_assert_num_queries(3):
        gatherings = small_gatherings(partnership=partnership, viewer=None, until=DAY)
    assert [day for day, _ in gatherings] == [DAY - dt.timedelta(days=149), DAY]
    assert all(sorted(who) == sorted((a.pk, b.pk)) for _, who in gatherings)
