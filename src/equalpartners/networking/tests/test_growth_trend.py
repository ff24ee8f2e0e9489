"""The arithmetic of the trend's days and the default period, and the trend against the engine
called directly: properties over any dates."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from equalpartners.core.capabilities import Role
from equalpartners.engines.networks import Member, measure
from equalpartners.engines.networks import Tie as EngineTie
from equalpartners.networking.growth import network_for
from equalpartners.networking.growth_forms import a_year_before
from equalpartners.networking.growth_trend import TREND_POINTS, quarter_end, trend_days
from equalpartners.networking.models import Tie
from equalpartners.testing import factories as f

from .growth_builders import declare, people

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2060, 12, 31))


@given(days)
def test_a_quarter_ends_on_the_last_day_of_march_june_september_or_december(day):
    end = quarter_end(day)
    assert end >= day
    assert (end - day).days < 92
    assert end.month in (3, 6, 9, 12)
    assert (end + dt.timedelta(days=1)).day == 1


@given(days, st.integers(min_value=0, max_value=20 * 366))
def test_the_trend_days_are_few_in_order_and_end_on_the_last_day(start, length):
    until = start + dt.timedelta(days=length)
    chosen = trend_days(start, until)
    assert 1 <= len(chosen) <= TREND_POINTS
    assert chosen[-1] == until
    assert chosen == sorted(set(chosen))
    assert all(day == quarter_end(day) for day in chosen[:-1])
    assert chosen[0] >= start
    every = trend_days(start, until, most=10_000)
    assert set(chosen) <= set(every)
    if len(every) <= TREND_POINTS:
        assert chosen == every  # nothing is left out while there is room


@given(days)
def test_the_default_period_is_twelve_months_ending_today(day):
    since = a_year_before(day)
    assert since <= day
    assert 365 <= (day - since).days + 1 <= 366


SECTORS = ("third", "public", "government")


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_the_figures_are_the_engines_on_every_tie_recorded(partnership, seed):
    """network_for passes the engine one or two ties a pair; the figures must be those of
    every contact recorded, repeated pairs and sources included."""
    rng = random.Random(seed)
    crowd = []
    for number in range(9):
        organisation = f.OrganisationFactory(sector=SECTORS[number % 3])
        person = f.PersonFactory(organisation=organisation)
        f.MembershipFactory(partnership=partnership, person=person, role=Role.STAFF)
        crowd.append(person)
    start = dt.date(2024, 1, 1)
    rows = []
    for _ in range(40):
        a, b = sorted(rng.sample([p.pk for p in crowd], 2))
        rows.append(
            Tie(
                partnership=partnership,
                person_a_id=a,
                person_b_id=b,
                source=rng.choice(["seated", "introduced"]),
                on=start + dt.timedelta(days=rng.randrange(600)),
                activity=f.ActivityFactory(partnership=partnership),
            )
        )
    Tie.objects.bulk_create(rows)
    since = start + dt.timedelta(days=rng.randrange(300))
    until = since + dt.timedelta(days=rng.randrange(300))
    growth = network_for(partnership, viewer=None, since=since, until=until)
    members = [Member(str(p.pk), str(p.organisation.name), p.organisation.sector) for p in crowd]
    every = [EngineTie(str(t.person_a_id), str(t.person_b_id), t.on) for t in rows]
    direct_period = measure(members, every, since=since, until=until)
    direct_whole = measure(members, [t for t in every if t.on <= until], until=until)
    for ours, theirs in ((growth.period, direct_period), (growth.whole, direct_whole)):
        assert ours.as_json() == theirs.as_json()
        assert ours.by_person == theirs.by_person
    last = growth.trend[-1]
    assert (last.on, last.ties, last.density) == (until, direct_whole.ties, direct_whole.density)


@pytest.mark.django_db
def test_the_remembered_trend_follows_every_new_tie(partnership):
    p = people(partnership, {"Ana": ("Trust", "third"), "Ben": ("Council", "public")})
    p.update(people(partnership, {"Cy": ("Unit", "government")}))
    until = dt.date(2025, 9, 1)
    declare(partnership, p["Ana"], p["Ben"], dt.date(2025, 2, 1))
    before = network_for(partnership, viewer=None, since=None, until=until).trend
    assert [(t.on, t.ties) for t in before] == [
        (dt.date(2025, 3, 31), 1),
        (dt.date(2025, 6, 30), 1),
        (until, 1),
    ]
    declare(partnership, p["Ben"], p["Cy"], dt.date(2025, 5, 1))
    after = network_for(partnership, viewer=None, since=None, until=until).trend
    assert [(t.on, t.ties) for t in after] == [
        (dt.date(2025, 3, 31), 1),
        (dt.date(2025, 6, 30), 2),
        (until, 2),
    ]
