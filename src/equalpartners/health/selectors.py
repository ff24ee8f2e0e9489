"""Reads about health checks and relationship surveys: the waves and surveys of a partnership,
whether a member may answer, how many have, and the learning report's section.

Who has answered is only ever counted here, never listed beside what anyone answered.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from equalpartners.core.capabilities import ROLE_CAPABILITIES, Capability, Role
from equalpartners.health.models import (
    Round,
    Status,
    Survey,
    SurveyAnswered,
    SurveyResponse,
    Wave,
    WaveAnswered,
    WaveItem,
    WaveResponse,
)
from equalpartners.health.report import HealthReportSection, build_report_section
from equalpartners.partnerships.models import Membership, Partner, Person

# The roles that answer: every role that takes part (guests only look).
ANSWERING_ROLES = [role for role in Role.values if Capability.CONTRIBUTE in ROLE_CAPABILITIES[role]]


def local_day(*, partnership: Any, at: dt.datetime) -> dt.date:
    """The day ``at`` falls on in the partnership's time zone."""
    return at.astimezone(zoneinfo.ZoneInfo(partnership.time_zone)).date()


def waves_of(*, partnership: Any) -> QuerySet[Wave]:
    """A partnership's waves, latest first, each with how many have answered."""
    return (
        Wave.objects.filter(partnership=partnership)
        .select_related("partnership")
        .annotate(answered=Count("responses"))
        .order_by("-opens_on", "-id")  # a grouped query leaves out the model's ordering
    )


def wave_in(*, partnership: Any, wave_id: int) -> Wave | None:
    return (
        Wave.objects.filter(partnership=partnership, pk=wave_id)
        .select_related("partnership")
        .first()
    )


def items_of(*, wave: Wave) -> list[WaveItem]:
    return list(WaveItem.objects.filter(wave=wave))


def item_in(*, wave: Wave, item_id: int) -> WaveItem | None:
    return (
        WaveItem.objects.filter(wave=wave, pk=item_id).select_related("wave__partnership").first()
    )


def surveys_of(*, partnership: Any) -> QuerySet[Survey]:
    return (
        Survey.objects.filter(partnership=partnership)
        .select_related("partnership")
        .annotate(answered=Count("responses", distinct=True))
        .order_by("-opens_on", "-id")
    )


def survey_in(*, partnership: Any, survey_id: int) -> Survey | None:
    return (
        Survey.objects.filter(partnership=partnership, pk=survey_id)
        .select_related("partnership")
        .first()
    )


def roster_of(*, survey: Survey) -> list[Partner]:
    """The partner organisations a survey lists, by name."""
    return list(survey.partners.select_related("organisation").order_by("organisation__name"))


def partner_of(*, person: Person, partnership: Any) -> Partner | None:
    """The partner a person answers for: their organisation's place in the partnership."""
    if person.organisation_id is None:
        return None
    return (
        Partner.objects.filter(partnership=partnership, organisation_id=person.organisation_id)
        .select_related("organisation")
        .first()
    )


def results_visible(*, record: Round, now: dt.datetime | None = None) -> bool:
    """Results show once a wave or survey closes, and not before: figures that change as each
    answer arrives would give away the answer that changed them."""
    return record.status_at(now or timezone.now()) == Status.CLOSED


@dataclass(frozen=True)
class Standing:
    """Whether a member may answer now, whether they have, and why not when they may not."""

    may_answer: bool
    has_answered: bool
    reason: str = ""


def standing_of(
    *, record: Round, membership: Membership | None, now: dt.datetime | None = None
) -> Standing:
    """A member's standing in a wave or a survey (a survey also needs them to be of a partner
    organisation it lists)."""
    if membership is None:
        return Standing(False, False, "Only members answer.")
    answered_model = SurveyAnswered if isinstance(record, Survey) else WaveAnswered
    lookup = {"survey" if isinstance(record, Survey) else "wave": record}
    has_answered = answered_model.objects.filter(**lookup, person_id=membership.person_id).exists()
    status = record.status_at(now or timezone.now())
    if membership.role not in ANSWERING_ROLES:
        reason = "Your role does not answer."
    elif has_answered:
        reason = "You have answered. Thank you."
    elif status == Status.UPCOMING:
        reason = f"It opens on {record.opens_on:%-d %B %Y}."
    elif status == Status.CLOSED:
        reason = "It has closed."
    elif isinstance(record, Survey) and not _listed(record, membership.person):
        reason = (
            "Each partner organisation rates the others, and your organisation is not one of "
            "the partners this survey lists."
        )
    else:
        reason = ""
    return Standing(may_answer=not reason, has_answered=has_answered, reason=reason)


def _listed(survey: Survey, person: Person) -> bool:
    partner = partner_of(person=person, partnership=survey.partnership)
    return partner is not None and survey.partners.filter(pk=partner.pk).exists()


@dataclass(frozen=True)
class Turnout:
    """How many have answered, of how many who may, and how many for each partner."""

    answered: int
    eligible: int
    by_partner: tuple[tuple[str, int], ...]
    of_no_partner: int


def turnout_of(*, record: Round) -> Turnout:
    """Counts only: how many answers came from each partner organisation."""
    partners: Counter[int | None]
    if isinstance(record, Survey):
        partners = Counter(
            SurveyResponse.objects.filter(survey=record).values_list("rater_id", flat=True)
        )
        roster = roster_of(survey=record)
    else:
        partners = Counter(
            WaveResponse.objects.filter(wave_id=record.pk).values_list("partner_id", flat=True)
        )
        roster = list(
            Partner.objects.filter(partnership=record.partnership_id)
            .select_related("organisation")
            .order_by("organisation__name")
        )
    eligible = Membership.objects.filter(
        partnership=record.partnership_id, role__in=ANSWERING_ROLES
    )
    if isinstance(record, Survey):
        eligible = eligible.filter(person__organisation__in=[p.organisation_id for p in roster])
    return Turnout(
        answered=sum(partners.values()),
        eligible=eligible.count(),
        by_partner=tuple((partner.name, partners.get(partner.pk, 0)) for partner in roster),
        of_no_partner=partners.get(None, 0),
    )


def report_section(partnership: Any, *, since: dt.date, until: dt.date) -> HealthReportSection:
    """The health checks for the learning report: the waves that closed in the period, the trend
    across them, and the latest relationship survey that closed in it."""
    return build_report_section(partnership, since=since, until=until)
