"""The report format (``brightline.report/1``) shared by ``check``, the crawler and CI writers."""

from __future__ import annotations

from collections import Counter
from typing import Any

import msgspec

from companion import __version__
from companion.analyzer import Analysis
from companion.models import REPORT_SCHEMA, SEVERITIES


def page_entry(
    url: str,
    analysis: Analysis | None = None,
    *,
    status: int | None = None,
    error: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One page of a report. A page that failed has ``error`` set and no findings."""
    entry: dict[str, Any] = {
        "url": url,
        "status": status,
        "error": error,
        "findings": [msgspec.to_builtins(f) for f in analysis.findings] if analysis else [],
    }
    if analysis is not None:
        entry["phase"] = analysis.phase
        entry["banner"] = analysis.banner
        entry["trackers"] = analysis.trackers
        if analysis.errors:
            entry["detector_errors"] = analysis.errors
    entry.update(extra)
    return entry


def summarize(pages: list[dict[str, Any]]) -> dict[str, Any]:
    by_rule: Counter[str] = Counter()
    by_severity: Counter[str] = Counter({s: 0 for s in SEVERITIES})
    for page in pages:
        for f in page.get("findings", []):
            by_rule[f["rule"]] += 1
            by_severity[f["severity"]] += 1
    return {
        "pages": len(pages),
        "failed": sum(1 for p in pages if p.get("error")),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": {s: by_severity[s] for s in SEVERITIES},
    }


def build_report(target: str, pages: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    report: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "brightline", "version": __version__},
        "target": target,
        "pages": pages,
        "summary": summarize(pages),
    }
    report.update(extra)
    return report


def worst_severity(report: dict[str, Any]) -> str | None:
    counts = report["summary"]["by_severity"]
    return next((s for s in SEVERITIES if counts.get(s)), None)


def fails_gate(report: dict[str, Any], fail_on: str | None) -> bool:
    """True when any finding is at or above ``fail_on`` (``None``/"none": never)."""
    if not fail_on or fail_on == "none":
        return False
    threshold = SEVERITIES.index(fail_on)
    counts = report["summary"]["by_severity"]
    return any(counts.get(s) for s in SEVERITIES[: threshold + 1])
