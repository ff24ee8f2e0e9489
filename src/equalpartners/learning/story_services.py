"""Every write to the domains of change and the stories told in them.

Anyone who takes part records a story (their own, or one told to them). The person who recorded
it, its teller and anyone who manages learning may change or delete it, until a round chooses
it: from then on its words stay as the group read them, and only the consent to publish may
change. Only the teller can give that consent, for themselves; anyone who may change the story
can take it back (the teller may ask them to). Withdrawn consent takes the story out of the
report: a learning report already generated with it is hidden at once, everywhere, and
generated again without it (``hooks.withdrawn``). Domains are managed by whoever manages
learning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from equalpartners.core.audit import audit_record, changed_fields
from equalpartners.core.capabilities import Capability, capabilities_of
from equalpartners.core.services import Actor, model_create, model_delete, model_update, validate
from equalpartners.learning import hooks
from equalpartners.learning.models import SUGGESTED_DOMAINS, Domain, Story
from equalpartners.learning.services import require
from equalpartners.partnerships import selectors as partnership_selectors
from equalpartners.partnerships.models import Membership, Person
from equalpartners.programme import selectors as programme_selectors

STORY_WORDS = ("title", "story", "domain", "why_it_matters", "teller", "told_on")


def _domain_name_taken(partnership: Any, name: str, other_than: int | None = None) -> bool:
    taken = Domain.objects.filter(partnership=partnership, name__iexact=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than)
    return taken.exists()


@transaction.atomic
def domain_create(
    *, actor: Actor, partnership: Any, membership: Membership, name: str, description: str = ""
) -> Domain:
    require(membership, partnership, Capability.MANAGE_LEARNING, "set up domains of change")
    name = name.strip()
    if _domain_name_taken(partnership, name):
        raise ValidationError({"name": "There is already a domain with this name"})
    domain = Domain(partnership=partnership, name=name, description=description.strip())
    return model_create(
        domain, actor=actor, action="domain.create", partnership=partnership, data={"name": name}
    )


@transaction.atomic
def domains_add_suggested(
    *, actor: Actor, partnership: Any, membership: Membership, names: Sequence[str]
) -> list[Domain]:
    """Add the suggested domains named, skipping any the partnership has already."""
    suggested = dict(SUGGESTED_DOMAINS)
    unknown = [name for name in names if name not in suggested]
    if unknown:
        raise ValidationError({"names": f"Not a suggested domain: {', '.join(unknown)}"})
    return [
        domain_create(
            actor=actor,
            partnership=partnership,
            membership=membership,
            name=name,
            description=suggested[name],
        )
        for name in names
        if not _domain_name_taken(partnership, name)
    ]


@transaction.atomic
def domain_update(
    *, actor: Actor, domain: Domain, membership: Membership, name: str, description: str
) -> Domain:
    domain = Domain.objects.select_for_update().select_related("partnership").get(pk=domain.pk)
    require(membership, domain.partnership, Capability.MANAGE_LEARNING, "change domains")
    name = name.strip()
    if _domain_name_taken(domain.partnership, name, other_than=domain.pk):
        raise ValidationError({"name": "There is already a domain with this name"})
    return model_update(
        domain,
        actor=actor,
        action="domain.update",
        partnership=domain.partnership,
        values={"name": name, "description": description.strip()},
    )


@transaction.atomic
def domain_delete(*, actor: Actor, domain: Domain, membership: Membership) -> None:
    """Delete a domain no story or round uses."""
    domain = Domain.objects.select_for_update().select_related("partnership").get(pk=domain.pk)
    require(membership, domain.partnership, Capability.MANAGE_LEARNING, "delete domains")
    if domain.stories.exists() or domain.rounds.exists():
        raise ValidationError(
            f"“{domain.name}” has stories or rounds, so it stays. You can rename it instead."
        )
    model_delete(domain, actor=actor, action="domain.delete", partnership=domain.partnership)


def _check_story(partnership: Any, *, domain: Domain, teller: Person, told_on: dt.date) -> None:
    errors: dict[str, str] = {}
    if domain.partnership_id != partnership.pk:
        errors["domain"] = "Choose one of this partnership's domains"
    if (
        partnership_selectors.membership_of_person(partnership=partnership, person_id=teller.pk)
        is None
    ):
        errors["teller"] = "Choose the teller from the people in the partnership"
    if told_on > programme_selectors.partnership_today(partnership):
        errors["told_on"] = "The date the story was told cannot be in the future"
    if errors:
        raise ValidationError(errors)


def _check_consent(membership: Membership, teller: Person) -> None:
    """Consent to publish is the teller's to give: nobody gives it for them."""
    if membership.person_id != teller.pk:
        raise ValidationError(
            {
                "consent_to_publish": f"Only {teller.name}, who told the story, can agree to it "
                "being shared in a public report. Leave this unticked: they can agree, signed "
                "in as themselves, by changing the story"
            }
        )


