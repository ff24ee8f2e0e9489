"""The demo story with its calls for themes: loaded after the story, as the lead wires it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from equalpartners.demo.story import SIGN_INS, load_story
from equalpartners.demo.themes_story import WELLBEING, add_themes
from equalpartners.partnerships.models import Person
from equalpartners.themes import selectors
from equalpartners.themes.models import Allocation, CallStatus

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 15)


def _load():
    partnership = load_story(today=TODAY)
    people = {
        person.name: person
        for person in Person.objects.filter(memberships__partnership=partnership)
    }
    coordinator = get_user_model().objects.get(username=SIGN_INS[0].email)
    add_themes(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    return partnership, people, coordinator


def test_the_story_has_a_closed_call_with_a_session_and_an_open_one(client):
    partnership, _people, coordinator = _load()
    calls = {call.title: call for call in selectors.calls_of(partnership=partnership)}
    spring = calls["Themes for the spring staff exchange"]
    autumn = calls["Themes for the autumn staff exchange"]
    assert spring.status_at(dt.datetime.now(dt.UTC)) == CallStatus.CLOSED
    assert autumn.status_at(dt.datetime.now(dt.UTC)) == CallStatus.VOTING
    proposals = selectors.proposals_of(call=spring)
    assert len(proposals) >= 5
    partners = {str(p.partner) for p in proposals}
    assert len(partners) == 3  # staff of each third-sector partner propose
    assert Allocation.objects.filter(call=spring).count() >= 10
    result = selectors.result_of(call=spring)
    assert result is not None
    assert result.winners == (WELLBEING,)
    sessions = [(p.title, p.activity) for p in proposals if p.activity is not None]
    assert [title for title, _ in sessions] == [WELLBEING]
    session = sessions[0][1]
    assert session.kind == "staff_exchange"
    assert session.starts_at.date() > TODAY
    assert Allocation.objects.filter(call=autumn).exists()
    # The pages show it to the coordinator.
    client.force_login(coordinator)
    html = client.get(spring.url_for("results")).content.decode()
    assert session.get_absolute_url() in html


def test_telling_it_twice_adds_nothing():
    partnership, people, coordinator = _load()
    add_themes(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    assert selectors.calls_of(partnership=partnership).count() == 2
