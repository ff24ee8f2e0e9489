"""Small builders the health tests share: members of a partner, waves and surveys in each state
(set up through the services, so they are what the services make), and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from equalpartners.core.capabilities import Role
from equalpartners.health import services, survey_services
from equalpartners.health.models import Survey, Wave, WaveItem
from equalpartners.partnerships.models import Membership, Partner
from equalpartners.testing import factories as f


def partner_named(partnership: Any, name: str) -> Partner:
    return Partner.objects.get(partnership=partnership, organisation__name=name)


def member_of(partnership: Any, partner: Partner | None, role: str = Role.STAFF) -> Membership:
    """A member with an account, of ``partner``'s organisation (or of one that is no partner)."""
    user = f.UserFactory()
    fields: dict[str, Any] = {"user": user, "email": user.email}
    if partner is not None:
        fields["organisation"] = partner.organisation
    membership: Membership = f.MembershipFactory(
        partnership=partnership, person=f.PersonFactory(**fields), role=role
    )
    return membership


def members_of(partnership: Any, name: str | None, count: int) -> list[Membership]:
    partner = partner_named(partnership, name) if name else None
    return [member_of(partnership, partner) for _ in range(count)]


def today() -> dt.date:
    return timezone.localdate()


def open_wave(partnership: Any, name: str = "Spring health check", **values: Any) -> Wave:
    """A wave open from today for two weeks, with the default statements."""
    values.setdefault("opens_on", today())
    values.setdefault("closes_on", today() + dt.timedelta(days=14))
    return services.wave_create(actor=None, partnership=partnership, name=name, **values)


def upcoming_wave(partnership: Any, name: str = "Autumn health check") -> Wave:
    start = today() + dt.timedelta(days=7)
    return open_wave(partnership, name, opens_on=start, closes_on=start + dt.timedelta(days=14))


def items(wave: Wave) -> list[WaveItem]:
    return list(WaveItem.objects.filter(wave=wave))


def answer(
    wave: Wave,
    membership: Membership,
    value: int | None = 4,
    by_factor: dict[str, int | None] | None = None,
) -> None:
    """``membership`` answers every statement ``value``, or by factor where ``by_factor`` says."""
    chosen = by_factor or {}
    services.wave_answer(
        actor=None,
        wave=wave,
        membership=membership,
        answers={item.pk: chosen.get(item.factor, value) for item in items(wave)},
    )


def close(wave: Wave) -> Wave:
    return services.wave_close(actor=None, wave=wave)


def open_survey(partnership: Any, name: str = "Trust and value 2026") -> Survey:
    return survey_services.survey_create(
        actor=None,
        partnership=partnership,
        name=name,
        opens_on=today(),
        closes_on=today() + dt.timedelta(days=14),
    )
