"""Analysis worker processes driven straight from the event loop, one pipe each.

``ProcessPoolExecutor`` hands every task through two helper threads (a queue feeder and a
result manager), and each hand-off waits for the GIL: about a millisecond apiece on a busy
service. Here the event loop writes a task into an idle worker's pipe itself and the
selector wakes it when the reply is readable, so a request crosses no thread at all.

A worker runs one task at a time. One stuck inside C past its deadline, or one that died,
is replaced on its own; the other workers and their requests carry on.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from companion.service.worker import DeadlineExceeded, call_with_deadline, warm_up

log = logging.getLogger("brightline.service")

_READY = "ready"
RESPAWN_DELAY_S = 1.0


class WorkerDied(Exception):
    """The worker process exited (crashed, killed, out of memory) before it replied."""


def serve(conn: Connection) -> None:
    """A worker's main loop: warm up, then run one task per message until the pipe closes."""
    warm_up()
    conn.send(_READY)
    while True:
        try:
            fn, args, timeout_s = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", call_with_deadline(timeout_s, fn, *args))
        except DeadlineExceeded:
            reply = ("deadline", None)
        except Exception as exc:  # noqa: BLE001 - the caller re-raises it
            reply = ("error", exc)
        try:
            conn.send(reply)
        except (TypeError, AttributeError, ValueError) as exc:  # the result or error would not pickle
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class Worker:
    """One process and the parent's end of its pipe."""

    def __init__(self, ctx: Any, on_exit: Callable[[Worker], None]) -> None:
        self._on_exit = on_exit
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=serve, args=(child,), daemon=True, name="brightline-analysis")
        self.process.start()
        child.close()
        self.ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.started = False
        # The reply to the task running now; it outlives a caller that stopped waiting, so
        # the worker is only handed out again once it has answered.
        self.reply: asyncio.Future[Any] | None = None
        self._reading = False
        self._listen()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def _listen(self) -> None:
        asyncio.get_running_loop().add_reader(self.conn.fileno(), self._on_readable)
        # uvloop makes a watched descriptor non-blocking; the pipe's reads and writes are
        # whole messages, so they need it blocking.
        os.set_blocking(self.conn.fileno(), True)
        self._reading = True

    def _stop_listening(self) -> None:
        if self._reading:
            self._reading = False
            try:
                asyncio.get_running_loop().remove_reader(self.conn.fileno())
            except (OSError, ValueError):
                pass

    def _on_readable(self) -> None:
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self._died()
            return
        if not self.ready.done():
            if message == _READY:
                self.started = True
                self.ready.set_result(None)
            else:
                self.ready.set_exception(WorkerDied(f"unexpected first message from the worker: {message!r}"))
            return
        if self.reply is not None and not self.reply.done():
            self.reply.set_result(message)

    def _died(self) -> None:
        self._stop_listening()
        code = self.process.exitcode
        error = WorkerDied(f"the analysis worker exited (code {code})")
        if not self.ready.done():
            self.ready.set_exception(error)
        if self.reply is not None and not self.reply.done():
            self.reply.set_exception(error)
        self._on_exit(self)

    async def call(self, timeout_s: float, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """Run ``fn(*args)`` in the worker; raises DeadlineExceeded, WorkerDied or its error."""
        self.reply = asyncio.get_running_loop().create_future()
        try:
            # The worker is idle and reading, so this write does not block for long even
            # when the snapshot is larger than the pipe's buffer.
            self.conn.send((fn, args, timeout_s))
        except (BrokenPipeError, ConnectionResetError, OSError) as err:
            raise WorkerDied(f"the analysis worker is gone ({err})") from None
        status, value = await asyncio.shield(self.reply)
        if status == "ok":
            return value
        if status == "deadline":
            raise DeadlineExceeded
        raise value

    def kill(self) -> None:
        self._stop_listening()
        if self.process.is_alive():
            self.process.kill()
        self.conn.close()

    def close(self) -> None:
        """Ask the worker to exit: it sees the pipe close after its current task."""
        self._stop_listening()
        self.conn.close()
        if self.reply is not None and not self.reply.done():
            self.reply.set_exception(WorkerDied("the service is stopping"))


class ProcessWorkers:
    """A fixed number of warm worker processes; ``call`` waits for an idle one."""

    def __init__(self, size: int) -> None:
        self.size = size
        # spawn, not fork: forking a process that runs an event loop and threads is unsafe.
        self._ctx = multiprocessing.get_context("spawn")
        # Last in, first out: the worker that just finished has the analyzer hot in its caches.
        self._idle: asyncio.LifoQueue[Worker] = asyncio.LifoQueue()
        self._all: set[Worker] = set()
        self._started = False
        self._closed = False

    async def start(self) -> None:
        """Start every worker and load the analyzer in it; raises WorkerDied if one cannot."""
        workers = [self._spawn() for _ in range(self.size)]
        await asyncio.gather(*(w.ready for w in workers))
        self._started = True

    def _respawn(self) -> None:
        if not self._closed:
            self._spawn()

    def _spawn(self) -> Worker:
        worker = Worker(self._ctx, on_exit=self._on_exit)
        self._all.add(worker)
        worker.ready.add_done_callback(lambda fut: self._on_ready(worker, fut))
        return worker

    def _on_ready(self, worker: Worker, fut: asyncio.Future[None]) -> None:
        if fut.cancelled() or fut.exception() is not None:
            self._discard(worker)
            if self._started and not self._closed:
                # A replacement failed (memory, a broken install): keep the pool at full
                # size, without spinning.
                log.error("an analysis worker failed to start (%s); retrying", fut.exception())
                asyncio.get_running_loop().call_later(RESPAWN_DELAY_S, self._respawn)
            return
        if self._closed:
            worker.close()
            return
        self._idle.put_nowait(worker)

    def _on_exit(self, worker: Worker) -> None:
        """A worker died. One that was idle is replaced now; a busy one by its caller."""
        idle = worker.reply is None or worker.reply.done()
        if idle and worker.started and worker in self._all:
            log.warning("an idle analysis worker exited (code %s); replacing it", worker.process.exitcode)
            self.replace(worker)

    def _discard(self, worker: Worker) -> None:
        worker.kill()
        self._all.discard(worker)

    def replace(self, worker: Worker) -> None:
        """Kill ``worker`` and start a fresh one in its place."""
        self._discard(worker)
        if not self._closed:
            self._spawn()

    async def acquire(self) -> Worker:
        while True:
            worker = await self._idle.get()
            if worker in self._all:  # not one that died while it waited here
                return worker

    def release(self, worker: Worker) -> None:
        """Hand ``worker`` out again once it has answered its current task."""
        reply = worker.reply
        if reply is not None and not reply.done():
            reply.add_done_callback(lambda _: self.release(worker))
            return
        if reply is not None and not reply.cancelled() and isinstance(reply.exception(), WorkerDied):
            self.replace(worker)
        elif worker in self._all and not self._closed:
            self._idle.put_nowait(worker)

    def pids(self) -> list[int]:
        return [w.pid for w in self._all if w.pid and w.process.is_alive()]

    async def close(self, grace_s: float) -> None:
        """Let workers finish what they run (up to ``grace_s``), then stop them all."""
        self._closed = True
        workers = list(self._all)
        running = [w.reply for w in workers if w.reply is not None and not w.reply.done()]
        if running:
            await asyncio.wait(running, timeout=grace_s)
        for worker in workers:
            worker.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace_s
        for worker in workers:
            await loop.run_in_executor(None, worker.process.join, max(0.0, deadline - loop.time()))
            if worker.process.is_alive():
                worker.process.kill()
        self._all.clear()
