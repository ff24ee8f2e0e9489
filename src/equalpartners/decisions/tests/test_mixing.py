"""Anonymous ballots are dealt out afresh after every vote, so storage order links no one.

The order in which the database holds rows (SQLite's rowid, PostgreSQL's ctid) follows the
order they were written; matched with the vote records it would tell who cast which ballot.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.db import connection

from equalpartners.decisions import services
from equalpartners.decisions.models import Ballot, VoteRecord

from .builders import member_of, open_decision, options_by_label

pytestmark = pytest.mark.django_db

LABELS = tuple(f"Site {n}" for n in range(10))


def _stored_order(decision: Any) -> list[Any]:
    """Ballot contents in the order the database keeps the rows."""
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT content FROM decisions_ballot WHERE decision_id = %s ORDER BY {physical}",  # noqa: S608 (a fixed column name)
            [decision.pk],
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def cast(partnership: Any) -> tuple[Any, list[Any], list[str]]:
    """Ten people each put a different site first, in order; the decision and what they cast."""
    decision = open_decision(partnership, labels=LABELS, anonymous=True)
    options = options_by_label(decision)
    contents, receipts = [], []
    for label in LABELS:
        content = {"ranking": [[options[label].pk]]}
        receipts.append(
            services.ballot_cast(
                actor=None,
                decision=decision,
                membership=member_of(partnership, partnership.partners.first()),
                content=content,
            )
        )
        contents.append(content)
    return decision, contents, receipts


def _decoded(values: list[Any]) -> list[Any]:
    """Rows read by raw SQL: JSON text on SQLite, decoded already on PostgreSQL."""
    return [json.loads(v) if isinstance(v, str) else v for v in values]


def test_every_ballot_is_kept_exactly_once(cast):
    decision, contents, _ = cast
    stored = [b.content for b in Ballot.objects.filter(decision=decision)]
    assert Counter(map(str, stored)) == Counter(map(str, contents))
    assert VoteRecord.objects.filter(decision=decision).count() == len(contents)


def test_the_storage_order_is_not_the_voting_order(cast):
    decision, contents, _ = cast
    # The chance that ten ballots dealt at random come out in voting order is 1 in 3,628,800.
    assert _decoded(_stored_order(decision)) != contents


def test_a_receipt_still_finds_its_own_ballot_after_mixing(cast, partnership):
    decision, contents, receipts = cast
    options = options_by_label(decision)
    voter = VoteRecord.objects.filter(decision=decision).order_by("voted_at", "id")[3]
    membership = voter.person.memberships.get(partnership=partnership)
    services.ballot_cast(
        actor=None,
        decision=decision,
        membership=membership,
        content={"ranking": [[options["Site 9"].pk], [options["Site 0"].pk]]},
        receipt=receipts[3],
    )
    stored = Counter(str(b.content) for b in Ballot.objects.filter(decision=decision))
    expected = Counter(map(str, contents))
    expected[str(contents[3])] -= 1
    expected[str({"ranking": [[options["Site 9"].pk], [options["Site 0"].pk]]})] += 1
    assert stored == +expected


def test_a_named_decision_is_not_mixed(partnership):
    decision = open_decision(partnership, labels=LABELS)
    options = options_by_label(decision)
    voters = []
    for label in LABELS:
        membership = member_of(partnership, partnership.partners.first())
        services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content={"ranking": [[options[label].pk]]},
        )
        voters.append(membership.person)
    for person, label in zip(voters, LABELS, strict=True):
        assert Ballot.objects.get(decision=decision, voter=person).content == {
            "ranking": [[options[label].pk]]
        }
