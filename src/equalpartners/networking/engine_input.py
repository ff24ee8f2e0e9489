"""Our records as the mixing engine's input: people with their organisation, sector and profile,
and the ties they already have (which count as having met before).

Only profile items seen within a partnership (those for the partnership, and public ones) go
in: an introduction's reason must never quote what a person showed to their networks only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from equalpartners.engines.mixing.people import Person as Attendee
from equalpartners.networking.models import ProfileItem, ProfileItemKind, ProfileVisibility, Tie
from equalpartners.partnerships.models import Person

WITHIN_PARTNERSHIP = (ProfileVisibility.PARTNERSHIP, ProfileVisibility.PUBLIC)


def attendees(people: Sequence[Person], facilitators: Iterable[int] = ()) -> list[Attendee]:
    """One engine `Person` per person, id = our primary key as text."""
    leading = set(facilitators)
    profile: dict[int, dict[str, list[str]]] = {}
    visible = ProfileItem.objects.filter(
        person__in=[p.pk for p in people], visibility__in=WITHIN_PARTNERSHIP
    )
    for item in visible.order_by("id"):
        profile.setdefault(item.person_id, {}).setdefault(item.kind, []).append(item.text)
    out = []
    for person in people:
        organisation = person.organisation
        items = profile.get(person.pk, {})
        out.append(
            Attendee(
                id=str(person.pk),
                name=person.name,
                organisation=organisation.name if organisation else "",
                sector=organisation.sector if organisation else "",
                facilitator=person.pk in leading,
                assets=tuple(items.get(ProfileItemKind.ASSET, ())),
                interests=tuple(items.get(ProfileItemKind.INTEREST, ())),
                needs=tuple(items.get(ProfileItemKind.NEED, ())),
            )
        )
    return out


def known_pairs(
    *, partnership: Any, people: Sequence[Person], except_activity: Any = None
) -> set[tuple[str, str]]:
    """Pairs among `people` with a tie in this partnership (from any activity but the one being
    planned, whose own seats are its plan, not its history)."""
    ids = [p.pk for p in people]
    ties = Tie.objects.filter(partnership=partnership, person_a__in=ids, person_b__in=ids)
    if except_activity is not None:
        ties = ties.exclude(activity=except_activity)
    return {(str(a), str(b)) for a, b in ties.values_list("person_a_id", "person_b_id").distinct()}
