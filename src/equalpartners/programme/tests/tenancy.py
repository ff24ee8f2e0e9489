"""The programme's records for the tenancy walk (tests/test_tenancy.py): an action."""

from __future__ import annotations

from typing import Any

from equalpartners.programme.models import Activity
from equalpartners.programme.tests.builders import make_action, make_challenge
from equalpartners.testing import factories as f


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    activity = Activity.objects.get(pk=ids["activity_id"])
    person = f.PersonFactory()
    f.MembershipFactory(partnership=partnership, person=person)
    action = make_action(
        partnership,
        activity=activity,
        challenge=make_challenge(activity),
        owner_person=person,
        owner_partner=partnership.partners.first(),
    )
    return {"action_id": action.pk}
