"""Reading declared ties ("we worked together"): a member's own declarations, which only they
may withdraw, and the people they may declare a tie with."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from equalpartners.networking.models import Tie, TieSource
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Person


def declared_by(*, partnership: Any, person: Person) -> QuerySet[Tie]:
    """The ties `person` declared in this partnership, newest first, with both people."""
    return (
        Tie.objects.filter(partnership=partnership, source=TieSource.DECLARED, declared_by=person)
        .select_related("person_a__organisation", "person_b__organisation")
        .order_by("-on", "-id")
    )


def declared_tie_of(*, partnership: Any, person: Person, tie_id: int) -> Tie | None:
    """One of `person`'s own declarations here, else None (someone else's is not theirs)."""
    return declared_by(partnership=partnership, person=person).filter(pk=tie_id).first()


def people_to_declare_with(*, partnership: Any, person: Person) -> QuerySet[Person]:
    """Everyone in the partnership but `person`, by name."""
    return partnership_selectors.people_choices(partnership=partnership).exclude(pk=person.pk)


def other_end(tie: Tie, person: Person) -> Person:
    """The person a declared tie joins `person` to."""
    return tie.person_b if tie.person_a_id == person.pk else tie.person_a
