"""Template helpers: moments with their zone, lengths of time in words, and audit entries as
plain-English sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from equalpartners.core.models import AuditEntry
from equalpartners.core.templatetags.core_tags import (
    audit_sentence,
    duration,
    field_label,
    has_capability,
    when,
)


def test_when_names_the_zone_and_uses_the_sites_zone_by_default():
    moment = dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)
    assert when(moment) == "1 July 2026, 09:30 BST"
    assert when(moment, "America/New_York") == "1 July 2026, 04:30 EDT"
    assert when(None) == ""


@pytest.mark.parametrize(
    ("length", "words"),
    [
        (dt.timedelta(minutes=15), "15 minutes"),
        (dt.timedelta(minutes=1), "1 minute"),
        (dt.timedelta(hours=1), "1 hour"),
        (dt.timedelta(minutes=90), "1 hour 30 minutes"),
        (dt.timedelta(hours=24), "24 hours"),
        (dt.timedelta(seconds=10), "1 minute"),
        (None, ""),
    ],
)
def test_duration_in_words(length, words):
    assert duration(length) == words


@pytest.mark.parametrize(
    ("action", "sentence"),
    [
        ("partner.update", "changed partner ‘Thing’"),
        ("membership.change_role", "changed the role of member ‘Thing’"),
        ("invitation.revoke", "withdrew the invitation for ‘Thing’"),
        ("initiative.delete", "deleted related initiative ‘Thing’"),
        ("widget.polish", "polish widget ‘Thing’"),
        ("wave.close", "closed the health check ‘Thing’"),
        ("round.choose", "recorded the group's choice in selection round ‘Thing’"),
        ("reflection.report_add", "chose for the report reflection ‘Thing’"),
    ],
)
def test_audit_entries_read_as_sentences(action, sentence):
    assert audit_sentence(AuditEntry(action=action, object_repr="Thing")) == sentence


def test_field_labels_and_capability_checks():
    assert field_label("policy_context") == "Policy context"
    assert has_capability(frozenset({"view"}), "view")
    assert not has_capability(frozenset({"view"}), "manage_people")
