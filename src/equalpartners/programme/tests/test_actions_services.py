"""Challenge and action services: recording, validation, status changes and their history.

An action needs an owner (a person who is a member, a partner of the partnership, or both),
a challenge from its own activity, and a due date no earlier than the day of the activity it
came from. Status changes keep a history; done sets the completion time; done and dropped
withdraw the owner's unread reminders.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from equalpartners.core.models import AuditEntry
from equalpartners.programme import services
from equalpartners.programme.action_reminders import reminder_keys
from equalpartners.programme.models import Action, ActionUpdate, Challenge
from equalpartners.programme.tests.builders import make_action, make_challenge
from equalpartners.testing import factories as f

LONDON = zoneinfo.ZoneInfo("Europe/London")
AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")


@pytest.fixture
def roundtable(partnership):
    return f.ActivityFactory(
        partnership=partnership,
        title="Roundtable",
        kind="roundtable",
        starts_at=dt.datetime(2026, 1, 22, 10, tzinfo=LONDON),
        ends_at=dt.datetime(2026, 1, 22, 13, tzinfo=LONDON),
    )


@pytest.fixture
def owner(partnership, make_member):
    return make_member(partnership).person


def _record(coordinator, partnership, **values):
    defaults = {
        "what": "Bring the questions to our board",
        "due_on": dt.date(2026, 3, 1),
        "scale": "small",
    }
    return services.action_create(
        actor=coordinator, partnership=partnership, **{**defaults, **values}
    )


def test_an_action_at_an_activity_with_a_challenge(
    coordinator, partnership, partners, roundtable, owner
):
    challenge = services.challenge_create(
        actor=coordinator, activity=roundtable, text="  How do we reach everyone?  ", posed_by=owner
    )
    assert (challenge.text, challenge.posed_by, challenge.partnership) == (
        "How do we reach everyone?",
        owner,
        partnership,
    )
    action = _record(
        coordinator,
        partnership,
        challenge=challenge,
        owner_person=owner,
        owner_partner=partners["Health Org"],
        scale="large",
    )
    assert action.activity == roundtable  # from its challenge
    assert (action.status, action.created_by, action.completed_at) == ("open", coordinator, None)
    assert action.owner_text == f"{owner.name} (Health Org)"
    (first,) = action.updates.all()
    assert (first.status, first.by, first.note) == ("open", coordinator, "")
    audited = AuditEntry.objects.filter(partnership=partnership).values_list("action", flat=True)
    assert {"challenge.create", "action.create"} <= set(audited)


def test_an_action_needs_an_owner(coordinator, partnership):
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership)
    assert refused.value.message_dict == {
        "owner_person": ["Choose who will do this: a person, a partner organisation, or both"]
    }
    assert not Action.objects.exists()


def test_the_database_refuses_an_action_without_an_owner(partnership):
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            partnership=partnership, what="x", due_on=dt.date(2026, 1, 1), scale="small"
        )


def test_a_partner_alone_may_own_an_action(coordinator, partnership, partners):
    action = _record(coordinator, partnership, owner_partner=partners["Leaders Org"])
    assert action.owner_text == "Leaders Org"
    assert action.activity is None


def test_owners_must_belong_to_the_partnership(coordinator, partnership, other_partnership):
    outsider = f.PersonFactory()
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership, owner_person=outsider)
    assert "is not a member of this partnership" in refused.value.message_dict["owner_person"][0]
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership, owner_partner=other_partnership.partners.get())
    assert "is not a partner in this partnership" in refused.value.message_dict["owner_partner"][0]


def test_the_activity_and_challenge_must_fit(
    coordinator, partnership, other_partnership, roundtable, partners
):
    owner = {"owner_partner": partners["Leaders Org"]}
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership, activity=other_partnership.activities.get(), **owner)
    assert refused.value.message_dict == {
        "activity": ["That activity belongs to another partnership"]
    }
    elsewhere = make_challenge(f.ActivityFactory(partnership=partnership))
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership, activity=roundtable, challenge=elsewhere, **owner)
    assert refused.value.message_dict == {
        "challenge": ["That challenge was posed at another activity"]
    }


def test_an_action_is_not_due_before_its_activity(coordinator, partnership, partners):
    # 08:00 on 22 January in Auckland is still 21 January in UTC and in London: the
    # activity's own zone decides which day it was held on.
    late = f.ActivityFactory(
        partnership=partnership,
        time_zone="Pacific/Auckland",
        starts_at=dt.datetime(2026, 1, 22, 8, tzinfo=AUCKLAND),  # 21 January, 19:00 UTC
        ends_at=dt.datetime(2026, 1, 22, 9, tzinfo=AUCKLAND),
    )
    owner = {"owner_partner": partners["Leaders Org"], "activity": late}
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership, due_on=dt.date(2026, 1, 21), **owner)
    assert refused.value.message_dict == {
        "due_on": ["The due date must be on or after the activity it came from (22 January 2026)"]
    }
    assert _record(coordinator, partnership, due_on=dt.date(2026, 1, 22), **owner).pk


def test_a_long_description_is_refused(coordinator, partnership, partners):
    with pytest.raises(ValidationError) as refused:
        _record(coordinator, partnership, what="x" * 1001, owner_partner=partners["Health Org"])
    assert "what" in refused.value.message_dict


def test_marking_done_keeps_a_history_and_the_time(coordinator, partnership, owner):
    action = make_action(partnership, owner_person=owner)
    when = dt.datetime(2026, 2, 3, 12, tzinfo=dt.UTC)
    update = services.action_status_change(
        actor=coordinator, action=action, status="done", note="Board agreed", now=when
    )
    action.refresh_from_db()
    assert (action.status, action.completed_at) == ("done", when)
    assert (update.status, update.note, update.at, update.by) == (
        "done",
        "Board agreed",
        when,
        coordinator,
    )
    entry = AuditEntry.objects.get(action="action.status")
    assert entry.data["changes"]["status"] == {"from": "open", "to": "done"}

    services.action_status_change(actor=coordinator, action=action, status="open", note="Not yet")
    action.refresh_from_db()
    assert (action.status, action.completed_at) == ("open", None)
    assert [u.status for u in action.updates.all()] == ["done", "open"]


def test_a_note_alone_needs_words(coordinator, partnership, owner):
    action = make_action(partnership, owner_person=owner)
    with pytest.raises(ValidationError) as refused:
        services.action_status_change(actor=coordinator, action=action, status="open", note=" ")
    assert refused.value.message_dict == {
        "note": ["Write a note on progress, or choose a different status"]
    }
    services.action_status_change(
        actor=coordinator, action=action, status="open", note="Met the board chair"
    )
    assert action.updates.get().note == "Met the board chair"
    assert AuditEntry.objects.get(action="action.note").data == {"note": "Met the board chair"}


def test_an_unknown_status_is_refused(coordinator, partnership, owner):
    action = make_action(partnership, owner_person=owner)
    with pytest.raises(ValidationError):
        services.action_status_change(actor=coordinator, action=action, status="finished")
    assert not ActionUpdate.objects.exists()


def test_dropping_keeps_the_action_with_its_reason(coordinator, partnership, owner):
    action = make_action(partnership, owner_person=owner)
    services.action_drop(actor=coordinator, action=action, reason="Overtaken by events")
    action.refresh_from_db()
    assert (action.status, action.completed_at) == ("dropped", None)
    assert action.updates.get().note == "Overtaken by events"


def test_done_and_dropped_withdraw_the_reminders(
    coordinator, partnership, owner, fake_notifications
):
    done = make_action(partnership, owner_person=owner)
    dropped = make_action(partnership, owner_person=owner, due_on=dt.date(2026, 7, 1))
    services.action_status_change(actor=coordinator, action=done, status="done")
    services.action_drop(actor=coordinator, action=dropped)
    assert fake_notifications.withdrawn == [
        (owner.pk, key)
        for action in (done, dropped)
        for key in reminder_keys(action.pk, action.due_on)
    ]


def test_a_partner_owned_action_has_no_reminders_to_withdraw(
    coordinator, partnership, partners, fake_notifications
):
    action = make_action(partnership, owner_partner=partners["Health Org"])
    services.action_status_change(actor=coordinator, action=action, status="done")
    assert fake_notifications.withdrawn == []


def test_editing_an_action(coordinator, partnership, partners, owner, fake_notifications):
    action = make_action(partnership, owner_person=owner, due_on=dt.date(2026, 6, 1))
    services.action_update(
        actor=coordinator,
        action=action,
        what="  A clearer action ",
        due_on=dt.date(2026, 6, 15),
        owner_partner=partners["Children Org"],
        scale="large",
    )
    action.refresh_from_db()
    assert (action.what, action.due_on, action.owner_partner, action.scale) == (
        "A clearer action",
        dt.date(2026, 6, 15),
        partners["Children Org"],
        "large",
    )
    # The reminders named the old due date.
    assert fake_notifications.withdrawn == [
        (owner.pk, key) for key in reminder_keys(action.pk, dt.date(2026, 6, 1))
    ]
    changes = AuditEntry.objects.get(action="action.update").data["changes"]
    assert set(changes) == {"what", "due_on", "owner_partner", "scale"}


def test_an_edit_that_removes_every_owner_is_refused_and_changes_nothing(
    coordinator, partnership, owner
):
    action = make_action(partnership, owner_person=owner)
    with pytest.raises(ValidationError) as refused:
        services.action_update(actor=coordinator, action=action, owner_person=None)
    assert "owner_person" in refused.value.message_dict
    assert action.owner_person == owner
    action.refresh_from_db()
    assert action.owner_person == owner


def test_the_status_is_not_edited_directly(coordinator, partnership, owner):
    action = make_action(partnership, owner_person=owner)
    with pytest.raises(TypeError):
        services.action_update(actor=coordinator, action=action, status="done")


def test_a_challenge_needs_words_and_a_member(coordinator, roundtable):
    with pytest.raises(ValidationError) as refused:
        services.challenge_create(actor=coordinator, activity=roundtable, text="  ")
    assert "text" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.challenge_create(
            actor=coordinator, activity=roundtable, text="Why?", posed_by=f.PersonFactory()
        )
    assert "posed_by" in refused.value.message_dict
    assert not Challenge.objects.exists()
