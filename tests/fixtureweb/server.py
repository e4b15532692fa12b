"""One HTTPS server for every fixture hostname, routing by the ``Host`` header.

- ``tests/fixtures/web/sites/<hostname>/`` holds each hand-written site (static files;
  ``/x`` also finds ``x.html`` and ``x/index.html``; ``expected.json`` and ``_*`` are private).
- ``cdn.jsdelivr.net/npm/<pkg>@<version>/<path>`` serves the npm packages installed in
  ``tests/fixtures/web/node_modules`` (``npm ci`` there, which ``scripts/setup.sh`` runs).
- Tracker and font hosts answer from :mod:`tests.fixtureweb.trackers`.
- Generated sites (a 130-page shop, crawler traps) come from :mod:`tests.fixtureweb.generated`.
- On the loopback name itself (``https://127.0.0.1:PORT/``): ``GET /__log`` returns the
  request log as JSON (cookie names only), ``DELETE /__log`` clears it, ``/`` lists sites.

Run ``python -m tests.fixtureweb.server --port 0``: the first line printed is the port.
The certificate is self-signed, made at start with the ``openssl`` CLI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import mimetypes
import re
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from tests.fixtureweb.generated import generated_routes
from tests.fixtureweb.log import LoggedRequest, RequestLog
from tests.fixtureweb.tls import server_context
from tests.fixtureweb.trackers import Handler, TrackerScripts, match, tracker_routes

WEB_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "web"
CONTROL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
CDN_HOST = "cdn.jsdelivr.net"
PRIVATE_NAMES = frozenset({"expected.json"})
_NPM_SPEC = re.compile(
    r"^/npm/(?P<name>(?:@[^/@]+/)?[^/@]+)(?:@(?P<version>[^/]+))?(?P<path>/.*)?$"
)

LOG_KEY = web.AppKey("log", RequestLog)
ROOT_KEY = web.AppKey("root", Path)
ROUTES_KEY = web.AppKey("routes", dict[str, list[tuple[str, str, Handler]]])

mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/javascript", ".mjs")
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("image/svg+xml", ".svg")


def request_host(request: web.Request) -> str:
    host = (request.headers.get("Host") or "").strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def site_names(root: Path = WEB_ROOT) -> list[str]:
    sites = root / "sites"
    return sorted(p.name for p in sites.iterdir() if p.is_dir()) if sites.is_dir() else []


# -- static files -----------------------------------------------------------------------
def resolve_file(base: Path, url_path: str) -> Path | None:
    """The file under ``base`` that ``url_path`` names, or None. Never escapes ``base``."""
    parts = [p for p in url_path.split("/") if p]
    if any(p in (".", "..") or p.startswith(("_", ".")) or "\\" in p for p in parts):
        return None
    if parts and parts[-1] in PRIVATE_NAMES:
        return None
    target = base.joinpath(*parts) if parts else base
    candidates = (
        [target / "index.html"]
        if url_path.endswith("/") or not parts
        else [
            target,
            target.with_name(target.name + ".html"),
            target / "index.html",
        ]
    )
    base_resolved = base.resolve()
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
            resolved.relative_to(base_resolved)
        except (OSError, ValueError):
            continue
        if resolved.is_file():
            return resolved
    return None


def file_response(path: Path, cache: str) -> web.StreamResponse:
    ctype, _ = mimetypes.guess_type(path.name)
    ctype = ctype or "application/octet-stream"
    if ctype.startswith("text/") or ctype in (
        "application/javascript",
        "application/json",
        "application/xml",
        "image/svg+xml",
    ):
        ctype += "; charset=utf-8"
    return web.Response(
        body=path.read_bytes(), headers={"Content-Type": ctype, "Cache-Control": cache}
    )


def not_found(host: str, path: str) -> web.Response:
    body = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>404 Not Found</title>"
        f"</head><body><h1>Not Found</h1><p>The requested URL {path} was not found on {host}.</p>"
        "</body></html>"
    )
    return web.Response(status=404, text=body, content_type="text/html")


# -- the jsDelivr stand-in ----------------------------------------------------------------
def npm_file(root: Path, url_path: str) -> Path | None:
    found = _NPM_SPEC.match(url_path)
    if not found:
        return None
    name, version, rest = found["name"], found["version"], found["path"] or "/"
    package = root / "node_modules" / name
    manifest = package / "package.json"
    if not manifest.is_file():
        return None
    installed = json.loads(manifest.read_text(encoding="utf-8")).get("version", "")
    # npm cleans versions on publish ("v1.5.0" in a tarball is 1.5.0 on the registry and CDN)
    installed = installed.strip().removeprefix("=").removeprefix("v")
    if version not in (None, "latest", installed) and not installed.startswith(version + "."):
        return None
    if rest == "/":
        main = json.loads(manifest.read_text(encoding="utf-8")).get("main")
        if not main:
            return None
        rest = "/" + main
    return resolve_file(package, rest)


# -- dispatch ---------------------------------------------------------------------------
async def dispatch(request: web.Request) -> web.StreamResponse:
    app = request.app
    host = request_host(request)
    path = request.path
    if host in CONTROL_HOSTS:
        return await control(request)
    routes: dict[str, list[tuple[str, str, Handler]]] = app[ROUTES_KEY]
    if host in routes:
        handler = match(routes[host], request.method, path)
        if handler is not None:
            return await handler(request)
    root = app[ROOT_KEY]
    if host == CDN_HOST:
        if not (root / "node_modules").is_dir():
            return web.Response(
                status=503, text="fixture web: run `npm ci` in tests/fixtures/web first\n"
            )
        found = npm_file(root, path)
        if found is None:
            return not_found(host, path)
        response = file_response(found, "public, max-age=31536000, s-maxage=31536000, immutable")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    site = root / "sites" / host
    if request.method not in ("GET", "HEAD", "POST"):
        return web.Response(status=405)
    if site.is_dir():
        found = resolve_file(site, path)
        if found is not None:
            html = found.suffix == ".html"
            return file_response(found, "no-cache" if html else "public, max-age=3600")
    if host in routes:
        return not_found(host, path)
    if not site.is_dir():
        return web.Response(status=404, text=f"fixture web: no site for host {host!r}\n")
    return not_found(host, path)


async def control(request: web.Request) -> web.StreamResponse:
    log = request.app[LOG_KEY]
    if request.path == "/__log":
        if request.method == "DELETE":
            log.clear()
            return web.Response(status=204)
        since = float(request.query.get("since", "0") or 0)
        return web.json_response([e.to_json() for e in log.entries if e.time >= since])
    if request.path == "/":
        routes: dict[str, list[tuple[str, str, Handler]]] = request.app[ROUTES_KEY]
        names = site_names(request.app[ROOT_KEY]) + sorted(routes)
        return web.json_response({"sites": sorted(set(names))})
    return web.Response(status=404, text="fixture web control: GET /__log, DELETE /__log, GET /\n")


@web.middleware
async def log_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
    started = time.time()
    host = request_host(request)
    status = 500
    set_cookies: tuple[str, ...] = ()
    try:
        response = await handler(request)
        status = response.status
        set_cookies = tuple(response.cookies.keys())
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        if host not in CONTROL_HOSTS:
            request.app[LOG_KEY].add(
                LoggedRequest(
                    time=started,
                    method=request.method,
                    host=host,
                    path=request.path,
                    query=request.query_string,
                    status=status,
                    referer=request.headers.get("Referer"),
                    cookies=tuple(request.cookies.keys()),
                    set_cookies=set_cookies,
                )
            )


def create_app(root: Path = WEB_ROOT, log: RequestLog | None = None) -> web.Application:
    app = web.Application(middlewares=[log_requests])
    app[LOG_KEY] = log if log is not None else RequestLog()
    app[ROOT_KEY] = root
    routes = tracker_routes(TrackerScripts(root / "trackers"))
    for host, host_routes in generated_routes(root).items():
        routes.setdefault(host, []).extend(host_routes)
    app[ROUTES_KEY] = routes
    app.router.add_route("*", "/{tail:.*}", dispatch)
    return app


# -- running it -------------------------------------------------------------------------
class _LoopbackResolver(AbstractResolver):
    """Resolves every hostname to the fixture web, as --host-resolver-rules does in Chromium."""

    def __init__(self, port: int) -> None:
        self.port = port

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [
            ResolveResult(
                hostname=host,
                host="127.0.0.1",
                port=self.port,
                family=socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
        ]

    async def close(self) -> None:
        return None


class FixtureWeb:
    """The fixture web server: ``async with FixtureWeb() as web:`` or ``FixtureWeb.background()``.

    ``background()`` runs it on its own thread, usable from sync code and any event loop.
    """

    def __init__(self, port: int = 0, host: str = "127.0.0.1", root: Path = WEB_ROOT) -> None:
        self.bind_host = host
        self.requested_port = port
        self.root = root
        self.log = RequestLog()
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    async def start(self) -> FixtureWeb:
        self._tmp = tempfile.TemporaryDirectory(prefix="fixtureweb-")
        context = server_context(Path(self._tmp.name))
        self._runner = web.AppRunner(create_app(self.root, self.log), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.bind_host, self.requested_port, ssl_context=context)
        await site.start()
        sockets = getattr(site._server, "sockets", None)
        if not sockets:
            raise RuntimeError("fixture web: the server has no listening socket")
        self.port = sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    async def __aenter__(self) -> FixtureWeb:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # -- what tests use -----------------------------------------------------------------
    def url(self, host: str, path: str = "/") -> str:
        """The URL a browser started with :attr:`chrome_flags` uses (no port: it is mapped)."""
        if not path.startswith("/"):
            path = "/" + path
        return f"https://{host}{path}"

    @property
    def origin(self) -> str:
        """The loopback address itself, for the control endpoints (``/__log``)."""
        return f"https://127.0.0.1:{self.port}"

    @property
    def chrome_flags(self) -> list[str]:
        return [
            f"--host-resolver-rules=MAP * 127.0.0.1:{self.port}, EXCLUDE localhost",
            "--ignore-certificate-errors",
        ]

    @property
    def chrome_flags_arg(self) -> str:
        """The same flags as one string for ``brightline crawl --chrome-flags``."""
        return (
            f"--host-resolver-rules='MAP * 127.0.0.1:{self.port}, EXCLUDE localhost' "
            "--ignore-certificate-errors"
        )

    def session(self, **kwargs: Any) -> aiohttp.ClientSession:
        """An aiohttp client that reaches every hostname through this server (TLS unchecked)."""
        connector = aiohttp.TCPConnector(resolver=_LoopbackResolver(self.port), ssl=False)
        return aiohttp.ClientSession(connector=connector, **kwargs)

    @classmethod
    @contextmanager
    def background(
        cls, port: int = 0, host: str = "127.0.0.1", root: Path = WEB_ROOT
    ) -> Iterator[FixtureWeb]:
        """Run the server on its own thread and event loop, for sync code and any test loop."""
        server = cls(port=port, host=host, root=root)
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(server.start())
            except BaseException as exc:  # noqa: BLE001 - reported to the caller below
                failure.append(exc)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(server.stop())
            loop.close()

        thread = threading.Thread(target=run, name="fixture-web", daemon=True)
        thread.start()
        ready.wait(30)
        if failure:
            raise failure[0]
        if not server.port:
            raise RuntimeError("fixture web did not start within 30 s")
        try:
            yield server
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)


async def _serve(port: int, host: str) -> None:
    async with FixtureWeb(port=port, host=host) as server:
        print(server.port, flush=True)
        print(
            f"fixture web on https://{host}:{server.port}/ ;"
            f" browser flags: {server.chrome_flags_arg}",
            file=sys.stderr,
            flush=True,
        )
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fixtureweb.server",
        description="Serve the Brightline fixture web on loopback.",
    )
    parser.add_argument("--port", type=int, default=0, help="port (0 picks a free one; printed)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve(args.port, args.host))
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
