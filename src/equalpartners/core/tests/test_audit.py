"""The audit log: every service write appends an entry naming the actor, the partnership, the
action, the object and what changed; entries can be neither changed nor deleted, by any route
the ORM offers; and the history is shown on the partnership's history page and on each
object's own page, with people's text escaped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from equalpartners.core.audit import audit_record, changed_fields
from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.core.selectors import audit_entries
from equalpartners.core.services import model_create, model_delete, model_update
from equalpartners.partnerships import services
from equalpartners.partnerships.models import Membership, Partner, RelatedInitiative
from equalpartners.testing import factories as f

# audit_record and changed_fields


def test_an_entry_records_actor_partnership_action_and_object(partnership, coordinator):
    initiative = f.RelatedInitiativeFactory(partnership=partnership, name="Leaders Forum")
    entry = audit_record(
        actor=coordinator,
        action="initiative.create",
        partnership=partnership,
        target=initiative,
        data={"name": "Leaders Forum"},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == coordinator
    assert entry.actor_name == coordinator.get_full_name()
    assert entry.partnership == partnership
    assert entry.action == "initiative.create"
    assert entry.content_type == ContentType.objects.get_for_model(RelatedInitiative)
    assert entry.object_id == str(initiative.pk)
    assert entry.object_repr == "Leaders Forum"
    assert entry.data == {"name": "Leaders Forum"}
    assert entry.created_at is not None


def test_an_anonymous_or_missing_actor_is_recorded_as_the_system(partnership):
    for actor in (None, AnonymousUser()):
        entry = audit_record(actor=actor, action="partnership.update", partnership=partnership)
        assert entry.actor is None
        assert entry.actor_name == ""
        assert "system" in str(entry)


def test_an_actor_without_a_full_name_is_recorded_by_username(partnership):
    user = f.UserFactory(first_name="", last_name="")
    entry = audit_record(actor=user, action="partnership.update", partnership=partnership)
    assert entry.actor_name == user.username


def test_data_is_stored_as_json_with_dates_decimals_and_objects_as_text(partnership):
    entry = audit_record(
        actor=None,
        action="x.update",
        partnership=partnership,
        data={"on": dt.date(2026, 3, 27), "amount": Decimal("1.50"), "who": partnership},
    )
    entry.refresh_from_db()
    assert entry.data == {"on": "2026-03-27", "amount": "1.50", "who": "Equal Partners Test"}


def test_a_long_object_name_is_shortened_to_fit(partnership):
    initiative = f.RelatedInitiativeFactory(partnership=partnership, name="n" * 200)
    initiative.name = "n" * 400  # longer than the column, as str() of any object might be
    entry = audit_record(actor=None, action="x", partnership=partnership, target=initiative)
    assert entry.object_repr == "n" * 300


def test_changed_fields_lists_only_what_differs(partnership):
    changes = changed_fields(
        partnership, {"name": "New name", "slug": partnership.slug, "is_public": False}
    )
    assert changes == {
        "name": {"from": "Equal Partners Test", "to": "New name"},
        "is_public": {"from": True, "to": False},
    }


# The building blocks every service uses


def test_model_create_validates_saves_and_audits(partnership, coordinator):
    initiative = model_create(
        RelatedInitiative(partnership=partnership, name="Forum", how_it_fits="Well"),
        actor=coordinator,
        action="initiative.create",
        partnership=partnership,
    )
    assert initiative.pk is not None
    entry = audit_entries(partnership=partnership, target=initiative).get()
    assert (entry.action, entry.actor) == ("initiative.create", coordinator)


def test_model_create_writes_nothing_when_invalid(partnership, coordinator):
    with pytest.raises(Exception, match="how_it_fits"):
        model_create(
            RelatedInitiative(partnership=partnership, name="Forum", how_it_fits=""),
            actor=coordinator,
            action="initiative.create",
            partnership=partnership,
        )
    assert not RelatedInitiative.objects.exists()
    assert not AuditEntry.objects.exists()


def test_model_update_saves_and_audits_only_the_changed_fields(partnership, coordinator):
    initiative = f.RelatedInitiativeFactory(partnership=partnership, name="Old", url="")
    model_update(
        initiative,
        actor=coordinator,
        action="initiative.update",
        partnership=partnership,
        values={"name": "New", "url": "", "how_it_fits": initiative.how_it_fits},
    )
    initiative.refresh_from_db()
    assert initiative.name == "New"
    entry = AuditEntry.objects.get()
    assert entry.data == {"changes": {"name": {"from": "Old", "to": "New"}}}


def test_model_update_with_nothing_changed_writes_no_entry(partnership, coordinator):
    initiative = f.RelatedInitiativeFactory(partnership=partnership, name="Same")
    model_update(
        initiative,
        actor=coordinator,
        action="initiative.update",
        partnership=partnership,
        values={"name": "Same"},
    )
    assert not AuditEntry.objects.exists()


def test_model_delete_keeps_a_record_of_what_was_deleted(partnership, coordinator):
    initiative = f.RelatedInitiativeFactory(partnership=partnership, name="Gone soon")
    pk = initiative.pk
    model_delete(initiative, actor=coordinator, action="initiative.delete", partnership=partnership)
    assert not RelatedInitiative.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get()
    assert (entry.object_id, entry.object_repr) == (str(pk), "Gone soon")
    assert entry.data == {"deleted": "Gone soon"}


# Every service write in the partnerships app leaves an entry


def _add_person(world):
    return services.person_add(
        actor=world["actor"],
        partnership=world["partnership"],
        name="Ann Other",
        email="ann@example.org",
        role=Role.STAFF,
    )


def _staff(world):
    person = f.PersonFactory(name="Sam Staff")
    return f.MembershipFactory(partnership=world["partnership"], person=person, role=Role.STAFF)


SERVICE_WRITES = {
    "partnership.update": lambda w: (
        services.partnership_update(actor=w["actor"], partnership=w["partnership"], name="Renamed"),
        {"changes": {"name": {"from": "Equal Partners Test", "to": "Renamed"}}},
    ),
    "link.create": lambda w: (
        services.public_link_add(
            actor=w["actor"],
            partnership=w["partnership"],
            label="Network",
            url="https://example.org/n",
        ),
        {},
    ),
    "link.delete": lambda w: (
        _deleted(
            services.public_link_delete,
            "link",
            f.PublicLinkFactory(partnership=w["partnership"], label="Old link"),
            w,
        ),
        {"deleted": "Old link"},
    ),
    "partner.create": lambda w: (
        services.partner_add(
            actor=w["actor"],
            partnership=w["partnership"],
            organisation=f.OrganisationFactory(name="New Org"),
            remit="Housing",
            aims="Homes",
        ),
        {"organisation": "New Org"},
    ),
    "partner.update": lambda w: (
        services.partner_update(
            actor=w["actor"],
            partner=Partner.objects.get(organisation__name="Leaders Org"),
            remit="Leading",
        ),
        {"changes": {"remit": {"from": "Leadership", "to": "Leading"}}},
    ),
    "membership.create": lambda w: (_add_person(w), {"role": "staff"}),
    "membership.change_role": lambda w: (
        services.membership_change_role(actor=w["actor"], membership=_staff(w), role=Role.GUEST),
        {"changes": {"role": {"from": "staff", "to": "guest"}}},
    ),
    "membership.delete": lambda w: (
        _deleted(services.membership_remove, "membership", _staff(w), w),
        {"deleted": "Sam Staff (Staff)"},
    ),
    "invitation.create": lambda w: (
        services.invitation_send(
            actor=w["actor"],
            partnership=w["partnership"],
            name="Ivy",
            email="ivy@example.org",
            role=Role.GUEST,
            accept_url_template="https://x/{token}/",
        ),
        {"email": "ivy@example.org", "role": "guest"},
    ),
    "invitation.revoke": lambda w: (
        services.invitation_revoke(
            actor=w["actor"], invitation=f.InvitationFactory(partnership=w["partnership"])
        ),
        None,
    ),
    "initiative.create": lambda w: (
        services.initiative_create(
            actor=w["actor"], partnership=w["partnership"], name="Forum", how_it_fits="Well"
        ),
        {},
    ),
    "initiative.update": lambda w: (
        services.initiative_update(
            actor=w["actor"],
            initiative=f.RelatedInitiativeFactory(partnership=w["partnership"], name="Forum"),
            name="Forum 2",
        ),
        {"changes": {"name": {"from": "Forum", "to": "Forum 2"}}},
    ),
    "initiative.delete": lambda w: (
        _deleted(
            services.initiative_delete,
            "initiative",
            f.RelatedInitiativeFactory(partnership=w["partnership"], name="Old"),
            w,
        ),
        {"deleted": "Old"},
    ),
}


def _deleted(service, keyword, instance, world):
    pk = instance.pk
    service(actor=world["actor"], **{keyword: instance})
    assert not type(instance).objects.filter(pk=pk).exists()
    instance.pk = pk  # Django clears it on delete; the entry still names the old row
    return instance


@pytest.mark.parametrize("action", SERVICE_WRITES)
def test_every_service_write_records_who_did_what_where(partnership, coordinator, action):
    world = {"partnership": partnership, "actor": coordinator}
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    target, expected_data = SERVICE_WRITES[action](world)
    entries = AuditEntry.objects.exclude(pk__in=before)
    entry = entries.get(action=action)
    assert entry.actor == coordinator
    assert entry.actor_name == coordinator.get_full_name()
    assert entry.partnership == partnership
    assert entry.content_type == ContentType.objects.get_for_model(type(target))
    assert entry.object_id == str(target.pk)
    if expected_data is not None:
        assert entry.data == expected_data
    else:
        assert set(entry.data["changes"]) == {"revoked_at"}


def test_creating_a_partnership_and_an_organisation_are_audited(coordinator):
    partnership = services.partnership_create(
        actor=coordinator, name="New", slug="new", purpose="To work together"
    )
    organisation = services.organisation_find_or_create(
        actor=coordinator, name="Org", sector="third"
    )
    created = AuditEntry.objects.get(action="partnership.create")
    assert (created.partnership, created.object_id) == (partnership, str(partnership.pk))
    org_entry = AuditEntry.objects.get(action="organisation.create")
    # Organisations are shared between partnerships, so the entry belongs to none.
    assert org_entry.partnership is None
    assert org_entry.object_id == str(organisation.pk)


def test_accepting_an_invitation_is_audited_as_the_new_member(partnership):
    invitation = f.InvitationFactory(
        partnership=partnership, email="new@example.org", name="New Member"
    )
    membership = services.invitation_accept(
        invitation=invitation, password="a long enough passphrase"
    )
    user = membership.person.user
    actions = set(AuditEntry.objects.filter(actor=user).values_list("action", flat=True))
    assert actions == {"person.create", "membership.create", "invitation.accept"}


# Append-only


@pytest.fixture
def entry(partnership, coordinator):
    return audit_record(
        actor=coordinator,
        action="partnership.update",
        partnership=partnership,
        target=partnership,
        data={"changes": {}},
    )


def test_an_existing_entry_cannot_be_saved_again(entry):
    entry.action = "something.else"
    with pytest.raises(TypeError, match="append-only"):
        entry.save()
    entry.refresh_from_db()
    assert entry.action == "partnership.update"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(TypeError, match="append-only"):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


BULK_WRITES = {
    "queryset update": lambda p, e: AuditEntry.objects.filter(pk=e.pk).update(action="rewritten"),
    "queryset delete": lambda p, e: AuditEntry.objects.all().delete(),
    "related update": lambda p, e: p.audit_entries.update(action="rewritten"),
    "related delete": lambda p, e: p.audit_entries.all().delete(),
    "bulk_update": lambda p, e: AuditEntry.objects.bulk_update(
        [AuditEntry(pk=e.pk, action="rewritten")], ["action"]
    ),
    "update_or_create": lambda p, e: AuditEntry.objects.update_or_create(
        pk=e.pk, defaults={"action": "rewritten"}
    ),
}


@pytest.mark.parametrize("write", BULK_WRITES)
def test_entries_cannot_be_rewritten_or_deleted_by_any_orm_route(entry, partnership, write):
    with pytest.raises(TypeError, match="append-only"), transaction.atomic():
        BULK_WRITES[write](partnership, entry)
    assert AuditEntry.objects.get(pk=entry.pk).action == "partnership.update"


def test_new_entries_can_still_be_appended(entry, partnership):
    AuditEntry.objects.create(partnership=partnership, action="partnership.update")
    AuditEntry.objects.bulk_create([AuditEntry(partnership=partnership, action="x.create")])
    assert AuditEntry.objects.count() == 3


def test_a_partnership_with_history_cannot_be_deleted(entry, partnership):
    with pytest.raises(ProtectedError):
        partnership.delete()


def test_deleting_the_actor_keeps_the_entry_and_their_name(entry, coordinator):
    name = coordinator.get_full_name()
    Membership.objects.filter(person__user=coordinator).delete()
    coordinator.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None
    assert entry.actor_name == name


# History pages


def _history_url(partnership):
    return reverse("partnerships:history", kwargs={"partnership_slug": partnership.slug})


def test_the_history_page_lists_changes_newest_first(client_as, partnership, coordinator):
    services.initiative_create(
        actor=coordinator, partnership=partnership, name="First one", how_it_fits="x"
    )
    services.initiative_create(
        actor=coordinator, partnership=partnership, name="Second one", how_it_fits="x"
    )
    response = client_as(partnership, Role.GUEST).get(_history_url(partnership))
    html = response.content.decode()
    assert response.status_code == 200
    assert "added related initiative ‘Second one’" in html
    assert html.index("Second one") < html.index("First one")
    assert coordinator.get_full_name() in html


def test_the_history_page_shows_only_this_partnerships_entries(
    client_as, partnership, other_partnership, coordinator
):
    services.initiative_create(
        actor=coordinator, partnership=other_partnership, name="Secret elsewhere", how_it_fits="x"
    )
    response = client_as(partnership, Role.COORDINATOR).get(_history_url(partnership))
    assert "Secret elsewhere" not in response.content.decode()


def test_a_partners_page_shows_its_own_history_with_what_changed(
    signed_in, partnership, coordinator
):
    partner = Partner.objects.get(organisation__name="Leaders Org")
    other = Partner.objects.get(organisation__name="Health Org")
    services.partner_update(actor=coordinator, partner=partner, remit="Leading together")
    services.partner_update(actor=coordinator, partner=other, remit="Wellbeing")
    response = signed_in.get(
        reverse(
            "partnerships:partner",
            kwargs={"partnership_slug": partnership.slug, "partner_id": partner.pk},
        )
    )
    html = response.content.decode()
    assert "changed partner ‘Leaders Org’" in html
    assert "Remit: Leadership → Leading together" in html
    assert "Wellbeing" not in html  # another partner's history is not this one's


def test_a_members_page_shows_their_role_changes(signed_in, partnership, coordinator):
    membership = f.MembershipFactory(
        partnership=partnership, role=Role.STAFF, person=f.PersonFactory(name="Rory Role")
    )
    services.membership_change_role(
        actor=coordinator, membership=membership, role=Role.BOARD_MEMBER
    )
    response = signed_in.get(
        reverse(
            "partnerships:member",
            kwargs={"partnership_slug": partnership.slug, "membership_id": membership.pk},
        )
    )
    html = response.content.decode()
    assert "changed the role of member ‘Rory Role (Board member)’" in html
    assert "Role: staff → board_member" in html


def test_text_in_the_history_is_escaped(signed_in, partnership, coordinator):
    services.initiative_create(
        actor=coordinator,
        partnership=partnership,
        name="<script>alert(1)</script>",
        how_it_fits="x",
    )
    html = signed_in.get(_history_url(partnership)).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_an_object_with_no_history_says_so(signed_in, partnership):
    partner = Partner.objects.get(organisation__name="Children Org")
    response = signed_in.get(
        reverse(
            "partnerships:partner",
            kwargs={"partnership_slug": partnership.slug, "partner_id": partner.pk},
        )
    )
    assert "No changes recorded yet." in response.content.decode()
