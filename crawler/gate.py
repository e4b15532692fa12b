"""The CI gate: which findings fail the crawl (``--fail-on``, ``--baseline``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from companion.errors import BrightlineError
from companion.models import SEVERITIES

FAIL_ON_CHOICES = (*SEVERITIES, "none")


def _key(url: str, finding: dict[str, Any]) -> tuple[str, str, str]:
    ev = finding.get("evidence") or {}
    where = next((str(ev[k]) for k in ("selector", "host", "cookie", "name") if ev.get(k)), "")
    return url, finding.get("rule", ""), where


def load_baseline(path: Path) -> set[tuple[str, str, str]]:
    """The findings of an earlier ``report.json``, as (url, rule, where) keys."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
        pages = report["pages"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise BrightlineError(f"--baseline {path}: not a readable report.json ({err})") from err
    return {_key(p.get("url", ""), f) for p in pages for f in p.get("findings") or []}


def failing(
    report: dict[str, Any], fail_on: str, baseline: set[tuple[str, str, str]] | None = None
) -> list[dict[str, Any]]:
    """Findings at or above ``fail_on`` that are not in the baseline."""
    if fail_on == "none":
        return []
    worst_allowed = SEVERITIES.index(fail_on)
    out = []
    for page in report.get("pages") or []:
        for f in page.get("findings") or []:
            if SEVERITIES.index(f["severity"]) > worst_allowed:
                continue
            if baseline is not None and _key(page.get("url", ""), f) in baseline:
                continue
            out.append({**f, "url": page.get("url")})
    return out
