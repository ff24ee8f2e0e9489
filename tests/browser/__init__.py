"""Browser tests: the demo journey in Debian's chromium, driven by Playwright, checked with axe."""
