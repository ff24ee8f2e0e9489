"""Introductions: suggesting who should meet whom at an activity (their offers meeting each
other's needs), and sending them, after which they count as ties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from equalpartners.core.audit import audit_record
from equalpartners.core.services import Actor
from equalpartners.engines.mixing.introductions import introduce
from equalpartners.networking.engine_input import attendees, known_pairs
from equalpartners.networking.models import Introduction, TieSource
from equalpartners.networking.services.ties import activity_date, ties_record
from equalpartners.partnerships.models import Person


def introductions_build(
    *,
    actor: Actor,
    activity: Any,
    people: Sequence[Person],
    per_person: int,
    slots: int | None = None,
) -> int:
    """Suggest introductions among `people` (replacing those not yet sent); returns how many.
    People who already have a tie are never introduced."""
    if len(people) < 2:
        raise ValidationError({"people": "Choose at least two people to introduce"})
    if not 1 <= per_person <= 10:
        raise ValidationError({"per_person": "Between 1 and 10 introductions each"})
    if slots is not None and not 1 <= slots <= 10:
        raise ValidationError({"slots": "Between 1 and 10 meeting slots"})
    partnership = activity.partnership
    known = known_pairs(partnership=partnership, people=people)
    sent = set(
        Introduction.objects.filter(activity=activity, sent_at__isnull=False).values_list(
            "person_a_id", "person_b_id"
        )
    )
    known |= {(str(a), str(b)) for a, b in sent}
    try:
        found = introduce(attendees(people), per_person, known=known, slots=slots)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    with transaction.atomic():
        Introduction.objects.filter(activity=activity, sent_at__isnull=True).delete()
        Introduction.objects.bulk_create(
            Introduction(
                partnership=partnership,
                activity=activity,
                person_a_id=min(int(i.person_a), int(i.person_b)),
                person_b_id=max(int(i.person_a), int(i.person_b)),
                slot=i.slot,
                score=i.score,
                reason=i.reason,
            )
            for i in found
        )
        audit_record(
            actor=actor,
            action="introductions.build",
            partnership=partnership,
            target=activity,
            data={"people": len(people), "introductions": len(found)},
        )
    return len(found)


def introductions_send(*, actor: Actor, activity: Any) -> int:
    """Email each person their introductions not yet sent; they become ties. Returns how many
    introductions were sent."""
    pending = list(
        Introduction.objects.filter(activity=activity, sent_at__isnull=True).select_related(
            "person_a__organisation", "person_b__organisation"
        )
    )
    if not pending:
        raise ValidationError("There are no introductions waiting to be sent")
    by_person: dict[int, list[tuple[Person, Introduction]]] = {}
    for intro in pending:
        by_person.setdefault(intro.person_a_id, []).append((intro.person_b, intro))
        by_person.setdefault(intro.person_b_id, []).append((intro.person_a, intro))
    people = {p.pk: p for intro in pending for p in (intro.person_a, intro.person_b)}
    messages = []
    for pid, matches in by_person.items():
        person = people[pid]
        body = render_to_string(
            "networking/email/introductions.txt",
            {"person": person, "activity": activity, "matches": matches},
        )
        subject = f"Introductions at {activity.title}"
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [person.email]))
    now = timezone.now()
    with transaction.atomic():
        Introduction.objects.filter(pk__in=[i.pk for i in pending]).update(sent_at=now)
        ties_record(
            partnership=activity.partnership,
            activity=activity,
            pairs=[(i.person_a_id, i.person_b_id) for i in pending],
            source=TieSource.INTRODUCED,
            on=activity_date(activity),
        )
        audit_record(
            actor=actor,
            action="introductions.send",
            partnership=activity.partnership,
            target=activity,
            data={"introductions": len(pending), "people": len(by_person)},
        )
        transaction.on_commit(lambda: send_mass_mail(messages))
    return len(pending)
