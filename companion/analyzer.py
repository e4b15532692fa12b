"""The one analyzer. The extension (through the companion), the crawler and ``check`` call it."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import msgspec

from companion.detectors import DETECTORS
from companion.gcpause import paused_gc
from companion.models import SEVERITIES, Finding, Snapshot
from companion.page import Node, Page, StyleSource

log = logging.getLogger("brightline.analyzer")


@dataclass
class Analysis:
    url: str
    phase: str
    findings: list[Finding]
    banner: dict[str, Any] | None = None
    trackers: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    duration_ms: float = 0.0

    @property
    def verdict(self) -> dict[str, Any]:
        """Worst severity and counts, for badges and dashboards."""
        counts = {sev: 0 for sev in SEVERITIES}
        for f in self.findings:
            counts[f.severity] += 1
        worst = next((sev for sev in SEVERITIES if counts[sev] and sev != "info"), None)
        return {
            "worst": worst,
            "count": sum(v for k, v in counts.items() if k != "info"),
            "by_severity": counts,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "phase": self.phase,
            "findings": [msgspec.to_builtins(f) for f in self.findings],
            "banner": self.banner,
            "trackers": self.trackers,
            "errors": self.errors,
            "verdict": self.verdict,
        }


def analyze(
    snapshot: Snapshot,
    *,
    root: Node | None = None,
    styles: StyleSource | None = None,
    markup: str | None = None,
) -> Analysis:
    """Run every registered detector on one snapshot. One failing detector never sinks the page.

    ``root``, ``styles`` and ``markup`` come from the saved-page reader, which parses the page
    itself; a live snapshot's DOM is parsed here.
    """
    with paused_gc():
        return _analyze(snapshot, root=root, styles=styles, markup=markup)


def _analyze(snapshot: Snapshot, *, root: Node | None, styles: StyleSource | None, markup: str | None) -> Analysis:
    started = time.perf_counter()
    page = Page(snapshot, root=root, styles=styles, markup=markup)
    findings: list[Finding] = []
    errors: list[dict[str, str]] = []
    for detector in DETECTORS:
        name = detector.__name__.rsplit(".", 1)[-1]
        try:
            findings.extend(detector.check(page))
        except Exception as exc:  # noqa: BLE001 - isolate detector bugs, record them
            log.exception("detector %s failed on %s", name, snapshot.url)
            errors.append({"detector": name, "error": f"{type(exc).__name__}: {exc}"})
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), f.rule))
    banner = _safe(lambda: page.banner.summary() if page.banner else None, errors, "banner")
    trackers = _safe(lambda: page.trackers.inventory(), errors, "trackers") or []
    page.release()
    return Analysis(
        url=snapshot.url,
        phase=snapshot.phase,
        findings=findings,
        banner=banner,
        trackers=trackers,
        errors=errors,
        duration_ms=(time.perf_counter() - started) * 1000,
    )


def _safe(fn, errors: list[dict[str, str]], name: str):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001
        log.exception("%s summary failed", name)
        errors.append({"detector": name, "error": f"{type(exc).__name__}: {exc}"})
        return None
