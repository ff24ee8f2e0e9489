"""Every write to the learning log: add, change and delete a reflection, and choose it for the
report.

Only the author changes or deletes a reflection. Only someone who may manage learning chooses
reflections for the report, and only public ones: the report is published. Whatever leaves the
report leaves the reports already generated too (``hooks.withdrawn``). The history of the
partnership, which every member reads, records that a reflection changed and who changed it,
never what it says (some reflections are kept within one partner).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Capability, capabilities_of
from equalpartners.core.services import Actor, validate
from equalpartners.learning import hooks
from equalpartners.learning.models import Reflection, Visibility
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Membership, Partner, Person

TEXT_FIELDS = ("title", "what_worked", "what_was_hard", "do_differently")


def require(membership: Membership | None, partnership: Any, capability: str, doing: str) -> None:
    """Refuse unless ``membership`` is of ``partnership`` and its role grants ``capability``."""
    if (
        membership is None
        or membership.partnership_id != partnership.pk
        or capability not in capabilities_of(membership.role)
    ):
        raise PermissionDenied(f"Your role does not allow you to {doing}.")


def partner_of(*, person: Person, partnership: Any) -> Partner | None:
    """The person's organisation's place in the partnership, if it is a partner."""
    if person.organisation_id is None:
        return None
    partners = partnership_selectors.partners_of(partnership=partnership)
    return partners.filter(organisation_id=person.organisation_id).first()


def _same_partnership(partnership: Any, field: str, records: Iterable[models.Model]) -> list[Any]:
    records = list(records)
    if any(getattr(r, "partnership_id", None) != partnership.pk for r in records):
        raise ValidationError({field: "Link only to records of this partnership"})
    return records


def _check_visibility(visibility: str, partner: Partner | None) -> None:
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Choose who can read the reflection"})
    if visibility == Visibility.PARTNER and partner is None:
        raise ValidationError(
            {
                "visibility": "Your organisation is not a partner here, so a reflection cannot "
                "be kept within your partner organisation. Share it with the partnership, or "
                "make it public"
            }
        )


def _links(
    partnership: Any,
    activities: Sequence[Any],
    themes: Sequence[Any],
    decisions: Sequence[Any],
) -> dict[str, list[Any]]:
    return {
        "activities": _same_partnership(partnership, "activities", activities),
        "themes": _same_partnership(partnership, "themes", themes),
        "decisions": _same_partnership(partnership, "decisions", decisions),
    }


def _set_links(reflection: Reflection, links: dict[str, list[Any]]) -> dict[str, int]:
    reflection.activities.set(links["activities"])
    reflection.themes.set(links["themes"])
    reflection.decisions.set(links["decisions"])
    return {name: len(records) for name, records in links.items()}


@transaction.atomic
def reflection_create(
    *,
    actor: Actor,
    partnership: Any,
    membership: Membership,
    title: str,
    what_worked: str = "",
    what_was_hard: str = "",
    do_differently: str = "",
    visibility: str = Visibility.PARTNERSHIP,
    activities: Sequence[Any] = (),
    themes: Sequence[Any] = (),
    decisions: Sequence[Any] = (),
    at: dt.datetime | None = None,
) -> Reflection:
    """A member who takes part adds a reflection, as its author.

    ``at`` is when it was written, for telling a past story (the demo); pages never pass it.
    """
    require(membership, partnership, Capability.CONTRIBUTE, "add reflections")
    person = membership.person
    partner = partner_of(person=person, partnership=partnership)
    _check_visibility(visibility, partner)
    links = _links(partnership, activities, themes, decisions)
    reflection = Reflection(
        partnership=partnership,
        title=title.strip(),
        what_worked=what_worked.strip(),
        what_was_hard=what_was_hard.strip(),
        do_differently=do_differently.strip(),
        author=person,
        partner=partner,
        visibility=visibility,
        written_at=at or timezone.now(),
    )
    validate(reflection)
    reflection.save()
    counts = _set_links(reflection, links)
    audit_record(
        actor=actor,
        action="reflection.create",
        partnership=partnership,
        target=reflection,
        data={"visibility": visibility, "links": counts},
        actor_name=person.name,
    )
    return reflection


def _locked_own(reflection: Reflection, membership: Membership, doing: str) -> Reflection:
    reflection = (
        Reflection.objects.select_for_update(of=("self",))
        .select_related("partnership")
        .get(pk=reflection.pk)
    )
    require(membership, reflection.partnership, Capability.CONTRIBUTE, doing)
    if reflection.author_id != membership.person_id:
        raise PermissionDenied(f"Only the person who wrote a reflection can {doing}.")
    return reflection


@transaction.atomic
def reflection_update(
    *,
    actor: Actor,
    reflection: Reflection,
    membership: Membership,
    title: str,
    what_worked: str,
    what_was_hard: str,
    do_differently: str,
    visibility: str,
    activities: Sequence[Any] = (),
    themes: Sequence[Any] = (),
    decisions: Sequence[Any] = (),
) -> Reflection:
    """The author changes their reflection. Made anything but public, it leaves the report,
    and any learning report that shows it is hidden until it is generated again without it."""
    reflection = _locked_own(reflection, membership, "change it")
    partnership = reflection.partnership
    partner = partner_of(person=membership.person, partnership=partnership)
    _check_visibility(visibility, partner)
    links = _links(partnership, activities, themes, decisions)
    texts = {
        "title": title.strip(),
        "what_worked": what_worked.strip(),
        "what_was_hard": what_was_hard.strip(),
        "do_differently": do_differently.strip(),
    }
    changed = [name for name, value in texts.items() if getattr(reflection, name) != value]
    before = reflection.visibility
    for name, value in texts.items():
        setattr(reflection, name, value)
    reflection.visibility = visibility
    reflection.partner = partner
    left_report = reflection.for_report and visibility != Visibility.PUBLIC
    if left_report:
        reflection.for_report = False
    validate(reflection)
    reflection.save()
    counts = _set_links(reflection, links)
    data: dict[str, Any] = {"fields_changed": changed, "links": counts}
    if before != visibility:
        data["changes"] = {"visibility": {"from": before, "to": visibility}}
    if left_report:
        data["left_the_report"] = True
    audit_record(
        actor=actor,
        action="reflection.update",
        partnership=partnership,
        target=reflection,
        data=data,
        actor_name=membership.person.name,
    )
    if left_report:
        hooks.withdrawn(partnership=partnership)
    return reflection


@transaction.atomic
def reflection_delete(*, actor: Actor, reflection: Reflection, membership: Membership) -> None:
    """The author deletes their reflection. The history keeps that it was, not what it said;
    a learning report that shows it is hidden until it is generated again without it."""
    reflection = _locked_own(reflection, membership, "delete it")
    audit_record(
        actor=actor,
        action="reflection.delete",
        partnership=reflection.partnership,
        target=reflection,
        data={"visibility": reflection.visibility},
        actor_name=membership.person.name,
    )
    in_report = reflection.for_report
    reflection.delete()
    if in_report:
        hooks.withdrawn(partnership=reflection.partnership)


@transaction.atomic
def reflection_choose_for_report(
    *, actor: Actor, reflection: Reflection, membership: Membership, for_report: bool
) -> Reflection:
    """Someone who manages learning puts a public reflection in the report, or takes it out
    (which hides a learning report that shows it until it is generated again without it)."""
    reflection = (
        Reflection.objects.select_for_update(of=("self",))
        .select_related("partnership")
        .get(pk=reflection.pk)
    )
    require(membership, reflection.partnership, Capability.MANAGE_LEARNING, "choose for the report")
    if for_report and reflection.visibility != Visibility.PUBLIC:
        raise ValidationError(
            "Only public reflections can go in the report, because the report is published. "
            "This one is not public; its author can make it public."
        )
    if reflection.for_report == for_report:
        return reflection
    reflection.for_report = for_report
    reflection.save(update_fields=["for_report"])
    audit_record(
        actor=actor,
        action="reflection.report_add" if for_report else "reflection.report_remove",
        partnership=reflection.partnership,
        target=reflection,
        data={},
    )
    if not for_report:
        hooks.withdrawn(partnership=reflection.partnership)
    return reflection
