"""Fixtures for the browser tests: Debian's chromium, pages on the live server, an axe check.

The browser is always the system's /usr/bin/chromium, launched by path, so nothing is ever
downloaded; pytest-playwright's own ``browser``/``page`` fixtures are not used for that reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from equalpartners.demo import story

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Long enough for a slow CI machine, short enough that a broken page fails quickly.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    """One chromium for the module, closed (with its driver) before other tests run."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM}")
    # Playwright's sync API keeps an event loop running in this thread, so Django would
    # refuse ORM calls from test code (loading the story, flushing the database). Allow
    # them only while the browser runs, so the rest of the suite keeps Django's check.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                browser.close()


@pytest.fixture
def demo(chromium_browser: Browser, live_server: Any) -> Any:
    """The demo story, loaded into the live server's (transactional) database.

    It asks for the browser first, so the ORM calls run with the async check relaxed.
    """
    return story.load_story()


@pytest.fixture
def pages_without_script() -> list[Page]:
    """The pages opened with JavaScript off, which axe must check differently."""
    return []


@pytest.fixture
def page_in(
    chromium_browser: Browser,
    live_server: Any,
    pages_without_script: list[Page],
) -> Iterator[Callable[..., Page]]:
    """``page_in(java_script_enabled=True)`` -> a page in a fresh context on the live server."""
    contexts: list[BrowserContext] = []

    def open_page(*, java_script_enabled: bool = True) -> Page:
        context = chromium_browser.new_context(
            base_url=live_server.url,
            java_script_enabled=java_script_enabled,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        if not java_script_enabled:
            pages_without_script.append(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _axe_violations(axe: Axe, page: Page) -> list[dict[str, Any]]:
    results = axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return list(results.response["violations"])


def _report(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [
        f"- {v['id']} ({v['impact']}): {v['help']}; targets: "
        + ", ".join(" ".join(map(str, node["target"])) for node in v["nodes"])
        for v in violations
    ]
    return f"axe found {len(violations)} violation(s) on {url}:\n" + "\n".join(lines)


@pytest.fixture
def assert_accessible(
    axe: Axe,
    chromium_browser: Browser,
    live_server: Any,
    pages_without_script: list[Page],
) -> Callable[[Page], None]:
    """``assert_accessible(page)``: axe finds no WCAG 2.2 A/AA violation on the page as shown.

    axe runs asynchronously on the page's timers, which a page without JavaScript does not
    have. Such a page is checked as a replay: its HTML, served at the same address in a
    page that may run axe but not the site's own script, so it looks exactly as it did.
    """

    def replay(page: Page) -> Page:
        html = page.content()
        context = chromium_browser.new_context(base_url=live_server.url)
        replayed = context.new_page()
        replayed.route("**/*.js", lambda route: route.abort())
        address = page.url
        replayed.route(
            lambda url: url == address,
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        replayed.goto(address)
        return replayed

    def check(page: Page) -> None:
        if page not in pages_without_script:
            violations = _axe_violations(axe, page)
        else:
            replayed = replay(page)
            try:
                violations = _axe_violations(axe, replayed)
            finally:
                replayed.context.close()
        if violations:
            pytest.fail(_report(page.url, violations))

    return check
