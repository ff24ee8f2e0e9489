"""Themes from staff teams in a real browser: the coordinator proposes a theme (with a mistake
first), opens voting, places dots (over the most on one theme first), closes voting, reads the
results and makes the favourite a staff exchange session. A staff member then places dots with
JavaScript off. Every page is checked with axe against WCAG 2.2 A and AA."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from equalpartners.demo import story
from equalpartners.partnerships.models import Membership
from equalpartners.programme.models import Activity
from equalpartners.themes import services
from equalpartners.themes.models import Allocation, Call

from .test_demo_journey import sign_in

pytestmark = pytest.mark.browser

THEMES = f"/p/{story.SLUG}/themes/"
MINE = "Peer coaching for new managers"
THEIRS = "Health inequalities in practice"


def _membership(partnership: Any, name: str) -> Membership:
    return Membership.objects.select_related("person").get(
        partnership=partnership, person__name=name
    )


def _call(partnership: Any, **values: Any) -> Call:
    now = timezone.now()
    values.setdefault("proposals_close_at", now + dt.timedelta(days=5))
    values.setdefault("voting_closes_at", now + dt.timedelta(days=10))
    return services.call_create(
        actor=None,
        partnership=partnership,
        title="Themes for the summer staff exchange",
        description="What should our staff teams learn about together this summer?",
        dot_budget=5,
        max_dots_per_theme=3,
        **values,
    )


def test_propose_vote_and_make_a_session(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    call = _call(demo)
    services.proposal_create(
        actor=None,
        call=call,
        membership=_membership(demo, "Eilidh Fraser"),
        title=THEIRS,
        description="What our members see on the ground, and how we act on it together.",
    )
    page = page_in()
    sign_in(page)
    page.goto(THEMES)
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes from staff teams")
    assert_accessible(page)
    page.get_by_role("link", name=call.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    expect(page.get_by_text("Times in Europe/London")).to_be_visible()
    assert_accessible(page)

    # Propose, forgetting the description first.
    page.get_by_role("link", name="Propose a theme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a theme")
    assert_accessible(page)
    page.get_by_label("Your theme").fill(MINE)
    page.get_by_role("button", name="Propose the theme").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Say in a sentence or two what the theme is about")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label("What it is about").fill(
        "New managers across our three organisations coaching one another."
    )
    page.get_by_role("button", name="Propose the theme").click()
    expect(page.locator(".notification-banner")).to_contain_text("Your theme is added")
    expect(page.get_by_role("heading", name=MINE)).to_be_visible()
    assert_accessible(page)

    # Open voting early.
    page.get_by_role("link", name="Open voting now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Close proposals and open voting now?"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Open voting").click()
    expect(page.locator(".notification-banner")).to_contain_text("Voting is open")

    # Dots: more than the most on one theme first.
    page.get_by_role("link", name="Place your dots").click()
    expect(page.get_by_text("You have 5 dots to place, at most 3 on any one theme")).to_be_visible()
    assert_accessible(page)
    page.get_by_label(MINE, exact=True).fill("4")
    page.get_by_label(THEIRS, exact=True).fill("1")
    page.get_by_role("button", name="Save your dots").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(f"You can put at most 3 dots on “{MINE}”")
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label(MINE, exact=True).fill("3")
    page.get_by_label(THEIRS, exact=True).fill("2")
    page.get_by_role("button", name="Save your dots").click()
    expect(page.locator(".notification-banner")).to_contain_text("Your dots are saved")
    assert Allocation.objects.filter(call=call).count() == 1

    # Close, read the results, make the favourite a session.
    page.get_by_role("link", name="Close voting now").click()
    assert_accessible(page)
    page.get_by_role("button", name="Close voting").click()
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    expect(page.get_by_role("img", name="Bar chart: dots on each theme")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(MINE)
    expect(page.get_by_text("How ties were broken")).to_be_visible()
    assert_accessible(page)
    page.get_by_role(
        "link", name=re.compile(rf"Make this a staff exchange session\W+{MINE}")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make this a staff exchange session")
    assert_accessible(page)
    page.get_by_role("button", name="Make it a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Staff exchange: {MINE}")
    assert_accessible(page)
    assert (
        Activity.objects.filter(kind="staff_exchange", title=f"Staff exchange: {MINE}").count() == 1
    )


def test_dots_without_javascript(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    now = timezone.now()
    call = _call(demo, proposals_close_at=now + dt.timedelta(hours=1))
    for name, title in [("Eilidh Fraser", THEIRS), ("Tariq Hussain", MINE)]:
        services.proposal_create(
            actor=None,
            call=call,
            membership=_membership(demo, name),
            title=title,
            description="A theme for the staff exchange.",
        )
    services.call_open_voting(actor=None, call=call)
    page = page_in(java_script_enabled=False)
    sign_in(page)
    page.goto(f"{THEMES}{call.pk}/vote/")
    page.get_by_label(THEIRS, exact=True).fill("-1")
    page.get_by_role("button", name="Save your dots").click()
    expect(page.locator(".error-summary")).to_contain_text(
        f"Dots on “{THEIRS}” cannot be fewer than 0"
    )
    assert_accessible(page)
    page.get_by_label(THEIRS, exact=True).fill("3")
    page.get_by_label(MINE, exact=True).fill("2")
    page.get_by_role("button", name="Save your dots").click()
    expect(page.locator(".notification-banner")).to_contain_text("Your dots are saved")
    assert_accessible(page)
    allocation = Allocation.objects.get(call=call)
    assert sorted(allocation.dots.values()) == [2, 3]
