"""Typed application state."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from companion.service.executor import AnalysisPool
from companion.service.history import HistoryStore
from companion.service.settings import Settings

SETTINGS = web.AppKey("settings", Settings)
HISTORY = web.AppKey("history", HistoryStore)
# One thread owns the SQLite connection; every store call goes through it.
DB_THREAD = web.AppKey("db_thread", ThreadPoolExecutor)
POOL = web.AppKey("analysis_pool", AnalysisPool)
# History writes still running; cleanup waits for them so shutdown loses nothing.
PENDING_WRITES = web.AppKey("pending_writes", set)
