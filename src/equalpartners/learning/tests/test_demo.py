"""The demo story with its learning: loaded after the story, as the lead wires it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from equalpartners.demo.learning_story import ROUND_NAME, add_learning
from equalpartners.demo.story import SIGN_INS, load_story
from equalpartners.learning import selectors, story_selectors
from equalpartners.learning.models import Reflection
from equalpartners.partnerships.models import Membership, Person

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 15)


def _load():
    partnership = load_story(today=TODAY)
    people = {
        person.name: person
        for person in Person.objects.filter(memberships__partnership=partnership)
    }
    coordinator = get_user_model().objects.get(username=SIGN_INS[0].email)
    add_learning(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    return partnership, people, coordinator


def test_the_story_has_reflections_stories_and_a_closed_round(client):
    partnership, _people, coordinator = _load()
    reflections = Reflection.objects.filter(partnership=partnership)
    assert 8 <= reflections.count() <= 10
    assert {
        r.partner.organisation.short_name or r.partner.organisation.name
        for r in reflections
        if r.partner
    } >= {"ACOSVO", "Children in Scotland", "Voluntary Health Scotland"}
    assert {r.visibility for r in reflections} == {"partner", "partnership", "public"}
    assert reflections.filter(activities__isnull=False).distinct().count() >= 6
    stories = story_selectors.stories_of(partnership=partnership)
    assert 5 <= stories.count() <= 6
    assert len({s.domain_id for s in stories}) >= 3
    (closed,) = story_selectors.rounds_of(partnership=partnership)
    assert (closed.name, closed.is_closed, closed.selections.count()) == (ROUND_NAME, True, 2)
    # The report of the year gathers the chosen reflections and both chosen stories.
    section = selectors.report_section(
        partnership, since=TODAY - dt.timedelta(days=500), until=TODAY
    )
    assert len(section.reflections) == 3
    assert len(section.stories) == 2
    assert all(choice.reasons for s in section.stories for choice in s.choices)
    # The pages show it to the coordinator.
    client.force_login(coordinator)
    page = client.get(f"/p/{partnership.slug}/learning/rounds/{closed.pk}/").content.decode()
    assert "A civil servant who now calls us first" in page
    hub = client.get(f"/p/{partnership.slug}/learning/").content.decode()
    assert "The learning log" in hub


def test_a_guest_reads_only_what_is_shared_with_them():
    partnership, people, _coordinator = _load()
    guest = Membership.objects.get(partnership=partnership, person=people["Sam Okafor"])
    readable = selectors.reflections_visible_to(viewer=guest, partnership=partnership)
    assert not readable.filter(visibility="partner").exists()
    assert readable.count() == Reflection.objects.exclude(visibility="partner").count()


def test_telling_it_twice_adds_nothing():
    partnership, people, coordinator = _load()
    before = Reflection.objects.count()
    add_learning(partnership=partnership, people=people, actor=coordinator, today=TODAY)
    assert Reflection.objects.count() == before
    assert story_selectors.rounds_of(partnership=partnership).count() == 1


def test_every_learning_page_of_the_demo_opens_for_the_coordinator(client):
    partnership, _people, coordinator = _load()
    client.force_login(coordinator)
    base = f"/p/{partnership.slug}/learning/"
    urls = [base, *(base + part + "/" for part in ("reflections", "stories", "rounds", "domains"))]
    urls += [r.get_absolute_url() for r in Reflection.objects.filter(visibility="public")]
    urls += [s.get_absolute_url() for s in story_selectors.stories_of(partnership=partnership)]
    for url in urls:
        assert client.get(url).status_code == 200, url
