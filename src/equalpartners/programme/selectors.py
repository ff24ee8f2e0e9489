"""Reads of the programme that decide what a visitor sees."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.db.models.functions import ExtractDay, ExtractMonth

from equalpartners.programme.models import Activity, Milestone, Output, Theme, Visibility


def activities_visible_to(
    *, user: AbstractBaseUser | AnonymousUser | None, partnership: Any, public_only: bool = False
) -> QuerySet[Activity]:
    """Members see the whole programme; the public page shows public activities only.

    The caller has already established that ``user`` is a member, unless ``public_only``.
    """
    activities = Activity.objects.filter(partnership=partnership)
    if public_only:
        activities = activities.filter(visibility=Visibility.PUBLIC)
    return activities


def activity_list(
    *,
    user: AbstractBaseUser | AnonymousUser | None,
    partnership: Any,
    kind: str = "",
    status: str = "",
    partner_id: int | None = None,
    theme_id: int | None = None,
    year: int | None = None,
    public_only: bool = False,
) -> QuerySet[Activity]:
    activities = activities_visible_to(user=user, partnership=partnership, public_only=public_only)
    if kind:
        activities = activities.filter(kind=kind)
    if status:
        activities = activities.filter(status=status)
    if partner_id is not None:
        activities = activities.filter(
            Q(lead_partners__pk=partner_id) | Q(co_partners__pk=partner_id)
        ).distinct()
    if theme_id is not None:
        activities = activities.filter(themes__pk=theme_id)
    if year is not None:
        activities = activities.filter(starts_at__year=year)
    return activities.prefetch_related("lead_partners__organisation", "themes")


def activity_in(*, partnership: Any, activity_id: int) -> Activity | None:
    return (
        Activity.objects.filter(partnership=partnership, pk=activity_id)
        .prefetch_related(
            "lead_partners__organisation",
            "co_partners__organisation",
            "led_by__organisation",
            "themes",
            "outputs",
        )
        .first()
    )


def milestones_of(*, partnership: Any, partner_id: int | None = None) -> QuerySet[Milestone]:
    milestones = Milestone.objects.filter(partnership=partnership)
    if partner_id is not None:
        milestones = milestones.filter(partners__pk=partner_id)
    return milestones.prefetch_related("partners__organisation")


def milestone_in(*, partnership: Any, milestone_id: int) -> Milestone | None:
    return milestones_of(partnership=partnership).filter(pk=milestone_id).first()


def outputs_of(
    *, partnership: Any, partner_id: int | None = None, public_only: bool = False
) -> QuerySet[Output]:
    outputs = Output.objects.filter(partnership=partnership)
    if partner_id is not None:
        outputs = outputs.filter(partners__pk=partner_id)
    if public_only:
        outputs = outputs.filter(is_public=True)
    return outputs.prefetch_related("partners__organisation")


def output_in(*, partnership: Any, output_id: int) -> Output | None:
    return (
        outputs_of(partnership=partnership).filter(pk=output_id).select_related("activity").first()
    )


def themes_of(*, partnership: Any) -> QuerySet[Theme]:
    return Theme.objects.filter(partnership=partnership)


def activity_years(*, partnership: Any) -> list[int]:
    """The years in which anything on the timeline happens, oldest first.

    An activity counts in the year of its own local day. That is the year of its UTC day
    except, perhaps, for one starting on 31 December or 1 January (UTC); those few are
    placed one by one in their own time zone.
    """
    activities = Activity.objects.filter(partnership=partnership).annotate(
        utc_month=ExtractMonth("starts_at", tzinfo=dt.UTC),
        utc_day=ExtractDay("starts_at", tzinfo=dt.UTC),
    )
    new_year = Q(utc_month=12, utc_day=31) | Q(utc_month=1, utc_day=1)
    years = {
        d.year for d in activities.exclude(new_year).datetimes("starts_at", "year", tzinfo=dt.UTC)
    }
    years |= {
        starts_at.astimezone(zoneinfo.ZoneInfo(zone)).year
        for starts_at, zone in activities.filter(new_year).values_list("starts_at", "time_zone")
    }
    years |= {
        d.year for d in Milestone.objects.filter(partnership=partnership).dates("date", "year")
    }
    years |= {
        d.year for d in Output.objects.filter(partnership=partnership).dates("published_on", "year")
    }
    return sorted(years)
