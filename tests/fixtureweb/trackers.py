"""Tracker and font hosts: small scripts that behave like the real ones, and the endpoints they hit.

Scripts live in ``tests/fixtures/web/trackers/*.js`` and are served with ``common.js``
prepended. Endpoints answer like the real services do: a 1x1 GIF or 204, and third-party
identifier cookies with ``SameSite=None; Secure``.
"""

from __future__ import annotations

import base64
import secrets
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

GIF_1X1 = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
YEAR = 365 * 24 * 3600


class TrackerScripts:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def script(self, name: str) -> Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            common = (self.directory / "common.js").read_text(encoding="utf-8")
            body = (self.directory / name).read_text(encoding="utf-8")
            return web.Response(
                text=common + "\n" + body,
                content_type="application/javascript",
                headers={
                    "Cache-Control": "private, max-age=900",
                    "Access-Control-Allow-Origin": "*",
                },
            )

        return handler


def third_party_cookie(
    response: web.StreamResponse,
    name: str,
    value: str,
    domain: str,
    max_age: int = YEAR,
    http_only: bool = False,
) -> None:
    response.set_cookie(
        name,
        value,
        domain=domain,
        path="/",
        max_age=max_age,
        secure=True,
        samesite="None",
        httponly=http_only,
    )


def pixel(*cookies: tuple[str, Callable[[], str], str, int]) -> Handler:
    """A 1x1 GIF endpoint that sets ``(name, make_value, domain, max_age)`` cookies if absent."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.Response(
            body=GIF_1X1,
            content_type="image/gif",
            headers={"Cache-Control": "no-cache, no-store, must-revalidate"},
        )
        for name, make, domain, max_age in cookies:
            if name not in request.cookies:
                third_party_cookie(response, name, make(), domain, max_age)
        return response

    return handler


def no_content(*cookies: tuple[str, Callable[[], str], str, int]) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        response = web.Response(status=204)
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Allow-Credentials"] = "true"
        for name, make, domain, max_age in cookies:
            if name not in request.cookies:
                third_party_cookie(response, name, make(), domain, max_age)
        return response

    return handler


async def cors_preflight(request: web.Request) -> web.StreamResponse:
    return web.Response(
        status=204,
        headers={
            "Access-Control-Allow-Origin": request.headers.get("Origin", "*"),
            "Access-Control-Allow-Credentials": "true",
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type",
        },
    )


def _fr() -> str:
    return f"{secrets.token_urlsafe(18)}.{int(time.time())}"


def _muid() -> str:
    return secrets.token_hex(16).upper()


def _bcookie() -> str:
    parts = (secrets.token_hex(4), secrets.token_hex(2), secrets.token_hex(2), secrets.token_hex(6))
    return '"v=2&' + "-".join(parts) + '"'


def _hex32() -> str:
    return secrets.token_hex(16)


async def google_fonts_css(request: web.Request) -> web.StreamResponse:
    family = request.query.get("family", "Inter").split(":")[0]
    slug = family.lower().replace(" ", "").replace("+", "")
    css = (
        "/* latin */\n@font-face {\n"
        f"  font-family: '{family.replace('+', ' ')}';\n"
        "  font-style: normal;\n  font-weight: 400;\n"
        "  font-display: swap;\n"
        f"  src: url(https://fonts.gstatic.com/s/{slug}/v13/UcC73FwrK3iLTeHuS_fvQtMwCp50KnMa1ZL7.woff2)"
        " format('woff2');\n"
        "  unicode-range: U+0000-00FF, U+0131, U+0152-0153;\n}\n"
    )
    return web.Response(
        text=css,
        content_type="text/css",
        headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "private, max-age=86400"},
    )


async def font_file(request: web.Request) -> web.StreamResponse:
    # Not a real font: the browser rejects it and falls back, as it would on a broken download.
    return web.Response(
        body=b"wOF2\x00\x01\x00\x00",
        content_type="font/woff2",
        headers={"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=31536000"},
    )


def tracker_routes(scripts: TrackerScripts) -> dict[str, list[tuple[str, str, Handler]]]:
    """Per host: ``(method, path, handler)``. Paths ending in ``*`` match a prefix."""
    return {
        "www.googletagmanager.com": [
            ("GET", "/gtag/js", scripts.script("gtag.js")),
            ("GET", "/gtm.js", scripts.script("gtm.js")),
        ],
        "www.google-analytics.com": [
            ("*", "/g/collect", no_content()),
            ("GET", "/analytics.js", scripts.script("gtag.js")),
        ],
        "region1.google-analytics.com": [("*", "/g/collect", no_content())],
        "connect.facebook.net": [
            ("GET", "/en_US/fbevents.js", scripts.script("fbevents.js")),
            ("GET", "/*", scripts.script("fbevents.js")),
        ],
        "www.facebook.com": [
            ("GET", "/tr", pixel(("fr", _fr, ".facebook.com", 90 * 24 * 3600))),
            ("GET", "/tr/", pixel(("fr", _fr, ".facebook.com", 90 * 24 * 3600))),
        ],
        "bat.bing.com": [
            ("GET", "/bat.js", scripts.script("bat.js")),
            ("GET", "/action/*", no_content(("MUID", _muid, ".bing.com", 390 * 24 * 3600))),
        ],
        "static.hotjar.com": [("GET", "/c/*", scripts.script("hotjar.js"))],
        "in.hotjar.com": [
            ("OPTIONS", "/*", cors_preflight),
            ("POST", "/api/*", no_content()),
        ],
        "snap.licdn.com": [
            ("GET", "/li.lms-analytics/insight.min.js", scripts.script("insight.js"))
        ],
        "px.ads.linkedin.com": [
            ("GET", "/collect", pixel(("bcookie", _bcookie, ".linkedin.com", YEAR))),
            ("GET", "/collect/", pixel(("bcookie", _bcookie, ".linkedin.com", YEAR))),
        ],
        "cdn.pixelsyncer.io": [("GET", "/ps.js", scripts.script("pixelsyncer.js"))],
        "t.pixelsyncer.io": [
            ("GET", "/p.gif", pixel(("psid", _hex32, ".pixelsyncer.io", 400 * 24 * 3600)))
        ],
        "fonts.googleapis.com": [
            ("GET", "/css2", google_fonts_css),
            ("GET", "/css", google_fonts_css),
        ],
        "fonts.gstatic.com": [("GET", "/s/*", font_file)],
    }


def match(routes: list[tuple[str, str, Handler]], method: str, path: str) -> Handler | None:
    for want_method, want_path, handler in routes:
        if want_method not in ("*", method):
            continue
        if want_path.endswith("*"):
            if path.startswith(want_path[:-1]):
                return handler
        elif path == want_path:
            return handler
    return None
