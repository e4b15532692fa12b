"""Who may talk to the companion: checks on Host and Origin, CORS, and protective headers.

- Host must name this service on loopback (127.0.0.1, localhost or [::1], with the port the
  request actually arrived on). A web page that rebinds its own DNS name to 127.0.0.1
  still sends its own name, so DNS rebinding gets a 403.
- Origin, when present, must be an allowed extension origin, or the companion's own
  origin (the dashboard it serves). Anything else, including ``null``, gets a 403, so web
  pages can neither post to it nor read from it.
- Without an Origin the caller is a local tool (curl, the crawler) and is allowed, unless
  the browser says the request is cross-site (``Sec-Fetch-Site``), which is a web page
  embedding an API URL in an ``<img>`` or ``<script>``.
- CORS headers go only to allowed extension origins.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler

from companion.service.errors import ApiError
from companion.service.keys import SETTINGS
from companion.service.settings import LOOPBACK_NAMES, Settings

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
CORS_MAX_AGE = "600"


def _local_port(request: web.Request) -> int | None:
    sockname = request.transport.get_extra_info("sockname") if request.transport else None
    if isinstance(sockname, tuple) and len(sockname) >= 2:
        return int(sockname[1])
    return None


def _split_host(value: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit(f"//{value}")
        port = parts.port
    except ValueError:
        return None
    name = parts.hostname or ""
    if ":" in name:
        name = f"[{name}]"
    return name.lower(), port


def _names(settings: Settings) -> set[str]:
    names = set(LOOPBACK_NAMES)
    if not settings.loopback_only:
        names.add(settings.host.lower())
    return names


def host_allowed(request: web.Request, settings: Settings) -> bool:
    raw = request.headers.get("Host")
    port = _local_port(request)
    if not raw or port is None:
        return False
    split = _split_host(raw)
    if split is None:
        return False
    name, host_port = split
    return name in _names(settings) and (host_port or 80) == port


def is_own_origin(origin: str, request: web.Request, settings: Settings) -> bool:
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return False
    if parts.scheme != "http" or parts.path or not parts.hostname:
        return False
    name = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname.lower()
    return name in _names(settings) and (port or 80) == _local_port(request)


def cors_origin(request: web.Request) -> str | None:
    """The request's Origin if it is an allowed extension origin (it then gets CORS)."""
    origin = request.headers.get("Origin")
    if origin and origin in request.app[SETTINGS].allowed_origins:
        return origin
    return None


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse foreign Host and Origin; answer CORS preflights for allowed origins."""
    settings = request.app[SETTINGS]
    if not host_allowed(request, settings):
        raise ApiError(
            403,
            f"Host {request.headers.get('Host', '')!r} is not this companion's loopback "
            "address; use http://127.0.0.1:PORT",
        )
    origin = request.headers.get("Origin")
    if origin is not None:
        if origin not in settings.allowed_origins and not is_own_origin(origin, request, settings):
            raise ApiError(
                403,
                f"Origin {origin!r} may not use this companion; only the Brightline extension "
                "may (add another with --allow-origin)",
            )
    elif request.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
        raise ApiError(403, "cross-site requests without an Origin are refused")
    if request.method == "OPTIONS":
        return _preflight(request)
    return await handler(request)


def _preflight(request: web.Request) -> web.Response:
    exc = request.match_info.http_exception
    if isinstance(exc, web.HTTPMethodNotAllowed):
        methods = sorted(set(exc.allowed_methods) | {"OPTIONS"})
    elif exc is not None:
        raise exc
    else:
        methods = sorted({request.method, "OPTIONS"})
    headers = {"Allow": ", ".join(methods)}
    if cors_origin(request):
        requested = request.headers.get("Access-Control-Request-Method", "")
        if requested and requested not in methods:
            raise ApiError(405, f"{requested} is not allowed on {request.path}")
        headers.update(
            {
                "Access-Control-Allow-Methods": ", ".join(methods),
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": CORS_MAX_AGE,
            }
        )
        if request.headers.get("Access-Control-Request-Private-Network") == "true":
            headers["Access-Control-Allow-Private-Network"] = "true"
    return web.Response(status=204, headers=headers)


@web.middleware
async def protective_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Outermost: CORS for allowed extension origins and hardening headers on every reply."""
    response = await handler(request)
    headers = response.headers
    origin = cors_origin(request)
    if origin:
        headers["Access-Control-Allow-Origin"] = origin
    headers.add("Vary", "Origin")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cache-Control", "no-store")
    return response
