"""Anonymity is a property of the tables: read what the database holds after people vote.

In an anonymous decision a ballot row has no voter, no time and a random id; the vote records
(who voted, when) have no ballot; nothing in the decisions tables joins a person to a ballot;
the audit log says who voted but never what or which ballot; a receipt code is kept only as its
SHA-256 hash. A named decision, by contrast, keeps the voter on the ballot.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import pytest
from django.db import connection

from equalpartners.core.models import AuditEntry
from equalpartners.decisions import services
from equalpartners.decisions.models import Ballot, Decision, VoteRecord
from equalpartners.decisions.tests.builders import (
    member_of,
    open_decision,
    options_by_label,
    partner_named,
)
from equalpartners.partnerships.models import Person

pytestmark = pytest.mark.django_db

BALLOT_TABLE = Ballot._meta.db_table
VOTE_RECORD_TABLE = VoteRecord._meta.db_table
PERSON_TABLE = Person._meta.db_table


# The SQL below names our own tables (S608 is about untrusted names); values are parameters.
def _rows(sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        columns = [column[0] for column in cursor.description]
        return columns, list(cursor.fetchall())


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _references(table: str) -> set[str]:
    """The tables that ``table``'s foreign keys point to."""
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, table)
    return {other_table for _, other_table in relations.values()}


def _decisions_tables() -> list[str]:
    return [t for t in connection.introspection.table_names() if t.startswith("decisions_")]


@pytest.fixture
def voted(partnership, coordinator):
    """An anonymous decision, votes changeable, in which four people of two partners voted
    (one of them twice, with the receipt code)."""
    leaders, children = (partner_named(partnership, n) for n in ("Leaders Org", "Children Org"))
    decision = open_decision(partnership, actor=coordinator, anonymous=True, weighting="partner")
    options = options_by_label(decision)
    rankings = [("North", "South"), ("South",), ("East", "North", "South"), ("North",)]
    voters = [member_of(partnership, p) for p in (leaders, leaders, children, children)]
    codes = []
    for membership, ranking in zip(voters, rankings, strict=True):
        codes.append(
            services.ballot_cast(
                actor=membership.person.user,
                decision=decision,
                membership=membership,
                content={"ranking": [[options[label].pk] for label in ranking]},
            )
        )
    services.ballot_cast(
        actor=voters[0].person.user,
        decision=decision,
        membership=voters[0],
        content={"ranking": [[options["South"].pk]]},
        receipt=codes[0],
    )
    return decision, voters, codes


def test_the_ballot_table_has_no_voter_time_or_other_link_beyond_its_columns(voted):
    assert _columns(BALLOT_TABLE) == {
        "id",
        "decision_id",
        "partnership_id",
        "partner_id",
        "voter_id",
        "content",
        "receipt_hash",
    }
    columns, _ = _rows(f"SELECT * FROM {BALLOT_TABLE}")  # noqa: S608 (our own table name)
    assert set(columns) == _columns(BALLOT_TABLE)
    assert not [c for c in columns if any(w in c for w in ("time", "date", "_at", "created"))]


def test_the_vote_record_table_holds_no_ballot(voted):
    assert _columns(VOTE_RECORD_TABLE) == {
        "id",
        "decision_id",
        "partnership_id",
        "person_id",
        "voted_at",
    }
    assert BALLOT_TABLE not in _references(VOTE_RECORD_TABLE)


def test_no_decisions_table_references_both_a_person_and_a_ballot(voted):
    tables = _decisions_tables()
    assert {BALLOT_TABLE, VOTE_RECORD_TABLE} <= set(tables)
    for table in tables:
        references = _references(table)
        assert not {PERSON_TABLE, BALLOT_TABLE} <= references, table
        # Nothing points at a ballot at all: a ballot can only be reached from its decision.
        assert BALLOT_TABLE not in references, table


