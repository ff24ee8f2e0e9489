"""The records the tenancy walk (tests/test_tenancy.py) needs for the themes pages: a call with
a proposal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from equalpartners.partnerships.models import Membership
from equalpartners.themes.models import Call, Proposal


def records(partnership: Any, ids: dict[str, Any]) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    call = Call.objects.create(
        partnership=partnership,
        title="Themes for the staff exchange",
        proposals_close_at=now + dt.timedelta(days=7),
        voting_closes_at=now + dt.timedelta(days=14),
    )
    proposer = Membership.objects.get(pk=ids["membership_id"]).person
    proposal = Proposal.objects.create(
        call=call,
        partnership=partnership,
        title="Wellbeing at work",
        description="How we look after each other.",
        proposer=proposer,
    )
    return {"call_id": call.pk, "proposal_id": proposal.pk}
