"""The analysis pool: work runs off the loop, bounded in time, and survives broken workers."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from companion.service.executor import (
    KILL_GRACE_S,
    AnalysisBusy,
    AnalysisCrashed,
    AnalysisPool,
    AnalysisTimeout,
)
from companion.service.worker import DeadlineExceeded, call_with_deadline, page_url


@pytest.fixture
async def pool():
    p = AnalysisPool("process", workers=2, timeout_s=0.5, max_pending=8)
    await p.start()
    yield p
    await p.close()


def test_deadline_interrupts_python_code() -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        call_with_deadline(0.2, time.sleep, 5)
    assert time.monotonic() - started < 1.5
    assert call_with_deadline(1.0, sum, [1, 2]) == 3


async def test_runs_in_worker_processes(pool: AnalysisPool) -> None:
    pids = await asyncio.gather(*(pool.run(os.getpid) for _ in range(4)))
    assert os.getpid() not in pids
    assert set(pids) <= set(pool.worker_pids())


async def test_slow_work_times_out_and_pool_keeps_working(pool: AnalysisPool) -> None:
    started = time.monotonic()
    with pytest.raises(AnalysisTimeout):
        await pool.run(time.sleep, 10)
    assert time.monotonic() - started < 0.5 + KILL_GRACE_S
    assert pool.restarts == 0  # interrupted inside the worker, no kill needed
    assert await pool.run(sum, [2, 3]) == 5


async def test_work_stuck_in_c_is_killed(pool: AnalysisPool) -> None:
    # os.system blocks in C, where SIGALRM cannot interrupt it: the pool must kill the worker.
    started = time.monotonic()
    with pytest.raises(AnalysisTimeout):
        await pool.run(os.system, "sleep 4")
    assert time.monotonic() - started < 0.5 + KILL_GRACE_S + 1.5
    assert pool.restarts == 1
    assert await pool.run(sum, [1, 1]) == 2


async def test_crashing_worker_is_replaced(pool: AnalysisPool) -> None:
    with pytest.raises(AnalysisCrashed):
        await pool.run(os._exit, 3)
    assert pool.restarts >= 1
    assert await pool.run(abs, -4) == 4


async def test_innocent_requests_survive_a_killed_neighbour(pool: AnalysisPool) -> None:
    stuck = asyncio.ensure_future(pool.run(os.system, "sleep 4"))
    await asyncio.sleep(0.1)
    innocent = [pool.run(pow, 2, n) for n in range(6)]
    results = await asyncio.gather(*innocent)
    assert results == [2**n for n in range(6)]
    with pytest.raises(AnalysisTimeout):
        await stuck


async def test_too_many_pending_is_busy() -> None:
    p = AnalysisPool("thread", workers=1, timeout_s=5, max_pending=2)
    await p.start()
    try:
        first = [asyncio.ensure_future(p.run(time.sleep, 0.3)) for _ in range(2)]
        await asyncio.sleep(0.05)
        with pytest.raises(AnalysisBusy):
            await p.run(time.sleep, 0)
        await asyncio.gather(*first)
        assert p.pending == 0
    finally:
        await p.close()


async def test_thread_pool_bounds_the_wait() -> None:
    p = AnalysisPool("thread", workers=1, timeout_s=0.2, max_pending=2)
    await p.start()
    try:
        started = time.monotonic()
        with pytest.raises(AnalysisTimeout):
            await p.run(time.sleep, 0.2 + KILL_GRACE_S + 1)
        assert time.monotonic() - started < 0.2 + KILL_GRACE_S + 0.5
    finally:
        await p.close()


@pytest.mark.parametrize(
    ("url", "kept"),
    [("https://user:pw@www.a.example/x/y?token=1#frag", "https://www.a.example/x/y"),
     ("http://a.example", "http://a.example"),
     ("http://[broken", "")],
)
def test_page_url_drops_query_fragment_and_credentials(url: str, kept: str) -> None:
    assert page_url(url) == kept


def _swallowing(seconds: float) -> str:
    # Like the analyzer's per-detector isolation: catches every Exception and carries on.
    try:
        time.sleep(seconds)
    except Exception:  # noqa: BLE001
        pass
    time.sleep(seconds)
    return "finished"


def test_deadline_is_not_swallowed_by_except_exception() -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        call_with_deadline(0.2, _swallowing, 2)
    assert time.monotonic() - started < 1.0


def test_warm_up_runs_a_real_analysis() -> None:
    from companion.service.worker import _WARM_SNAPSHOT, Analysed, analyse_body, warm_up

    assert isinstance(analyse_body(_WARM_SNAPSHOT), Analysed)
    warm_up()


def _busy(seconds: float) -> int:
    end, n = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        n += 1
    return n


def test_deadline_interrupts_a_thread_too() -> None:
    import threading

    outcome: dict[str, object] = {}

    def run() -> None:
        started = time.monotonic()
        try:
            call_with_deadline(0.2, _busy, 10)
        except DeadlineExceeded:
            outcome["took"] = time.monotonic() - started
        outcome["after"] = call_with_deadline(5, sum, [1, 2])  # no stray interrupt later

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert outcome["took"] < 2.0 and outcome["after"] == 3


async def test_thread_pool_stops_runaway_python_work() -> None:
    p = AnalysisPool("thread", workers=1, timeout_s=0.3, max_pending=2)
    await p.start()
    try:
        started = time.monotonic()
        with pytest.raises(AnalysisTimeout):
            await p.run(_busy, 30)
        assert time.monotonic() - started < 0.3 + KILL_GRACE_S
        assert await p.run(abs, -2) == 2  # the one worker thread is free again
    finally:
        await p.close()


async def test_time_limit_covers_running_not_waiting() -> None:
    # Nine 0.4 s tasks on one worker with a 1 s limit: each runs within its limit, though
    # the last one waits about 3.2 s for its turn, longer than the limit plus the grace.
    p = AnalysisPool("process", workers=1, timeout_s=1.0, max_pending=10)
    await p.start()
    try:
        results = await asyncio.gather(*(p.run(time.sleep, 0.4) for _ in range(9)))
        assert results == [None] * 9
        assert p.restarts == 0
    finally:
        await p.close()


def test_worker_keeps_no_page_alive_between_analyses() -> None:
    # Workers analyse thousands of pages; anything a cache keeps per page is a leak.
    import gc

    from companion.page import Page
    from companion.service.worker import analyse_body
    from tests.service.snapshots import encode, realistic_snapshot

    for i in range(5):
        analyse_body(encode(realistic_snapshot(f"https://www.s{i}.example/", elements=60)))
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, Page)] == []


async def test_a_caller_that_gives_up_does_not_get_a_stale_reply_later() -> None:
    p = AnalysisPool("process", workers=1, timeout_s=5, max_pending=8)
    await p.start()
    try:
        waiting = asyncio.ensure_future(p.run(time.sleep, 0.4))
        await asyncio.sleep(0.1)
        waiting.cancel()  # the client went away; the worker still finishes its task
        # The worker is handed out again only after it answered the abandoned task, so
        # this call gets its own answer, not the sleep's None.
        assert await p.run(abs, -7) == 7
        assert p.restarts == 0
    finally:
        await p.close()


async def test_a_worker_killed_while_idle_is_replaced() -> None:
    import signal

    p = AnalysisPool("process", workers=1, timeout_s=5, max_pending=8)
    await p.start()
    try:
        (pid,) = p.worker_pids()
        os.kill(pid, signal.SIGKILL)  # the out-of-memory killer, say
        assert await p.run(os.getpid) not in (pid, os.getpid())
        assert p.worker_pids() and pid not in p.worker_pids()
    finally:
        await p.close()


def test_process_pool_works_on_uvloop() -> None:
    """``brightline serve`` runs on uvloop, which makes watched pipes non-blocking."""
    uvloop = pytest.importorskip("uvloop")

    async def main() -> tuple[list[int], int]:
        pool = AnalysisPool("process", workers=2, timeout_s=2.0, max_pending=8)
        await pool.start()
        try:
            big = list(range(200_000))  # a message larger than the pipe's buffer, both ways
            sums = await asyncio.gather(*(pool.run(sorted, big) for _ in range(4)))
            with pytest.raises(AnalysisCrashed):
                await pool.run(os._exit, 3)
            return [len(s) for s in sums], await pool.run(abs, -4)
        finally:
            await pool.close()

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        lengths, after_crash = runner.run(main())
    assert lengths == [200_000] * 4
    assert after_crash == 4
