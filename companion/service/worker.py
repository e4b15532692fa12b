"""What runs in an analysis worker: decode, validate, analyse, and shape the reply.

Workers receive the raw request body, so the event loop never parses or walks a hostile
snapshot itself. The reply comes back already encoded as JSON together with the small
record the history store keeps.
"""

from __future__ import annotations

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
    """The JSON reply for the client and the record for the history store."""

    body: bytes
    record: dict[str, Any]


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
        "trackers": reply["trackers"],
        "html": snapshot.dom if store_html else None,
    }
    return Analysed(body=msgspec.json.encode(reply), record=record)


def _on_alarm(signum: int, frame: object) -> None:
    raise DeadlineExceeded


def call_with_deadline(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn`` and interrupt it with DeadlineExceeded after ``seconds``.

    Uses SIGALRM, so it bounds time only in a process's main thread (a process-pool
    worker). Elsewhere it just calls ``fn``; the caller's own timeout is the bound there.
    Code stuck inside C for longer is handled by the pool, which kills the worker.
    """
    in_main_thread = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not in_main_thread:
        return fn(*args)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
