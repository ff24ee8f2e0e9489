"""Networks: creating one (in a home partnership, shared with others its creator belongs to),
changing and deleting it, and people joining, asking to join, being approved or declined,
leaving, and choosing whether they appear in its members list.

Every change is audited in the network's home partnership.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Capability, capabilities_of
from equalpartners.core.services import Actor, model_create, model_delete, model_update
from equalpartners.networking.models import (
    Joining,
    Network,
    NetworkMembership,
    NetworkRole,
    NetworkStatus,
)
from equalpartners.partnerships.models import Membership, Partnership, Person


def _contributes_in(person: Person) -> set[int]:
    """Ids of the partnerships where `person` may contribute (across partnerships: the
    scope of the page asking is one partnership, and this is about all of theirs)."""
    with scopes_disabled():
        return {
            m.partnership_id
            for m in Membership.objects.filter(person=person)
            if Capability.CONTRIBUTE in capabilities_of(m.role)
        }


def _is_member_of_its_partnerships(network: Network, person: Person) -> bool:
    with scopes_disabled():
        return Membership.objects.filter(
            person=person, partnership__in=network.partnerships.all()
        ).exists()


@transaction.atomic
def network_create(
    *,
    actor: Actor,
    partnership: Partnership,
    person: Person,
    name: str,
    description: str,
    joining: str = Joining.OPEN,
    external_url: str = "",
    shared_with: Iterable[Partnership] = (),
) -> Network:
    """A new network at home in `partnership`, created by `person` (its first organiser), and
    shared with other partnerships where they may contribute."""
    allowed = _contributes_in(person)
    if partnership.pk not in allowed:
        raise ValidationError("Only people who take part in the partnership can start a network")
    shared = [p for p in shared_with if p.pk != partnership.pk]
    foreign = [p for p in shared if p.pk not in allowed]
    if foreign:
        raise ValidationError(
            {
                "shared_with": "You can only share with partnerships you take part in,"
                f" not {foreign[0]}"
            }
        )
    network = model_create(
        Network(
            partnership=partnership,
            name=" ".join(name.split()),
            description=description.strip(),
            joining=joining,
            external_url=external_url.strip(),
            created_by=person,
        ),
        actor=actor,
        action="network.create",
        partnership=partnership,
        data={"shared_with": [p.slug for p in shared], "joining": joining},
    )
    network.partnerships.set([partnership, *shared])
    NetworkMembership.objects.create(
        network=network,
        person=person,
        status=NetworkStatus.MEMBER,
        role=NetworkRole.ORGANISER,
        joined_at=timezone.now(),
    )
    return network


@transaction.atomic
def network_update(
    *,
    actor: Actor,
    network: Network,
    name: str,
    description: str,
    joining: str,
    external_url: str = "",
) -> Network:
    """Change what a network says about itself and how people join. Switching to open joining
    lets in everyone who had asked."""
    model_update(
        network,
        actor=actor,
        action="network.update",
        partnership=network.partnership,
        values={
            "name": " ".join(name.split()),
            "description": description.strip(),
            "joining": joining,
            "external_url": external_url.strip(),
        },
    )
    if joining == Joining.OPEN:
        NetworkMembership.objects.filter(network=network, status=NetworkStatus.REQUESTED).update(
            status=NetworkStatus.MEMBER, joined_at=timezone.now()
        )
    return network


@transaction.atomic
def network_delete(*, actor: Actor, network: Network) -> None:
    """Delete a network and everyone's place in it; the history keeps that it was there."""
    model_delete(network, actor=actor, action="network.delete", partnership=network.partnership)


def _membership(network: Network, person: Person) -> NetworkMembership | None:
    return NetworkMembership.objects.filter(network=network, person=person).first()


def _audit(actor: Actor, action: str, network: Network, person: Person, **data: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        partnership=network.partnership,
        target=network,
        data={"person": person.name, **data},
    )


