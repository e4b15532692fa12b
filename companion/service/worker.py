"""What runs in an analysis worker: decode, validate, analyse, and shape the reply.

Workers receive the raw request body, so the event loop never parses or walks a hostile
snapshot itself. The reply comes back already encoded as JSON together with the small
record the history store keeps.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import msgspec

from companion.errors import SnapshotError
from companion.sites import site_of

T = TypeVar("T")


class DeadlineExceeded(BaseException):
    """The analysis ran past its time budget inside the worker.

    A BaseException, like KeyboardInterrupt, so the analyzer's per-detector isolation
    (``except Exception``) cannot swallow it and carry on past the deadline.
    """


class Rejected(msgspec.Struct, frozen=True):
    """The body is not a valid snapshot: a 400 with the field path."""

    message: str
    path: str


class Analysed(msgspec.Struct, frozen=True):
    """The JSON reply for the client and the record for the history store.

    Both are JSON bytes: the event loop passes them on without unpickling a tree of
    objects, and the history thread decodes the record off the loop.
    """

    body: bytes
    record: bytes


_WARM_SNAPSHOT = (
    b'{"url": "https://www.warm-up.example/", "dom": "<html><body><div role=\\"dialog\\">'
    b'<p>We use cookies</p><button>Accept all</button><a href=\\"#\\">Settings</a>'
    b'</div></body></html>", "requests": [{"url": "https://www.google-analytics.com/g/collect"}]}'
)


def warm_up() -> None:
    """Load the analyzer, its data and its compiled patterns once per worker.

    Detectors compile lexicons and platform signatures lazily; doing that here keeps the
    first real request from paying for it (and from being timed against it).
    """
    analyse_body(_WARM_SNAPSHOT)


def page_url(url: str) -> str:
    """The page address without query or fragment, which often carry tokens or identifiers."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1], parts.path, "", ""))


def analyse_body(body: bytes, store_html: bool = False) -> Analysed | Rejected:
    from companion import catalog
    from companion.analyzer import analyze
    from companion.schema import decode_snapshot

    try:
        snapshot = decode_snapshot(body)
    except SnapshotError as err:
        return Rejected(err.detail, err.path)
    except UnicodeDecodeError as err:  # msgspec reports bad UTF-8 inside strings this way
        return Rejected(f"not valid UTF-8 ({err.reason} at byte {err.start})", "$")
    analysis = analyze(snapshot)
    known = catalog.rules()
    used = sorted({f.rule for f in analysis.findings if f.rule in known})
    reply = analysis.to_json()
    reply["rules"] = [msgspec.to_builtins(known[r]) for r in used]
    reply["site"] = site_of(snapshot.url)
    reply["duration_ms"] = round(analysis.duration_ms, 3)
    record = {
        "site": reply["site"] or "(unknown)",
        "url": page_url(snapshot.url),
        "phase": snapshot.phase,
        "source": snapshot.source,
        "verdict": reply["verdict"],
        "findings": reply["findings"],
        # Encoded here, in the worker, so the service's history thread does not hold the
        # GIL for it while the event loop answers other requests.
        "findings_json": msgspec.json.encode(reply["findings"]).decode(),
        "trackers": reply["trackers"],
        "html": snapshot.dom if store_html else None,
    }
    return Analysed(body=msgspec.json.encode(reply), record=msgspec.json.encode(record))


def _on_alarm(signum: int, frame: object) -> None:
    raise DeadlineExceeded


def call_with_deadline(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn`` and interrupt it with DeadlineExceeded after ``seconds``.

    In a process's main thread (a process-pool worker) this uses SIGALRM; in any other
    thread (a thread-pool worker) a timer raises the exception asynchronously in the
    thread. Either way it lands at the next Python bytecode, so code stuck inside one long
    C call stops only when that call returns. The process pool covers that case by killing
    the worker; a thread cannot be killed.
    """
    if threading.current_thread() is not threading.main_thread():
        return _in_thread_with_deadline(seconds, fn, *args)
    if not hasattr(signal, "setitimer"):
        return fn(*args)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_thread_with_deadline(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"running": True}

    def interrupt() -> None:
        with lock:
            if state["running"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(DeadlineExceeded)
                )

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        return fn(*args)
    finally:
        with lock:
            state["running"] = False
        timer.cancel()
