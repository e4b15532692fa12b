"""The report record of one visited page (JSON-safe), built from a ``VisitResult``.

A page's findings are those of its ``initial`` phase, plus what the settings layer showed
(purposes on by default, shaming wording behind it), plus ``consent.choice-not-respected``
from ``after-reject``. ``after-accept`` feeds the tracker inventory only: trackers that load
after an explicit accept are not findings.
"""

from __future__ import annotations

from typing import Any

import msgspec

from crawler.visit import PhaseResult, VisitResult

PHASE_ORDER = ("initial", "initial-settings", "after-reject", "after-accept")
# What only the settings layer can show. Its other findings would mislead: the person opened
# that layer (a full-screen settings modal is not a cookie wall, and it is not the first
# layer), and its network activity repeats the initial phase's.
_FROM_SETTINGS = {"consent.preticked-purpose", "consent.confirmshaming"}
_FROM_AFTER_REJECT = {"consent.choice-not-respected"}


def _keeps(phase_name: str, rule: str) -> bool:
    if phase_name == "initial":
        return True
    if phase_name == "initial-settings":
        return rule in _FROM_SETTINGS
    if phase_name == "after-reject":
        return rule in _FROM_AFTER_REJECT
    return False


def _where(evidence: dict[str, Any]) -> str:
    for key in ("selector", "host", "cookie", "name", "text"):
        value = evidence.get(key)
        if value:
            return f"{key}={value}"
    return ""


def page_record(result: VisitResult) -> dict[str, Any]:
    findings: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    phases: dict[str, Any] = {}
    banner: dict[str, Any] | None = None
    banner_shot: str | None = None
    for phase in sorted(result.phases, key=lambda p: PHASE_ORDER.index(p.name)):
        phases[phase.name] = _phase_record(phase)
        if phase.name == "initial" and phase.analysis.banner:
            banner, banner_shot = phase.analysis.banner, phase.banner_shot
        for i, f in enumerate(phase.analysis.findings):
            key = (f.rule, _where(f.evidence))
            if not _keeps(phase.name, f.rule) or key in seen:
                continue
            seen.add(key)
            entry = msgspec.to_builtins(f)
            entry["phase"] = phase.name
            if i in phase.shots:
                entry["screenshot"] = phase.shots[i]
            findings.append(entry)
    return {
        "url": result.url,
        "final_url": result.final_url if result.final_url != result.url else None,
        "depth": result.depth,
        "status": result.status,
        "error": result.error,
        "findings": findings,
        "banner": ({**banner, "screenshot": banner_shot} if banner else None),
        "phases": phases,
        "interaction": [i.to_json() for i in result.interactions],
        "har": result.har,
        "notes": list(dict.fromkeys(result.notes)),
        "duration_ms": round(result.duration_ms, 1),
    }


def _phase_record(phase: PhaseResult) -> dict[str, Any]:
    return {
        "phase": phase.phase,
        "snapshot": phase.snapshot_path,
        "findings": [f.rule for f in phase.analysis.findings],
        "trackers": phase.analysis.trackers,
        "requests": len(phase.snapshot.requests),
        "cookies": len(phase.snapshot.cookies),
        "banner": phase.analysis.banner is not None,
        "banner_screenshot": phase.banner_shot,
        "errors": phase.analysis.errors,
        "collector": (phase.snapshot.collector.version if phase.snapshot.collector else None),
    }
