"""The learning log's services: what a reflection must say, who may write, change and delete
it, who may choose it for the report, and what the partnership's history keeps of it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.learning import services
from equalpartners.learning.models import TEXT_LIMIT, Reflection
from equalpartners.testing import factories as f

from .builders import member_of, partner_named, reflection

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(partnership):
    return member_of(partnership, partner_named(partnership, "Children Org"))


@pytest.fixture
def lead(partnership):
    return member_of(partnership, partner_named(partnership, "Leaders Org"), Role.PARTNER_LEAD)


def test_a_member_who_takes_part_adds_a_reflection_as_its_author(staff):
    made = reflection(staff, "partner", what_was_hard="  Finding a date.  ")
    assert made.author == staff.person
    assert made.partner is not None
    assert made.partner.organisation.name == "Children Org"
    assert made.what_was_hard == "Finding a date."
    assert made.for_report is False


def test_a_reflection_answers_at_least_one_of_the_three_questions(staff):
    with pytest.raises(ValidationError) as raised:
        reflection(staff, what_worked="  ", what_was_hard="", do_differently="")
    assert "at least one" in raised.value.message_dict["what_worked"][0]
    assert not Reflection.objects.exists()


def test_a_reflection_needs_a_title_and_text_within_the_limit(staff):
    with pytest.raises(ValidationError) as raised:
        reflection(staff, title=" ", what_worked="x" * (TEXT_LIMIT + 1))
    assert set(raised.value.message_dict) == {"title", "what_worked"}


def test_only_someone_whose_organisation_is_a_partner_keeps_a_reflection_within_it(partnership):
    public_servant = member_of(partnership, None, Role.PUBLIC_PARTNER)
    with pytest.raises(ValidationError) as raised:
        reflection(public_servant, "partner")
    assert "not a partner here" in raised.value.message_dict["visibility"][0]
    assert reflection(public_servant, "partnership").partner is None


def test_a_guest_cannot_add_a_reflection(partnership):
    guest = member_of(partnership, None, Role.GUEST)
    with pytest.raises(PermissionDenied):
        reflection(guest)


def test_a_member_of_another_partnership_cannot_write_into_this_one(partnership, other_partnership):
    stranger = member_of(other_partnership, None)
    with pytest.raises(PermissionDenied):
        services.reflection_create(
            actor=None,
            partnership=partnership,
            membership=stranger,
            title="Sneaking in",
            what_worked="Nothing.",
        )


def test_links_must_be_records_of_the_same_partnership(staff, partnership, other_partnership):
    ours = f.ActivityFactory(partnership=partnership)
    theirs = f.ActivityFactory(partnership=other_partnership)
    with pytest.raises(ValidationError) as raised:
        reflection(staff, activities=[ours, theirs])
    assert "activities" in raised.value.message_dict
    decision = f.DecisionFactory(partnership=partnership)
    made = reflection(staff, activities=[ours], decisions=[decision])
    assert list(made.activities.all()) == [ours]
    assert list(made.decisions.all()) == [decision]


def test_only_the_author_changes_or_deletes_a_reflection(staff, partnership):
    made = reflection(staff)
    colleague = member_of(partnership, partner_named(partnership, "Children Org"))
    values = {
        "title": "Changed",
        "what_worked": "x",
        "what_was_hard": "",
        "do_differently": "",
        "visibility": "partnership",
    }
    with pytest.raises(PermissionDenied):
        services.reflection_update(actor=None, reflection=made, membership=colleague, **values)
    with pytest.raises(PermissionDenied):
        services.reflection_delete(actor=None, reflection=made, membership=colleague)
    services.reflection_update(actor=None, reflection=made, membership=staff, **values)
    made.refresh_from_db()
    assert made.title == "Changed"
    services.reflection_delete(actor=None, reflection=made, membership=staff)
    assert not Reflection.objects.exists()


def test_someone_who_manages_learning_chooses_public_reflections_only(staff, lead):
    shared = reflection(staff, "partnership")
    with pytest.raises(ValidationError) as raised:
        services.reflection_choose_for_report(
            actor=None, reflection=shared, membership=lead, for_report=True
        )
    assert "Only public reflections" in raised.value.messages[0]
    public = reflection(staff, "public")
    with pytest.raises(PermissionDenied):
        services.reflection_choose_for_report(
            actor=None, reflection=public, membership=staff, for_report=True
        )
    services.reflection_choose_for_report(
        actor=None, reflection=public, membership=lead, for_report=True
    )
    public.refresh_from_db()
    assert public.for_report is True


def test_a_reflection_made_private_leaves_the_report(staff, lead):
    public = reflection(staff, "public")
    services.reflection_choose_for_report(
        actor=None, reflection=public, membership=lead, for_report=True
    )
    services.reflection_update(
        actor=None,
        reflection=public,
        membership=staff,
        title=public.title,
        what_worked=public.what_worked,
        what_was_hard="",
        do_differently="",
        visibility="partner",
    )
    public.refresh_from_db()
    assert (public.visibility, public.for_report) == ("partner", False)
    entry = AuditEntry.objects.filter(action="reflection.update").get()
    assert entry.data["left_the_report"] is True
    assert entry.data["changes"]["visibility"] == {"from": "public", "to": "partner"}


def test_the_database_refuses_a_non_public_reflection_in_the_report(staff):
    made = reflection(staff, "partnership")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reflection.objects.filter(pk=made.pk).update(for_report=True)


def test_the_history_never_holds_what_a_reflection_says(staff):
    made = reflection(staff, "partner", title="Our budget worries", what_worked="Secret words")
    services.reflection_update(
        actor=None,
        reflection=made,
        membership=staff,
        title="Our budget worries, again",
        what_worked="More secret words",
        what_was_hard="",
        do_differently="",
        visibility="partner",
    )
    services.reflection_delete(actor=None, reflection=made, membership=staff)
    entries = AuditEntry.objects.filter(action__startswith="reflection.")
    assert [e.action for e in entries.order_by("id")] == [
        "reflection.create",
        "reflection.update",
        "reflection.delete",
    ]
    text = " ".join(f"{e.object_repr} {e.data}" for e in entries)
    assert "budget" not in text
    assert "secret" not in text.lower()
    assert entries.filter(actor_name=staff.person.name).count() == 3
