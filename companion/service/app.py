"""The application factory: ``create_app(settings) -> web.Application``."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from companion.service import api, dashboard, openapi
from companion.service.errors import json_errors
from companion.service.executor import AnalysisPool
from companion.service.history import HistoryStore
from companion.service.keys import DB_THREAD, HISTORY, PENDING_WRITES, POOL, SETTINGS
from companion.service.security import guard, protective_headers
from companion.service.settings import Settings


async def _history_ctx(app: web.Application) -> AsyncIterator[None]:
    db_thread = ThreadPoolExecutor(1, thread_name_prefix="brightline-history")
    loop = asyncio.get_running_loop()
    app[DB_THREAD] = db_thread
    app[PENDING_WRITES] = set()
    app[HISTORY] = await loop.run_in_executor(db_thread, HistoryStore, app[SETTINGS].db_path)
    try:
        yield
    finally:
        # Runs after in-flight requests finished; wait for their history writes too.
        if app[PENDING_WRITES]:
            await asyncio.gather(*app[PENDING_WRITES], return_exceptions=True)
        await loop.run_in_executor(db_thread, app[HISTORY].close)
        db_thread.shutdown(wait=True)


async def _pool_ctx(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    pool = AnalysisPool(
        settings.executor, settings.workers, settings.analysis_timeout_s, settings.max_pending
    )
    await pool.start()
    app[POOL] = pool
    try:
        yield
    finally:
        await pool.close()


def create_app(settings: Settings | None = None) -> web.Application:
    settings = settings or Settings()
    app = web.Application(
        middlewares=[protective_headers, json_errors, guard],
        client_max_size=settings.max_body_bytes,
    )
    app[SETTINGS] = settings
    app.cleanup_ctx.extend([_history_ctx, _pool_ctx])
    app.add_routes(api.routes)
    app.add_routes(openapi.routes)
    app.add_routes(dashboard.routes)
    return app
