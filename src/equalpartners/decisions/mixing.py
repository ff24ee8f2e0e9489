"""Mixing anonymous ballots, so that where a ballot is stored says nothing of who cast it.

A database keeps traces of the order in which rows were written: SQLite's ``rowid``,
PostgreSQL's physical order and the ``xmin`` of the transaction that wrote each row. Matched
against the vote records (who voted, and when), that order would link ballots to voters for
anyone who can run SQL. So after every vote in an anonymous decision, in the same transaction,
the ballots' contents (with their partner and receipt hash, which belong to the content) are
dealt out afresh, at random, among the decision's ballot rows, and every row is rewritten: the
row written for the newest vote then holds any of the ballots, and every row carries the same,
latest transaction.

Written here because no library does this for Django models; it costs one read and one update
of the decision's ballots per vote, which is small for a partnership's decisions.
"""

from __future__ import annotations

import secrets

from equalpartners.decisions.models import Ballot, Decision

BATCH = 500


def mix_ballots(*, decision: Decision) -> None:
    """Deal the decision's ballot contents out among its rows at random. Call in the voting
    transaction, with the decision locked."""
    rows = list(Ballot.objects.filter(decision=decision).order_by("id"))
    payloads = [(row.partner_id, row.content, row.receipt_hash) for row in rows]
    secrets.SystemRandom().shuffle(payloads)
    for row, (partner_id, content, receipt_hash) in zip(rows, payloads, strict=True):
        row.partner_id = partner_id
        row.content = content
        row.receipt_hash = receipt_hash
    Ballot.objects.bulk_update(rows, ["partner", "content", "receipt_hash"], batch_size=BATCH)
