"""Comparing a report with an earlier one (``--baseline``, ``brightline diff``).

Findings are matched by fingerprint (``companion.fingerprint``), first on the same page, then
anywhere on the same page template, so a re-crawl that visits pages in another order, or other
products of the same kind, matches. A finding on a page the baseline did not analyse whose
fingerprint the baseline knows (from other pages of the template) is the known problem too. A
finding with no match whose *location* matches one of the baseline's is ``changed``; the rest
are ``new``.

Baseline findings left over are ``fixed`` only when the new run looked: it analysed their page,
or analysed pages of the same template and the finding is on none of them. Otherwise (the page
failed, or was not visited) they are ``unverified``: a gate must not count what it did not look
at as an improvement.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgspec

from companion.errors import BrightlineError
from companion.fingerprint import identify, page_template
from companion.models import SEVERITIES

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
MAX_BYTES = 500 * 1024 * 1024


@dataclass(eq=False)
class Entry:
    """One finding of a report, with the page it is on and its identity."""

    url: str
    finding: dict[str, Any]
    fingerprint: str
    location: tuple[str, ...]
    page: str  # page_key(url)


@dataclass
class Comparison:
    new: list[Entry] = field(default_factory=list)
    changed: list[tuple[Entry, Entry]] = field(default_factory=list)  # (now, in the baseline)
    unchanged: list[tuple[Entry, Entry]] = field(default_factory=list)
    fixed: list[Entry] = field(default_factory=list)
    unverified: list[Entry] = field(default_factory=list)  # baseline findings on pages not seen now


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building many objects that all stay alive: for two
    large reports the collector's repeated passes cost more than the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Page(msgspec.Struct):
    url: str = ""
    error: str | None = None
    findings: list[dict[str, Any]] = []


class _Report(msgspec.Struct):
    """The parts of a report a comparison reads; the rest (run, trackers, page detail) is skipped."""

    pages: list[_Page]
    schema: str | None = None
    target: str | None = None


def load_report(path: str | Path, option: str = "") -> dict[str, Any]:
    """The pages and findings of a ``report.json``: ``{"schema", "target", "pages": [{"url",
    "error", "findings"}]}``. ``BrightlineError`` naming the file (and ``option``) when unusable."""
    name = f"{option} {path}" if option else str(path)
    path = Path(path)
    try:
        if path.is_dir():
            raise BrightlineError(f"{name}: is a directory; give a report.json file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise BrightlineError(f"{name}: no such file") from None
    except OSError as err:
        raise BrightlineError(f"{name}: cannot read ({err.strerror})") from None
    if len(data) > MAX_BYTES:
        raise BrightlineError(f"{name}: {len(data) / 1024 / 1024:.0f} MB is too large for a report.json")
    try:
        with gc_paused():
            report = msgspec.json.decode(data, type=_Report)
    except msgspec.ValidationError as err:
        raise BrightlineError(f"{name}: not a Brightline report.json ({err})") from None
    except msgspec.DecodeError as err:
        raise BrightlineError(f"{name}: not a report.json (invalid JSON: {err})") from None
    problem = _not_a_report(report)
    if problem:
        raise BrightlineError(f"{name}: not a Brightline report.json ({problem})")
    pages = [{"url": p.url, "error": p.error, "findings": p.findings} for p in report.pages]
    return {"schema": report.schema, "target": report.target, "pages": pages}


def _not_a_report(report: _Report) -> str | None:
    if report.schema is not None and not report.schema.startswith("brightline.report"):
        return f"its schema is {report.schema!r}"
    for number, page in enumerate(report.pages):
        for finding in page.findings:
            if "rule" not in finding:
                return f"a finding without a 'rule' - at `$.pages[{number}]`"
    return None


@lru_cache(maxsize=65536)
def page_key(url: str) -> str:
    """A page's address for matching: host (lower-case, no ``www.``) and path; query and fragment
    dropped, since a re-crawl may reach a page with other tracking parameters."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}:{parts.port or ''}{parts.path.rstrip('/') or '/'}"


def entries(report: dict[str, Any]) -> list[Entry]:
    out = []
    for page in report.get("pages") or []:
        url = page.get("url") or ""
        key = page_key(url)
        for finding in page.get("findings") or []:
            out.append(Entry(url, finding, *identify(url, finding), key))
    return out


class _Pool:
    """Unmatched baseline entries, found by several keys; taking one removes it from all."""

    def __init__(self, items: list[Entry]) -> None:
        self.items = items
        self.taken: set[int] = set()

    def index(self, key: Any) -> dict[Hashable, list[Entry]]:
        found: dict[Hashable, list[Entry]] = defaultdict(list)
        for item in self.items:
            if id(item) not in self.taken:
                found[key(item)].append(item)
        for bucket in found.values():
            bucket.reverse()  # pop() then takes them in report order
        return found

    def take(self, found: dict[Hashable, list[Entry]], key: Hashable) -> Entry | None:
        bucket = found.get(key)
        while bucket:
            item = bucket.pop()
            if id(item) not in self.taken:
                self.taken.add(id(item))
                return item
        return None

    def left(self) -> Iterator[Entry]:
        return (item for item in self.items if id(item) not in self.taken)


def _by_page_fingerprint(e: Entry) -> Hashable:
    return e.page, e.fingerprint


def _by_fingerprint(e: Entry) -> Hashable:
    return e.fingerprint


