"""Running analyses off the event loop, bounded in number and in time.

Two kinds of pool, both with a per-analysis deadline that interrupts Python code:

- ``process`` (the default): analyses run in worker processes, in parallel on every core
  (``companion.service.process_workers``). A worker stuck inside C code past the deadline
  is killed and replaced, so one hostile page can never hang the service.
- ``thread``: analyses run in threads of the service. No process start-up and the fewest
  hand-offs per request, but one core (the GIL) and a thread stuck in C cannot be killed,
  only abandoned until its C call returns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor, ThreadPoolExecutor
from typing import Any, TypeVar

from companion.service.process_workers import ProcessWorkers, WorkerDied
from companion.service.settings import ExecutorKind
from companion.service.worker import DeadlineExceeded, call_with_deadline, warm_up

log = logging.getLogger("brightline.service")
T = TypeVar("T")

# Extra time the event loop waits after a worker's own deadline before killing it.
KILL_GRACE_S = 2.0


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
        self._processes: ProcessWorkers | None = None
        self._executor: Executor | None = None
        # One slot per thread: work waits here, not in the executor's queue, so the time
        # limit covers running only, never waiting behind other pages. (Process workers
        # are handed out one task at a time, which bounds them the same way.)
        self._slots: asyncio.Semaphore | None = None

    async def start(self) -> None:
        if self.kind == "process":
            self._processes = ProcessWorkers(self.workers)
            await self._processes.start()
            return
        self._slots = asyncio.Semaphore(self.workers)
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="brightline-analysis")
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._executor, warm_up) for _ in range(self.workers)))

    async def close(self) -> None:
        """Stop the workers: let running analyses finish within their budget, then kill."""
        processes, self._processes = self._processes, None
        if processes is not None:
            await processes.close(self.timeout_s + KILL_GRACE_S)
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def worker_pids(self) -> list[int]:
        return self._processes.pids() if self._processes is not None else []

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._processes is None and self._executor is None:
            raise RuntimeError("the analysis pool is not running")
        if self.pending >= self.max_pending:
            raise AnalysisBusy(f"{self.pending} analyses are already queued")
        self.pending += 1
        try:
            if self._processes is not None:
                return await self._run_in_process(self._processes, fn, args)
            return await self._run_in_thread(fn, args)
        finally:
            self.pending -= 1

    async def _run_in_process(self, processes: ProcessWorkers, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        for attempt in (1, 2):
            worker = await processes.acquire()
            try:
                result = await asyncio.wait_for(
                    worker.call(self.timeout_s, fn, args), self.timeout_s + KILL_GRACE_S
                )
            except DeadlineExceeded:
                processes.release(worker)
                raise AnalysisTimeout(self._timeout_message()) from None
            except TimeoutError:
                # Stuck in C code where the deadline cannot interrupt it.
                self._replace(processes, worker, "timeout")
                raise AnalysisTimeout(self._timeout_message()) from None
            except WorkerDied:
                self._replace(processes, worker, "crash")
                if attempt == 1:
                    continue  # it may have died of something else (memory); try once more
                raise AnalysisCrashed("the analysis worker crashed on this snapshot") from None
            except BaseException:
                processes.release(worker)  # its own error, or the caller went away
                raise
            processes.release(worker)
            return result
        raise AssertionError("unreachable")

    def _replace(self, processes: ProcessWorkers, worker: Any, why: str) -> None:
        processes.replace(worker)
        self.restarts += 1
        log.warning("analysis worker replaced (%s)", why)

    async def _run_in_thread(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        assert self._executor is not None and self._slots is not None
        async with self._slots:
            future = asyncio.get_running_loop().run_in_executor(
                self._executor, call_with_deadline, self.timeout_s, fn, *args
            )
            try:
                return await asyncio.wait_for(future, self.timeout_s + KILL_GRACE_S)
            except (DeadlineExceeded, TimeoutError):
                # A thread stuck in C cannot be killed, only abandoned until it returns.
                raise AnalysisTimeout(self._timeout_message()) from None
            except BrokenExecutor:
                raise AnalysisCrashed("the analysis thread pool broke") from None

    def _timeout_message(self) -> str:
        return f"analysis took longer than {self.timeout_s:g} s; the page is too large or complex"
