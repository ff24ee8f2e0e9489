"""The records the tenancy walk (tests/test_tenancy.py) needs for the learning pages: a
public reflection, a domain, a story, and a round that chose it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.learning.models import Domain, Reflection, Selection, SelectionRound, Story
from equalpartners.partnerships.models import Membership


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    person = Membership.objects.get(pk=ids["membership_id"]).person
    reflection = Reflection.objects.create(
        partnership=partnership,
        title="Working as equals",
        what_worked="Sharing the chair.",
        author=person,
        visibility="public",  # so that the public pages (and every member page) show it
    )
    domain = Domain.objects.create(partnership=partnership, name="How we lead")
    story = Story.objects.create(
        partnership=partnership,
        title="A board that listens",
        story="Our board now hears from staff at every meeting.",
        domain=domain,
        why_it_matters="Decisions are better for it.",
        teller=person,
        told_on=dt.date(2025, 3, 1),
    )
    selection_round = SelectionRound.objects.create(
        partnership=partnership,
        name="Spring stories",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 6, 30),
    )
    selection_round.stories.add(story)
    selection_round.selectors.add(person)
    selection = Selection.objects.create(
        round=selection_round, partnership=partnership, story=story, reasons="It shows change."
    )
    return {
        "reflection_id": reflection.pk,
        "domain_id": domain.pk,
        "story_id": story.pk,
        "round_id": selection_round.pk,
        "selection_id": selection.pk,
    }