def test_anonymous_ballot_rows_have_no_voter_and_a_random_id(voted):
    decision, voters, _ = voted
    _, rows = _rows(
        f"SELECT id, voter_id, receipt_hash, content FROM {BALLOT_TABLE} WHERE decision_id = %s",  # noqa: S608
        [decision.pk],
    )
    assert len(rows) == 4
    assert [row[1] for row in rows] == [None] * 4
    ids = [uuid.UUID(str(row[0])) for row in rows]
    assert len(set(ids)) == 4
    assert all(i.version == 4 for i in ids)
    # Through the ORM as well.
    assert (
        list(Ballot.objects.filter(decision=decision).values_list("voter", flat=True)) == [None] * 4
    )
    person_ids = {str(m.person.pk) for m in voters}
    for row in rows:
        assert str(row[0]) not in person_ids


def test_vote_records_say_who_voted_and_nothing_of_what(voted):
    decision, voters, _ = voted
    columns, rows = _rows(
        f"SELECT * FROM {VOTE_RECORD_TABLE} WHERE decision_id = %s",  # noqa: S608
        [decision.pk],
    )
    by_column = [dict(zip(columns, row, strict=True)) for row in rows]
    assert sorted(r["person_id"] for r in by_column) == sorted(m.person.pk for m in voters)
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    for record in by_column:
        assert not {str(value) for value in record.values()} & ballot_ids


def test_audit_entries_for_votes_hold_no_ballot_content_or_id(voted):
    decision, voters, _ = voted
    ballots = list(Ballot.objects.filter(decision=decision))
    votes = list(AuditEntry.objects.filter(action__in=["decision.vote", "decision.vote_change"]))
    assert sorted(e.action for e in votes) == ["decision.vote"] * 4 + ["decision.vote_change"]
    assert {e.actor_id for e in votes} == {m.person.user_id for m in voters}
    _, rows = _rows(f"SELECT * FROM {AuditEntry._meta.db_table}")  # noqa: S608
    everything = json.dumps([[str(value) for value in row] for row in rows])
    for ballot in ballots:
        assert str(ballot.pk) not in everything
        assert ballot.pk.hex not in everything
    for entry in votes:
        assert entry.data == {}
        assert entry.object_id == str(decision.pk)
        assert entry.content_type is not None
        assert entry.content_type.model_class() is Decision
    assert "ranking" not in everything


def test_the_receipt_code_is_kept_only_as_its_hash(voted):
    decision, _, codes = voted
    assert all(codes)
    hashes = set(Ballot.objects.filter(decision=decision).values_list("receipt_hash", flat=True))
    assert hashes == {hashlib.sha256(code.encode()).hexdigest() for code in codes}
    # The code itself is nowhere in the database.
    for table in connection.introspection.table_names():
        _, rows = _rows(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        text = json.dumps([[str(value) for value in row] for row in rows])
        for code in codes:
            assert code not in text, table


def test_the_changed_ballot_is_the_voters_own(voted):
    """The receipt led back to the first voter's ballot: the counts per content show that
    the first ballot changed and no other did."""
    decision, _, _ = voted
    options = options_by_label(decision)
    contents = sorted(
        [options_by_id(options)[tier[0]] for tier in b.content["ranking"]]
        for b in Ballot.objects.filter(decision=decision)
    )
    assert contents == sorted([["South"], ["South"], ["East", "North", "South"], ["North"]])


def options_by_id(options: dict[str, Any]) -> dict[int, str]:
    return {option.pk: label for label, option in options.items()}


def test_a_named_decision_keeps_the_voter_on_the_ballot(partnership):
    decision = open_decision(partnership)
    voters = [member_of(partnership, None) for _ in range(3)]
    north = options_by_label(decision)["North"]
    for membership in voters:
        code = services.ballot_cast(
            actor=None,
            decision=decision,
            membership=membership,
            content={"ranking": [[north.pk]]},
        )
        assert code == ""
    _, rows = _rows(
        f"SELECT voter_id, receipt_hash FROM {BALLOT_TABLE} WHERE decision_id = %s",  # noqa: S608
        [decision.pk],
    )
    assert sorted(row[0] for row in rows) == sorted(m.person.pk for m in voters)
    assert {row[1] for row in rows} == {""}
