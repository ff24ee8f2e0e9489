"""Introductions over real HTTP, and the offers and needs they come from."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from equalpartners.networking.models import Introduction, Tie
from equalpartners.networking.services import profile_update
from equalpartners.testing import factories as f

from .builders import members

pytestmark = pytest.mark.django_db


def _url(activity: Any, tail: str = "") -> str:
    return f"/p/{activity.partnership.slug}/activities/{activity.pk}/introductions/{tail}"


def _offer(partnership: Any, person: Any, assets=(), interests=(), needs=()) -> None:
    profile_update(
        actor=None,
        partnership=partnership,
        person=person,
        items={"asset": assets, "interest": interests, "need": needs},
    )


def test_introductions_match_offers_to_needs_and_are_sent_once(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    activity = f.ActivityFactory(partnership=partnership, title="Summit")
    ana, ben, cy, dee = members(partnership, 4, per_organisation=1)
    _offer(partnership, ana, assets=["funding bids"], needs=["data sharing"])
    _offer(partnership, ben, assets=["data sharing"], needs=["funding bids"])
    _offer(partnership, cy, interests=["housing"])
    _offer(partnership, dee, interests=["housing"])
    response = signed_in.post(
        _url(activity), {"people": [ana.pk, ben.pk, cy.pk, dee.pk], "per_person": 1}
    )
    assert response.status_code == 302
    intros = list(Introduction.objects.filter(activity=activity))
    pairs = {frozenset((i.person_a_id, i.person_b_id)) for i in intros}
    assert pairs == {frozenset((ana.pk, ben.pk)), frozenset((cy.pk, dee.pk))}
    first = next(i for i in intros if {i.person_a_id, i.person_b_id} == {ana.pk, ben.pk})
    assert "funding bids" in first.reason
    assert "data sharing" in first.reason
    page = signed_in.get(_url(activity)).content.decode()
    assert "2 not yet sent" in page
    assert "Send the introductions?" in signed_in.get(_url(activity, "send/")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(_url(activity, "send/"))
    assert len(mail.outbox) == 4
    to_ana = next(m for m in mail.outbox if m.to == [ana.email])
    assert ben.name in to_ana.body
    assert "funding bids" in to_ana.body
    assert Tie.objects.filter(activity=activity, source="introduced").count() == 2
    # sent introductions stay, and the people in them are not introduced again
    signed_in.post(_url(activity), {"people": [ana.pk, ben.pk], "per_person": 1})
    assert Introduction.objects.filter(activity=activity).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(_url(activity, "send/"))
    assert len(mail.outbox) == 4


def test_nobody_to_match_says_so(signed_in, partnership):
    activity = f.ActivityFactory(partnership=partnership)
    people = members(partnership, 3, per_organisation=1)
    response = signed_in.post(
        _url(activity), {"people": [p.pk for p in people], "per_person": 2}, follow=True
    )
    assert "No introductions fit" in response.content.decode()
