"""Running analyses off the event loop, bounded in number and in time.

Two kinds of pool, both with a per-analysis deadline that interrupts Python code:

- ``process`` (the default): analyses run in worker processes, in parallel on every core.
  A worker stuck inside C code past the deadline is killed and replaced, so one hostile
  page can never hang the service.
- ``thread``: analyses run in threads of the service. No process start-up and the fewest
  hand-offs per request, but one core (the GIL) and a thread stuck in C cannot be killed,
  only abandoned until its C call returns.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

from companion.service.settings import ExecutorKind
from companion.service.worker import DeadlineExceeded, call_with_deadline, warm_up

log = logging.getLogger("brightline.service")
T = TypeVar("T")

# Extra time the event loop waits after a worker's own deadline before killing it.
KILL_GRACE_S = 2.0
# Starting replacement workers is not analysis time; it is bounded separately.
STARTUP_TIMEOUT_S = 120.0


def _abandon_queue(executor: Executor) -> None:
    """Let the process exit even if work for killed workers is still in the pipe.

    Otherwise multiprocessing joins the queue's feeder thread at exit, and that thread
    waits forever to write into a pipe nobody reads any more.
    """
    queue = getattr(executor, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()


class AnalysisTimeout(Exception):
    pass


class AnalysisBusy(Exception):
    pass


class AnalysisCrashed(Exception):
    pass


class AnalysisPool:
    def __init__(
        self, kind: ExecutorKind, workers: int, timeout_s: float, max_pending: int
    ) -> None:
        self.kind = kind
        self.workers = workers
        self.timeout_s = timeout_s
        self.max_pending = max_pending
        self.pending = 0
        self.restarts = 0
        self._executor: Executor | None = None
        self._ready: asyncio.Future[None] | None = None
        # One slot per worker: work waits here, not in the executor's queue, so the
        # time limit covers running only, never waiting behind other pages.
        self._slots: asyncio.Semaphore | None = None
        self._generation = 0

    def _new_executor(self) -> Executor:
        if self.kind == "thread":
            return ThreadPoolExecutor(self.workers, thread_name_prefix="brightline-analysis")
        # spawn, not fork: forking a process that runs an event loop and threads is unsafe.
        return ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=warm_up
        )

    async def start(self) -> None:
        self._slots = asyncio.Semaphore(self.workers)
        self._executor = self._new_executor()
        self._ready = asyncio.ensure_future(self._warm(self._executor))
        await self._ready

    async def _warm(self, executor: Executor) -> None:
        """Start every worker and load the analyzer in it before work is timed against it."""
        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(
                *(loop.run_in_executor(executor, warm_up) for _ in range(self.workers))
            )
        except (BrokenExecutor, RuntimeError):
            pass  # replaced again meanwhile; the next run waits for the newer one

    async def close(self) -> None:
        """Stop the workers: let running analyses finish within their budget, then kill."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if self._ready is not None:
            self._ready.cancel()
        procs = []
        if isinstance(executor, ProcessPoolExecutor):
            procs = list((executor._processes or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s + KILL_GRACE_S
        for proc in procs:
            await loop.run_in_executor(None, proc.join, max(0.0, deadline - loop.time()))
            if proc.is_alive():
                _abandon_queue(executor)
                proc.kill()

    def worker_pids(self) -> list[int]:
        if isinstance(self._executor, ProcessPoolExecutor):
            return [p.pid for p in (self._executor._processes or {}).values() if p.pid]
        return []

    def _replace(self, generation: int, *, kill: bool) -> None:
        """Swap in a fresh executor, once per broken generation."""
        if generation != self._generation or self._executor is None:
            return
        old = self._executor
        if kill and isinstance(old, ProcessPoolExecutor):
            # The executor has no public way to stop one task; kill its workers instead.
            _abandon_queue(old)
            for proc in list((old._processes or {}).values()):
                proc.kill()
        old.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()
        self._ready = asyncio.ensure_future(self._warm(self._executor))
        self._generation += 1
        self.restarts += 1
        log.warning("analysis workers replaced (%s)", "timeout" if kill else "crash")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None or self._slots is None:
            raise RuntimeError("the analysis pool is not running")
        if self.pending >= self.max_pending:
            raise AnalysisBusy(f"{self.pending} analyses are already queued")
        self.pending += 1
        try:
            async with self._slots:
                try:
                    return await self._run_once(fn, args)
                except BrokenExecutor:
                    # Another request broke the pool (or this one did). Retry once, fresh.
                    return await self._run_once(fn, args)
        except BrokenExecutor:
            raise AnalysisCrashed("the analysis worker crashed on this snapshot") from None
        finally:
            self.pending -= 1

    async def _run_once(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._ready is not None and not self._ready.done():
            await asyncio.wait_for(asyncio.shield(self._ready), STARTUP_TIMEOUT_S)
        assert self._executor is not None
        generation = self._generation
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(
                self._executor, call_with_deadline, self.timeout_s, fn, *args
            )
        except RuntimeError:  # submitted to an executor that was just shut down
            raise BrokenExecutor from None
        try:
            return await asyncio.wait_for(future, self.timeout_s + KILL_GRACE_S)
        except DeadlineExceeded:
            raise AnalysisTimeout(self._timeout_message()) from None
        except TimeoutError:
            if self.kind == "process":
                self._replace(generation, kill=True)
            raise AnalysisTimeout(self._timeout_message()) from None
        except BrokenExecutor:
            self._replace(generation, kill=False)
            raise

    def _timeout_message(self) -> str:
        return f"analysis took longer than {self.timeout_s:g} s; the page is too large or complex"
