"""Debian's Chromium through Playwright, for the tests marked `browser` (loaded by tests/conftest.py):
the fixtures `chromium` (a launched browser) and `browser_page` (a page of a Turkish-locale context)."""

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture
def chromium(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test still reads the database directly.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
            # While Playwright's event loop runs in this thread, Django keeps this thread's database
            # connections in a context variable instead of the plain thread-local. Close them here, or
            # the one the test used stays checked out of the pool and the test database cannot be dropped.
            connections.close_all()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(locale="tr-TR")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