def _by_page_location(e: Entry) -> Hashable:
    return e.page, e.location


def _by_location(e: Entry) -> Hashable:
    return e.location


def _pair(pool: _Pool, waiting: list[Entry], key: Callable[[Entry], Hashable],
          into: list[tuple[Entry, Entry]]) -> list[Entry]:
    """Pair each waiting entry with a baseline entry of the same key; return the unpaired."""
    if not waiting:
        return waiting
    found = pool.index(key)
    still = []
    for now in waiting:
        before = pool.take(found, key(now))
        if before is None:
            still.append(now)
        else:
            into.append((now, before))
    return still


def match(report: dict[str, Any], baseline: dict[str, Any]) -> Comparison:
    """Sort the findings of ``report`` into new/changed/unchanged against ``baseline``, and the
    baseline's findings left over into fixed/unverified."""
    with gc_paused():
        return _match(report, baseline)


def _match(report: dict[str, Any], baseline: dict[str, Any]) -> Comparison:
    result = Comparison()
    earlier = entries(baseline)
    pool = _Pool(earlier)
    current = entries(report)
    waiting = _pair(pool, current, _by_page_fingerprint, result.unchanged)
    waiting = _pair(pool, waiting, _by_fingerprint, result.unchanged)
    # On a page the baseline did not analyse, a finding it knows from other pages of the same
    # template is the known problem, not a new one (the new run just visited more pages).
    known = {e.fingerprint: e for e in reversed(earlier)}
    looked_before = _coverage(baseline)
    still = []
    for now in waiting:
        was = known.get(now.fingerprint)
        if was is not None and now.page not in looked_before.pages:
            result.unchanged.append((now, was))
        else:
            still.append(now)
    waiting = _pair(pool, still, _by_page_location, result.changed)
    result.new = _pair(pool, waiting, _by_location, result.changed)
    looked_now = _coverage(report)
    present = {e.fingerprint for e in current}
    for before in pool.left():
        (result.fixed if _verified_gone(before, looked_now, present) else result.unverified).append(before)
    return result


@dataclass
class _Coverage:
    pages: set[str]  # page_key of the pages analysed
    failed: set[str]  # page_key of the pages that failed to load
    templates: set[str]  # page templates of the pages analysed


def _coverage(report: dict[str, Any]) -> _Coverage:
    seen = _Coverage(set(), set(), set())
    for page in report.get("pages") or []:
        url = page.get("url") or ""
        if page.get("error"):
            seen.failed.add(page_key(url))
        else:
            seen.pages.add(page_key(url))
            seen.templates.add(page_template(url))
    return seen


def _verified_gone(before: Entry, looked: _Coverage, present: set[str]) -> bool:
    """A baseline finding left over is fixed when the new run analysed its page, or analysed
    other pages of its template and the finding occurs nowhere. Otherwise the run did not see."""
    if before.page in looked.pages:
        return True
    if before.page in looked.failed:
        return False
    return page_template(before.url) in looked.templates and before.fingerprint not in present


def _listed(entry: Entry) -> dict[str, Any]:
    f = entry.finding
    return {"url": entry.url, "rule": f.get("rule"), "severity": f.get("severity"),
            "fingerprint": entry.fingerprint, "message": f.get("message")}


def compare(report: dict[str, Any], baseline: dict[str, Any], file: str | Path | None = None) -> dict[str, Any]:
    """Annotate every finding of ``report`` with ``fingerprint`` and ``baseline`` (new, changed,
    unchanged) and add ``report["baseline"]``: the counts and the fixed/unverified findings."""
    return annotate(report, match(report, baseline), file)


def annotate(report: dict[str, Any], result: Comparison, file: str | Path | None = None) -> dict[str, Any]:
    """Write a comparison of ``report`` (from ``match``) into it; see ``compare``."""
    for entry in result.new:
        _annotate(entry, NEW)
    for status, pairs in ((CHANGED, result.changed), (UNCHANGED, result.unchanged)):
        for now, _ in pairs:
            _annotate(now, status)
    section = {
        "file": str(file) if file is not None else None,
        NEW: len(result.new),
        CHANGED: len(result.changed),
        UNCHANGED: len(result.unchanged),
        "fixed": [_listed(e) for e in result.fixed],
        "unverified": [_listed(e) for e in result.unverified],
    }
    report["baseline"] = section
    return section


def _annotate(entry: Entry, status: str) -> None:
    entry.finding["fingerprint"] = entry.fingerprint
    entry.finding["baseline"] = status


def is_regression(finding: dict[str, Any]) -> bool:
    """True for a finding a baseline comparison marked new or changed (or never compared)."""
    return finding.get("baseline", NEW) != UNCHANGED


def gate_failures(report: dict[str, Any], fail_on: str | None) -> list[dict[str, Any]]:
    """Findings at or above ``fail_on`` (``None``/"none": none), each with its page ``url``.
    In a report compared with a baseline only new and changed findings count."""
    if not fail_on or fail_on == "none":
        return []
    worst_allowed = SEVERITIES.index(fail_on)
    compared = "baseline" in report
    out = []
    for page in report.get("pages") or []:
        for f in page.get("findings") or []:
            if SEVERITIES.index(f["severity"]) > worst_allowed:
                continue
            if compared and not is_regression(f):
                continue
            out.append({**f, "url": page.get("url")})
    return out
