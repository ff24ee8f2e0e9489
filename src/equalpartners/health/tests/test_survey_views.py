"""Relationship survey pages over real HTTP: the empty state, answering for one's organisation
(what is stored, errors), and the scores with the normalisation written on the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from equalpartners.core.capabilities import Role
from equalpartners.health import survey_services
from equalpartners.health.models import SurveyResponse
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

from .builders import member_of, open_survey, partner_named

pytestmark = pytest.mark.django_db


def _client_for(membership: Any) -> Client:
    client = Client()
    client.force_login(membership.person.user, backend=MODEL_BACKEND)
    return client


def test_the_relationships_page_says_there_is_nothing_yet(
    signed_in: Client, partnership: Any
) -> None:
    page = signed_in.get(f"/p/{partnership.slug}/health/relationships/").content.decode()
    assert "No relationship survey yet" in page
    assert "Set up a relationship survey" in page


def test_answering_for_ones_organisation(partnership: Any) -> None:
    survey = open_survey(partnership)
    leaders = partner_named(partnership, "Leaders Org")
    health = partner_named(partnership, "Health Org")
    client = _client_for(member_of(partnership, leaders))
    page = client.get(survey.url_for("survey-answer")).content.decode()
    assert "You are answering for Leaders Org." in page
    assert "kept as Leaders Org's" in page
    assert "How far can you rely on Health Org to do what they say they will?" in page
    assert "rely on Leaders Org" not in page  # nobody rates their own organisation
    assert (
        "someone with direct access to the database could match the order ratings were stored "
        "in with the order people answered"
    ) in page
    assert "at least three other partner organisations rated it" in page
    nothing = client.post(survey.url_for("survey-answer"), {})
    assert "Rate at least one organisation on at least one question." in nothing.content.decode()
    wrong = client.post(survey.url_for("survey-answer"), {f"p{health.pk}_open": "9"})
    assert "There is a problem" in wrong.content.decode()
    assert not SurveyResponse.objects.exists()
    data = {f"p{health.pk}_reliable": "4", f"p{health.pk}_mission": "3", f"p{health.pk}_open": "4"}
    data[f"p{health.pk}_influence"] = "skip"
    response = client.post(survey.url_for("survey-answer"), data)
    assert response["Location"] == survey.get_absolute_url()
    assert SurveyResponse.objects.get().rater == leaders


def test_someone_of_no_listed_partner_is_told_why(partnership: Any) -> None:
    survey = open_survey(partnership)
    client = _client_for(member_of(partnership, None))
    page = client.get(survey.url_for("survey-answer")).content.decode()
    assert "your organisation is not one of the partners this survey lists" in page
    response = client.post(survey.url_for("survey-answer"), {})
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


def _rate_trust(survey: Any, partnership: Any, rater: str, rated: Any, trust: tuple[int, ...]):
    survey_services.survey_answer(
        actor=None,
        survey=survey,
        membership=member_of(partnership, partner_named(partnership, rater)),
        ratings={rated.pk: dict(zip(("reliable", "mission", "open"), trust, strict=True))},
    )


def test_the_scores_show_once_closed_with_the_normalisation(
    client_as: Any, partnership: Any
) -> None:
    f.PartnerFactory(partnership=partnership, organisation=f.OrganisationFactory(name="Youth Org"))
    survey = open_survey(partnership)
    health = partner_named(partnership, "Health Org")
    for name, trust in (("Leaders Org", (4, 3, 4)), ("Children Org", (3, 3, 2))):
        _rate_trust(survey, partnership, name, health, trust)
    _rate_trust(survey, partnership, "Youth Org", health, (2, 2, 2))
    guest = client_as(partnership, Role.GUEST)
    page = guest.get(survey.get_absolute_url()).content.decode()
    assert "The scores show when the survey closes." in page
    assert "2.78" not in page
    survey_services.survey_close(actor=None, survey=survey)
    page = guest.get(survey.get_absolute_url()).content.decode()
    assert '<td class="table__cell table__cell--numeric">2.78</td>' in page
    assert '<td class="table__cell table__cell--numeric">59%</td>' in page
    assert "(mean − 1) ÷ 3 × 100" in page
    assert "Other organisations that rated it" in page
    listing = guest.get(f"/p/{partnership.slug}/health/relationships/").content.decode()
    assert "Latest scores" in listing


def test_one_organisations_ratings_of_another_are_never_on_the_page(
    client_as: Any, partnership: Any
) -> None:
    # Only Leaders Org rated Health Org: its score would be Leaders Org's ratings of it.
    survey = open_survey(partnership)
    health = partner_named(partnership, "Health Org")
    _rate_trust(survey, partnership, "Leaders Org", health, (4, 1, 2))
    survey_services.survey_close(actor=None, survey=survey)
    page = client_as(partnership, Role.GUEST).get(survey.get_absolute_url()).content.decode()
    assert "Withheld: rated by fewer than three partner organisations" in page
    assert "Withheld: fewer than three partner organisations answered" in page
    assert "2.33" not in page  # Leaders Org's mean rating of Health Org, 7/3
    assert "44%" not in page
    # How many rated each organisation, never which: no who-rated-whom table.
    assert "Who rated whom" not in page
    assert "Rated Health Org" not in page
    assert "Other organisations that rated it" in page
