"""Answers are stored without the person: no field of an answer leads to anyone, ids do not count
up, no time of day is kept, and the history says a member answered, not who."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import models

from equalpartners.core.models import AuditEntry
from equalpartners.health.models import (
    Survey,
    SurveyRating,
    SurveyResponse,
    Wave,
    WaveAnswer,
    WaveAnswered,
    WaveItem,
    WaveResponse,
)
from equalpartners.partnerships.models import Membership, Partner, Partnership, Person

from .builders import answer, members_of, open_wave

pytestmark = pytest.mark.django_db

ANONYMOUS_MODELS = [WaveResponse, WaveAnswer, SurveyResponse, SurveyRating]
PEOPLE_MODELS = {Person, Membership, get_user_model()}


def _links(model: type[models.Model], seen: set[type[models.Model]]) -> None:
    """The models an answer row points to, following the chain through the other answer rows."""
    for field in model._meta.get_fields():
        if field.is_relation and (field.many_to_one or field.one_to_one) and field.concrete:
            related = field.related_model
            assert isinstance(related, type)
            if related not in seen:
                seen.add(related)
                if related in ANONYMOUS_MODELS:
                    _links(related, seen)


@pytest.mark.parametrize("model", ANONYMOUS_MODELS, ids=lambda m: m.__name__)
def test_no_field_of_an_answer_leads_to_a_person(model: type[models.Model]) -> None:
    links: set[type[models.Model]] = set()
    _links(model, links)
    # Only the wave or survey, the statement, the partnership and partner organisations.
    allowed = {WaveResponse, WaveItem, Wave, SurveyResponse, Survey, Partner, Partnership}
    assert links <= allowed, links - allowed
    assert not links & PEOPLE_MODELS
    names = {field.name for field in model._meta.get_fields()}
    assert not names & {"person", "user", "membership", "respondent", "created_by", "email"}


@pytest.mark.parametrize("model", [*ANONYMOUS_MODELS, WaveAnswered], ids=lambda m: m.__name__)
def test_ids_are_random_and_no_time_of_day_is_kept(model: type[models.Model]) -> None:
    assert isinstance(model._meta.pk, models.UUIDField)
    for field in model._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField), field.name


def test_what_is_stored_for_an_answer(partnership: object) -> None:
    wave = open_wave(partnership)
    member = members_of(partnership, "Leaders Org", 1)[0]
    answer(wave, member, 4)
    response = WaveResponse.objects.get()
    assert response.partner is not None
    assert response.partner.name == "Leaders Org"
    assert response.sector == "third"
    assert WaveAnswer.objects.filter(response=response).count() == 24
    # The record that someone answered names them, and holds nothing of what they answered.
    answered = WaveAnswered.objects.get()
    assert answered.person_id == member.person_id
    assert {f.name for f in WaveAnswered._meta.concrete_fields} == {
        "id",
        "wave",
        "partnership",
        "person",
    }
    # The history says a member answered, and who is not recorded with it.
    entry = AuditEntry.objects.get(action="wave.answer")
    assert entry.actor_id is None
    assert entry.actor_name == "A member"
    assert entry.data == {}
    assert member.person.name not in str(entry.__dict__)
