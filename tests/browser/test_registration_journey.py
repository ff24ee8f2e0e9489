"""Registration in a real browser: a member registers for a full activity and is put on the
waiting list; the person with the place cancels; the first person waiting is offered the place
and confirms it. Then check-in by code on a phone-sized window, with an undo. Every page is
checked with axe against WCAG 2.2 A and AA."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from equalpartners.attendance import services as attendance
from equalpartners.attendance.models import Registration
from equalpartners.demo import story
from equalpartners.programme import services as programme

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _sign_in(page: Page, email: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(story.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")


def _one_place_activity(partnership: Any) -> Any:
    starts = (timezone.now() + dt.timedelta(days=20)).replace(microsecond=0, second=0)
    activity = programme.activity_create(
        actor=None,
        partnership=partnership,
        kind="roundtable",
        title="Roundtable with one seat",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        time_zone="Europe/London",
        venue="Stirling",
    )
    setup = attendance.setup_for(actor=None, activity=activity)
    attendance.setup_update(actor=None, setup=setup, capacity=1, audience="members")
    return activity


def _register(page: Page, activity: Any, button: str) -> None:
    page.goto(activity.get_absolute_url())
    page.get_by_role("link", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Register for")


def test_waitlisted_then_promoted_when_someone_cancels(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    activity = _one_place_activity(demo)
    holder = page_in()
    _sign_in(holder, "lead.children@example.org")
    _register(holder, activity, "Register")
    assert_accessible(holder)
    holder.get_by_role("button", name="Register").click()
    expect(holder.locator(".notification-banner")).to_contain_text("You have a place")
    expect(holder.get_by_role("heading", name="You have a place")).to_be_visible()
    expect(holder.get_by_role("img", name="QR code")).to_be_visible()
    assert_accessible(holder)

    waiting = page_in()
    _sign_in(waiting, "staff.health@example.org")
    _register(waiting, activity, "Register for the waiting list")
    expect(waiting.get_by_text("All places are taken")).to_be_visible()
    waiting.get_by_role("button", name="Join the waiting list").click()
    expect(waiting.get_by_role("heading", name="You are on the waiting list")).to_be_visible()
    assert_accessible(waiting)

    holder.get_by_role("button", name="Cancel my registration").click()
    expect(holder.locator(".notification-banner")).to_contain_text("cancelled")

    waiting.reload()
    expect(waiting.get_by_role("heading", name="A place is waiting for you")).to_be_visible()
    waiting.get_by_role("link", name="Confirm your place").click()
    assert_accessible(waiting)
    waiting.get_by_role("button", name="Confirm my place").click()
    expect(waiting.locator(".notification-banner")).to_contain_text("Your place is confirmed")
    expect(waiting.get_by_role("heading", name="You have a place")).to_be_visible()
    promoted = Registration.objects.get(activity=activity, status="confirmed")
    assert promoted.email == "staff.health@example.org"


def test_check_in_by_code_on_a_phone(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    activity = _one_place_activity(demo)
    attendance.setup_update(actor=None, setup=activity.registration_setup, capacity=None)
    guest = attendance.register(
        actor=None, activity=activity, name="Ailsa Brown", email="ailsa@example.net"
    )
    page = page_in()
    page.set_viewport_size(PHONE)
    _sign_in(page, "coordinator@example.org")
    page.goto(activity.get_absolute_url())
    page.get_by_role("link", name="Check in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check in")
    assert_accessible(page)
    # Nothing on the page is wider than the phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]

    page.get_by_label("Attendance code").fill("WRONG1")
    page.get_by_role("button", name="Check in by code").click()
    expect(page.locator(".error-summary")).to_contain_text("No registration")
    assert_accessible(page)

    page.get_by_label("Attendance code").fill(guest.code.lower())
    page.get_by_role("button", name="Check in by code").click()
    expect(page.locator(".notification-banner")).to_contain_text("Checked in: Ailsa Brown")
    expect(page.get_by_role("status")).to_contain_text("1 checked in")
    assert_accessible(page)
    page.get_by_role("button", name="Undo the check-in of Ailsa Brown").click()
    expect(page.locator(".notification-banner")).to_contain_text("Check-in undone")
    guest.refresh_from_db()
    assert guest.checked_in_at is None

    page.get_by_label("Or find someone by name").fill("ailsa")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Check in Ailsa Brown").click()
    expect(page.locator(".notification-banner")).to_contain_text("Checked in: Ailsa Brown")
    guest.refresh_from_db()
    assert guest.checked_in_at is not None
