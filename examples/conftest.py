"""Fixtures for the example suite: a tiny local site and a browser page.

Copy this next to your own tests and point ``site_url`` at your staging server instead.
With pytest-playwright installed, its ``page`` fixture is used (this file only tells it
which Chromium to start); without it, a small ``page`` fixture below does the same job.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.browser import find_browser, launch_flags

SITE = Path(__file__).parent / "site"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server API
        pass


@pytest.fixture(scope="session")
def site_url() -> Iterator[str]:
    """The example pages, served on loopback only (``examples/site``)."""
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if importlib.util.find_spec("pytest_playwright") is not None:

    @pytest.fixture(scope="session")
    def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
        """pytest-playwright: start the Chromium Brightline finds, with its flags."""
        return {**browser_type_launch_args, "executable_path": find_browser().path, "args": launch_flags()}

else:
    from playwright.sync_api import Browser, Page, sync_playwright

    @pytest.fixture(scope="session")
    def browser() -> Iterator[Browser]:
        with sync_playwright() as pw:
            launched = pw.chromium.launch(executable_path=find_browser().path, args=launch_flags(), headless=True)
            yield launched
            launched.close()

    @pytest.fixture
    def page(browser: Browser) -> Iterator[Page]:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            yield context.new_page()
        finally:
            context.close()
