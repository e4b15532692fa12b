"""Browser fixtures: a headless Chromium driven by Playwright, and a tiny local web server.

The server answers on loopback for any host name; Chromium maps ``*.test`` to it with
``--host-resolver-rules``, so tests get real distinct origins (``site.test`` and
``cmp.test``) without touching DNS or the internet.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, Playwright, async_playwright

from crawler.browser import launch_flags


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


class LocalSite:
    """Serves registered paths for every host name; ``url(host, path)`` builds links."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                route = site.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, headers or {})
        return path

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"

    @property
    def chrome_flags(self) -> list[str]:
        return ["--host-resolver-rules=MAP *.test 127.0.0.1"]


@pytest.fixture(scope="session")
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()
    site.thread.start()
    try:
        yield site
    finally:
        site.server.shutdown()
        site.server.server_close()


@pytest.fixture
def site(local_site: LocalSite) -> Iterator[LocalSite]:
    """The session's server with a clean route table for this test."""
    local_site.routes.clear()
    yield local_site
    local_site.routes.clear()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def playwright() -> AsyncIterator[Playwright]:
    async with async_playwright() as pw:
        yield pw


# One browser for the whole session (tests get a fresh context each). Tests that use it
# run on the session's event loop: see ``pytestmark`` in the test modules.
@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser(
    playwright: Playwright, chromium_path: str, local_site: LocalSite
) -> AsyncIterator[Browser]:
    b = await playwright.chromium.launch(
        executable_path=chromium_path,
        args=launch_flags(local_site.chrome_flags),
        headless=True,
    )
    try:
        yield b
    finally:
        await b.close()


@pytest_asyncio.fixture(loop_scope="session")
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    p = await context.new_page()
    try:
        yield p
    finally:
        await context.close()
