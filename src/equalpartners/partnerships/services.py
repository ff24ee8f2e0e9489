"""Every write to partnerships, partners, people, roles, invitations and related initiatives."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any, TypeGuard

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_scopes import scopes_disabled

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Role, capabilities_of, roles_grantable_with
from equalpartners.core.services import Actor, model_create, model_delete, model_update, validate
from equalpartners.partnerships.models import (
    Invitation,
    Membership,
    Organisation,
    Partner,
    Partnership,
    Person,
    PublicLink,
    RelatedInitiative,
)


@transaction.atomic
def partnership_create(
    *,
    actor: Actor,
    name: str,
    slug: str,
    purpose: str,
    commitments: list[str] | None = None,
    contact_email: str = "",
    is_public: bool = False,
    time_zone: str = "Europe/London",
) -> Partnership:
    partnership = Partnership(
        name=name,
        slug=slug,
        purpose=purpose,
        commitments=commitments or [],
        contact_email=contact_email,
        is_public=is_public,
        time_zone=time_zone,
    )
    validate(partnership)
    partnership.save()
    audit_record(
        actor=actor,
        action="partnership.create",
        partnership=partnership,
        target=partnership,
        data={"name": name},
    )
    return partnership


@transaction.atomic
def partnership_update(*, actor: Actor, partnership: Partnership, **values: Any) -> Partnership:
    return model_update(
        partnership,
        actor=actor,
        action="partnership.update",
        partnership=partnership,
        values=values,
    )


@transaction.atomic
def public_link_add(*, actor: Actor, partnership: Partnership, label: str, url: str) -> PublicLink:
    return model_create(
        PublicLink(partnership=partnership, label=label, url=url),
        actor=actor,
        action="link.create",
        partnership=partnership,
    )


@transaction.atomic
def public_link_delete(*, actor: Actor, link: PublicLink) -> None:
    model_delete(link, actor=actor, action="link.delete", partnership=link.partnership)


@transaction.atomic
def organisation_find_or_create(
    *, actor: Actor, name: str, sector: str, short_name: str = "", website: str = ""
) -> Organisation:
    """The organisation with this name (any letter case), recorded first if it is new."""
    existing = Organisation.objects.filter(name__iexact=name.strip()).first()
    if existing is not None:
        return existing
    return model_create(
        Organisation(name=name.strip(), sector=sector, short_name=short_name, website=website),
        actor=actor,
        action="organisation.create",
        partnership=None,
    )


@transaction.atomic
def partner_add(
    *,
    actor: Actor,
    partnership: Partnership,
    organisation: Organisation,
    remit: str,
    aims: str,
    policy_context: str = "",
    leadership_style: str = "",
    joined_on: dt.date | None = None,
) -> Partner:
    partner = Partner(
        partnership=partnership,
        organisation=organisation,
        remit=remit,
        aims=aims,
        policy_context=policy_context,
        leadership_style=leadership_style,
        joined_on=joined_on or timezone.localdate(),
    )
    return model_create(
        partner,
        actor=actor,
        action="partner.create",
        partnership=partnership,
        data={"organisation": organisation.name},
    )


@transaction.atomic
def partner_update(*, actor: Actor, partner: Partner, **values: Any) -> Partner:
    return model_update(
        partner,
        actor=actor,
        action="partner.update",
        partnership=partner.partnership,
        values=values,
    )


@transaction.atomic
def person_add(
    *,
    actor: Actor,
    partnership: Partnership,
    name: str,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    job_title: str = "",
) -> Membership:
    """Record a person (or find them by email) and make them a member with a role."""
    _may_give_role(actor, partnership, role)
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        person = model_create(
            Person(
                name=name,
                email=email.strip().lower(),
                organisation=organisation,
                job_title=job_title,
            ),
            actor=actor,
            action="person.create",
            partnership=partnership,
        )
    membership = Membership(partnership=partnership, person=person, role=role)
    return model_create(
        membership,
        actor=actor,
        action="membership.create",
        partnership=partnership,
        data={"role": role},
    )


def person_find_or_create(
    *,
    actor: Actor,
    partnership: Partnership,
    name: str,
    email: str,
    organisation: Organisation | None = None,
    job_title: str = "",
) -> Person:
    """The person with this email (any letter case), recorded first if they are new.

    For people who take part without being members (a public registration, a walk-in):
    no membership is made, so they see nothing of the partnership by this alone.
    """
    person = Person.objects.filter(email__iexact=email.strip()).first()
    if person is not None:
        return person
    return model_create(
        Person(
            name=name.strip(),
            email=email.strip().lower(),
            organisation=organisation,
            job_title=job_title.strip(),
        ),
        actor=actor,
        action="person.create",
        partnership=partnership,
    )


@transaction.atomic
def membership_change_role(*, actor: Actor, membership: Membership, role: str) -> Membership:
    _may_give_role(actor, membership.partnership, role, current=membership.role)
    _keep_a_coordinator(membership, new_role=role)
    return model_update(
        membership,
        actor=actor,
        action="membership.change_role",
        partnership=membership.partnership,
        values={"role": role},
    )


@transaction.atomic
def membership_remove(*, actor: Actor, membership: Membership) -> None:
    _may_give_role(actor, membership.partnership, None, current=membership.role)
    _keep_a_coordinator(membership, new_role=None)
    model_delete(
        membership, actor=actor, action="membership.delete", partnership=membership.partnership
    )


def _keep_a_coordinator(membership: Membership, *, new_role: str | None) -> None:
    """A partnership always keeps at least one coordinator, so someone can manage it."""
    if membership.role != Role.COORDINATOR or new_role == Role.COORDINATOR:
        return
    # Lock the coordinators' rows, so two people demoting two different coordinators at the
    # same moment cannot both see the other still in place and leave the partnership with none.
    coordinators = Membership.objects.select_for_update().filter(
        partnership=membership.partnership, role=Role.COORDINATOR
    )
    if not any(other.pk != membership.pk for other in coordinators):
        raise ValidationError(
            {
                "role": "A partnership needs at least one coordinator. Make someone else "
                "coordinator first."
            }
        )


def _may_give_role(
    actor: Actor, partnership: Partnership, role: str | None, *, current: str | None = None
) -> None:
    """A member may give, change or take away only roles that allow no more than their own.

    Without this a partner lead (who may manage people) could make themselves coordinator.
    Callers that are not members, such as the demo loader, are trusted as before.
    """
    user_pk = actor.pk if actor is not None and actor.is_authenticated else None
    if user_pk is None:
        return
    own = Membership.objects.filter(partnership=partnership, person__user_id=user_pk).first()
    if own is None:
        return
    grantable = roles_grantable_with(capabilities_of(own.role))
    if role in Role.values and role not in grantable:  # an unknown role fails validation
        raise ValidationError(
            {
                "role": f"Your role cannot give the {Role(role).label.lower()} role, because it "
                "allows more than your own role does"
            }
        )
    if current in Role.values and current not in grantable:
        raise ValidationError(
            {
                "role": f"Your role cannot change or remove a {Role(current).label.lower()}, "
                "because their role allows more than your own does"
            }
        )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_send(
    *,
    actor: Actor,
    partnership: Partnership,
    name: str,
    email: str,
    role: str,
    organisation: Organisation | None = None,
    accept_url_template: str,
) -> Invitation:
    """Create an invitation and email its link once the transaction commits.

    ``accept_url_template`` is the absolute accept address with ``{token}`` in it.
    """
    email = email.strip().lower()
    _may_give_role(actor, partnership, role)
    if Membership.objects.filter(partnership=partnership, person__email__iexact=email).exists():
        raise ValidationError({"email": "This person is already a member of the partnership"})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        partnership=partnership,
        name=name,
        email=email,
        role=role,
        organisation=organisation,
        token_hash=_token_hash(token),
        invited_by_id=actor.pk if _is_user(actor) else None,
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    model_create(
        invitation,
        actor=actor,
        action="invitation.create",
        partnership=partnership,
        data={"email": email, "role": role},
    )
    accept_url = accept_url_template.format(token=token)
    transaction.on_commit(lambda: _email_invitation(invitation, accept_url))
    return invitation


def _is_user(actor: Actor) -> TypeGuard[AbstractBaseUser]:
    return actor is not None and actor.is_authenticated


def _email_invitation(invitation: Invitation, accept_url: str) -> None:
    context = {
        "invitation": invitation,
        "accept_url": accept_url,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    send_mail(
        subject=f"You are invited to join {invitation.partnership.name} on Equal Partners",
        message=render_to_string("partnerships/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation this token opens, whatever its state (the caller checks it is usable)."""
    with scopes_disabled():
        return (
            Invitation.objects.select_related("partnership", "organisation")
            .filter(token_hash=_token_hash(token))
            .first()
        )


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    return model_update(
        invitation,
        actor=actor,
        action="invitation.revoke",
        partnership=invitation.partnership,
        values={"revoked_at": timezone.now()},
    )


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: AbstractBaseUser | None = None, password: str = ""
) -> Membership:
    """Use an invitation once: make (or link) the account and person, and add the membership.

    A signed-in user accepts as themselves; otherwise an account is made with ``password``.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable(timezone.now()):
        raise ValidationError("This invitation has expired or has already been used.")
    if user is None:
        user = _account_create(invitation, password)
    person = Person.objects.filter(email__iexact=invitation.email).first()
    if person is not None and person.user_id not in (None, user.pk):
        raise ValidationError("This invitation was sent to someone else's email address.")
    own_person = Person.objects.filter(user_id=user.pk).first()
    if own_person is not None:
        # Someone who is already recorded (in this or another partnership) joins as that
        # person, even if the invitation went to another of their addresses.
        person = own_person
    elif person is None:
        person = model_create(
            Person(
                name=invitation.name,
                email=invitation.email,
                organisation=invitation.organisation,
                user_id=user.pk,
            ),
            actor=user,
            action="person.create",
            partnership=invitation.partnership,
        )
    else:
        model_update(
            person,
            actor=user,
            action="person.link_account",
            partnership=invitation.partnership,
            values={"user": user},
        )
    membership = Membership.objects.filter(
        partnership=invitation.partnership, person=person
    ).first() or model_create(
        Membership(partnership=invitation.partnership, person=person, role=invitation.role),
        actor=user,
        action="membership.create",
        partnership=invitation.partnership,
        data={"role": invitation.role, "invitation": invitation.pk},
    )
    model_update(
        invitation,
        actor=user,
        action="invitation.accept",
        partnership=invitation.partnership,
        values={"accepted_at": timezone.now()},
    )
    return membership


def _account_create(invitation: Invitation, password: str) -> AbstractBaseUser:
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=invitation.email).exists():
        raise ValidationError(
            {
                "password": "An account with this email address already exists. Sign in first, "
                "then open the invitation link again."
            }
        )
    first, _, last = invitation.name.partition(" ")
    user = user_model(
        username=invitation.email,
        email=invitation.email,
        first_name=first[:150],
        last_name=last[:150],
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def initiative_create(
    *, actor: Actor, partnership: Partnership, name: str, how_it_fits: str, url: str = ""
) -> RelatedInitiative:
    return model_create(
        RelatedInitiative(partnership=partnership, name=name, how_it_fits=how_it_fits, url=url),
        actor=actor,
        action="initiative.create",
        partnership=partnership,
    )


@transaction.atomic
def initiative_update(
    *, actor: Actor, initiative: RelatedInitiative, **values: Any
) -> RelatedInitiative:
    return model_update(
        initiative,
        actor=actor,
        action="initiative.update",
        partnership=initiative.partnership,
        values=values,
    )


@transaction.atomic
def initiative_delete(*, actor: Actor, initiative: RelatedInitiative) -> None:
    model_delete(
        initiative, actor=actor, action="initiative.delete", partnership=initiative.partnership
    )
