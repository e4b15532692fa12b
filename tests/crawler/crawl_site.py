"""A tiny local site for crawler stage tests (plain HTTP on 127.0.0.1), with the awkward
pages real crawls meet: robots.txt, a sitemap-only page, a hanging page, a redirect loop,
a download, a JavaScript dialog, a 500, and a page that kills the browser."""

from __future__ import annotations

import asyncio
import os
import signal
from collections import Counter
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
    """SIGKILL the main process of the Chromium this test process started; returns its pid."""
    me = psutil.Process(os.getpid())
    for proc in me.children(recursive=True):
        try:
            name = proc.name().lower()
            cmdline = proc.cmdline()
        except psutil.Error:
            continue
        if "chrom" in name and not any(arg.startswith("--type=") for arg in cmdline):
            os.kill(proc.pid, signal.SIGKILL)
            return proc.pid
    raise AssertionError("no browser process found among this test's children")
