"""The partnerships services (except invitations, in ``test_invitations``): partnerships,
public links, organisations, partners, people and their roles, related initiatives. Each
service validates before it writes, so invalid input raises ``ValidationError`` naming the
field and leaves no row behind; a partnership always keeps a coordinator; and a member cannot
give a role that allows more than their own."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from equalpartners.core.capabilities import Role
from equalpartners.core.models import AuditEntry
from equalpartners.partnerships import services
from equalpartners.partnerships.models import (
    Membership,
    Organisation,
    Partner,
    Partnership,
    Person,
    PublicLink,
    RelatedInitiative,
)
from equalpartners.testing import factories as f


def _field_errors(excinfo):
    return excinfo.value.message_dict


# Partnerships


def test_partnership_create_writes_the_partnership(coordinator):
    partnership = services.partnership_create(
        actor=coordinator,
        name="New partnership",
        slug="new-one",
        purpose="Together",
        commitments=["Equality"],
        contact_email="hello@example.org",
        is_public=True,
        time_zone="Europe/Dublin",
    )
    partnership.refresh_from_db()
    assert (
        partnership.name,
        partnership.slug,
        partnership.commitments,
        partnership.is_public,
        partnership.time_zone,
    ) == ("New partnership", "new-one", ["Equality"], True, "Europe/Dublin")


def test_a_duplicate_slug_is_a_field_error_and_writes_nothing(partnership, coordinator):
    before = (Partnership.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        services.partnership_create(
            actor=coordinator, name="Copy", slug=partnership.slug, purpose="Again"
        )
    assert _field_errors(excinfo) == {"slug": ["Another partnership already uses this web address"]}
    assert (Partnership.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"slug": "Not A Slug!"}, "slug"),
        ({"name": ""}, "name"),
        ({"purpose": ""}, "purpose"),
        ({"purpose": "p" * 4001}, "purpose"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"name": "n" * 201}, "name"),
        ({"time_zone": "Mars/Base"}, "time_zone"),
    ],
)
def test_partnership_create_refuses_invalid_values(coordinator, values, field):
    arguments = {"name": "Name", "slug": "fine", "purpose": "Purpose", **values}
    before = Partnership.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.partnership_create(actor=coordinator, **arguments)
    assert list(_field_errors(excinfo)) == [field]
    assert Partnership.objects.count() == before


def test_partnership_update_changes_only_what_was_given(partnership, coordinator):
    services.partnership_update(
        actor=coordinator, partnership=partnership, name="Renamed", commitments=["One", "Two"]
    )
    partnership.refresh_from_db()
    assert partnership.name == "Renamed"
    assert partnership.commitments == ["One", "Two"]
    assert partnership.slug == "ept"


def test_partnership_update_refuses_invalid_values_and_keeps_the_old_ones(partnership, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.partnership_update(
            actor=coordinator, partnership=partnership, name="Renamed", purpose="x" * 5000
        )
    assert list(_field_errors(excinfo)) == ["purpose"]
    fresh = Partnership.objects.get(pk=partnership.pk)
    assert fresh.name == "Equal Partners Test"
    assert not AuditEntry.objects.exists()


def test_partnership_update_refuses_an_unknown_time_zone(partnership, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.partnership_update(
            actor=coordinator, partnership=partnership, time_zone="Europe/Atlantis"
        )
    assert _field_errors(excinfo) == {
        "time_zone": ["'Europe/Atlantis' is not a time zone we know. Enter one like Europe/London"]
    }
    assert Partnership.objects.get(pk=partnership.pk).time_zone == "Europe/London"


def test_public_links_are_added_and_removed(partnership, coordinator):
    link = services.public_link_add(
        actor=coordinator,
        partnership=partnership,
        label="Network",
        url="https://example.org/network",
    )
    assert list(PublicLink.objects.filter(partnership=partnership)) == [link]
    services.public_link_delete(actor=coordinator, link=link)
    assert not PublicLink.objects.exists()


def test_a_public_link_must_be_a_web_address(partnership, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.public_link_add(
            actor=coordinator, partnership=partnership, label="Bad", url="javascript:alert(1)"
        )
    assert "url" in _field_errors(excinfo)
    assert not PublicLink.objects.exists()


# Organisations and partners


def test_an_organisation_is_found_by_name_whatever_the_letter_case(db, coordinator):
    first = services.organisation_find_or_create(
        actor=coordinator, name="  Health Scotland ", sector="public"
    )
    again = services.organisation_find_or_create(
        actor=coordinator, name="HEALTH SCOTLAND", sector="third"
    )
    assert again == first
    assert first.name == "Health Scotland"
    assert Organisation.objects.filter(name__iexact="health scotland").count() == 1
    assert first.sector == "public"


def test_an_organisation_needs_a_known_sector(db, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_find_or_create(actor=coordinator, name="Org", sector="pirate")
    assert "sector" in _field_errors(excinfo)


def test_partner_add_makes_the_organisation_a_partner(partnership, coordinator):
    organisation = f.OrganisationFactory(name="Housing Org")
    partner = services.partner_add(
        actor=coordinator,
        partnership=partnership,
        organisation=organisation,
        remit="Housing",
        aims="Homes for all",
        joined_on=dt.date(2025, 6, 1),
    )
    partner.refresh_from_db()
    assert (
        partner.partnership,
        partner.organisation,
        partner.remit,
        partner.aims,
        partner.joined_on,
    ) == (partnership, organisation, "Housing", "Homes for all", dt.date(2025, 6, 1))


def test_a_partner_joins_today_unless_told_otherwise(partnership, coordinator):
    partner = services.partner_add(
        actor=coordinator,
        partnership=partnership,
        organisation=f.OrganisationFactory(),
        remit="R",
        aims="A",
    )
    assert partner.joined_on == timezone.localdate()


def test_an_organisation_is_a_partner_only_once(partnership, coordinator):
    existing = Partner.objects.get(organisation__name="Leaders Org")
    with pytest.raises(ValidationError) as excinfo:
        services.partner_add(
            actor=coordinator,
            partnership=partnership,
            organisation=existing.organisation,
            remit="Again",
            aims="Again",
        )
    assert _field_errors(excinfo) == {NON_FIELD_ERRORS: ["This organisation is already a partner"]}
    assert Partner.objects.filter(partnership=partnership).count() == 3


def test_the_same_organisation_may_be_a_partner_in_another_partnership(
    partnership, other_partnership, coordinator
):
    organisation = Partner.objects.get(organisation__name="Leaders Org").organisation
    services.partner_add(
        actor=coordinator,
        partnership=other_partnership,
        organisation=organisation,
        remit="R",
        aims="A",
    )
    assert organisation.partnerships.count() == 2


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [
        ("remit", 121, 120),
        ("aims", 4001, 4000),
        ("policy_context", 4001, 4000),
        ("leadership_style", 4001, 4000),
    ],
)
def test_partner_text_longer_than_allowed_is_a_field_message(
    partnership, coordinator, field, length, limit
):
    values = {"remit": "R", "aims": "A", field: "x" * length}
    with pytest.raises(ValidationError) as excinfo:
        services.partner_add(
            actor=coordinator,
            partnership=partnership,
            organisation=f.OrganisationFactory(name="Wordy Org"),
            **values,
        )
    assert _field_errors(excinfo) == {
        field: [f"Ensure this value has at most {limit} characters (it has {length})."]
    }
    assert not Partner.objects.filter(organisation__name="Wordy Org").exists()

    partner = Partner.objects.get(organisation__name="Leaders Org")
    with pytest.raises(ValidationError) as excinfo:
        services.partner_update(actor=coordinator, partner=partner, **{field: "x" * length})
    assert list(_field_errors(excinfo)) == [field]
    partner.refresh_from_db()
    assert getattr(partner, field) != "x" * length


def test_partner_update_changes_the_description(partnership, coordinator):
    partner = Partner.objects.get(organisation__name="Children Org")
    services.partner_update(
        actor=coordinator,
        partner=partner,
        remit="Children and families",
        leadership_style="Listening first",
    )
    partner.refresh_from_db()
    assert (partner.remit, partner.leadership_style) == ("Children and families", "Listening first")


def test_partner_update_may_not_empty_a_required_field(partnership, coordinator):
    partner = Partner.objects.get(organisation__name="Children Org")
    with pytest.raises(ValidationError) as excinfo:
        services.partner_update(actor=coordinator, partner=partner, aims="")
    assert _field_errors(excinfo) == {"aims": ["This field cannot be blank."]}
    assert Partner.objects.get(pk=partner.pk).aims == "To lead well."


# People and memberships


def test_person_add_records_the_person_and_their_role(partnership, coordinator):
    organisation = Partner.objects.get(organisation__name="Health Org").organisation
    membership = services.person_add(
        actor=coordinator,
        partnership=partnership,
        name="Ann Other",
        email="  Ann.Other@Example.org ",
        role=Role.BOARD_MEMBER,
        organisation=organisation,
        job_title="Chair",
    )
    person = membership.person
    assert (person.name, person.email, person.organisation, person.job_title) == (
        "Ann Other",
        "ann.other@example.org",
        organisation,
        "Chair",
    )
    assert (membership.partnership, membership.role) == (partnership, Role.BOARD_MEMBER)


def test_person_add_finds_someone_already_recorded_by_email(
    partnership, other_partnership, coordinator
):
    first = services.person_add(
        actor=coordinator,
        partnership=other_partnership,
        name="Ann Other",
        email="ann@example.org",
        role=Role.GUEST,
    )
    second = services.person_add(
        actor=coordinator,
        partnership=partnership,
        name="A. Other",
        email="ANN@example.org",
        role=Role.STAFF,
    )
    assert second.person == first.person
    assert Person.objects.filter(email="ann@example.org").count() == 1


@pytest.mark.parametrize("email", ["not an email", "ann@", "@example.org", ""])
def test_an_invalid_email_is_a_field_message_and_nobody_is_recorded(
    partnership, coordinator, email
):
    before = (Person.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        services.person_add(
            actor=coordinator, partnership=partnership, name="Ann", email=email, role=Role.STAFF
        )
    assert "email" in _field_errors(excinfo)
    assert (
        Person.objects.count(),
        Membership.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_someone_already_a_member_cannot_be_added_again(partnership, coordinator):
    services.person_add(
        actor=coordinator,
        partnership=partnership,
        name="Ann",
        email="ann@example.org",
        role=Role.STAFF,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.person_add(
            actor=coordinator,
            partnership=partnership,
            name="Ann",
            email="ann@example.org",
            role=Role.GUEST,
        )
    assert _field_errors(excinfo) == {
        NON_FIELD_ERRORS: ["This person is already a member of the partnership"]
    }
    assert Membership.objects.get(person__email="ann@example.org").role == Role.STAFF


def test_person_add_refuses_an_unknown_role(partnership, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.person_add(
            actor=coordinator,
            partnership=partnership,
            name="Ann",
            email="ann@example.org",
            role="emperor",
        )
    assert "role" in _field_errors(excinfo)
    assert not Person.objects.filter(email="ann@example.org").exists()


@pytest.fixture
def member(partnership):
    """``member(role, name)`` -> a membership in the fixture partnership."""

    def make(role, name="Someone"):
        return f.MembershipFactory(
            partnership=partnership, role=role, person=f.PersonFactory(name=name)
        )

    return make


def test_a_role_can_be_changed(partnership, coordinator, member):
    staff = member(Role.STAFF)
    services.membership_change_role(actor=coordinator, membership=staff, role=Role.PARTNER_LEAD)
    assert Membership.objects.get(pk=staff.pk).role == Role.PARTNER_LEAD


def test_the_last_coordinator_cannot_be_demoted(partnership, coordinator):
    own = Membership.objects.get(person__user=coordinator)
    with pytest.raises(ValidationError) as excinfo:
        services.membership_change_role(actor=coordinator, membership=own, role=Role.STAFF)
    assert _field_errors(excinfo) == {
        "role": [
            "A partnership needs at least one coordinator. Make someone else coordinator first."
        ]
    }
    assert Membership.objects.get(pk=own.pk).role == Role.COORDINATOR


def test_the_last_coordinator_cannot_be_removed(partnership, coordinator):
    own = Membership.objects.get(person__user=coordinator)
    with pytest.raises(ValidationError, match="at least one coordinator"):
        services.membership_remove(actor=coordinator, membership=own)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_coordinator_may_step_down_once_there_is_another(partnership, coordinator, member):
    member(Role.COORDINATOR, "Second Coordinator")
    own = Membership.objects.get(person__user=coordinator)
    services.membership_change_role(actor=coordinator, membership=own, role=Role.STAFF)
    assert Membership.objects.get(pk=own.pk).role == Role.STAFF
    # Now the other is the last one.
    last = Membership.objects.get(role=Role.COORDINATOR)
    with pytest.raises(ValidationError):
        services.membership_remove(actor=coordinator, membership=last)


def test_a_coordinator_in_another_partnership_does_not_count(
    partnership, other_partnership, coordinator, make_member
):
    make_member(other_partnership, Role.COORDINATOR)
    own = Membership.objects.get(person__user=coordinator)
    with pytest.raises(ValidationError):
        services.membership_remove(actor=coordinator, membership=own)


def test_removing_a_member_deletes_the_membership_but_keeps_the_person(
    partnership, coordinator, member
):
    staff = member(Role.STAFF, "Leaving Person")
    services.membership_remove(actor=coordinator, membership=staff)
    assert not Membership.objects.filter(pk=staff.pk).exists()
    assert Person.objects.filter(name="Leaving Person").exists()


def test_a_partner_lead_cannot_make_anyone_a_coordinator(partnership, make_member, member):
    lead_user = make_member(partnership, Role.PARTNER_LEAD)
    lead = Membership.objects.get(person__user=lead_user)
    staff = member(Role.STAFF)
    for target in (lead, staff):
        with pytest.raises(ValidationError) as excinfo:
            services.membership_change_role(
                actor=lead_user, membership=target, role=Role.COORDINATOR
            )
        assert _field_errors(excinfo) == {
            "role": [
                "Your role cannot give the coordinator role, because it allows more than your "
                "own role does"
            ]
        }
        assert Membership.objects.get(pk=target.pk).role == target.role
    with pytest.raises(ValidationError, match="cannot give the coordinator role"):
        services.person_add(
            actor=lead_user,
            partnership=partnership,
            name="New",
            email="new@example.org",
            role=Role.COORDINATOR,
        )
    assert not Person.objects.filter(email="new@example.org").exists()


def test_a_partner_lead_cannot_demote_or_remove_a_coordinator(
    partnership, coordinator, make_member, member
):
    member(Role.COORDINATOR, "Second Coordinator")  # so the last-coordinator rule is not why
    lead_user = make_member(partnership, Role.PARTNER_LEAD)
    own = Membership.objects.get(person__user=coordinator)
    with pytest.raises(ValidationError, match="cannot change or remove a coordinator"):
        services.membership_change_role(actor=lead_user, membership=own, role=Role.GUEST)
    with pytest.raises(ValidationError, match="cannot change or remove a coordinator"):
        services.membership_remove(actor=lead_user, membership=own)
    assert Membership.objects.get(pk=own.pk).role == Role.COORDINATOR


def test_a_partner_lead_manages_the_roles_within_their_own(partnership, make_member, member):
    lead_user = make_member(partnership, Role.PARTNER_LEAD)
    staff = member(Role.STAFF)
    services.membership_change_role(actor=lead_user, membership=staff, role=Role.PARTNER_LEAD)
    services.membership_change_role(actor=lead_user, membership=staff, role=Role.GUEST)
    added = services.person_add(
        actor=lead_user,
        partnership=partnership,
        name="New",
        email="new@example.org",
        role=Role.PARTNER_LEAD,
    )
    services.membership_remove(actor=lead_user, membership=added)
    assert Membership.objects.get(pk=staff.pk).role == Role.GUEST


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks and a second connection (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_demoted_at_once_cannot_leave_the_partnership_without_one(
    partnership, coordinator, make_member
):
    second_user = make_member(partnership, Role.COORDINATOR)
    first = Membership.objects.get(person__user=coordinator)
    second = Membership.objects.get(person__user=second_user)
    outcome = {}

    def demote_second():
        try:
            with scopes_disabled():
                services.membership_change_role(
                    actor=second_user, membership=second, role=Role.STAFF
                )
            outcome["second"] = "demoted"
        except ValidationError:
            outcome["second"] = "refused"
        finally:
            connection.close()

    with transaction.atomic():
        services.membership_change_role(actor=coordinator, membership=first, role=Role.STAFF)
        other = threading.Thread(target=demote_second)
        other.start()
        other.join(timeout=1)  # it must wait for our transaction, not decide without it
        assert other.is_alive()
    other.join(timeout=10)
    assert outcome == {"second": "refused"}
    assert Membership.objects.filter(partnership=partnership, role=Role.COORDINATOR).count() == 1


# Related initiatives


def test_initiatives_are_created_updated_and_deleted(partnership, coordinator):
    initiative = services.initiative_create(
        actor=coordinator,
        partnership=partnership,
        name="Leaders Forum",
        how_it_fits="We share learning",
        url="https://example.org/forum",
    )
    assert list(RelatedInitiative.objects.filter(partnership=partnership)) == [initiative]
    services.initiative_update(actor=coordinator, initiative=initiative, name="Forum", url="")
    initiative.refresh_from_db()
    assert (initiative.name, initiative.url, initiative.how_it_fits) == (
        "Forum",
        "",
        "We share learning",
    )
    services.initiative_delete(actor=coordinator, initiative=initiative)
    assert not RelatedInitiative.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"how_it_fits": ""}, "how_it_fits"),
        ({"how_it_fits": "x" * 4001}, "how_it_fits"),
        ({"url": "not a url"}, "url"),
    ],
)
def test_an_invalid_initiative_is_refused(partnership, coordinator, values, field):
    arguments = {"name": "Forum", "how_it_fits": "Fits", **values}
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_create(actor=coordinator, partnership=partnership, **arguments)
    assert list(_field_errors(excinfo)) == [field]
    assert not RelatedInitiative.objects.exists()
