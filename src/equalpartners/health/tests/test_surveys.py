"""Relationship surveys: ratings kept as the organisation's, once per person, and the trust and
value scores on the hand-computed case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from equalpartners.health import survey_services
from equalpartners.health.models import SurveyAnswered, SurveyRating, SurveyResponse
from equalpartners.health.results import survey_results
from equalpartners.health.survey_presentation import survey_display
from equalpartners.testing import factories as f

from .builders import member_of, open_survey, partner_named, today

pytestmark = pytest.mark.django_db


def _rate(survey: Any, membership: Any, ratings: dict[Any, dict[str, int | None]]) -> None:
    survey_services.survey_answer(
        actor=None,
        survey=survey,
        membership=membership,
        ratings={partner.pk: values for partner, values in ratings.items()},
    )


def test_the_hand_computed_case(partnership: Any) -> None:
    leaders = partner_named(partnership, "Leaders Org")
    children = partner_named(partnership, "Children Org")
    health = partner_named(partnership, "Health Org")
    survey = open_survey(partnership)
    # A rates C (4, 3, 4) and B rates C (3, 3, 2) on trust.
    _rate(
        survey, member_of(partnership, leaders), {health: {"reliable": 4, "mission": 3, "open": 4}}
    )
    _rate(
        survey, member_of(partnership, children), {health: {"reliable": 3, "mission": 3, "open": 2}}
    )
    survey = survey_services.survey_close(actor=None, survey=survey)
    display = survey_display(survey_results(survey=survey))
    row = next(r for r in display.organisations if r.name == "Health Org")
    assert (row.trust.text, row.trust.percent_text, row.rated_by) == ("3.17", "72%", 2)
    assert row.trust.mean == 3.17
    assert row.value.text == ""
    assert (display.trust.text, display.trust.percent_text) == ("3.17", "72%")
    assert "(mean − 1) ÷ 3 × 100" in display.normalisation
    coverage = {row.rater: row.cells for row in display.coverage}
    # Columns in the roster's order: Children Org, Health Org, Leaders Org.
    assert display.roster == ("Children Org", "Health Org", "Leaders Org")
    assert coverage["Leaders Org"] == ("not rated", "rated", "itself")
    assert coverage["Health Org"] == ("not rated", "itself", "not rated")


def test_ratings_are_the_organisations_and_once_per_person(partnership: Any) -> None:
    leaders = partner_named(partnership, "Leaders Org")
    health = partner_named(partnership, "Health Org")
    survey = open_survey(partnership)
    member = member_of(partnership, leaders)
    _rate(survey, member, {health: {"influence": 4, "open": None}})
    response = SurveyResponse.objects.get()
    assert response.rater == leaders
    rating = SurveyRating.objects.get()
    assert (rating.rated, rating.influence, rating.open, rating.reliable) == (health, 4, None, None)
    assert SurveyAnswered.objects.get().person_id == member.person_id
    with pytest.raises(ValidationError, match="You have answered"):
        _rate(survey, member, {health: {"influence": 1}})


def test_bad_ratings_are_refused_and_nothing_is_saved(partnership: Any) -> None:
    leaders = partner_named(partnership, "Leaders Org")
    health = partner_named(partnership, "Health Org")
    survey = open_survey(partnership)
    member = member_of(partnership, leaders)
    with pytest.raises(ValidationError, match="your own organisation"):
        _rate(survey, member, {leaders: {"open": 3}})
    with pytest.raises(ValidationError) as error:
        _rate(survey, member, {health: {"open": 5}})
    assert error.value.message_dict == {
        f"p{health.pk}_open": ["Rate Health Org from 1 to 4, or skip it"]
    }
    with pytest.raises(ValidationError, match="at least one"):
        _rate(survey, member, {health: {"open": None}})
    assert not SurveyAnswered.objects.exists()
    assert not SurveyResponse.objects.exists()


def test_only_people_of_a_listed_partner_answer(partnership: Any) -> None:
    survey = open_survey(partnership)
    health = partner_named(partnership, "Health Org")
    outsider = member_of(partnership, None)
    with pytest.raises(ValidationError, match="not one of the partners"):
        _rate(survey, outsider, {health: {"open": 3}})
    # A partner that joined after the survey was set up is not listed either.
    newcomer = f.PartnerFactory(partnership=partnership, organisation=f.OrganisationFactory())
    with pytest.raises(ValidationError, match="not one of the partners"):
        _rate(survey, member_of(partnership, newcomer), {health: {"open": 3}})


def test_a_survey_needs_two_partners(other_partnership: Any) -> None:
    with pytest.raises(ValidationError, match="at least two partner organisations"):
        survey_services.survey_create(
            actor=None,
            partnership=other_partnership,
            name="Alone",
            opens_on=today(),
            closes_on=today() + dt.timedelta(days=3),
        )