@transaction.atomic
def network_join(*, actor: Actor, network: Network, person: Person) -> NetworkMembership:
    """Join an open network, or ask to join one whose organisers approve requests."""
    if not _is_member_of_its_partnerships(network, person):
        raise ValidationError("Only members of the network's partnerships can join it")
    existing = _membership(network, person)
    if existing is not None:
        raise ValidationError(
            "You are already a member"
            if existing.status == NetworkStatus.MEMBER
            else "You have already asked to join"
        )
    open_ = network.joining == Joining.OPEN
    membership = NetworkMembership(
        network=network,
        person=person,
        status=NetworkStatus.MEMBER if open_ else NetworkStatus.REQUESTED,
        joined_at=timezone.now() if open_ else None,
    )
    membership.full_clean()
    membership.save()
    _audit(actor, "network.join" if open_ else "network.request", network, person)
    return membership


def _organisers(network: Network) -> int:
    return NetworkMembership.objects.filter(
        network=network, status=NetworkStatus.MEMBER, role=NetworkRole.ORGANISER
    ).count()


@transaction.atomic
def network_leave(*, actor: Actor, network: Network, person: Person) -> None:
    """Leave a network, or withdraw a request to join. The last organiser cannot leave while
    others remain: they make someone else an organiser first (or delete the network)."""
    membership = _membership(network, person)
    if membership is None:
        raise ValidationError("You are not in this network")
    if membership.role == NetworkRole.ORGANISER and _organisers(network) == 1:
        others = NetworkMembership.objects.filter(network=network).exclude(pk=membership.pk)
        if others.exists():
            raise ValidationError(
                "You are its only organiser: make someone else an organiser before you leave,"
                " or delete the network"
            )
    was = membership.status
    membership.delete()
    _audit(
        actor,
        "network.leave" if was == NetworkStatus.MEMBER else "network.withdraw",
        network,
        person,
    )


@transaction.atomic
def network_listing_set(
    *, actor: Actor, network: Network, person: Person, listed: bool
) -> NetworkMembership:
    """Show or hide a member in the network's members list; they stay a member either way."""
    membership = _membership(network, person)
    if membership is None or membership.status != NetworkStatus.MEMBER:
        raise ValidationError("Only members appear in the members list")
    if membership.listed != listed:
        membership.listed = listed
        membership.save(update_fields=["listed"])
        _audit(actor, "network.listing", network, person, listed=listed)
    return membership


def _request(network: Network, person: Person) -> NetworkMembership:
    membership = _membership(network, person)
    if membership is None or membership.status != NetworkStatus.REQUESTED:
        raise ValidationError(f"{person.name} has not asked to join")
    return membership


@transaction.atomic
def network_request_approve(*, actor: Actor, network: Network, person: Person) -> NetworkMembership:
    membership = _request(network, person)
    if not _is_member_of_its_partnerships(network, person):
        raise ValidationError(f"{person.name} is no longer in any of the network's partnerships")
    membership.status = NetworkStatus.MEMBER
    membership.joined_at = timezone.now()
    membership.save(update_fields=["status", "joined_at"])
    _audit(actor, "network.approve", network, person)
    return membership


@transaction.atomic
def network_request_decline(*, actor: Actor, network: Network, person: Person) -> None:
    _request(network, person).delete()
    _audit(actor, "network.decline", network, person)


@transaction.atomic
def network_organiser_add(*, actor: Actor, network: Network, person: Person) -> NetworkMembership:
    """Make a member an organiser: they may then approve requests, edit and delete it."""
    membership = _membership(network, person)
    if membership is None or membership.status != NetworkStatus.MEMBER:
        raise ValidationError(f"{person.name} must be a member to organise the network")
    if membership.role != NetworkRole.ORGANISER:
        membership.role = NetworkRole.ORGANISER
        membership.save(update_fields=["role"])
        _audit(actor, "network.organiser_add", network, person)
    return membership
