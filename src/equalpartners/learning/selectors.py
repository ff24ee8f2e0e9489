"""Reads of the learning log that decide what a viewer sees, and the report's section.

Who reads a reflection:

- its author, always;
- "only my partner organisation": people whose organisation is that partner;
- "everyone in the partnership": every member, guests included;
- "public": anyone, members or not (on a public partnership's public pages, and in the
  published report).

The viewer is a membership of the partnership, or None for someone who is not a member (the
public, and the published report), who sees public reflections only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from equalpartners.decisions import selectors as decision_selectors
from equalpartners.learning.models import Reflection, Visibility
from equalpartners.learning.report import LearningReportSection as LearningReportSection
from equalpartners.learning.report import report_section as report_section
from equalpartners.partnerships.models import Membership
from equalpartners.programme import selectors as programme_selectors
from equalpartners.themes import selectors as theme_selectors

LINK_KINDS = [
    ("activity", "Linked to an activity"),
    ("theme", "Linked to a theme"),
    ("decision", "Linked to a decision"),
    ("none", "Not linked to anything"),
]


def _of_partnership(viewer: Membership | None, partnership: Any) -> Membership | None:
    """The viewer as a member of this partnership, or None (treated as the public)."""
    if viewer is None or viewer.partnership_id != partnership.pk:
        return None
    return viewer


def reflections_visible_to(*, viewer: Membership | None, partnership: Any) -> QuerySet[Reflection]:
    reflections = Reflection.objects.filter(partnership=partnership)
    member = _of_partnership(viewer, partnership)
    if member is None:
        return reflections.filter(visibility=Visibility.PUBLIC)
    allowed = Q(visibility__in=[Visibility.PUBLIC, Visibility.PARTNERSHIP]) | Q(
        author_id=member.person_id
    )
    organisation_id = member.person.organisation_id
    if organisation_id is not None:
        allowed |= Q(visibility=Visibility.PARTNER, partner__organisation_id=organisation_id)
    return reflections.filter(allowed)


def reflection_list(
    *,
    viewer: Membership | None,
    partnership: Any,
    activity_id: int | None = None,
    link_kind: str = "",
    visibility: str = "",
    partner_id: int | None = None,
    for_report: bool | None = None,
) -> QuerySet[Reflection]:
    """The reflections the viewer may read, narrowed by the list page's filters, with what each
    row shows loaded in a fixed number of queries."""
    reflections = reflections_visible_to(viewer=viewer, partnership=partnership)
    if activity_id is not None:
        reflections = reflections.filter(activities__pk=activity_id)
    if link_kind == "activity":
        reflections = reflections.filter(activities__isnull=False)
    elif link_kind == "theme":
        reflections = reflections.filter(themes__isnull=False)
    elif link_kind == "decision":
        reflections = reflections.filter(decisions__isnull=False)
    elif link_kind == "none":
        reflections = reflections.filter(
            activities__isnull=True, themes__isnull=True, decisions__isnull=True
        )
    if visibility:
        reflections = reflections.filter(visibility=visibility)
    if partner_id is not None:
        reflections = reflections.filter(partner_id=partner_id)
    if for_report is not None:
        reflections = reflections.filter(for_report=for_report)
    return (
        reflections.distinct()
        .select_related("author", "partner__organisation", "partnership")
        .prefetch_related("activities", "themes", "decisions")
    )


def reflection_in(
    *, viewer: Membership | None, partnership: Any, reflection_id: int
) -> Reflection | None:
    """One reflection the viewer may read, or None: one they may not is as good as missing."""
    return (
        reflections_visible_to(viewer=viewer, partnership=partnership)
        .filter(pk=reflection_id)
        .select_related("author__organisation", "partner__organisation", "partnership")
        .prefetch_related("activities", "themes__call", "decisions")
        .first()
    )


def public_reflections(*, partnership: Any) -> QuerySet[Reflection]:
    """The public reflections, newest first, as anyone may read them on the partnership's
    public pages: each with its author's organisation and ``public_activities``, the public
    activities it is about (its other links are for members)."""
    public_activities = programme_selectors.activities_visible_to(
        user=None, partnership=partnership, public_only=True
    )
    return (
        reflections_visible_to(viewer=None, partnership=partnership)
        .select_related("author__organisation")
        .prefetch_related(
            Prefetch("activities", queryset=public_activities, to_attr="public_activities")
        )
    )


def reflection_counts(*, viewer: Membership | None, partnership: Any) -> dict[str, int]:
    """How many reflections the viewer may read, and how many are chosen for the report."""
    visible = reflections_visible_to(viewer=viewer, partnership=partnership)
    return {"readable": visible.count(), "for_report": visible.filter(for_report=True).count()}


@dataclass(frozen=True)
class Linkable:
    """What a reflection may be linked to, read through each app's selectors: by id, and in
    the order a form offers them (themes grouped by their call)."""

    activities: dict[int, Any]
    themes: dict[int, Any]
    decisions: dict[int, Any]
    theme_groups: list[tuple[str, list[Any]]]


def linkable_records(*, user: Any, partnership: Any) -> Linkable:
    activities = programme_selectors.activities_visible_to(user=user, partnership=partnership)
    decisions = decision_selectors.decisions_of(partnership=partnership).order_by("-closes_at")
    groups = [
        (call.title, theme_selectors.proposals_of(call=call))
        for call in theme_selectors.calls_of(partnership=partnership)
    ]
    groups = [(title, proposals) for title, proposals in groups if proposals]
    return Linkable(
        activities={a.pk: a for a in activities.order_by("-starts_at")},
        themes={p.pk: p for _, proposals in groups for p in proposals},
        decisions={d.pk: d for d in decisions},
        theme_groups=groups,
    )
