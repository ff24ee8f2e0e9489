"""Reads of the programme that decide what a visitor sees.

The actions selectors other apps use (``actions_for_person``, ``actions_for_activity``) are
defined in ``action_selectors`` and offered here too.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from equalpartners.decisions import selectors as decision_selectors
from equalpartners.partnerships.models import Partner
from equalpartners.programme.action_selectors import action_years
from equalpartners.programme.action_selectors import actions_for_activity as actions_for_activity
from equalpartners.programme.action_selectors import actions_for_person as actions_for_person
from equalpartners.programme.action_selectors import (
    challenges_for_activity as challenges_for_activity,
)
from equalpartners.programme.action_selectors import partnership_today as partnership_today
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
    # Lists (to_attr), not related managers: for a manager Django builds a filtered queryset
    # per activity and relation, which cost more than the rest of the page together.
    return activities.prefetch_related(
        Prefetch(
            "lead_partners",
            queryset=Partner.objects.select_related("organisation"),
            to_attr="lead_partner_list",
        ),
        Prefetch("themes", queryset=Theme.objects.all(), to_attr="theme_list"),
    )


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


def activity_row(*, partnership: Any, activity_id: int) -> Activity | None:
    """The activity alone, for pages about one part of it (registration, check-in, seating)
    that show none of its partners, people or themes: one query instead of six."""
    return Activity.objects.filter(partnership=partnership, pk=activity_id).first()


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


LOCAL_DAY_SPREAD = dt.timedelta(days=1)  # an activity's local day is within this of UTC's


def activity_years(*, partnership: Any) -> list[int]:
    """The years in which anything on the timeline happens, oldest first.

    An activity counts in the year of its own local day, which is the year of its UTC day
    except perhaps within a day of new year (UTC): those few are placed in their own zone.
    Only comparisons on the indexed start: SQLite runs no Python function per row.
    """
    activities = Activity.objects.filter(partnership=partnership)
    bounds = activities.aggregate(first=Min("starts_at"), last=Max("starts_at"))
    years: set[int] = set()
    if bounds["first"] is not None:
        span = range(bounds["first"].year - 1, bounds["last"].year + 2)
        new_years = [dt.datetime(year, 1, 1, tzinfo=dt.UTC) for year in [*span, span[-1] + 1]]
        inside = activities.aggregate(
            **{
                str(year): Count(
                    "pk",
                    filter=Q(
                        starts_at__gte=start + LOCAL_DAY_SPREAD,
                        starts_at__lt=end - LOCAL_DAY_SPREAD,
                    ),
                )
                for year, start, end in zip(span, new_years, new_years[1:], strict=False)
            }
        )
        years |= {int(year) for year, count in inside.items() if count}
        near_new_year = Q()
        for new_year in new_years:
            near_new_year |= Q(
                starts_at__gte=new_year - LOCAL_DAY_SPREAD,
                starts_at__lt=new_year + LOCAL_DAY_SPREAD,
            )
        years |= {
            starts_at.astimezone(zoneinfo.ZoneInfo(zone)).year
            for starts_at, zone in activities.filter(near_new_year).values_list(
                "starts_at", "time_zone"
            )
        }
    years |= {
        d.year for d in Milestone.objects.filter(partnership=partnership).dates("date", "year")
    }
    years |= {
        d.year for d in Output.objects.filter(partnership=partnership).dates("published_on", "year")
    }
    years |= decision_selectors.decision_years(partnership=partnership)
    years |= action_years(partnership=partnership)
    return sorted(years)