def _consent_given(membership: Membership) -> dict[str, Any]:
    """Who gave consent, for the history: the teller, by name and id."""
    person = membership.person
    return {"consent_given_by": {"person": person.pk, "name": person.name}}


@transaction.atomic
def story_create(
    *,
    actor: Actor,
    partnership: Any,
    membership: Membership,
    title: str,
    story: str,
    domain: Domain,
    why_it_matters: str,
    teller: Person,
    told_on: dt.date,
    consent_to_publish: bool = False,
) -> Story:
    """A member who takes part records a story: their own, or one someone told them (then only
    the teller can later agree to its being published)."""
    require(membership, partnership, Capability.CONTRIBUTE, "record stories")
    _check_story(partnership, domain=domain, teller=teller, told_on=told_on)
    if consent_to_publish:
        _check_consent(membership, teller)
    record = Story(
        partnership=partnership,
        title=title.strip(),
        story=story.strip(),
        domain=domain,
        why_it_matters=why_it_matters.strip(),
        teller=teller,
        told_on=told_on,
        consent_to_publish=consent_to_publish,
        recorded_by=membership.person,
    )
    data = {"domain": domain.name, "teller": teller.name, "consent": consent_to_publish}
    if consent_to_publish:
        data.update(_consent_given(membership))
    return model_create(
        record, actor=actor, action="story.create", partnership=partnership, data=data
    )


def may_change_story(story: Story, membership: Membership | None) -> bool:
    """The person who recorded it, its teller, and anyone who manages learning."""
    if membership is None or membership.partnership_id != story.partnership_id:
        return False
    if Capability.MANAGE_LEARNING in capabilities_of(membership.role):
        return True
    takes_part = Capability.CONTRIBUTE in capabilities_of(membership.role)
    return takes_part and membership.person_id in (story.recorded_by_id, story.teller_id)


def _locked(story: Story, membership: Membership, doing: str) -> Story:
    story = (
        Story.objects.select_for_update(of=("self",))
        .select_related("partnership", "domain", "teller")
        .get(pk=story.pk)
    )
    if not may_change_story(story, membership):
        raise PermissionDenied(
            f"Only the person who recorded a story, its teller, or someone who manages "
            f"learning can {doing}."
        )
    return story


@transaction.atomic
def story_update(*, actor: Actor, record: Story, membership: Membership, **values: Any) -> Story:
    """Change the story ``record``: ``values`` by the model's names (``story`` is its text).
    Once a round has it, only the consent to publish may change.

    Consent stays only while the teller stays: a story given a new teller cannot keep the old
    teller's consent (it is refused unless unticked), unless the new teller, changing it,
    gives their own.
    """
    story = _locked(record, membership, "change it")
    in_a_round = story.rounds.exists()
    if in_a_round:
        changed = [
            name for name in STORY_WORDS if name in values and getattr(story, name) != values[name]
        ]
        if changed:
            raise ValidationError(
                "A selection round has this story, so it stays as the group read it. Only the "
                "teller's consent to publish can change."
            )
    else:
        _check_story(
            story.partnership,
            domain=values.get("domain", story.domain),
            teller=values.get("teller", story.teller),
            told_on=values.get("told_on", story.told_on),
        )
    for name in ("title", "story", "why_it_matters"):
        if name in values:
            values[name] = values[name].strip()
    teller = values.get("teller", story.teller)
    consent = values.get("consent_to_publish", story.consent_to_publish)
    new_consent = consent and (not story.consent_to_publish or teller.pk != story.teller_id)
    if new_consent:
        _check_consent(membership, teller)
    # Only a story a round chose can be in a report.
    withdrawn = story.consent_to_publish and not consent and story.selections.exists()
    changes = changed_fields(story, values)
    if not changes:
        return story
    for name in changes:
        setattr(story, name, values[name])
    validate(story)
    story.save(update_fields=list(changes))
    data: dict[str, Any] = {"changes": changes}
    if new_consent:
        data.update(_consent_given(membership))
    audit_record(
        actor=actor, action="story.update", partnership=story.partnership, target=story, data=data
    )
    if withdrawn:
        hooks.withdrawn(partnership=story.partnership)
    return story


@transaction.atomic
def story_delete(*, actor: Actor, story: Story, membership: Membership) -> None:
    """Delete a story that no round has yet."""
    story = _locked(story, membership, "delete it")
    if story.rounds.exists():
        raise ValidationError(
            "A selection round has this story, so it stays in the round's history. Its teller "
            "can still withdraw their consent to publish it."
        )
    model_delete(story, actor=actor, action="story.delete", partnership=story.partnership)
