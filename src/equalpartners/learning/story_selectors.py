"""Reads of domains, stories and selection rounds. Every member reads them all: stories are told
to the partnership, and the history of rounds is the partnership's to learn from."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from equalpartners.learning.models import Domain, Selection, SelectionRound, Story
from equalpartners.partnerships.models import Person


def domains_of(*, partnership: Any) -> QuerySet[Domain]:
    return Domain.objects.filter(partnership=partnership).annotate(
        story_count=Count("stories", distinct=True)
    )


def domain_in(*, partnership: Any, domain_id: int) -> Domain | None:
    return Domain.objects.filter(partnership=partnership, pk=domain_id).first()


def _chosen() -> Exists:
    return Exists(Selection.objects.filter(story=OuterRef("pk")))


def stories_of(
    *, partnership: Any, domain_id: int | None = None, chosen: bool | None = None
) -> QuerySet[Story]:
    """The partnership's stories, each marked ``is_chosen`` when a round has chosen it."""
    stories = (
        Story.objects.filter(partnership=partnership)
        .annotate(is_chosen=_chosen())
        .select_related("domain", "teller__organisation")
    )
    if domain_id is not None:
        stories = stories.filter(domain_id=domain_id)
    if chosen is not None:
        stories = stories.filter(is_chosen=chosen)
    return stories


def story_in(*, partnership: Any, story_id: int) -> Story | None:
    return (
        Story.objects.filter(partnership=partnership, pk=story_id)
        .annotate(is_chosen=_chosen())
        .select_related("domain", "teller__organisation", "recorded_by", "partnership")
        .first()
    )


def selections_of_story(*, story: Story) -> list[Selection]:
    return list(Selection.objects.filter(story=story).select_related("round__partnership"))


def rounds_of_story(*, story: Story) -> list[SelectionRound]:
    return list(story.rounds.select_related("partnership"))


def stories_for_round(
    *, partnership: Any, domain: Domain | None, starts_on: Any = None, ends_on: Any = None
) -> QuerySet[Story]:
    """Stories a round may read: of its domain (any, for a round of every domain), and told
    within its period when the period is known."""
    stories = Story.objects.filter(partnership=partnership).select_related(
        "domain", "teller__organisation"
    )
    if domain is not None:
        stories = stories.filter(domain=domain)
    if starts_on is not None:
        stories = stories.filter(told_on__gte=starts_on)
    if ends_on is not None:
        stories = stories.filter(told_on__lte=ends_on)
    return stories.order_by("told_on", "id")


def rounds_of(*, partnership: Any) -> QuerySet[SelectionRound]:
    return (
        SelectionRound.objects.filter(partnership=partnership)
        .select_related("domain", "partnership")
        .annotate(
            story_count=Count("stories", distinct=True),
            chosen_count=Count("selections", distinct=True),
        )
    )


def round_in(*, partnership: Any, round_id: int) -> SelectionRound | None:
    return (
        SelectionRound.objects.filter(partnership=partnership, pk=round_id)
        .select_related("domain", "partnership")
        .prefetch_related(
            Prefetch(
                "stories",
                queryset=Story.objects.select_related("domain", "teller__organisation").order_by(
                    "told_on", "id"
                ),
            ),
            Prefetch(
                "selectors",
                queryset=Person.objects.select_related("organisation").order_by("name"),
                to_attr="selector_list",
            ),
            Prefetch(
                "selections",
                queryset=Selection.objects.select_related("story__teller", "story__domain"),
                to_attr="selection_list",
            ),
        )
        .first()
    )


def selection_in(*, selection_round: SelectionRound, selection_id: int) -> Selection | None:
    return (
        Selection.objects.filter(round=selection_round, pk=selection_id)
        .select_related("story", "round__partnership")
        .first()
    )


def story_counts(*, partnership: Any) -> dict[str, int]:
    stories = Story.objects.filter(partnership=partnership)
    rounds = SelectionRound.objects.filter(partnership=partnership)
    return {
        "stories": stories.count(),
        "domains": Domain.objects.filter(partnership=partnership).count(),
        "open_rounds": rounds.filter(closed_at__isnull=True).count(),
        "closed_rounds": rounds.filter(closed_at__isnull=False).count(),
        "for_report": stories.filter(consent_to_publish=True)
        .filter(Exists(Selection.objects.filter(story=OuterRef("pk"))))
        .count(),
    }
