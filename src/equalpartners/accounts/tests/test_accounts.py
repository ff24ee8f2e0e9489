"""Accounts: signing in with an email address and password, the lockout after five wrong
passwords (django-axes) and what the lockout page tells people, signing out, and resetting a
forgotten password by email."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from equalpartners.testing import factories as f

PASSWORD = "a-good-test-password"  # the factories' password
SIGN_IN = reverse("accounts:sign-in")


@pytest.fixture
def user(db):
    return f.UserFactory(
        username="morag@example.org",
        email="morag@example.org",
        first_name="Morag",
        last_name="Lindsay",
    )


def _sign_in(client, username, password, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password, **extra})


def _signed_in_as(client):
    return client.session.get("_auth_user_id")


# Signing in


def test_the_sign_in_page_asks_for_an_email_address(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assertContains(
        response, '<label class="label" for="id_username">Email address</label>', html=True
    )
    assertContains(response, 'autocomplete="current-password"')
    assertContains(response, reverse("accounts:password-reset"))


def test_signing_in_goes_to_your_partnerships(client, user):
    response = _sign_in(client, "morag@example.org", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mine")
    assert int(_signed_in_as(client)) == user.pk
    assertContains(client.get(reverse("mine")), "Your partnerships")


def test_signing_in_returns_to_the_page_asked_for_but_never_to_another_site(client, user):
    response = _sign_in(client, "morag@example.org", PASSWORD, next="/p/ept/partners/")
    assert response["Location"] == "/p/ept/partners/"
    other = Client()
    response = _sign_in(other, "morag@example.org", PASSWORD, next="https://evil.example/")
    assert response["Location"] == reverse("mine")


def test_a_wrong_password_is_explained_without_saying_which_part_was_wrong(client, user):
    response = _sign_in(client, "morag@example.org", "wrong password")
    assert response.status_code == 200
    assertContains(response, "The email address or password is not right. Check them and try again")
    assertContains(response, "<title>Error: Sign in")
    unknown = _sign_in(Client(), "nobody@example.org", "wrong password")
    assertContains(unknown, "The email address or password is not right. Check them and try again")
    assert _signed_in_as(client) is None


def test_signed_in_people_are_not_shown_the_sign_in_form_again(client, user):
    _sign_in(client, "morag@example.org", PASSWORD)
    response = client.get(SIGN_IN)
    assert response.status_code == 302
    assert response["Location"] == reverse("mine")


def test_your_partnerships_needs_signing_in(client, db):
    response = client.get(reverse("mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


# Lockout


def test_the_email_address_may_be_typed_with_any_capitals_and_spaces(client, user):
    response = _sign_in(client, "  Morag@Example.ORG ", PASSWORD)
    assert response.status_code == 302
    assert int(_signed_in_as(client)) == user.pk


def test_changing_the_capitals_does_not_dodge_the_lockout(client, user):
    for typed in [
        "morag@example.org",
        "MORAG@example.org",
        "Morag@Example.org",
        "morag@EXAMPLE.org",
    ]:
        assert _sign_in(client, typed, "wrong").status_code == 200
    assert _sign_in(client, "mOrAg@example.org", "wrong").status_code == 429
    assert _sign_in(client, "morag@example.org", PASSWORD).status_code == 429


def test_five_wrong_passwords_lock_the_account_and_say_what_to_do(client, user):
    for _ in range(4):
        assert _sign_in(client, "morag@example.org", "wrong").status_code == 200
    response = _sign_in(client, "morag@example.org", "wrong")
    assert response.status_code == 429
    assertContains(response, "Sign-in is paused for this account", status_code=429)
    assertContains(response, "you can try again in 15 minutes", status_code=429)
    assertContains(
        response, f'<a href="{reverse("accounts:password-reset")}">reset it</a>', status_code=429
    )
    # Even the right password is refused until the pause ends.
    response = _sign_in(client, "morag@example.org", PASSWORD)
    assert response.status_code == 429
    assert _signed_in_as(client) is None


def test_the_lockout_page_gives_the_configured_pause(client, user, settings):
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=90)
    for _ in range(5):
        response = _sign_in(client, "morag@example.org", "wrong")
    assertContains(response, "you can try again in 1 hour 30 minutes", status_code=429)


def test_four_wrong_passwords_then_the_right_one_signs_in_and_starts_the_count_again(client, user):
    for _ in range(4):
        _sign_in(client, "morag@example.org", "wrong")
    assert _sign_in(client, "morag@example.org", PASSWORD).status_code == 302
    other = Client()
    for _ in range(4):
        assert _sign_in(other, "morag@example.org", "wrong").status_code == 200
    assert _sign_in(other, "morag@example.org", PASSWORD).status_code == 302


def test_the_lockout_is_for_that_account_from_that_address(user):
    colleague = f.UserFactory(username="colleague@example.org")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        _sign_in(attacker, "morag@example.org", "wrong")
    assert _sign_in(attacker, "morag@example.org", PASSWORD).status_code == 429
    # The same account from elsewhere, and another account from the same address, still work.
    assert (
        _sign_in(Client(REMOTE_ADDR="198.51.100.7"), "morag@example.org", PASSWORD).status_code
        == 302
    )
    assert _sign_in(attacker, colleague.username, PASSWORD).status_code == 302


# Signing out


def test_signing_out_ends_the_session(client, user):
    _sign_in(client, "morag@example.org", PASSWORD)
    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert _signed_in_as(client) is None
    assert client.get(reverse("mine")).status_code == 302


def test_signing_out_needs_a_post_so_a_link_cannot_sign_you_out(client, user):
    _sign_in(client, "morag@example.org", PASSWORD)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    assert _signed_in_as(client) is not None


def test_every_page_offers_a_sign_out_button_when_signed_in(client, user):
    _sign_in(client, "morag@example.org", PASSWORD)
    response = client.get(reverse("mine"))
    assertContains(response, f'action="{reverse("accounts:sign-out")}"')
    assertContains(response, "Morag Lindsay")


# Resetting a forgotten password


def _reset_link(message):
    match = re.search(r"https?://testserver(/accounts/password-reset/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_reset_email_links_to_choosing_a_new_password(client, user):
    response = client.post(reverse("accounts:password-reset"), {"email": "Morag@Example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["morag@example.org"]
    assert message.subject == "Reset your Equal Partners password"
    assert "within 24 hours" in message.body

    link = _reset_link(message)
    form_page = client.get(link, follow=True)
    assertContains(form_page, "Choose a new password")
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-complete")
    assertContains(client.get(response["Location"]), "Your password has been changed")

    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")
    assert _sign_in(Client(), "morag@example.org", PASSWORD).status_code == 200
    assert _sign_in(Client(), "morag@example.org", "a brand new passphrase").status_code == 302


def test_a_reset_link_works_only_once(client, user):
    client.post(reverse("accounts:password-reset"), {"email": "morag@example.org"})
    link = _reset_link(mail.outbox[0])
    set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        set_password_url,
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    again = Client().get(link, follow=True)
    assertContains(again, "This link no longer works")
    assertNotContains(again, "new_password1")


def test_a_tampered_reset_link_does_not_work(client, user):
    client.post(reverse("accounts:password-reset"), {"email": "morag@example.org"})
    link = _reset_link(mail.outbox[0])
    response = client.get(link[:-4] + "abc/", follow=True)
    assertContains(response, "This link no longer works")


def test_the_new_password_must_be_typed_twice_the_same_and_be_strong(client, user):
    client.post(reverse("accounts:password-reset"), {"email": "morag@example.org"})
    set_password_url = client.get(_reset_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "a brand new passphrase", "new_password2": "another passphrase"},
    )
    assertContains(response, "The two password fields didn’t match.")
    response = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    assertContains(response, "This password is too short")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_asking_for_a_reset_for_an_unknown_address_looks_the_same_but_sends_nothing(client, user):
    response = client.post(reverse("accounts:password-reset"), {"email": "who@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []
