"""Invitations from end to end: sending emails a single-use link once the transaction commits,
only a hash of the token is stored, and accepting works once, before it expires and unless it
was withdrawn, making (or linking) the account, the person and the membership. Tested through
the services and through the pages a coordinator and the invited person use."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from equalpartners.core.capabilities import Role
from equalpartners.partnerships import services
from equalpartners.partnerships.models import Invitation, Membership, Organisation, Person
from equalpartners.testing import factories as f
from equalpartners.testing.fixtures import MODEL_BACKEND

ACCEPT_URL = "https://ep.example.org/invitations/{token}/"
PASSWORD = "correct horse battery staple"
User = get_user_model()


def _token_in(message):
    match = re.search(r"/invitations/([^/\s]+)/", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def send(partnership, coordinator, django_capture_on_commit_callbacks):
    """``send(email, role=...)`` -> (invitation, token), the email delivered as on commit."""

    def send(email="new.person@example.org", role=Role.STAFF, name="New Person", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = services.invitation_send(
                actor=coordinator,
                partnership=partnership,
                name=name,
                email=email,
                role=role,
                accept_url_template=ACCEPT_URL,
                **extra,
            )
        return invitation, _token_in(mail.outbox[-1])

    return send


# Sending


def test_sending_emails_a_link_to_the_invited_person(partnership, coordinator, send):
    invitation, token = send("New.Person@Example.org", role=Role.BOARD_MEMBER)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"]
    assert message.subject == "You are invited to join Equal Partners Test on Equal Partners"
    assert f"https://ep.example.org/invitations/{token}/" in message.body
    assert "Hello New Person" in message.body
    assert f"{coordinator.get_full_name()} has invited you" in message.body
    assert "as board member" in message.body
    assert "within 14 days" in message.body
    assert invitation.email == "new.person@example.org"
    assert invitation.invited_by == coordinator


def test_the_email_is_sent_only_when_the_transaction_commits(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.invitation_send(
            actor=coordinator,
            partnership=partnership,
            name="N",
            email="n@example.org",
            role=Role.STAFF,
            accept_url_template=ACCEPT_URL,
        )
        assert mail.outbox == []
    assert mail.outbox == []  # the test's transaction never committed
    assert len(callbacks) == 1
    callbacks[0]()
    assert [m.to for m in mail.outbox] == [["n@example.org"]]


def test_only_a_hash_of_the_token_is_stored(send):
    invitation, token = send()
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert len(token) >= 40  # 32 random bytes


def test_each_invitation_gets_its_own_token(send):
    _, first = send("a@example.org")
    _, second = send("b@example.org")
    assert first != second


def test_an_invitation_expires_after_the_configured_days(send, settings):
    settings.INVITATION_VALID_DAYS = 3
    before = timezone.now()
    invitation, _ = send()
    assert before + dt.timedelta(days=3) <= invitation.expires_at
    assert invitation.expires_at <= timezone.now() + dt.timedelta(days=3)


def test_a_current_member_cannot_be_invited(partnership, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.invitation_send(
            actor=coordinator,
            partnership=partnership,
            name="Me",
            email=coordinator.email.upper(),
            role=Role.STAFF,
            accept_url_template=ACCEPT_URL,
        )
    assert excinfo.value.message_dict == {
        "email": ["This person is already a member of the partnership"]
    }
    assert not Invitation.objects.exists()


def test_an_invalid_email_address_is_refused(partnership, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.invitation_send(
            actor=coordinator,
            partnership=partnership,
            name="X",
            email="not-an-address",
            role=Role.STAFF,
            accept_url_template=ACCEPT_URL,
        )
    assert list(excinfo.value.message_dict) == ["email"]
    assert not Invitation.objects.exists()


def test_a_partner_lead_cannot_invite_a_coordinator(partnership, make_member):
    lead = make_member(partnership, Role.PARTNER_LEAD)
    with pytest.raises(ValidationError, match="cannot give the coordinator role"):
        services.invitation_send(
            actor=lead,
            partnership=partnership,
            name="X",
            email="x@example.org",
            role=Role.COORDINATOR,
            accept_url_template=ACCEPT_URL,
        )
    assert not Invitation.objects.exists()


# Accepting, through the service


def test_accepting_makes_the_account_the_person_and_the_membership(partnership, send):
    organisation = f.OrganisationFactory(name="Newcomers Ltd")
    invitation, token = send(
        "new.person@example.org",
        role=Role.BOARD_MEMBER,
        name="New Person",
        organisation=organisation,
    )
    found = services.invitation_by_token(token)
    assert found == invitation
    membership = services.invitation_accept(invitation=found, password=PASSWORD)
    user = User.objects.get(username="new.person@example.org")
    assert (user.email, user.first_name, user.last_name) == (
        "new.person@example.org",
        "New",
        "Person",
    )
    assert user.check_password(PASSWORD)
    person = Person.objects.get(user=user)
    assert (person.name, person.email, person.organisation) == (
        "New Person",
        "new.person@example.org",
        organisation,
    )
    assert membership == Membership.objects.get(person=person, partnership=partnership)
    assert membership.role == Role.BOARD_MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_invitation_works_only_once(send):
    invitation, _ = send()
    services.invitation_accept(invitation=invitation, password=PASSWORD)
    with pytest.raises(ValidationError) as excinfo:
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert excinfo.value.messages == ["This invitation has expired or has already been used."]
    assert Membership.objects.filter(person__email=invitation.email).count() == 1


def test_an_expired_invitation_cannot_be_accepted(partnership):
    invitation = f.InvitationFactory(
        partnership=partnership, expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="expired or has already been used"):
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert not User.objects.filter(username=invitation.email).exists()


def test_a_withdrawn_invitation_cannot_be_accepted(partnership, coordinator, send):
    invitation, _ = send()
    services.invitation_revoke(actor=coordinator, invitation=invitation)
    with pytest.raises(ValidationError, match="expired or has already been used"):
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert not User.objects.filter(username=invitation.email).exists()


def test_an_unknown_token_finds_nothing(send):
    send()
    assert services.invitation_by_token("not-the-token") is None


def test_a_weak_password_is_refused_and_nothing_is_made(send):
    invitation, _ = send()
    with pytest.raises(ValidationError) as excinfo:
        services.invitation_accept(invitation=invitation, password="short")
    assert list(excinfo.value.message_dict) == ["password"]
    assert not User.objects.filter(username=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_someone_with_an_account_is_asked_to_sign_in_first(send):
    f.UserFactory(username="new.person@example.org")
    invitation, _ = send("new.person@example.org")
    with pytest.raises(ValidationError) as excinfo:
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert "Sign in first" in excinfo.value.message_dict["password"][0]


def test_a_signed_in_user_is_linked_to_the_person_already_recorded(partnership, coordinator, send):
    # Recorded in another partnership, without an account yet.
    person = f.PersonFactory(email="known@example.org", name="Known Person")
    user = f.UserFactory(username="known@example.org")
    invitation, _ = send("known@example.org")
    membership = services.invitation_accept(invitation=invitation, user=user)
    person.refresh_from_db()
    assert person.user == user
    assert membership.person == person
    assert Person.objects.filter(email="known@example.org").count() == 1


def test_a_member_elsewhere_joins_as_themselves_whatever_address_was_invited(
    partnership, other_partnership, make_member, send
):
    user = make_member(other_partnership, Role.STAFF)
    own = Person.objects.get(user=user)
    invitation, _ = send("work.address@example.org")  # not the address on their record
    membership = services.invitation_accept(invitation=invitation, user=user)
    assert membership.person == own
    assert membership.partnership == partnership
    assert not Person.objects.filter(email="work.address@example.org").exists()


def test_an_invitation_to_someone_elses_recorded_address_is_refused(partnership, send):
    owner = f.UserFactory()
    f.PersonFactory(email="taken@example.org", user=owner)
    intruder = f.UserFactory()
    invitation, _ = send("taken@example.org")
    with pytest.raises(ValidationError, match="someone else's email address"):
        services.invitation_accept(invitation=invitation, user=intruder)
    assert not Membership.objects.filter(
        partnership=partnership, person__email="taken@example.org"
    ).exists()


def test_an_invitation_still_works_when_the_inviter_has_left(partnership):
    invitation = f.InvitationFactory(partnership=partnership, invited_by=None)
    membership = services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert membership.partnership == partnership


# Through the pages


def _people_url(partnership):
    return reverse("partnerships:people", kwargs={"partnership_slug": partnership.slug})


def _invite_url(partnership):
    return reverse("partnerships:invite", kwargs={"partnership_slug": partnership.slug})


def test_a_coordinator_invites_and_the_person_joins_with_the_emailed_link(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            _invite_url(partnership),
            {
                "name": "Nina New",
                "email": "nina@example.org",
                "organisation_name": "Nina Org",
                "sector": "",
                "role": Role.STAFF,
            },
        )
    assert response.status_code == 302
    assert response["Location"] == _people_url(partnership)
    people_page = signed_in.get(_people_url(partnership)).content.decode()
    assert "Invitation sent to nina@example.org" in people_page
    assert "Nina New (nina@example.org), as Staff" in people_page
    token = _token_in(mail.outbox[0])
    link = reverse("invitation-accept", kwargs={"token": token})
    assert f"http://testserver{link}" in mail.outbox[0].body

    visitor = Client()
    page = visitor.get(link)
    assert page.status_code == 200
    assertContains(page, "Join Equal Partners Test")
    assertContains(page, "You have been invited as <strong>Staff</strong> from Nina Org")

    response = visitor.post(link, {"password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    user = User.objects.get(username="nina@example.org")
    assert int(visitor.session["_auth_user_id"]) == user.pk
    membership = Membership.objects.get(person__user=user)
    assert (membership.partnership, membership.role) == (partnership, Role.STAFF)
    assert membership.person.organisation == Organisation.objects.get(name="Nina Org")
    assert Organisation.objects.get(name="Nina Org").sector == "third"  # the form's default

    again = Client().get(link)
    assert again.status_code == 410
    assertContains(again, "This invitation no longer works", status_code=410)


def test_mismatched_passwords_are_shown_beside_the_field_and_nobody_joins(partnership, send):
    invitation, token = send()
    link = reverse("invitation-accept", kwargs={"token": token})
    response = Client().post(link, {"password": PASSWORD, "password_again": "different"})
    assert response.status_code == 200
    assertContains(response, "The two passwords are not the same")
    assertContains(response, '<a href="#id_password_again">')
    response = Client().post(link, {"password": "short", "password_again": "short"})
    assertContains(response, "This password is too short")
    assert not User.objects.filter(username=invitation.email).exists()


def test_a_signed_in_member_accepts_without_choosing_a_password(
    partnership, other_partnership, make_member, send
):
    user = make_member(other_partnership, Role.STAFF)
    _, token = send("someone@example.org")
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    link = reverse("invitation-accept", kwargs={"token": token})
    page = client.get(link)
    assertContains(page, f"You are signed in as {user.username}")
    assert page.context["form"] is None
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.filter(partnership=partnership, person__user=user).exists()


@pytest.mark.parametrize("state", ["expired", "withdrawn", "unknown"])
def test_an_unusable_link_says_it_no_longer_works(partnership, coordinator, send, state):
    invitation, token = send()
    if state == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - dt.timedelta(minutes=1)
        )
    elif state == "withdrawn":
        services.invitation_revoke(actor=coordinator, invitation=invitation)
    else:
        token = "x" + token
    link = reverse("invitation-accept", kwargs={"token": token})
    for response in (
        Client().get(link),
        Client().post(link, {"password": PASSWORD, "password_again": PASSWORD}),
    ):
        assert response.status_code == 410
        assertContains(
            response, "Ask the person who invited you to send a new one", status_code=410
        )
    assert not User.objects.filter(username=invitation.email).exists()


def test_a_coordinator_withdraws_an_invitation(signed_in, partnership, send):
    invitation, _ = send()
    url = reverse(
        "partnerships:invitation-revoke",
        kwargs={"partnership_slug": partnership.slug, "invitation_id": invitation.pk},
    )
    assert signed_in.get(url).status_code == 405
    response = signed_in.post(url, follow=True)
    assertContains(response, f"Invitation for {invitation.email} withdrawn")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert signed_in.post(url).status_code == 404  # no longer pending


def test_the_invite_form_reports_errors_and_sends_nothing(
    signed_in, partnership, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            _invite_url(partnership), {"name": "", "email": "nope", "role": "emperor"}
        )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"name", "email", "role"}
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_partner_lead_is_not_offered_the_coordinator_role(partnership, client_as):
    client = client_as(partnership, Role.PARTNER_LEAD)
    page = client.get(_invite_url(partnership))
    offered = [value for value, _ in page.context["form"].fields["role"].choices]
    assert Role.COORDINATOR not in offered
    assert Role.PARTNER_LEAD in offered
    response = client.post(
        _invite_url(partnership), {"name": "X", "email": "x@example.org", "role": Role.COORDINATOR}
    )
    assert "role" in response.context["form"].errors
    assert not Invitation.objects.exists()
