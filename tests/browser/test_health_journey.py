"""The issue's learning flow end to end in a real browser: a member answers the demo's open health
check (forgetting to answer first), the coordinator closes the wave and reads the results, puts
them in a learning report and publishes it, and someone signed out reads the results there.
Every page is checked with axe against WCAG 2.2 A and AA."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from equalpartners.demo import story
from equalpartners.health.models import Wave

from .test_demo_journey import sign_in

pytestmark = pytest.mark.browser

LEARNING = f"/p/{story.SLUG}/learning/"


def _open_wave(partnership: Any) -> Wave:
    return Wave.objects.filter(partnership=partnership).order_by("-opens_on").first()


def test_answer_a_health_check_see_results_and_publish_them(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    wave = _open_wave(demo)
    page = page_in()
    sign_in(page)
    page.goto(LEARNING)
    assert_accessible(page)
    page.goto(f"/p/{story.SLUG}/health/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership health checks")
    assert_accessible(page)
    page.goto(wave.get_absolute_url())
    page.get_by_role("link", name="Answer the health check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(wave.name)
    expect(page.get_by_text("not stored with your name")).to_be_visible()
    assert_accessible(page)

    # Sending nothing names each statement left unanswered.
    page.get_by_role("button", name="Send your answers").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    statements = page.locator("main fieldset fieldset")
    count = statements.count()
    assert count >= 20
    for index in range(count):
        statements.nth(index).get_by_role("radio", name="Agree", exact=True).check()
    page.get_by_role("button", name="Send your answers").click()
    expect(page.get_by_role("link", name="Answer the health check")).to_have_count(0)
    assert_accessible(page)

    # The coordinator closes the wave: seven people have answered, so results show.
    page.get_by_role("link", name="Close the wave now").click()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name="See the results").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(wave.name)
    main = page.locator("main")
    expect(main).to_contain_text("4.0 or more is a strength")
    expect(main.get_by_role("heading", name="Everyone")).to_be_visible()
    expect(main.locator("table").first).to_be_visible()
    assert_accessible(page)

    # A report of the health checks alone, published and read signed out.
    page.goto(f"/p/{story.SLUG}/reports/")
    page.get_by_role("link", name="Create a report").click()
    page.get_by_label("Title").fill("How well we work together")
    for box in page.locator("main input[type=checkbox]").all():
        box.uncheck()
    page.get_by_label("Partnership health checks").check()
    page.get_by_role("button", name="Create and generate the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How well we work together")
    assert page.locator("main .report-section > h2").count() == 1
    expect(main).to_contain_text(wave.name)
    page.get_by_role("link", name="Publish it").click()
    page.get_by_role("button", name="Publish the report").click()
    address = main.get_by_role("link", name=re.compile(r"reports.[\w-]{20,}.$")).inner_text()

    anyone = page_in(java_script_enabled=False)
    anyone.goto(address)
    expect(anyone.get_by_role("heading", level=1)).to_have_text("How well we work together")
    expect(anyone.locator("main")).to_contain_text(wave.name)
    expect(anyone.get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(anyone)
