"""Small builders the decisions tests share: members of a partner, and a decision set up
through the service (so its options are what the service makes of them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.decisions import services
from equalpartners.decisions.models import Decision, Option
from equalpartners.decisions.services import OptionSpec
from equalpartners.partnerships.models import Membership, Partner
from equalpartners.testing import factories as f

URL = "https://example.org/x"


def partner_named(partnership: Any, name: str) -> Partner:
    return Partner.objects.get(partnership=partnership, organisation__name=name)


def member_of(partnership: Any, partner: Partner | None, role: str = Role.STAFF) -> Membership:
    """A member whose organisation is ``partner``'s (or an organisation that is no partner)."""
    user = f.UserFactory()
    person_fields: dict[str, Any] = {"user": user, "email": user.email}
    if partner is not None:
        person_fields["organisation"] = partner.organisation
    person = f.PersonFactory(**person_fields)
    membership: Membership = f.MembershipFactory(partnership=partnership, person=person, role=role)
    return membership


def open_decision(
    partnership: Any,
    *,
    actor: Any = None,
    labels: tuple[str, ...] = ("North", "South", "East"),
    **values: Any,
) -> Decision:
    """A decision made by ``decision_create`` that opened an hour ago and closes in a week."""
    now = timezone.now()
    values.setdefault("question", "Where should the stand go?")
    values.setdefault("method", "borda")
    values.setdefault("weighting", "person")
    values.setdefault("opens_at", now - dt.timedelta(hours=1))
    values.setdefault("closes_at", now + dt.timedelta(days=7))
    options = values.pop("options", None) or [OptionSpec(label=label) for label in labels]
    return services.decision_create(actor=actor, partnership=partnership, options=options, **values)


def options_by_label(decision: Decision) -> dict[str, Option]:
    return {option.label: option for option in Option.objects.filter(decision=decision)}
