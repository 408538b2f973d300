"""Browser tests: Debian's headless chromium driven by Playwright against a live server (pytest-django's
``live_server``: a real HTTP server in a thread, over a transactional test database).

Only the system's ``/usr/bin/chromium`` is used (``scripts/test`` installs Debian's package when it runs
as root); Playwright never downloads a browser here. Without chromium the tests skip and say why.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connections

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 20_000


@pytest.fixture
def page(monkeypatch: pytest.MonkeyPatch, live_server: Any) -> Iterator[Page]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: the browser tests use Debian's chromium "
            "(scripts/test installs it when run as root; or: apt-get install chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    # Playwright's synchronous API runs an event loop in this thread; the test's own ORM calls are not
    # async code, so Django's guard against ORM use inside a running loop is lifted for these tests only
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            yield context.new_page()
            context.close()
        finally:
            browser.close()
            # while the loop runs, Django keeps this thread's connections in the loop's context (asgiref
            # Local): close them here, or PostgreSQL cannot drop the test database at the end
            connections.close_all()
