"""The learning report in a real browser: the coordinator creates a report (putting the period
out of order first), watches it generate, reads it, and publishes it; then someone signed out
reads it at its public address, with JavaScript and without. Every page is checked with axe
against WCAG 2.2 A and AA."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from equalpartners.demo import story
from equalpartners.demo.report_story import TITLE, add_report
from equalpartners.reports.models import Report, Run, RunStatus
from equalpartners.reports.registry import SECTIONS

from .test_demo_journey import fill_date, sign_in

pytestmark = pytest.mark.browser

REPORTS = f"/p/{story.SLUG}/reports/"


def test_create_read_and_publish_a_report(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    page = page_in()
    sign_in(page)
    page.goto(REPORTS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning reports")
    assert_accessible(page)

    page.get_by_role("link", name="Create a report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a learning report")
    assert_accessible(page)
    page.get_by_label("Title").fill("Our first six months")
    today = timezone.localdate()
    fill_date(page, "Start of the period", today)
    fill_date(page, "End of the period", today - dt.timedelta(days=180))
    page.get_by_role("button", name="Create and generate the report").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("The period must end on or after the day it starts")
    assert_accessible(page)

    fill_date(page, "Start of the period", today - dt.timedelta(days=180))
    fill_date(page, "End of the period", today)
    for section in SECTIONS[4:]:
        page.get_by_label(section.title).uncheck()
    page.get_by_role("button", name="Create and generate the report").click()
    # Generation runs inline in test mode, so the progress page goes straight on to the report.
    expect(page.get_by_role("heading", level=1)).to_have_text("Our first six months")
    expect(page.get_by_text("The report is ready")).to_be_visible()
    main = page.locator("main")
    headings = main.locator(".report-section > h2").all_inner_texts()
    assert headings == [section.title for section in SECTIONS[:4]]
    expect(main).to_contain_text("(Europe/London)")
    assert_accessible(page)

    page.get_by_role("link", name="Publish it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish the report?")
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.get_by_text("The report is published at its public address")).to_be_visible()
    address = main.get_by_role("link", name=re.compile(r"reports.[\w-]{20,}.$")).inner_text()

    anyone = page_in()
    anyone.goto(address)
    expect(anyone.get_by_role("heading", level=1)).to_have_text("Our first six months")
    expect(anyone.get_by_role("link", name="Sign in")).to_be_visible()
    assert_accessible(anyone)


def test_the_demo_report_and_its_public_address_pass_axe(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    report = Report.objects.filter(partnership=demo, title=TITLE).first() or add_report(
        partnership=demo, actor=None, today=timezone.localdate()
    )
    page = page_in()
    sign_in(page)
    page.goto(report.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    headings = page.locator("main .report-section > h2").all_inner_texts()
    assert headings == [section.title for section in SECTIONS]
    assert_accessible(page)

    for java_script_enabled in (True, False):
        anyone = page_in(java_script_enabled=java_script_enabled)
        anyone.goto(report.public_url_for())
        expect(anyone.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(anyone.locator("html")).to_have_attribute("lang", "en-GB")
        expect(anyone.get_by_role("link", name="Skip to main content")).to_be_attached()
        assert_accessible(anyone)


def test_the_progress_page_checks_again_by_itself(
    page_in: Callable[..., Page], demo: Any, assert_accessible: Callable[[Page], None]
) -> None:
    report = Report.objects.create(
        partnership=demo,
        title="A report in the making",
        since=dt.date(2025, 1, 1),
        until=dt.date(2025, 12, 31),
        sections=["timeline", "outputs"],
    )
    now = timezone.now()
    run = Run.objects.create(
        report=report,
        partnership=demo,
        title=report.title,
        since=report.since,
        until=report.until,
        sections=report.sections,
        done_sections=1,
        current_section="outputs",
        started_at=now,
        heartbeat_at=now,
    )
    page = page_in()
    sign_in(page)
    page.goto(report.url_for("progress"))
    expect(page.get_by_text("Gathering section 2 of 2: Outputs")).to_be_visible()
    assert_accessible(page)
    # The run moves on: the page says so without being reloaded, and goes to the report once
    # it is ready (here, a run that failed: the page offers to generate again).
    Run.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="It broke.")
    expect(page.get_by_text("The report could not be generated")).to_be_visible()
    expect(page.get_by_role("button", name="Generate again")).to_be_visible()
    assert_accessible(page)
