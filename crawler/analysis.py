"""Running the analyzer for a crawl: in a worker process that is recycled every N pages.

Analysis is CPU-bound Python plus lxml's native memory. In a worker process it runs beside
the browser work on another core, and recycling the worker (``max_tasks_per_child``) keeps
a long crawl's resident memory flat whatever the parser keeps between pages. If the worker
dies, the page is analyzed in this process instead and a fresh worker is started.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import msgspec

from companion.analyzer import Analysis, analyze
from companion.models import Snapshot

log = logging.getLogger("brightline.crawler.analysis")

PAGES_PER_WORKER = 100
_encode = msgspec.json.Encoder()


def _analyze_raw(raw: bytes) -> Analysis:  # runs in the worker process
    return analyze(msgspec.json.decode(raw, type=Snapshot))


class AnalyzerPool:
    def __init__(self, pages_per_worker: int = PAGES_PER_WORKER) -> None:
        self._pages_per_worker = pages_per_worker
        self._pool: ProcessPoolExecutor | None = None
        self._fallback = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brightline-analyze")

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),  # no fork of a threaded process
                max_tasks_per_child=self._pages_per_worker,
            )
        return self._pool

    async def analyze(self, snapshot: Snapshot) -> Analysis:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._workers(), _analyze_raw, _encode.encode(snapshot))
        except BrokenProcessPool:
            log.warning("the analysis worker died; analyzing %s in-process", snapshot.url)
            self._pool = None
            return await loop.run_in_executor(self._fallback, analyze, snapshot)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self._fallback.shutdown(wait=False)
