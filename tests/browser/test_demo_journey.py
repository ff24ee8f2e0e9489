"""The demo journey in a real browser: a coordinator signs in, looks around, adds an activity.

Every page the journey shows, including the form in its error state, is checked with axe
against WCAG 2.2 A and AA. A second test makes sure the same forms work without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from equalpartners.core.capabilities import Role
from equalpartners.demo import story

pytestmark = pytest.mark.browser

COORDINATOR = story.SIGN_INS[0]
HOME = f"/p/{story.SLUG}/"
NEW_TITLE = "Roundtable: what equal partnership asks of funders"
TITLE_MISSING = "This field is required."
END_BEFORE_START = "The end must be on or after the start"


def _url(path: str) -> re.Pattern[str]:
    """The page's address ends with this path (and has no query unless given)."""
    return re.compile(re.escape(path) + "$")


def sign_in(page: Page) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(COORDINATOR.email)
    page.get_by_label("Password").fill(story.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(_url("/partnerships/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your partnerships")


def fill_date(page: Page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=re.compile("^" + re.escape(legend)))
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def fill_invalid_activity(page: Page, day: dt.date) -> None:
    """No title, and an end three hours before the start."""
    page.get_by_label("Kind of activity").select_option(label="Roundtable")
    fill_date(page, "Start date", day)
    page.get_by_label("Start time").fill("14:00")
    fill_date(page, "End date", day)
    page.get_by_label("End time").fill("11:00")
    page.get_by_role("button", name="Add the activity").click()


def fix_and_save_activity(page: Page) -> None:
    page.get_by_label("Title").fill(NEW_TITLE)
    page.get_by_label("End time").fill("16:30")
    # One new theme, one the demo already has (written in another case).
    page.get_by_label("Themes").fill("Funders, partnership working")
    page.get_by_role("button", name="Add the activity").click()
    expect(page).to_have_url(re.compile(re.escape(f"{HOME}programme/") + r"\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    expect(page.locator(".notification-banner")).to_contain_text("Activity added to the programme")
    expect(page.get_by_text("Roundtable", exact=True)).to_be_visible()  # the kind, as a caption
    expect(page.get_by_text("Partners only", exact=True)).to_be_visible()
    when = page.locator(".summary-list__row", has_text="When")
    expect(when).to_contain_text("14:00")
    expect(when).to_contain_text("16:30")
    themes = page.locator(".summary-list__row", has_text="Themes")
    expect(themes.locator("dd")).to_have_text("Funders, Partnership working")


def assert_error_summary_above_heading(page: Page) -> None:
    expect(page).to_have_title(re.compile(r"^Error: Add an activity"))
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name=TITLE_MISSING)).to_be_visible()
    expect(summary.get_by_role("link", name=END_BEFORE_START)).to_be_visible()
    summary_box = summary.bounding_box()
    heading_box = page.get_by_role("heading", level=1).bounding_box()
    assert summary_box is not None
    assert heading_box is not None
    assert summary_box["y"] + summary_box["height"] <= heading_box["y"], (
        "the error summary must come before the page heading"
    )
    # The values typed stay in the form, so only the mistakes need fixing.
    expect(page.get_by_label("Start time")).to_have_value("14:00")


def test_coordinator_journey(
    page_in: Callable[..., Page],
    demo: Any,
    assert_accessible: Callable[[Page], None],
) -> None:
    page = page_in()

    # The landing page names the public partnership and offers sign-in.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Equal Partners")
    expect(page.get_by_role("main").get_by_role("link", name="Equal Partners")).to_have_attribute(
        "href", f"/public/{story.SLUG}/"
    )
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(_url("/accounts/sign-in/"))
    assert_accessible(page)
    sign_in(page)
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text(COORDINATOR.name)
    assert_accessible(page)

    # The partnership home.
    page.get_by_role("main").get_by_role("link", name="Equal Partners").click()
    expect(page).to_have_url(_url(HOME))
    expect(page.get_by_role("heading", level=1)).to_have_text("Equal Partners")
    expect(page.get_by_text("Your role: Coordinator")).to_be_visible()
    assert_accessible(page)

    # Understand each other: the partners side by side, then one of them.
    nav = page.get_by_role("navigation", name="Partnership")
    page.get_by_role("link", name="Understand each other: partners side by side").click()
    expect(page).to_have_url(_url(f"{HOME}partners/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners, side by side")
    table = page.get_by_role("table", name="The partners compared")
    expect(table.get_by_role("columnheader")).to_have_text(
        [story.ORGANISATIONS[key][0] for key in story.PARTNERS]
    )
    expect(table.get_by_role("row", name=re.compile("^Remit")).get_by_role("cell")).to_have_text(
        ["Leadership", "Children", "Health"]
    )
    expect(nav.get_by_role("link", name="Partners")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    table.get_by_role("link", name="Children in Scotland").click()
    expect(page).to_have_url(re.compile(re.escape(f"{HOME}partners/") + r"\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Children in Scotland")
    expect(page.get_by_role("main")).to_contain_text("Improve the lives of all children")
    expect(page.get_by_role("link", name="Tariq Hussain")).to_be_visible()
    assert_accessible(page)

    # The people directory, filtered to board members.
    nav.get_by_role("link", name="People").click()
    expect(page).to_have_url(_url(f"{HOME}people/"))
    expect(page.get_by_role("status")).to_have_text(f"{len(story.PEOPLE)} people")
    assert_accessible(page)
    page.get_by_label("Role", exact=True).select_option(label="Board member")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/people/\?.*role=board_member"))
    board = [name for name, _, _, role in story.PEOPLE if role == Role.BOARD_MEMBER]
    expect(page.get_by_role("status")).to_have_text(f"{len(board)} people")
    people = page.get_by_role("table", name=f"People in {demo.name}")
    expect(people.locator("tbody tr td:first-child")).to_have_text(sorted(board))
    expect(page.get_by_label("Role", exact=True)).to_have_value("board_member")
    assert_accessible(page)

    # The programme, and the form for a new activity.
    nav.get_by_role("link", name="Programme").click()
    expect(page).to_have_url(_url(f"{HOME}programme/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Add an activity").first.click()
    expect(page).to_have_url(_url(f"{HOME}programme/new/"))
    expect(page).to_have_title(re.compile(r"^Add an activity"))
    assert_accessible(page)

    # Mistakes: the summary comes first, takes the focus, and each link leads to its field.
    today = timezone.localdate()
    fill_invalid_activity(page, today)
    expect(page).to_have_url(_url(f"{HOME}programme/new/"))
    assert_error_summary_above_heading(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert page.evaluate("() => document.activeElement.closest('.error-summary') !== null"), (
        "keyboard focus must start in the error summary"
    )
    assert_accessible(page)

    summary.get_by_role("link", name=END_BEFORE_START).click()
    expect(
        page.get_by_role("group", name=re.compile("^End date")).get_by_label("Day")
    ).to_be_focused()
    summary.get_by_role("link", name=TITLE_MISSING).click()
    expect(page.get_by_label("Title")).to_be_focused()

    fix_and_save_activity(page)
    assert_accessible(page)

    # The timeline, filtered to roundtables, shows the new activity and nothing else.
    nav.get_by_role("link", name="Timeline").click()
    expect(page).to_have_url(_url(f"{HOME}timeline/"))
    entries = page.locator(".timeline__item")
    expect(entries.filter(has_text=NEW_TITLE)).to_have_count(1)
    assert any(
        not meta.startswith("Roundtable")
        for meta in page.locator(".timeline__meta").all_inner_texts()
    )
    assert_accessible(page)
    page.get_by_label("Kind", exact=True).select_option(label="Roundtable")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/timeline/\?.*kind=roundtable"))
    new_entry = entries.filter(has_text=NEW_TITLE)
    expect(new_entry).to_have_count(1)
    expect(new_entry.get_by_role("link", name=NEW_TITLE)).to_have_attribute(
        "href", re.compile(re.escape(f"{HOME}programme/") + r"\d+/$")
    )
    metas = page.locator(".timeline__meta").all_inner_texts()
    assert metas, "the filtered timeline must not be empty"
    assert all(meta.startswith("Roundtable") for meta in metas), metas
    assert_accessible(page)

    # Sign out.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(_url("/accounts/sign-in/"))
    account = page.get_by_role("navigation", name="Your account")
    expect(account.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account).not_to_contain_text(COORDINATOR.name)
    page.goto(HOME)
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next="))

    # The public page: purpose, partners and public activities; nothing for members only.
    page.goto(f"/public/{story.SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Equal Partners")
    main = page.get_by_role("main")
    expect(main).to_contain_text(demo.purpose)
    for key in story.PARTNERS:
        expect(main.get_by_role("heading", name=story.ORGANISATIONS[key][0])).to_be_visible()
    expect(main).to_contain_text("Equal Partners Summit")
    expect(main).to_contain_text("Our shared stand at the Third Sector Gathering")
    for members_only in (
        NEW_TITLE,
        "Roundtable: progressive universalism",
        "Staff teams exchange: sharing knowledge and experience",
        "Shared learning session: our three boards",
    ):
        expect(main).not_to_contain_text(members_only)
    expect(page.get_by_role("navigation", name="Partnership")).to_have_count(0)
    assert_accessible(page)


def test_forms_work_without_javascript(
    page_in: Callable[..., Page],
    demo: Any,
    assert_accessible: Callable[[Page], None],
) -> None:
    page = page_in(java_script_enabled=False)
    sign_in(page)
    page.goto(f"{HOME}programme/new/")
    fill_invalid_activity(page, timezone.localdate())
    assert_error_summary_above_heading(page)
    assert_accessible(page)

    # Without the script an error link is a plain in-page link to the field's id.
    link = page.locator(".error-summary").get_by_role("link", name=END_BEFORE_START)
    expect(link).to_have_attribute("href", "#id_ends_on_0")
    expect(page.locator("#id_ends_on_0")).to_have_count(1)

    fix_and_save_activity(page)
    assert_accessible(page)
