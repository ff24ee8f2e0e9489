"""Waves through their life: set up with statements copied from the last, changed only before
they open, answered once each, and an answer written whole or not at all."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.health import services
from equalpartners.health.item_bank import DEFAULT_ITEMS, FACTORS
from equalpartners.health.models import Status, WaveAnswer, WaveAnswered, WaveResponse

from .builders import (
    answer,
    close,
    items,
    member_of,
    members_of,
    open_wave,
    partner_named,
    today,
    upcoming_wave,
)

pytestmark = pytest.mark.django_db


def test_the_default_statements_cover_every_factor_in_our_own_words() -> None:
    assert 20 <= len(DEFAULT_ITEMS) <= 24
    assert {factor for factor, _ in DEFAULT_ITEMS} == {factor.key for factor in FACTORS}
    assert {factor.heading for factor in FACTORS} == {
        "environment",
        "membership",
        "process",
        "communication",
        "purpose",
        "resources",
        "synergy",
    }


def test_the_first_wave_starts_with_the_defaults_and_the_next_copies_the_last(
    partnership: Any,
) -> None:
    first = upcoming_wave(partnership, "Spring")
    assert [(i.factor, i.text) for i in items(first)] == list(DEFAULT_ITEMS)
    services.item_add(actor=None, wave=first, factor="learning", text="  We try  new things. ")
    changed = items(first)[0]
    services.item_update(actor=None, item=changed, factor="history", text="We go back years.")
    services.item_remove(actor=None, item=items(first)[1])
    start = today() + dt.timedelta(days=60)
    second = services.wave_create(
        actor=None,
        partnership=partnership,
        name="Autumn",
        opens_on=start,
        closes_on=start + dt.timedelta(days=14),
    )
    texts = [i.text for i in items(second)]
    assert texts == [i.text for i in items(first)]
    assert texts[0] == "We go back years."
    assert texts[-1] == "We try new things."
    assert len(texts) == len(DEFAULT_ITEMS)


def test_statements_are_fixed_once_a_wave_opens(partnership: Any) -> None:
    wave = open_wave(partnership)
    item = items(wave)[0]
    with pytest.raises(ValidationError, match="it has opened already"):
        services.item_update(actor=None, item=item, factor="history", text="Changed")
    with pytest.raises(ValidationError, match="it has opened already"):
        services.item_add(actor=None, wave=wave, factor="history", text="New")
    with pytest.raises(ValidationError, match="it has opened already"):
        services.item_remove(actor=None, item=item)
    with pytest.raises(ValidationError, match="it has opened already"):
        services.wave_delete(actor=None, wave=wave)


def test_a_statement_needs_a_known_factor_and_words(partnership: Any) -> None:
    wave = upcoming_wave(partnership)
    with pytest.raises(ValidationError) as error:
        services.item_add(actor=None, wave=wave, factor="gossip", text=" ")
    assert set(error.value.message_dict) == {"factor", "text"}
    with pytest.raises(ValidationError, match="300 characters or fewer: it has 301"):
        services.item_add(actor=None, wave=wave, factor="mix", text="x" * 301)


def test_the_days_must_be_in_order_and_not_past(partnership: Any) -> None:
    with pytest.raises(ValidationError, match="on or after the opening day"):
        open_wave(partnership, opens_on=today(), closes_on=today() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="today or later"):
        open_wave(
            partnership,
            opens_on=today() - dt.timedelta(days=9),
            closes_on=today() - dt.timedelta(days=2),
        )


def test_an_open_wave_keeps_its_opening_day_and_a_closed_one_keeps_everything(
    partnership: Any,
) -> None:
    wave = open_wave(partnership)
    later = wave.closes_on + dt.timedelta(days=7)
    with pytest.raises(ValidationError, match="opening day stays"):
        services.wave_update(
            actor=None, wave=wave, name="X", opens_on=today() + dt.timedelta(1), closes_on=later
        )
    wave = services.wave_update(
        actor=None, wave=wave, name="Spring, longer", opens_on=wave.opens_on, closes_on=later
    )
    assert (wave.name, wave.closes_on) == ("Spring, longer", later)
    close(wave)
    with pytest.raises(ValidationError, match="stays as it was"):
        services.wave_update(
            actor=None, wave=wave, name="Y", opens_on=wave.opens_on, closes_on=later
        )


def test_each_member_answers_once(partnership: Any) -> None:
    wave = open_wave(partnership)
    member = members_of(partnership, "Leaders Org", 1)[0]
    answer(wave, member, 4)
    with pytest.raises(ValidationError, match="already answered"):
        answer(wave, member, 2)
    assert WaveResponse.objects.count() == 1
    assert WaveAnswered.objects.count() == 1


@pytest.mark.parametrize(("upcoming", "message"), [(True, "not opened yet"), (False, "has closed")])
def test_only_an_open_wave_takes_answers(partnership: Any, upcoming: bool, message: str) -> None:
    wave = upcoming_wave(partnership) if upcoming else close(open_wave(partnership))
    assert wave.status_at(dt.datetime.now(dt.UTC)) != Status.OPEN
    with pytest.raises(ValidationError, match=message):
        answer(wave, members_of(partnership, "Leaders Org", 1)[0])
    assert not WaveResponse.objects.exists()


def test_a_guest_does_not_answer(partnership: Any) -> None:
    wave = open_wave(partnership)
    guest = member_of(partnership, partner_named(partnership, "Leaders Org"), Role.GUEST)
    with pytest.raises(ValidationError, match="does not answer"):
        answer(wave, guest)


def test_every_statement_needs_an_answer_or_dont_know(partnership: Any) -> None:
    wave = open_wave(partnership)
    member = members_of(partnership, "Leaders Org", 1)[0]
    statements = items(wave)
    answers: dict[int, int | None] = {item.pk: 3 for item in statements[1:]}
    answers[statements[2].pk] = 7
    with pytest.raises(ValidationError) as error:
        services.wave_answer(actor=None, wave=wave, membership=member, answers=answers)
    assert set(error.value.message_dict) == {f"item_{statements[0].pk}", f"item_{statements[2].pk}"}
    assert "Don't know" in error.value.message_dict[f"item_{statements[0].pk}"][0]
    # Don't know is an answer: stored as no value.
    answers.update({statements[0].pk: None, statements[2].pk: 5})
    services.wave_answer(actor=None, wave=wave, membership=member, answers=answers)
    assert WaveAnswer.objects.filter(value__isnull=True).count() == 1
    assert not WaveAnswer.objects.filter(value=7).exists()


def test_an_answer_is_written_whole_or_not_at_all(partnership: Any, monkeypatch: Any) -> None:
    wave = open_wave(partnership)
    member = members_of(partnership, "Leaders Org", 1)[0]

    def the_disk_fills_up(*args: Any, **kwargs: Any) -> None:
        raise DatabaseError("disk full")

    # A failure after the record of having answered is written, before the answers are.
    monkeypatch.setattr(WaveAnswer.objects, "bulk_create", the_disk_fills_up)
    with pytest.raises(DatabaseError):
        answer(wave, member)
    assert not WaveAnswered.objects.exists()
    assert not WaveResponse.objects.exists()
    assert not AuditEntry.objects.filter(action="wave.answer").exists()
    monkeypatch.undo()
    answer(wave, member)  # so they can answer again
    assert WaveAnswer.objects.count() == len(items(wave))


def test_closing_early_and_deleting_an_upcoming_wave(partnership: Any) -> None:
    wave = close(open_wave(partnership))
    assert wave.closed_on == today()
    with pytest.raises(ValidationError, match="it has closed"):
        close(wave)
    upcoming = upcoming_wave(partnership)
    services.wave_delete(actor=None, wave=upcoming)
    assert AuditEntry.objects.filter(action="wave.delete").exists()
