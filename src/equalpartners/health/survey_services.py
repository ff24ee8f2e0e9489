"""Every write to a relationship survey: set it up with the partners it lists, change or close
it, and answer it once for one's own organisation.

As with the health check, the ratings are stored as the organisation's, without the person, and
a separate record says that the person has answered; the history says a member answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor, model_create, model_delete, model_update
from equalpartners.engines.health import ITEMS
from equalpartners.health import selectors
from equalpartners.health.models import (
    Status,
    Survey,
    SurveyAnswered,
    SurveyRating,
    SurveyResponse,
)
from equalpartners.health.services import ANONYMOUS, check_days, must_be
from equalpartners.partnerships.models import Membership, Partner

Ratings = Mapping[int, Mapping[str, int | None]]  # rated partner id -> item -> 1..4 or None


@transaction.atomic
def survey_create(
    *,
    actor: Actor,
    partnership: Any,
    name: str,
    opens_on: dt.date,
    closes_on: dt.date,
    at: dt.datetime | None = None,
) -> Survey:
    """Set up a survey listing every partner organisation of the partnership now. ``at`` is
    when, for telling a past survey (the demo); pages never pass it."""
    today = selectors.local_day(partnership=partnership, at=at or timezone.now())
    check_days(opens_on=opens_on, closes_on=closes_on, today=today)
    partners = list(Partner.objects.filter(partnership=partnership).select_related("organisation"))
    if len(partners) < 2:
        raise ValidationError("A relationship survey needs at least two partner organisations.")
    survey = model_create(
        Survey(
            partnership=partnership,
            name=name.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        ),
        actor=actor,
        action="survey.create",
        partnership=partnership,
        data={
            "opens_on": opens_on,
            "closes_on": closes_on,
            "partners": sorted(p.name for p in partners),
        },
    )
    survey.partners.set(partners)
    return survey


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("partnership").get(pk=survey.pk)


@transaction.atomic
def survey_update(
    *, actor: Actor, survey: Survey, name: str, opens_on: dt.date, closes_on: dt.date
) -> Survey:
    """Change a survey: anything before it opens; once open, the name and a later closing
    day; once closed, nothing."""
    survey = _locked(survey)
    status = survey.status_at(timezone.now())
    if status == Status.CLOSED:
        raise ValidationError("This survey has closed, so it stays as it was.")
    if status == Status.OPEN and opens_on != survey.opens_on:
        raise ValidationError(
            {"opens_on": "The survey is open, so its opening day stays as it was"}
        )
    today = selectors.local_day(partnership=survey.partnership, at=timezone.now())
    check_days(opens_on=opens_on, closes_on=closes_on, today=today)
    return model_update(
        survey,
        actor=actor,
        action="survey.update",
        partnership=survey.partnership,
        values={"name": name.strip(), "opens_on": opens_on, "closes_on": closes_on},
    )


@transaction.atomic
def survey_close(*, actor: Actor, survey: Survey, at: dt.datetime | None = None) -> Survey:
    """Close an open survey now; its scores then show."""
    at = at or timezone.now()
    survey = _locked(survey)
    must_be(survey, Status.OPEN, "close the survey", at)
    survey.closed_at = at
    survey.save(update_fields=["closed_at"])
    audit_record(actor=actor, action="survey.close", partnership=survey.partnership, target=survey)
    return survey


@transaction.atomic
def survey_delete(*, actor: Actor, survey: Survey) -> None:
    """Delete a survey that has not opened."""
    survey = _locked(survey)
    must_be(survey, Status.UPCOMING, "delete the survey")
    model_delete(survey, actor=actor, action="survey.delete", partnership=survey.partnership)


def check_ratings(
    *, rater: int, roster: Mapping[int, str], ratings: Ratings
) -> dict[str, list[str]]:
    """What is wrong with a respondent's ratings, by form field (``p<id>_<item>``, ``__all__``).

    Each rating is 1 to 4 or skipped (``None``); nobody rates their own organisation; at least
    one rating is given.
    """
    errors: dict[str, list[str]] = {}
    for partner_id, values in ratings.items():
        if partner_id == rater:
            errors.setdefault("__all__", []).append("You cannot rate your own organisation.")
            continue
        if partner_id not in roster:
            errors.setdefault("__all__", []).append("One organisation is not in this survey.")
            continue
        for item, value in values.items():
            if item not in ITEMS:
                errors.setdefault("__all__", []).append(f"There is no rating called {item}.")
            elif value is not None and value not in range(1, 5):
                errors[f"p{partner_id}_{item}"] = [
                    f"Rate {roster[partner_id]} from 1 to 4, or skip it"
                ]
    given = [v for values in ratings.values() for v in values.values() if v is not None]
    if not errors and not given:
        errors["__all__"] = ["Rate at least one organisation on at least one question."]
    return errors


@transaction.atomic
def survey_answer(
    *,
    actor: Actor,
    survey: Survey,
    membership: Membership,
    ratings: Ratings,
    at: dt.datetime | None = None,
) -> None:
    """Record a member's ratings of the other partners, for their organisation, once. ``at``
    is when, for telling a past survey (the demo); pages never pass it."""
    at = at or timezone.now()
    survey = _locked(survey)
    standing = selectors.standing_of(record=survey, membership=membership, now=at)
    if not standing.may_answer:
        raise ValidationError(standing.reason)
    rater = selectors.partner_of(person=membership.person, partnership=survey.partnership)
    assert rater is not None  # standing_of checked that they are of a listed partner
    roster = {partner.pk: partner.name for partner in selectors.roster_of(survey=survey)}
    errors = check_ratings(rater=rater.pk, roster=roster, ratings=ratings)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            SurveyAnswered.objects.create(
                survey=survey, partnership=survey.partnership, person=membership.person
            )
    except IntegrityError:
        raise ValidationError("You have already answered this survey.") from None
    response = SurveyResponse(
        survey=survey,
        partnership=survey.partnership,
        rater=rater,
        submitted_on=at.astimezone(survey.zone).date(),
    )
    response.save(force_insert=True)
    SurveyRating.objects.bulk_create(
        SurveyRating(
            response=response,
            partnership=survey.partnership,
            rated_id=partner_id,
            **{item: values.get(item) for item in ITEMS},
        )
        for partner_id, values in ratings.items()
        if any(value is not None for value in values.values())
    )
    audit_record(
        actor=None,
        actor_name=ANONYMOUS,
        action="survey.answer",
        partnership=survey.partnership,
        target=survey,
    )
