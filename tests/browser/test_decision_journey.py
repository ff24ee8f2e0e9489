"""A joint decision in a real browser: set it up, vote by keyboard, close it, record the outcome,
find it on the timeline. Every page is checked with axe against WCAG 2.2 A and AA.

Two people vote: a partner lead ranks the options with the keyboard alone (Tab to each select,
arrow keys to choose, Enter to send), and the coordinator reorders the drag list with its Up
buttons. A third test votes with JavaScript off: the select-per-rank form works on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from equalpartners.decisions.models import Ballot, Decision
from equalpartners.demo import story

from .test_demo_journey import fill_date, sign_in

pytestmark = pytest.mark.browser

HOME = f"/p/{story.SLUG}/"
QUESTION = "Which venue should host the Summit next year?"
OPTIONS = ["Glasgow", "Edinburgh", "Dundee"]
LEAD = story.SIGN_INS[1]  # Tariq Hussain, partner lead of Children in Scotland


def _sign_in_as(page: Page, email: str) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(story.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")


def _set_up(page: Page, assert_accessible: Callable[[Page], None]) -> None:
    page.goto(f"{HOME}decisions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions")
    assert_accessible(page)
    page.get_by_role("link", name="Set up a decision").click()
    assert_accessible(page)
    page.get_by_label("Question", exact=True).fill(QUESTION)
    page.get_by_role("radio", name=re.compile(r"Head to head \(Schulze\)")).check()
    page.get_by_role("textbox", name="Options").fill("\n".join(OPTIONS))
    today = timezone.localdate()
    fill_date(page, "Voting opens on", today - dt.timedelta(days=1))
    page.get_by_label("Opening time").fill("09:00")
    # Closing before opening: refused, with the message beside the date.
    fill_date(page, "Voting closes on", today - dt.timedelta(days=2))
    page.get_by_label("Closing time").fill("17:00")
    page.get_by_role("button", name="Set up the decision").click()
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link", name="Voting must close after it opens")).to_be_visible()
    expect(summary).to_be_focused()
    assert_accessible(page)
    fill_date(page, "Voting closes on", today + dt.timedelta(days=7))
    page.get_by_role("button", name="Set up the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    expect(page.locator(".notification-banner")).to_contain_text("Decision set up")
    expect(page.get_by_text("Open for votes", exact=True)).to_be_visible()
    assert_accessible(page)


def _vote_by_keyboard(page: Page, assert_accessible: Callable[[Page], None]) -> None:
    """Edinburgh first, Dundee second, with the keyboard only."""
    page.get_by_role("link", name="Vote", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    assert_accessible(page)
    first = page.get_by_label("1st choice")
    first.focus()
    # Options in order: "No option at this rank", Glasgow, Edinburgh, Dundee.
    for _ in range(2):
        page.keyboard.press("ArrowDown")
    expect(first).to_have_value(_option_id(page, "Edinburgh"))
    page.keyboard.press("Tab")
    expect(page.get_by_label("2nd choice")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("2nd choice")).to_have_value(_option_id(page, "Dundee"))
    page.keyboard.press("Tab")  # the 3rd choice, left empty
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Cast your vote")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".notification-banner")).to_contain_text("Your vote is recorded")
    assert_accessible(page)


def _option_id(page: Page, label: str) -> str:
    value = page.get_by_label("1st choice").locator("option", has_text=label).get_attribute("value")
    assert value
    return value


def test_a_decision_from_set_up_to_the_timeline(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    coordinator = page_in()
    sign_in(coordinator)
    _set_up(coordinator, assert_accessible)
    decision = Decision.objects.get(question=QUESTION)

    # The partner lead votes with the keyboard alone.
    lead = page_in()
    _sign_in_as(lead, LEAD.email)
    lead.goto(decision.get_absolute_url())
    _vote_by_keyboard(lead, assert_accessible)
    expect(lead.get_by_text("You have voted.")).to_be_visible()

    # The coordinator uses the enhanced list: Dundee up twice makes it first.
    coordinator.goto(decision.get_absolute_url())
    coordinator.get_by_role("link", name="Vote", exact=True).click()
    drag_list = coordinator.locator(".ranking-list ol")
    expect(drag_list.locator("li")).to_have_count(3)
    # Nothing is ranked until the voter moves something.
    expect(drag_list.locator("li > span").first).to_have_text("Glasgow (not ranked)")
    up_dundee = coordinator.get_by_role("button", name="Up Dundee")
    up_dundee.click()
    up_dundee.click()
    expect(drag_list.locator("li > span")).to_have_text(["Dundee", "Glasgow", "Edinburgh"])
    expect(coordinator.get_by_label("1st choice")).to_have_value(_option_id(coordinator, "Dundee"))
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Cast your vote").click()
    expect(coordinator.locator(".notification-banner")).to_contain_text("Your vote is recorded")
    assert Ballot.objects.filter(decision=decision).count() == 2

    # Close, with a confirmation first.
    coordinator.get_by_role("link", name="Close voting now").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Close voting now?")
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Close voting").click()
    expect(coordinator.get_by_text("Closed", exact=True)).to_be_visible()
    result = coordinator.locator(".result")
    expect(result).to_contain_text("Edinburgh")
    expect(coordinator.get_by_role("table").first).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("link", name="The full results, with every figure").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(QUESTION)
    assert_accessible(coordinator)
    coordinator.go_back()

    # The outcome, then the timeline.
    coordinator.get_by_role("link", name="Record the outcome").click()
    assert_accessible(coordinator)
    coordinator.get_by_label("What the partners decided").fill(
        "The Summit goes to Dundee next year, with Edinburgh as the reserve."
    )
    coordinator.get_by_label("The option chosen").select_option(label="Dundee")
    coordinator.get_by_role("button", name="Record the outcome").click()
    expect(coordinator.locator(".notification-banner")).to_contain_text("Outcome recorded")
    expect(coordinator.get_by_role("heading", name="What the partners decided")).to_be_visible()
    assert_accessible(coordinator)

    coordinator.get_by_role("navigation", name="Partnership").get_by_role(
        "link", name="Timeline"
    ).click()
    coordinator.get_by_label("Kind").select_option(label="Decision")
    coordinator.get_by_role("button", name="Apply filters").click()
    entry = coordinator.locator(".timeline__item", has_text=QUESTION)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("Decided: Dundee")
    assert_accessible(coordinator)


def test_the_demo_decisions_read_well(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    page = page_in()
    _sign_in_as(page, LEAD.email)  # a partner lead: a voter in each open demo decision
    page.goto(f"{HOME}decisions/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Where should our shared stand")).click()
    expect(page.get_by_role("main")).to_contain_text("Next to the café and seating area")
    expect(page.get_by_role("heading", name="What the partners decided")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{HOME}decisions/")
    page.get_by_role("link", name=re.compile("^When can the three boards meet")).click()
    assert_accessible(page)
    page.get_by_role("link", name="Vote", exact=True).click()
    assert_accessible(page)
    page.goto(f"{HOME}decisions/")
    page.get_by_role("link", name=re.compile("^Which themes should the staff")).click()
    assert_accessible(page)


def test_voting_without_javascript(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    page = page_in(java_script_enabled=False)
    _sign_in_as(page, LEAD.email)
    stand = Decision.objects.get(question__startswith="Where should our shared stand")
    open_one = Decision.objects.get(question__startswith="Which themes")
    # Dots: over the budget is refused, within it is recorded.
    page.goto(open_one.get_absolute_url())
    page.get_by_role("link", name="Vote", exact=True).click()
    boxes = page.locator("input[type=number]")
    boxes.nth(0).fill("4")
    boxes.nth(1).fill("3")
    page.get_by_role("button", name="Cast your vote").click()
    expect(page.locator(".error-summary")).to_contain_text("You placed 7 dots; you have 5")
    assert_accessible(page)
    boxes.nth(1).fill("1")
    page.get_by_role("button", name="Cast your vote").click()
    expect(page.locator(".notification-banner")).to_contain_text("Your vote is recorded")
    # A closed decision offers no vote.
    page.goto(stand.get_absolute_url())
    expect(page.get_by_role("link", name="Vote", exact=True)).to_have_count(0)
