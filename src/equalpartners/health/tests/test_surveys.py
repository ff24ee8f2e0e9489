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


def _four_partners(partnership: Any) -> dict[str, Any]:
    """The fixture's three partners and a fourth, so that one can be rated by three others."""
    f.PartnerFactory(partnership=partnership, organisation=f.OrganisationFactory(name="Youth Org"))
    names = ("Leaders Org", "Children Org", "Health Org", "Youth Org")
    return {name: partner_named(partnership, name) for name in names}


def test_the_hand_computed_case(partnership: Any) -> None:
    partners = _four_partners(partnership)
    health = partners["Health Org"]
    survey = open_survey(partnership)
    # Leaders rate Health (4, 3, 4), Children (3, 3, 2) and Youth (2, 2, 2) on trust: 25/9.
    for name, trust in (("Leaders Org", (4, 3, 4)), ("Children Org", (3, 3, 2))):
        _rate(survey, member_of(partnership, partners[name]), {health: _trust(*trust)})
    _rate(survey, member_of(partnership, partners["Youth Org"]), {health: _trust(2, 2, 2)})
    survey = survey_services.survey_close(actor=None, survey=survey)
    display = survey_display(survey_results(survey=survey))
    row = next(r for r in display.organisations if r.name == "Health Org")
    assert (row.trust.text, row.trust.percent_text, row.rated_by) == ("2.78", "59%", 3)
    assert row.trust.mean == 2.78
    assert (row.value.text, row.value.withheld) == ("", "")  # nobody rated its value
    assert (display.trust.text, display.trust.percent_text) == ("2.78", "59%")
    assert display.answered == 3
    assert "(mean − 1) ÷ 3 × 100" in display.normalisation


def _trust(reliable: int, mission: int, open_: int) -> dict[str, int | None]:
    return {"reliable": reliable, "mission": mission, "open": open_}


def test_a_score_from_fewer_than_three_organisations_is_withheld(partnership: Any) -> None:
    # The reviewer's case: only Leaders Org rated Health Org, so Health Org's score would be
    # Leaders Org's ratings of it; only Leaders and Children answered, so the network's would
    # be theirs alone.
    partners = _four_partners(partnership)
    health = partners["Health Org"]
    survey = open_survey(partnership)
    _rate(survey, member_of(partnership, partners["Leaders Org"]), {health: _trust(4, 1, 2)})
    _rate(
        survey,
        member_of(partnership, partners["Children Org"]),
        {partners["Youth Org"]: {"influence": 3}},
    )
    survey = survey_services.survey_close(actor=None, survey=survey)
    display = survey_display(survey_results(survey=survey))
    row = next(r for r in display.organisations if r.name == "Health Org")
    assert (row.trust.mean, row.trust.text, row.trust.percent_text) == (None, "", "")
    assert row.trust.withheld == "withheld: rated by fewer than three partner organisations"
    assert row.rated_by == 1
    assert display.trust.mean is None
    assert display.trust.withheld == "withheld: fewer than three partner organisations answered"
    assert display.value.withheld == "withheld: fewer than three partner organisations answered"
    # The coverage is how many organisations rated each, never which.
    assert not hasattr(display, "coverage")
    assert {r.name: r.rated_by for r in display.organisations} == {
        "Children Org": 0,
        "Health Org": 1,
        "Leaders Org": 0,
        "Youth Org": 1,
    }


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
