"""The demo story with its health checks: loaded after the story, as the lead wires it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from equalpartners.demo.health_story import add_health
from equalpartners.demo.story import SIGN_INS, load_story
from equalpartners.health import selectors
from equalpartners.health.models import Status, WaveResponse
from equalpartners.health.presentation import wave_display
from equalpartners.health.results import wave_results
from equalpartners.partnerships.models import Person

pytestmark = pytest.mark.django_db


def _load() -> tuple[Any, dict[str, Person], Any, dt.date]:
    today = timezone.localdate()
    partnership = load_story(today=today)
    people = {
        person.name: person
        for person in Person.objects.filter(memberships__partnership=partnership)
    }
    coordinator = get_user_model().objects.get(username=SIGN_INS[0].email)
    add_health(partnership=partnership, people=people, actor=coordinator, today=today)
    return partnership, people, coordinator, today


def _heading(display: Any, key: str) -> Any:
    return next(row for row in display.headings if row.key == key)


def test_two_closed_waves_six_months_apart_and_one_open(client: Any) -> None:
    partnership, _people, coordinator, today = _load()
    now = timezone.now()
    waves = list(reversed(selectors.waves_of(partnership=partnership)))
    assert [wave.status_at(now) for wave in waves] == [Status.CLOSED, Status.CLOSED, Status.OPEN]
    assert 170 <= (waves[1].opens_on - waves[0].opens_on).days <= 190
    assert not WaveResponse.objects.filter(submitted_on__gt=today).exists()
    first, second = (wave_display(wave_results(wave=wave)) for wave in waves[:2])
    for display in (first, second):
        shown = [p.name for p in display.partners if not p.withheld]
        withheld = [p.name for p in display.partners if p.withheld]
        assert len(shown) == 2
        assert len(withheld) == 1
        assert not display.withheld
    # Communication, and process and structure, improved between the waves from concerns.
    for key in ("communication", "process"):
        before, after = _heading(first, key).figure, _heading(second, key).figure
        assert before.band == "concern"
        assert after.band in {"worth discussing", "strength"}
        assert after.mean is not None
        assert before.mean is not None
        assert after.mean - before.mean >= 0.5
    capacity = next(f for f in _heading(second, "resources").factors if f.key == "capacity")
    assert capacity.figure.band == "concern"
    # The open wave's answers are not shown, and the demo's sign-ins can still answer.
    client.force_login(coordinator)
    assert "Answer the health check" in client.get(waves[2].get_absolute_url()).content.decode()
    page = client.get(waves[1].url_for("results")).content.decode()
    assert "Withheld: fewer than five answers" in page
    trend = client.get(f"/p/{partnership.slug}/health/trend/").content.decode()
    assert "<svg" in trend


def test_the_relationship_survey_closed_with_scores() -> None:
    partnership, *_ = _load()
    survey = selectors.surveys_of(partnership=partnership).get()
    assert selectors.results_visible(record=survey)
    section = selectors.report_section(partnership, since=survey.opens_on, until=survey.closes_on)
    assert section.relationships is not None
    # Three partners: each is rated by two others, so only the network's scores show.
    assert all(
        row.trust.withheld == "withheld: rated by fewer than three partner organisations"
        for row in section.relationships.organisations
    )
    assert section.relationships.trust.mean is not None
    assert section.relationships.trust.mean >= 3
    assert section.relationships.value.mean is not None
    assert section.relationships.respondents == 5


def test_telling_it_twice_adds_nothing() -> None:
    partnership, people, coordinator, today = _load()
    add_health(partnership=partnership, people=people, actor=coordinator, today=today)
    assert selectors.waves_of(partnership=partnership).count() == 3
