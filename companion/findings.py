"""Building findings: severity comes from the catalog, evidence is kept small and JSON-safe."""

from __future__ import annotations

from typing import Any

from companion.catalog import rule
from companion.models import Finding

MAX_EVIDENCE_TEXT = 300


def finding(rule_id: str, message: str, **evidence: Any) -> Finding:
    """A Finding for ``rule_id`` with the catalog's default severity. ``None`` values are dropped."""
    clean: dict[str, Any] = {}
    for key, value in evidence.items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        if isinstance(value, str) and len(value) > MAX_EVIDENCE_TEXT:
            value = value[: MAX_EVIDENCE_TEXT - 1] + "…"
        clean[key] = value
    return Finding(rule=rule_id, severity=rule(rule_id).severity, message=message, evidence=clean)
