"""Every write to a health check: set up a wave (its statements copied from the last one), change
its statements before it opens, close it, and answer it once.

An answer is written as two records with no field between them, in one transaction (see
``models``): that the person has answered, and their answers without them. Being written one
after the other, they could still be matched by someone with direct access to the database;
the answer page says so. The history notes that a member answered,
without saying who: with the time of day beside a name, the history would say whose answers a
response holds when only one person of a partner answered that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.capabilities import Capability, capabilities_of
from equalpartners.core.services import Actor, model_create, model_delete, model_update, validate
from equalpartners.health import selectors
from equalpartners.health.item_bank import DEFAULT_ITEMS, FACTOR_BY_KEY
from equalpartners.health.models import (
    ITEM_TEXT_LIMIT,
    MAX_ITEMS,
    Round,
    Status,
    Wave,
    WaveAnswer,
    WaveAnswered,
    WaveItem,
    WaveResponse,
)
from equalpartners.partnerships.models import Membership

ANONYMOUS = "A member"  # who the history says answered


def must_be(record: Round, status: Status, doing: str, at: dt.datetime | None = None) -> None:
    """Refuse ``doing`` unless the wave or survey is in ``status`` now (or at ``at``)."""
    current = record.status_at(at or timezone.now())
    if current != status:
        why = {
            Status.UPCOMING: "it has opened already",
            Status.OPEN: "it has not opened yet" if current == Status.UPCOMING else "it has closed",
            Status.CLOSED: "it has not closed yet",
        }[status]
        raise ValidationError(f"You cannot {doing}: {why}.")


def check_days(*, opens_on: dt.date, closes_on: dt.date, today: dt.date) -> None:
    """The days a wave or survey is open: closing on or after opening, and not already past."""
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "The closing day must be on or after the opening day"})
    if closes_on < today:
        raise ValidationError({"closes_on": "The closing day must be today or later"})


def _today(partnership: Any, at: dt.datetime | None) -> dt.date:
    return selectors.local_day(partnership=partnership, at=at or timezone.now())


@transaction.atomic
def wave_create(
    *,
    actor: Actor,
    partnership: Any,
    name: str,
    opens_on: dt.date,
    closes_on: dt.date,
    at: dt.datetime | None = None,
) -> Wave:
    """Set up a wave. Its statements are copied from the latest wave, or are the default ones
    for a partnership's first; they can be changed until it opens. ``at`` is when, for telling
    a past wave (the demo); pages never pass it."""
    check_days(opens_on=opens_on, closes_on=closes_on, today=_today(partnership, at))
    previous = selectors.waves_of(partnership=partnership).first()
    wave = model_create(
        Wave(
            partnership=partnership,
            name=name.strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        ),
        actor=actor,
        action="wave.create",
        partnership=partnership,
        data={
            "opens_on": opens_on,
            "closes_on": closes_on,
            "statements_from": previous.name if previous else "the default statements",
        },
    )
    if previous is not None:
        pairs = [(item.factor, item.text) for item in selectors.items_of(wave=previous)]
    else:
        pairs = list(DEFAULT_ITEMS)
    WaveItem.objects.bulk_create(
        WaveItem(wave=wave, partnership=partnership, factor=factor, text=text, position=n)
        for n, (factor, text) in enumerate(pairs, 1)
    )
    return wave


def _locked(wave: Wave) -> Wave:
    return Wave.objects.select_for_update().select_related("partnership").get(pk=wave.pk)


@transaction.atomic
def wave_update(
    *, actor: Actor, wave: Wave, name: str, opens_on: dt.date, closes_on: dt.date
) -> Wave:
    """Change a wave: anything before it opens; once open, the name and a later closing day;
    once closed, nothing (its results must stay as people saw them)."""
    wave = _locked(wave)
    status = wave.status_at(timezone.now())
    if status == Status.CLOSED:
        raise ValidationError("This wave has closed, so it stays as it was.")
    if status == Status.OPEN and opens_on != wave.opens_on:
        raise ValidationError({"opens_on": "The wave is open, so its opening day stays as it was"})
    check_days(opens_on=opens_on, closes_on=closes_on, today=_today(wave.partnership, None))
    values = {"name": name.strip(), "opens_on": opens_on, "closes_on": closes_on}
    return model_update(
        wave, actor=actor, action="wave.update", partnership=wave.partnership, values=values
    )


@transaction.atomic
def wave_close(*, actor: Actor, wave: Wave, at: dt.datetime | None = None) -> Wave:
    """Close an open wave now, before its closing day; its results then show."""
    at = at or timezone.now()
    wave = _locked(wave)
    must_be(wave, Status.OPEN, "close the wave", at)
    wave.closed_at = at
    wave.save(update_fields=["closed_at"])
    audit_record(actor=actor, action="wave.close", partnership=wave.partnership, target=wave)
    return wave


@transaction.atomic
def wave_delete(*, actor: Actor, wave: Wave) -> None:
    """Delete a wave that has not opened (so nobody has answered it)."""
    wave = _locked(wave)
    must_be(wave, Status.UPCOMING, "delete the wave")
    model_delete(wave, actor=actor, action="wave.delete", partnership=wave.partnership)


def _clean_item(factor: str, text: str) -> str:
    text = " ".join(text.split())
    errors: dict[str, str] = {}
    if factor not in FACTOR_BY_KEY:
        errors["factor"] = "Choose the factor the statement is about"
    if not text:
        errors["text"] = "Write the statement"
    elif len(text) > ITEM_TEXT_LIMIT:
        errors["text"] = (
            f"The statement must be {ITEM_TEXT_LIMIT} characters or fewer: it has {len(text)}"
        )
    if errors:
        raise ValidationError(errors)
    return text


@transaction.atomic
def item_add(*, actor: Actor, wave: Wave, factor: str, text: str) -> WaveItem:
    """Add a statement to a wave that has not opened."""
    wave = _locked(wave)
    must_be(wave, Status.UPCOMING, "add a statement")
    text = _clean_item(factor, text)
    items = WaveItem.objects.filter(wave=wave)
    if items.count() >= MAX_ITEMS:
        raise ValidationError(f"A wave can have at most {MAX_ITEMS} statements.")
    last = items.aggregate(last=Max("position"))["last"] or 0
    item = WaveItem(
        wave=wave, partnership=wave.partnership, factor=factor, text=text, position=last + 1
    )
    return model_create(
        item,
        actor=actor,
        action="item.create",
        partnership=wave.partnership,
        data={"wave": wave.name, "factor": factor},
    )


@transaction.atomic
def item_update(*, actor: Actor, item: WaveItem, factor: str, text: str) -> WaveItem:
    """Change a statement of a wave that has not opened."""
    wave = _locked(item.wave)
    must_be(wave, Status.UPCOMING, "change a statement")
    text = _clean_item(factor, text)
    return model_update(
        item,
        actor=actor,
        action="item.update",
        partnership=wave.partnership,
        values={"factor": factor, "text": text},
    )


@transaction.atomic
def item_remove(*, actor: Actor, item: WaveItem) -> None:
    """Take a statement out of a wave that has not opened; a wave keeps at least one."""
    wave = _locked(item.wave)
    must_be(wave, Status.UPCOMING, "remove a statement")
    if WaveItem.objects.filter(wave=wave).count() <= 1:
        raise ValidationError("A wave needs at least one statement.")
    model_delete(item, actor=actor, action="item.delete", partnership=wave.partnership)


def check_answers(
    *, items: Mapping[int, str], answers: Mapping[int, int | None]
) -> dict[str, list[str]]:
    """What is wrong with a set of answers, by form field (``item_<id>`` or ``__all__``).

    Every statement needs an answer, 1 to 5 or "don't know" (``None``). Shared by the form and
    the service, so the page and the rule say the same thing.
    """
    errors: dict[str, list[str]] = {}
    if set(answers) - set(items):
        errors["__all__"] = ["Some answers are to statements that are not in this wave."]
    for item_id, text in items.items():
        value = answers.get(item_id, 0)
        if value is not None and value not in range(1, 6):
            short = text if len(text) <= 60 else text[:59].rstrip() + "…"
            errors[f"item_{item_id}"] = [f"Choose an answer to “{short}”, or choose Don't know"]
    return errors


@transaction.atomic
def wave_answer(
    *,
    actor: Actor,
    wave: Wave,
    membership: Membership,
    answers: Mapping[int, int | None],
    at: dt.datetime | None = None,
) -> None:
    """Record a member's answers to an open wave, once. ``answers`` is by statement id, ``None``
    for "don't know". Nothing is returned: the caller has no need to know which response is
    theirs. ``at`` is when, for telling a past wave (the demo); pages never pass it."""
    at = at or timezone.now()
    wave = _locked(wave)
    if Capability.CONTRIBUTE not in capabilities_of(membership.role):
        raise ValidationError("Your role does not answer health checks.")
    must_be(wave, Status.OPEN, "answer this wave", at)
    if WaveAnswered.objects.filter(wave=wave, person_id=membership.person_id).exists():
        raise ValidationError("You have already answered this wave.")
    items = {item.pk: item.text for item in selectors.items_of(wave=wave)}
    errors = check_answers(items=items, answers=answers)
    if errors:
        raise ValidationError(errors)
    person = membership.person
    partner = selectors.partner_of(person=person, partnership=wave.partnership)
    try:
        with transaction.atomic():
            answered = WaveAnswered(wave=wave, partnership=wave.partnership, person=person)
            validate(answered)
            answered.save(force_insert=True)
    except (IntegrityError, ValidationError):
        raise ValidationError("You have already answered this wave.") from None
    response = WaveResponse(
        wave=wave,
        partnership=wave.partnership,
        partner=partner,
        sector=person.organisation.sector if person.organisation else "",
        submitted_on=at.astimezone(wave.zone).date(),
    )
    response.save(force_insert=True)
    WaveAnswer.objects.bulk_create(
        WaveAnswer(response=response, partnership=wave.partnership, item_id=item_id, value=value)
        for item_id, value in answers.items()
    )
    audit_record(
        actor=None,
        actor_name=ANONYMOUS,
        action="wave.answer",
        partnership=wave.partnership,
        target=wave,
    )
