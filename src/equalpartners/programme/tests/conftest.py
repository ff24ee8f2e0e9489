"""Fixtures for the programme tests: the fixture partnership's partners by name, and a stand-in
for the notifications API that records what the actions reminders ask of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from equalpartners.programme import action_reminders


@pytest.fixture
def partners(partnership: Any) -> dict[str, Any]:
    """The fixture partnership's three partners, by organisation name."""
    return {p.organisation.name: p for p in partnership.partners.select_related("organisation")}


@dataclass
class FakeNotifications:
    """``notify`` and ``withdraw`` as the notifications API promises them: one notification
    per person and key, so asking again with the same key sends nothing."""

    sent: list[dict[str, Any]] = field(default_factory=list)
    withdrawn: list[tuple[int, str]] = field(default_factory=list)

    def notify(
        self,
        *,
        person: Any,
        partnership: Any,
        topic: str,
        subject: str,
        body: str,
        url: str,
        key: str,
    ) -> dict[str, Any] | None:
        if any(n["person"] == person.pk and n["key"] == key for n in self.sent):
            return None
        notification = {
            "person": person.pk,
            "partnership": partnership.pk,
            "topic": topic,
            "subject": subject,
            "body": body,
            "url": url,
            "key": key,
        }
        self.sent.append(notification)
        return notification

    def withdraw(self, *, person: Any, key: str) -> None:
        self.withdrawn.append((person.pk, key))

    def keys(self) -> list[str]:
        return [n["key"] for n in self.sent]


@pytest.fixture
def fake_notifications(monkeypatch: pytest.MonkeyPatch) -> FakeNotifications:
    fake = FakeNotifications()
    monkeypatch.setattr(action_reminders, "notifications", fake)
    return fake
