"""Domains of change, stories and selection rounds: what each must hold, who may change them,
and what stays as it was once a round has read or chosen a story."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.learning import round_services, story_services
from equalpartners.learning.models import SUGGESTED_DOMAINS, Domain, Selection, Story

from .builders import TOLD, domain, member_of, partner_named, selection_round, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(partnership):
    return member_of(partnership, partner_named(partnership, "Leaders Org"), Role.PARTNER_LEAD)


@pytest.fixture
def staff(partnership):
    return member_of(partnership, partner_named(partnership, "Health Org"))


@pytest.fixture
def leading(lead):
    return domain(lead)


# Domains


def test_only_someone_who_manages_learning_sets_up_domains(lead, staff):
    with pytest.raises(PermissionDenied):
        domain(staff)
    made = domain(lead, "Policy")
    with pytest.raises(ValidationError) as raised:
        domain(lead, " policy ")
    assert "already a domain" in raised.value.message_dict["name"][0]
    assert made.name == "Policy"


def test_the_suggested_domains_are_added_once(lead, partnership):
    names = [name for name, _ in SUGGESTED_DOMAINS]
    added = story_services.domains_add_suggested(
        actor=None, partnership=partnership, membership=lead, names=names[:2]
    )
    assert [d.name for d in added] == names[:2]
    again = story_services.domains_add_suggested(
        actor=None, partnership=partnership, membership=lead, names=names
    )
    assert [d.name for d in again] == names[2:]
    assert Domain.objects.count() == len(names)
    with pytest.raises(ValidationError):
        story_services.domains_add_suggested(
            actor=None, partnership=partnership, membership=lead, names=["Made up"]
        )


def test_a_domain_with_stories_stays_but_can_be_renamed(lead, staff, leading):
    story(staff, leading)
    with pytest.raises(ValidationError):
        story_services.domain_delete(actor=None, domain=leading, membership=lead)
    story_services.domain_update(
        actor=None, domain=leading, membership=lead, name="How we lead together", description=""
    )
    empty = domain(lead, "Spare")
    story_services.domain_delete(actor=None, domain=empty, membership=lead)
    assert [d.name for d in Domain.objects.all()] == ["How we lead together"]


# Stories


def test_a_story_is_told_by_a_member_in_one_of_the_partnerships_domains(
    staff, leading, partnership, other_partnership
):
    stranger = member_of(other_partnership, None)
    elsewhere = Domain.objects.create(partnership=other_partnership, name="Elsewhere")
    with pytest.raises(ValidationError) as raised:
        story(staff, elsewhere, teller=stranger.person, told_on=dt.date(2999, 1, 1))
    assert set(raised.value.message_dict) == {"domain", "teller", "told_on"}
    made = story(staff, leading, title="  Trust across sectors ")
    assert (made.title, made.recorded_by) == ("Trust across sectors", staff.person)


def test_a_story_needs_its_words(staff, leading):
    with pytest.raises(ValidationError) as raised:
        story(staff, leading, title="", story="", why_it_matters=" ")
    assert set(raised.value.message_dict) == {"title", "story", "why_it_matters"}


def test_a_guest_does_not_record_stories(partnership, leading):
    guest = member_of(partnership, None, Role.GUEST)
    with pytest.raises(PermissionDenied):
        story(guest, leading)


def test_the_recorder_the_teller_and_learning_managers_change_a_story(
    partnership, staff, lead, leading
):
    teller = member_of(partnership, None, Role.BOARD_MEMBER)
    made = story(staff, leading, teller=teller.person, consent=False)
    other = member_of(partnership, partner_named(partnership, "Children Org"))
    with pytest.raises(PermissionDenied):
        story_services.story_update(actor=None, record=made, membership=other, title="Mine now")
    for who, title in ((staff, "By the recorder"), (teller, "By the teller"), (lead, "By a lead")):
        story_services.story_update(actor=None, record=made, membership=who, title=title)
        made.refresh_from_db()
        assert made.title == title


def test_once_a_round_has_a_story_only_the_consent_changes(staff, lead, leading):
    first, second = story(staff, leading), story(staff, leading, title="Second")
    selection_round(lead, [first, second])
    with pytest.raises(ValidationError):
        story_services.story_update(actor=None, record=first, membership=staff, title="Rewritten")
    with pytest.raises(ValidationError):
        story_services.story_delete(actor=None, story=first, membership=staff)
    story_services.story_update(
        actor=None, record=first, membership=staff, title=first.title, consent_to_publish=False
    )
    first.refresh_from_db()
    assert first.consent_to_publish is False
    entry = AuditEntry.objects.filter(action="story.update").latest("id")
    assert entry.data["changes"] == {"consent_to_publish": {"from": True, "to": False}}


def test_a_story_no_round_has_can_be_deleted(staff, leading):
    made = story(staff, leading)
    story_services.story_delete(actor=None, story=made, membership=staff)
    assert not Story.objects.exists()


# Rounds


def test_a_round_reads_at_least_two_stories_of_its_domain_and_period(
    partnership, staff, lead, leading
):
    policy = domain(lead, "Policy")
    first = story(staff, leading)
    late = story(staff, leading, title="Late", told_on=dt.date(2025, 9, 1))
    other = story(staff, policy, title="Other domain")
    with pytest.raises(ValidationError) as raised:
        selection_round(lead, [first, late, other], in_domain=leading)
    assert "Late; Other domain" in raised.value.message_dict["stories"][0]
    with pytest.raises(ValidationError) as raised:
        selection_round(lead, [first], selectors=[])
    assert set(raised.value.message_dict) == {"stories", "selectors"}
    with pytest.raises(ValidationError) as raised:
        selection_round(lead, [first, other], starts_on=TOLD, ends_on=TOLD - dt.timedelta(days=1))
    assert "ends_on" in raised.value.message_dict
    made = selection_round(lead, [first, other])
    assert made.domain is None
    assert set(made.stories.all()) == {first, other}


def test_only_someone_who_manages_learning_runs_rounds(staff, lead, leading):
    stories = [story(staff, leading), story(staff, leading, title="Two")]
    with pytest.raises(PermissionDenied):
        selection_round(staff, stories)


def test_the_people_who_choose_are_members(staff, lead, leading, other_partnership):
    stories = [story(staff, leading), story(staff, leading, title="Two")]
    stranger = member_of(other_partnership, None)
    with pytest.raises(ValidationError) as raised:
        selection_round(lead, stories, selectors=[lead.person, stranger.person])
    assert "selectors" in raised.value.message_dict


def test_a_choice_records_the_groups_reasons(staff, lead, leading):
    first, second = story(staff, leading), story(staff, leading, title="Second")
    outside = story(staff, leading, title="Outside")
    made = selection_round(lead, [first, second])
    choose = round_services.round_choose
    with pytest.raises(ValidationError) as raised:
        choose(actor=None, selection_round=made, membership=lead, story=first, reasons="  ")
    assert "why the group chose" in raised.value.message_dict["reasons"][0]
    with pytest.raises(ValidationError):
        choose(actor=None, selection_round=made, membership=lead, story=outside, reasons="Yes")
    with pytest.raises(PermissionDenied):
        choose(actor=None, selection_round=made, membership=staff, story=first, reasons="Yes")
    choose(actor=None, selection_round=made, membership=lead, story=first, reasons="It shows trust")
    with pytest.raises(ValidationError):
        choose(actor=None, selection_round=made, membership=lead, story=first, reasons="Again")
    assert Selection.objects.get().reasons == "It shows trust"
    entry = AuditEntry.objects.get(action="round.choose")  # in the round's own history
    assert (entry.object_id, entry.data["reasons"]) == (str(made.pk), "It shows trust")


def test_a_chosen_story_stays_in_an_open_round(staff, lead, leading):
    first, second, third = (story(staff, leading, title=t) for t in ("One", "Two", "Three"))
    made = selection_round(lead, [first, second, third])
    round_services.round_choose(
        actor=None, selection_round=made, membership=lead, story=first, reasons="Because"
    )
    values: dict[str, Any] = {
        "name": "Renamed",
        "domain": None,
        "starts_on": made.starts_on,
        "ends_on": made.ends_on,
        "selectors": [lead.person],
    }
    with pytest.raises(ValidationError) as raised:
        round_services.round_update(
            actor=None, selection_round=made, membership=lead, stories=[second, third], **values
        )
    assert "One" in raised.value.message_dict["stories"][0]
    round_services.round_update(
        actor=None, selection_round=made, membership=lead, stories=[first, second], **values
    )
    made.refresh_from_db()
    assert made.name == "Renamed"
    assert set(made.stories.all()) == {first, second}


def test_a_round_closes_after_a_choice_and_then_stays_as_it_was(staff, lead, leading):
    first, second = story(staff, leading), story(staff, leading, title="Second")
    made = selection_round(lead, [first, second])
    with pytest.raises(ValidationError):
        round_services.round_close(actor=None, selection_round=made, membership=lead)
    selection = round_services.round_choose(
        actor=None, selection_round=made, membership=lead, story=first, reasons="Because"
    )
    round_services.round_close(actor=None, selection_round=made, membership=lead)
    made.refresh_from_db()
    assert made.is_closed
    with pytest.raises(ValidationError):
        round_services.round_choose(
            actor=None, selection_round=made, membership=lead, story=second, reasons="Late"
        )
    with pytest.raises(ValidationError):
        round_services.round_unchoose(actor=None, selection=selection, membership=lead)
    with pytest.raises(ValidationError):
        round_services.round_close(actor=None, selection_round=made, membership=lead)


def test_a_choice_taken_back_keeps_its_reasons_in_the_history(staff, lead, leading):
    first, second = story(staff, leading), story(staff, leading, title="Second")
    made = selection_round(lead, [first, second])
    selection = round_services.round_choose(
        actor=None, selection_round=made, membership=lead, story=first, reasons="By mistake"
    )
    round_services.round_unchoose(actor=None, selection=selection, membership=lead)
    assert not Selection.objects.exists()
    entry = AuditEntry.objects.get(action="round.unchoose")
    assert entry.data == {"story": first.title, "reasons": "By mistake"}
