"""Answers are stored without the person: no field of an answer leads to anyone, ids do not count
up, rows are read in the order of those random ids (never the order they were written in), no
time of day is kept, and the history says a member answered, not who."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from equalpartners.core.models import AuditEntry
from equalpartners.health import survey_services
from equalpartners.health.models import (
    Survey,
    SurveyAnswered,
    SurveyRating,
    SurveyResponse,
    Wave,
    WaveAnswer,
    WaveAnswered,
    WaveItem,
    WaveResponse,
)
from equalpartners.health.results import survey_results, wave_results
from equalpartners.partnerships.models import Membership, Partner, Partnership, Person

from .builders import answer, close, member_of, members_of, open_survey, open_wave, partner_named

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


@pytest.mark.parametrize(
    "model", [*ANONYMOUS_MODELS, WaveAnswered, SurveyAnswered], ids=lambda m: m.__name__
)
def test_rows_are_listed_by_random_id_not_in_the_order_they_were_written(
    model: type[models.Model],
) -> None:
    assert model._meta.ordering == ["id"]


def test_answers_come_back_in_the_order_of_their_random_ids(partnership: Any) -> None:
    wave = open_wave(partnership)
    for member in members_of(partnership, "Leaders Org", 6):
        answer(wave, member, 4)
    listed = list(WaveResponse.objects.values_list("id", flat=True))
    assert listed == sorted(listed)
    answered = list(WaveAnswered.objects.values_list("id", flat=True))
    assert answered == sorted(answered)


def _reads_in_id_order(sql: str) -> bool:
    """Whether a query is ordered, and only by random ids (a number is a selected column, the
    response's id, as every one of these queries selects it or the row's id first)."""
    ordered = re.search(r"ORDER BY (.*)$", sql)
    terms = ordered.group(1).split(", ") if ordered else []
    term = re.compile(r'(1|"health_\w+"\."(id|response_id)") (ASC|DESC)')
    return bool(terms) and all(term.fullmatch(t) for t in terms)


def test_results_read_answers_and_ratings_in_the_order_of_random_ids(partnership: Any) -> None:
    wave = open_wave(partnership)
    for member in members_of(partnership, None, 5):
        answer(wave, member, 3)
    close(wave)
    survey = open_survey(partnership)
    health = partner_named(partnership, "Health Org")
    survey_services.survey_answer(
        actor=None,
        survey=survey,
        membership=member_of(partnership, partner_named(partnership, "Leaders Org")),
        ratings={health.pk: {"open": 3}},
    )
    survey_services.survey_close(actor=None, survey=survey)
    with CaptureQueriesContext(connection) as queries:
        wave_results(wave=wave)
        survey_results(survey=survey)
    reads = {
        table: [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]
        for table in ("health_waveanswer", "health_surveyrating", "health_surveyresponse")
    }
    for table, sqls in reads.items():
        assert sqls, table
        assert all(_reads_in_id_order(sql) for sql in sqls), sqls
