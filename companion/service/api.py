"""The JSON API: analyse a snapshot, read the catalog, read and forget history, health."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import web

from companion import __version__, catalog
from companion.service.errors import ApiError
from companion.service.executor import AnalysisBusy, AnalysisCrashed, AnalysisTimeout
from companion.service.keys import DB_THREAD, HISTORY, PENDING_WRITES, POOL, SETTINGS
from companion.service.worker import Analysed, Rejected, analyse_body

T = TypeVar("T")
log = logging.getLogger("brightline.service")
routes = web.RouteTableDef()
MAX_PAGE = 500


async def in_db_thread(app: web.Application, fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(app[DB_THREAD], fn, *args)


async def read_json_body(request: web.Request) -> bytes:
    if request.content_type != "application/json":
        raise ApiError(
            415, f"send the snapshot as application/json, not {request.content_type or 'nothing'}"
        )
    limit = request.app[SETTINGS].max_body_bytes
    too_big = ApiError(
        413,
        f"the body is over the {request.app[SETTINGS].max_body_mb:g} MB limit; "
        "start the companion with a larger --max-body if the page really is that big",
    )
    if request.content_length is not None and request.content_length > limit:
        raise too_big
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise too_big from None
    if not body.strip():
        raise ApiError(400, "the body is empty; send a snapshot as JSON", "$")
    return body


def _flag(request: web.Request, name: str, default: bool) -> bool:
    raw = request.query.get(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes"):
        return True
    if raw.lower() in ("0", "false", "no"):
        return False
    raise ApiError(400, f"{name} must be true or false", f"query.{name}")


@routes.post("/api/v1/analyze")
async def analyze(request: web.Request) -> web.Response:
    app = request.app
    record = _flag(request, "record", True)
    body = await read_json_body(request)
    try:
        outcome = await app[POOL].run(analyse_body, body, app[SETTINGS].store_html)
    except AnalysisTimeout as err:
        raise ApiError(422, str(err)) from None
    except AnalysisCrashed as err:
        raise ApiError(422, str(err)) from None
    except AnalysisBusy:
        raise web.HTTPServiceUnavailable(
            reason="the companion is busy; retry shortly", headers={"Retry-After": "1"}
        ) from None
    if isinstance(outcome, Rejected):
        raise ApiError(400, f"invalid snapshot at {outcome.path}: {outcome.message}", outcome.path)
    assert isinstance(outcome, Analysed)
    if record:
        _record_in_background(app, outcome.record)
    return web.Response(body=outcome.body, content_type="application/json")


def _record_in_background(app: web.Application, entry: bytes) -> None:
    """Queue the history write and answer without waiting for the disk.

    The write goes to the one history thread in the loop's next step, once the reply has
    been handed to the socket: started sooner, that thread would hold the GIL while the
    loop sends the reply. It is still queued before any later request is read, so any
    later read sees it; shutdown waits for writes still queued, so none is lost.
    """
    loop = asyncio.get_running_loop()
    written: asyncio.Future[None] = loop.create_future()
    pending = app[PENDING_WRITES]
    pending.add(written)

    def finished(write: asyncio.Future[int]) -> None:
        pending.discard(written)
        if not write.cancelled() and write.exception() is not None:
            log.error("could not record a visit in the history: %s", write.exception())
        written.set_result(None)

    def submit() -> None:
        write = loop.run_in_executor(app[DB_THREAD], app[HISTORY].record_json, entry)
        write.add_done_callback(finished)

    loop.call_soon(submit)


@routes.get("/api/v1/rules")
async def rules(request: web.Request) -> web.Response:
    return web.json_response({"rules": catalog.as_json()})


def _time(request: web.Request, name: str) -> float | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            raise ApiError(
                400, f"{name} must be epoch seconds or an ISO 8601 time, not {raw!r}",
                f"query.{name}",
            ) from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        return parsed.timestamp()
    if not math.isfinite(value):
        raise ApiError(400, f"{name} must be a finite number", f"query.{name}")
    return value


def _int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number", f"query.{name}") from None
    if not low <= value <= high:
        raise ApiError(400, f"{name} must be between {low} and {high}", f"query.{name}")
    return value


def _site(raw: str, where: str) -> str:
    site = raw.strip().lower()
    if not site or len(site) > 253:
        raise ApiError(400, "name a site, for example example.com", where)
    return site


@routes.get("/api/v1/history")
async def history(request: web.Request) -> web.Response:
    raw_site = request.query.get("site")
    site = _site(raw_site, "query.site") if raw_site is not None else None
    since, until = _time(request, "since"), _time(request, "until")
    limit = _int(request, "limit", 50, 1, MAX_PAGE)
    offset = _int(request, "offset", 0, 0, 2**31)
    page = await in_db_thread(
        request.app,
        lambda: request.app[HISTORY].visits(
            site=site, since=since, until=until, limit=limit, offset=offset
        ),
    )
    next_offset = offset + len(page.items) if offset + len(page.items) < page.total else None
    return web.json_response(
        {"items": page.items, "total": page.total, "limit": limit, "offset": offset,
         "next_offset": next_offset}
    )


@routes.get("/api/v1/summary")
async def summary(request: web.Request) -> web.Response:
    since, until = _time(request, "since"), _time(request, "until")
    data = await in_db_thread(
        request.app, lambda: request.app[HISTORY].summary(since=since, until=until)
    )
    return web.json_response(data)


@routes.delete("/api/v1/history")
async def forget_all(request: web.Request) -> web.Response:
    deleted = await in_db_thread(request.app, request.app[HISTORY].forget, None)
    return web.json_response({"deleted": deleted})


@routes.delete("/api/v1/history/{site}")
async def forget_site(request: web.Request) -> web.Response:
    site = _site(request.match_info["site"], "site")
    deleted = await in_db_thread(request.app, request.app[HISTORY].forget, site)
    return web.json_response({"deleted": deleted, "site": site})


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    pool = request.app[POOL]
    return web.json_response(
        {"status": "ok", "version": __version__, "executor": pool.kind,
         "workers": pool.workers, "pending": pool.pending}
    )
