"""The CI gate: which findings fail the crawl (``--fail-on``, ``--baseline``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from companion.baseline import compare, gate_failures, load_report
from companion.models import SEVERITIES

FAIL_ON_CHOICES = (*SEVERITIES, "none")


def load_baseline(path: Path) -> dict[str, Any]:
    """An earlier ``report.json``; a ``BrightlineError`` naming ``--baseline`` and the file if unusable."""
    return load_report(path, option="--baseline")


def failing(
    report: dict[str, Any], fail_on: str, baseline: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Findings at or above ``fail_on`` that fail the gate, each with its page ``url``.

    With a baseline only new and changed findings fail. ``report`` is compared with ``baseline``
    here unless it already was (the crawl writes its report compared).
    """
    if baseline is not None and "baseline" not in report:
        compare(report, baseline)
    return gate_failures(report, fail_on)
