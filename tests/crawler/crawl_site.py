"""A tiny local site for crawler stage tests (plain HTTP on 127.0.0.1), with the awkward
pages real crawls meet: robots.txt, a sitemap-only page, a hanging page, a redirect loop,
a download, a JavaScript dialog, a 500, and a page that kills the browser."""

from __future__ import annotations

import asyncio
import os
import signal
import ssl
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psutil
from aiohttp import web


def _page(title: str, links: list[str], extra: str = "") -> str:
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (
        f"<!doctype html><html lang=en><head><title>{title}</title></head><body>"
        f"<h1>{title}</h1><ul>{anchors}</ul>{extra}</body></html>"
    )


PAGES: dict[str, tuple[str, list[str]]] = {
    "/": (
        "Home",
        [
            "/a",
            "/b?utm_source=x",
            "/b",
            "/private/secret",
            "/img/logo.png",
            "https://elsewhere.example/",
            "/a#section",
        ],
    ),
    "/a": ("A", ["/", "/a/deep"]),
    "/b": ("B", ["/a"]),
    "/a/deep": ("Deep", ["/a/deep/deeper"]),
    "/a/deep/deeper": ("Deeper", []),
    "/orphan": ("Only in the sitemap", []),
    "/private/secret": ("Disallowed", []),
}


@dataclass
class LocalSite:
    port: int = 0
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def make_app(site: LocalSite) -> web.Application:
    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        site.hits[path] += 1
        if path == "/robots.txt":
            return web.Response(text=f"User-agent: *\nDisallow: /private/\nSitemap: {site.url('/sitemap.xml')}\n")
        if path == "/sitemap.xml":
            return web.Response(
                content_type="application/xml",
                text=(
                    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<url><loc>{site.url('/orphan')}</loc></url><url><loc>{site.url('/a')}</loc></url>"
                    "</urlset>"
                ),
            )
        if path == "/hang":
            await asyncio.sleep(60)
        if path == "/slowish":
            await asyncio.sleep(0.6)
            return web.Response(text=_page("Slowish", []), content_type="text/html")
        if path == "/loop":
            raise web.HTTPFound("/loop")
        if path == "/broken":
            return web.Response(status=500, text="boom")
        if path == "/file":
            return web.Response(
                body=b"%PDF-1.4 fake",
                headers={
                    "Content-Type": "application/octet-stream",
                    "Content-Disposition": 'attachment; filename="x.pdf"',
                },
            )
        if path == "/dialog":
            return web.Response(
                content_type="text/html",
                text=_page("Dialog", [], "<script>alert('Subscribe to our newsletter!')</script>"),
            )
        if path == "/trouble":
            links = ["/hang", "/loop", "/broken", "/file", "/dialog", "/boom", "/a"]
            return web.Response(text=_page("Trouble", links), content_type="text/html")
        if path == "/huge":  # 6 MB of HTML
            para = "<p>" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "</p>"
            body = para * (6_000_000 // len(para))
            return web.Response(text=_page("Huge", [], body), content_type="text/html")
        if path == "/boom":
            return web.Response(text=_page("Boom", []), content_type="text/html")
        if path in PAGES:
            title, links = PAGES[path]
            return web.Response(text=_page(title, links), content_type="text/html")
        return web.Response(status=404, text="not found")

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


def kill_our_browser() -> int:
    """SIGKILL the main process of the Chromium this test started most recently; returns its pid.

    Session fixtures may hold browsers of their own, so the newest browser is the one the
    running test launched.
    """
    me = psutil.Process(os.getpid())
    browsers = []
    for proc in me.children(recursive=True):
        try:
            name = proc.name().lower()
            cmdline = proc.cmdline()
            created = proc.create_time()
        except psutil.Error:
            continue
        is_main = not any(arg.startswith("--type=") for arg in cmdline)
        if "chrom" in name and is_main and "--remote-debugging-pipe" in cmdline:
            browsers.append((created, proc.pid))
    if not browsers:
        raise AssertionError("no browser process found among this test's children")
    pid = max(browsers)[1]
    os.kill(pid, signal.SIGKILL)
    return pid


@contextmanager
def serve_in_thread(app: web.Application, ssl_context: ssl.SSLContext | None = None) -> Iterator[int]:
    """Serve ``app`` on a free loopback port from its own thread and event loop; yields the port."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
    port: list[int] = []

    def run() -> None:
        asyncio.set_event_loop(loop)

        async def start() -> None:
            await runner.setup()
            tcp = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ssl_context)
            await tcp.start()
            port.append(tcp._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]

        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(20), "the local test server did not start"
    try:
        yield port[0]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
