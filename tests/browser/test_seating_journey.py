"""Seating in a real browser: see the demo Summit's plan, build a plan for the boards' session
(with a mistake first), mark an absence after the first round and re-plan, then print the table
cards and itineraries. Every page is checked with axe against WCAG 2.2 A and AA."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from equalpartners.demo import story
from equalpartners.networking.models import Seat, SeatingPlan

from .test_demo_journey import sign_in

pytestmark = pytest.mark.browser

HOME = f"/p/{story.SLUG}/"
BOARDS = "Shared learning session: our three boards and the Third Sector Unit"
SEATED = [
    "Graham Ritchie", "Catriona Bell", "Douglas Kerr", "Shona Paterson", "Marek Nowak",
    "Angus Mitchell", "Hannah Scott", "Ross Thomson", "Iain Crawford", "Priya Nair",
    "Alasdair MacLeod", "Rhona Campbell", "Fiona Barr", "Mairi Robertson", "Lorna Watt",
    "Derek Simpson",
]  # fmt: skip


def _open_activity(page: Page, title: str) -> None:
    page.goto(f"{HOME}programme/")
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_the_demo_summit_has_a_plan_to_print(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    page = page_in()
    sign_in(page)
    _open_activity(page, "Equal Partners Summit")
    page.get_by_role("link", name="Seating plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seating plan")
    expect(page.get_by_text("3 rounds held so far")).to_be_visible()
    expect(page.get_by_role("heading", name="Round 3 (held)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Introductions").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introductions")
    expect(page.get_by_role("table")).to_contain_text("offers")
    assert_accessible(page)


def test_build_mark_an_absence_re_plan_and_print(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    page = page_in()
    sign_in(page)
    _open_activity(page, BOARDS)
    page.get_by_role("link", name="Seating plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seating plan")
    assert_accessible(page)
    people = page.get_by_role("group", name="People")
    for name in SEATED:
        people.get_by_label(re.compile(rf"^\s*{name},")).check()
    page.get_by_label("People at each table").fill("4")
    page.get_by_label("Rounds").fill("7")  # more rounds than 16 people at tables of 4 allow
    page.get_by_role("button", name="Build the plan").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("cannot be kept")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("Rounds").fill("3")
    page.get_by_role("button", name="Build the plan").click()
    expect(page.locator(".notification-banner")).to_contain_text("Seating plan ready")
    expect(page.get_by_role("heading", name="Round 3")).to_be_visible()
    assert_accessible(page)

    # After the first round Marek Nowak leaves; the rest is planned again without him.
    page.get_by_label("Rounds held so far").fill("1")
    left = page.get_by_role("group", name="Who has left")
    left.get_by_label(re.compile(r"^\s*Marek Nowak,")).check()
    page.get_by_role("button", name="Re-plan the rounds to come").click()
    expect(page.locator(".notification-banner")).to_contain_text("re-planned")
    expect(page.get_by_role("heading", name="Round 1 (held)")).to_be_visible()
    assert_accessible(page)
    plan = SeatingPlan.objects.get(activity__title=BOARDS)
    assert plan.rounds_run == 1
    later = Seat.objects.filter(plan=plan, round__gt=1)
    assert not later.filter(person__name="Marek Nowak").exists()
    assert later.count() == 2 * (len(SEATED) - 1)

    page.get_by_role("link", name="Table cards to print").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Table cards: {BOARDS}")
    expect(page.get_by_role("heading", name="Round 2, table 1")).to_be_visible()
    assert_accessible(page)
    pdf = page.request.get(page.url + "?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    page.get_by_role("link", name="Back to the seating plan").click()
    page.get_by_role("link", name="Itineraries to print").click()
    expect(page.get_by_role("heading", name="Catriona Bell")).to_be_visible()
    assert_accessible(page)
