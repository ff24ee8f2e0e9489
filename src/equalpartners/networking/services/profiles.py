"""A person's profile: what they offer, are interested in and need, and who may see each item."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor
from equalpartners.networking.models import (
    AssetCategory,
    ProfileItem,
    ProfileItemKind,
    ProfileVisibility,
)
from equalpartners.partnerships.models import Person

MAX_ITEMS = 12  # of each kind on a profile
MAX_LENGTH = 120  # characters in one item


@dataclass(frozen=True)
class ProfileEntry:
    """One item as the person gives it: a short phrase, who may see it, and (for what they can
    offer) whether it is a skill, knowledge, a connection or a resource."""

    text: str
    visibility: str = ProfileVisibility.PARTNERSHIP
    category: str = ""


def _entry(item: str | ProfileEntry) -> ProfileEntry:
    return ProfileEntry(text=item) if isinstance(item, str) else item


def _cleaned(kind: str, given: Sequence[str | ProfileEntry]) -> tuple[list[ProfileEntry], str]:
    """The entries of one kind, tidied (spaces, repeats dropped), and the first problem found."""
    entries: list[ProfileEntry] = []
    seen: set[str] = set()
    for raw in map(_entry, given):
        text = " ".join(raw.text.split())
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        entries.append(ProfileEntry(text=text, visibility=raw.visibility, category=raw.category))
    if len(entries) > MAX_ITEMS:
        return entries, f"List up to {MAX_ITEMS}; there are {len(entries)}"
    for entry in entries:
        if len(entry.text) > MAX_LENGTH:
            return entries, (
                f"Keep each one under {MAX_LENGTH} characters: “{entry.text[:40]}…” is longer"
            )
        if entry.visibility not in ProfileVisibility.values:
            return entries, f"Choose who can see “{entry.text}”"
        if kind == ProfileItemKind.ASSET and entry.category not in ["", *AssetCategory.values]:
            return (
                entries,
                f"Choose a skill, knowledge, a connection or a resource for “{entry.text}”",
            )
        if kind != ProfileItemKind.ASSET and entry.category:
            return entries, f"Only what you can offer has a category; “{entry.text}” cannot"
    return entries, ""


def profile_update(
    *,
    actor: Actor,
    partnership: Any,
    person: Person,
    items: Mapping[str, Sequence[str | ProfileEntry]],
) -> None:
    """Replace what a person offers, is interested in and needs. Each kind is a list of short
    phrases, or of `ProfileEntry`s saying who may see each one; a bare phrase is seen by the
    people in the person's partnerships."""
    cleaned: dict[str, list[ProfileEntry]] = {}
    errors: dict[str, str] = {}
    unknown = set(items) - set(ProfileItemKind.values)
    if unknown:
        raise ValidationError(f"Unknown kind of profile item: {sorted(unknown)[0]}")
    for kind in ProfileItemKind.values:
        cleaned[kind], problem = _cleaned(kind, items.get(kind, ()))
        if problem:
            errors[kind] = problem
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ProfileItem.objects.filter(person=person).delete()
        ProfileItem.objects.bulk_create(
            ProfileItem(
                person=person,
                kind=kind,
                text=entry.text,
                visibility=entry.visibility,
                category=entry.category,
            )
            for kind, entries in cleaned.items()
            for entry in entries
        )
        audit_record(
            actor=actor,
            action="profile.update",
            partnership=partnership,
            target=person,
            data={
                **{kind: len(entries) for kind, entries in cleaned.items()},
                "visibility": {
                    level: sum(e.visibility == level for es in cleaned.values() for e in es)
                    for level in ProfileVisibility.values
                },
            },
        )
