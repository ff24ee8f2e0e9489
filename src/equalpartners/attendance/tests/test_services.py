"""Registration services: places, the waiting list and its offers, check-in and walk-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from equalpartners.attendance import services
from equalpartners.attendance.models import Registration, Status
from equalpartners.attendance.tests.builders import future_activity, register
from equalpartners.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _status(registration: Registration) -> str:
    registration.refresh_from_db()
    return registration.status


def test_places_then_the_waiting_list(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=2)
    first, second, third, fourth = (register(activity) for _ in range(4))
    assert [r.status for r in (first, second, third, fourth)] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    assert services.places_left(activity.registration_setup) == 0


def test_a_cancelled_place_is_offered_to_the_first_waiting_with_a_deadline(
    partnership: Any,
) -> None:
    activity = future_activity(partnership, capacity=1)
    holder, first_waiting, second_waiting = (register(activity) for _ in range(3))
    now = timezone.now()
    services.cancel(actor=None, registration=holder, now=now)
    first_waiting.refresh_from_db()
    assert first_waiting.status == Status.OFFERED
    assert first_waiting.offer_expires_at == now + dt.timedelta(hours=48)
    assert _status(second_waiting) == Status.WAITING
    told = Notification.objects.get(
        person=first_waiting.person, key=f"registration-offered:{first_waiting.pk}"
    )
    assert "confirm" in told.subject.lower()
    # The offer holds the place: a new registration waits.
    assert register(activity).status == Status.WAITING


def test_confirming_an_offer_gives_the_place(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    holder, waiting = register(activity), register(activity)
    services.cancel(actor=None, registration=holder)
    services.confirm_offer(actor=None, registration=waiting)
    assert _status(waiting) == Status.CONFIRMED


def test_an_offer_not_confirmed_in_time_lapses_and_passes_on(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    holder, first, second = (register(activity) for _ in range(3))
    now = timezone.now()
    services.cancel(actor=None, registration=holder, now=now)
    later = now + dt.timedelta(hours=49)
    assert services.lapse_expired_offers(later) == 1
    assert _status(first) == Status.LAPSED
    assert _status(second) == Status.OFFERED
    with pytest.raises(ValidationError, match="no place waiting"):
        services.confirm_offer(actor=None, registration=first, now=later)


def test_confirming_too_late_passes_the_place_on(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    holder, first, second = (register(activity) for _ in range(3))
    now = timezone.now()
    services.cancel(actor=None, registration=holder, now=now)
    with pytest.raises(ValidationError, match="passed"):
        services.confirm_offer(actor=None, registration=first, now=now + dt.timedelta(days=3))
    assert _status(first) == Status.LAPSED
    assert _status(second) == Status.OFFERED


def test_more_places_go_to_the_waiting_list_at_once(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    register(activity)
    waiting = [register(activity) for _ in range(3)]
    services.setup_update(actor=None, setup=activity.registration_setup, capacity=3)
    assert [_status(r) for r in waiting] == [Status.OFFERED, Status.OFFERED, Status.WAITING]


def test_the_limit_cannot_go_below_the_places_given(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=3)
    for _ in range(3):
        register(activity)
    with pytest.raises(ValidationError, match="3 people already have a place"):
        services.setup_update(actor=None, setup=activity.registration_setup, capacity=2)


def test_nobody_registers_twice(partnership: Any) -> None:
    activity = future_activity(partnership)
    register(activity, "Ann Lee", email="ann@example.org")
    with pytest.raises(ValidationError, match="already registered"):
        register(activity, "Ann Lee", email="ANN@example.org")
    assert Registration.objects.filter(activity=activity).count() == 1


def test_after_cancelling_one_may_register_again(partnership: Any) -> None:
    activity = future_activity(partnership)
    first = register(activity, "Ann Lee", email="ann@example.org")
    services.cancel(actor=None, registration=first)
    again = register(activity, "Ann Lee", email="ann@example.org")
    assert again.status == Status.CONFIRMED
    assert again.pk != first.pk


def test_closed_registration_refuses_people_but_not_organisers(partnership: Any) -> None:
    activity = future_activity(partnership)
    services.setup_update(actor=None, setup=activity.registration_setup, is_open=False)
    with pytest.raises(ValidationError, match="closed"):
        register(activity)
    assert register(activity, source="organiser").status == Status.CONFIRMED


def test_registration_closes_at_its_time(partnership: Any) -> None:
    activity = future_activity(partnership)
    closes = timezone.now() + dt.timedelta(days=1)
    services.setup_update(actor=None, setup=activity.registration_setup, closes_at=closes)
    register(activity, now=closes - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="has closed"):
        register(activity, now=closes)


def test_required_and_choice_questions_are_checked(partnership: Any) -> None:
    activity = future_activity(partnership)
    setup = activity.registration_setup
    lunch = services.question_save(
        actor=None, setup=setup, label="Lunch", kind="choice", choices="Yes\nNo", required=True
    )
    with pytest.raises(ValidationError) as refused:
        register(activity, answers={})
    assert refused.value.message_dict == {f"question_{lunch.pk}": ["Answer 'Lunch'"]}
    with pytest.raises(ValidationError, match="Choose one"):
        register(activity, answers={lunch.pk: "Maybe"})
    kept = register(activity, answers={lunch.pk: "No"})
    assert kept.answers.get().text == "No"
    assert Registration.objects.filter(activity=activity).count() == 1


def test_a_choice_question_needs_two_choices(partnership: Any) -> None:
    activity = future_activity(partnership)
    with pytest.raises(ValidationError, match="at least two"):
        services.question_save(
            actor=None,
            setup=activity.registration_setup,
            label="Pick",
            kind="choice",
            choices="Only",
            required=False,
        )


def test_check_in_by_code_and_undo(partnership: Any) -> None:
    activity = future_activity(partnership)
    registration = register(activity)
    typed = f" {registration.code[:3].lower()}-{registration.code[3:]} "
    services.check_in_by_code(actor=None, activity=activity, code=typed)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    with pytest.raises(ValidationError, match="already checked in"):
        services.check_in(actor=None, registration=registration)
    services.undo_check_in(actor=None, registration=registration)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_an_unknown_code_is_refused_with_the_code(partnership: Any) -> None:
    activity = future_activity(partnership)
    with pytest.raises(ValidationError, match="ZZZZZZ"):
        services.check_in_by_code(actor=None, activity=activity, code="zzzzzz")


def test_a_code_from_another_activity_does_not_check_in(partnership: Any) -> None:
    here, there = future_activity(partnership), future_activity(partnership)
    theirs = register(there)
    if not Registration.objects.filter(activity=here, code=theirs.code).exists():
        with pytest.raises(ValidationError, match="No registration"):
            services.check_in_by_code(actor=None, activity=here, code=theirs.code)


def test_someone_waiting_who_turns_up_gets_their_place(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    register(activity)
    waiting = register(activity)
    services.check_in(actor=None, registration=waiting)
    assert _status(waiting) == Status.CONFIRMED


def test_a_cancelled_registration_cannot_be_checked_in(partnership: Any) -> None:
    activity = future_activity(partnership)
    registration = register(activity)
    services.cancel(actor=None, registration=registration)
    with pytest.raises(ValidationError, match="walk-in"):
        services.check_in(actor=None, registration=registration)


def test_a_checked_in_registration_cannot_be_cancelled(partnership: Any) -> None:
    activity = future_activity(partnership)
    registration = register(activity)
    services.check_in(actor=None, registration=registration)
    with pytest.raises(ValidationError, match="undo the check-in"):
        services.cancel(actor=None, registration=registration)


def test_walk_ins_get_in_even_when_full(partnership: Any) -> None:
    activity = future_activity(partnership, capacity=1)
    register(activity)
    walk_in = services.walk_in(
        actor=None, activity=activity, name="Late Comer", email="late@example.org"
    )
    assert walk_in.status == Status.CONFIRMED
    assert walk_in.checked_in_at is not None
    assert walk_in.source == "walk_in"


def test_codes_are_unique_within_an_activity(partnership: Any) -> None:
    activity = future_activity(partnership)
    codes = {register(activity, source="organiser", notify=False).code for _ in range(60)}
    assert len(codes) == 60
    assert all(len(code) == 6 and set(code) <= set(services.CODE_ALPHABET) for code in codes)


def test_sessions_stay_within_the_activity(partnership: Any) -> None:
    activity = future_activity(partnership)
    with pytest.raises(ValidationError, match="within"):
        services.session_save(
            actor=None,
            activity=activity,
            title="Too early",
            starts_at=activity.starts_at - dt.timedelta(hours=1),
            ends_at=activity.starts_at,
        )
    with pytest.raises(ValidationError, match="end after"):
        services.session_save(
            actor=None,
            activity=activity,
            title="Backwards",
            starts_at=activity.starts_at + dt.timedelta(hours=1),
            ends_at=activity.starts_at,
        )


def test_a_cancelled_activity_takes_no_registrations(partnership: Any) -> None:
    activity = future_activity(partnership)
    activity.status = "cancelled"
    activity.save()
    with pytest.raises(ValidationError, match="cancelled"):
        register(activity)


def test_registrants_become_people_without_membership(partnership: Any) -> None:
    activity = future_activity(partnership)
    registration = register(activity, "Public Person", email="public@example.org")
    assert registration.person.email == "public@example.org"
    assert not registration.person.memberships.exists()


def test_walk_ins_need_not_answer_required_questions(partnership: Any) -> None:
    activity = future_activity(partnership)
    services.question_save(
        actor=None,
        setup=activity.registration_setup,
        label="Workshop",
        kind="short",
        choices="",
        required=True,
    )
    walk_in = services.walk_in(actor=None, activity=activity, name="W", email="w@example.org")
    assert walk_in.answers.count() == 0
