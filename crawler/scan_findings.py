"""What ``scan(page)`` returns: the page's findings, with its banner and trackers, readable as text.

Light on purpose (no Playwright): the pytest plugin formats its failure messages with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from companion.catalog import rules
from companion.errors import BrightlineError
from companion.models import SEVERITIES, Finding


def check_severity(severity: str, what: str = "fail_on") -> str:
    if severity not in SEVERITIES:
        raise BrightlineError(f"{what}={severity!r}: use one of {', '.join(SEVERITIES)}")
    return severity


class Findings(list[Finding]):
    """The findings on one page (a list of ``Finding``), worst first.

    ``banner`` is the consent banner the analyzer recognised (or ``None``), ``trackers`` the
    tracker inventory, ``errors`` the detectors that failed on this page (normally none).
    """

    def __init__(
        self,
        findings: Iterable[Finding] = (),
        *,
        url: str,
        phase: str = "initial",
        banner: dict[str, Any] | None = None,
        trackers: list[dict[str, Any]] | None = None,
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(findings)
        self.url = url
        self.phase = phase
        self.banner = banner
        self.trackers = trackers or []
        self.errors = errors or []

    def _like(self, findings: Iterable[Finding]) -> Findings:
        return Findings(
            findings, url=self.url, phase=self.phase, banner=self.banner, trackers=self.trackers, errors=self.errors
        )

    def at_or_above(self, severity: str) -> Findings:
        """Only the findings of ``severity`` or worse (``"medium"``: high and medium)."""
        worst_allowed = SEVERITIES.index(check_severity(severity, "severity"))
        return self._like(f for f in self if SEVERITIES.index(f.severity) <= worst_allowed)

    def without(self, rule_ids: Iterable[str]) -> Findings:
        """The findings minus those of the given rules (unknown rule ids are an error: a typo
        must not silently keep a rule from failing a test)."""
        ignored = set(rule_ids)
        unknown = sorted(ignored - set(rules()))
        if unknown:
            raise BrightlineError(f"unknown rule id(s) {', '.join(unknown)}: see `brightline rules`")
        return self._like(f for f in self if f.rule not in ignored)

    @property
    def rules(self) -> list[str]:
        return sorted({f.rule for f in self})

    def __str__(self) -> str:
        return describe(self)


class ScanFailed(AssertionError):
    """``scan(..., fail_on=...)`` found something at or above the threshold.

    An ``AssertionError``, so a test fails (rather than errors) with the findings as its message.
    ``findings`` holds what crossed the threshold."""

    def __init__(self, findings: Findings, fail_on: str) -> None:
        self.findings = findings
        self.fail_on = fail_on
        super().__init__(describe(findings, failure_headline(findings, fail_on)))


def failure_headline(findings: Findings, fail_on: str) -> str:
    n = len(findings)
    return f"Brightline: {n} finding{'' if n == 1 else 's'} at or above {fail_on} on {findings.url} ({findings.phase})"


def describe(findings: Findings, headline: str | None = None) -> str:
    """``headline`` (default: the URL and the count), then one block per finding: severity,
    rule and message; where (selector or tracker hosts); why it matters (from the catalog)."""
    if headline is None:
        count = f"{len(findings)} finding{'' if len(findings) == 1 else 's'}" if findings else "no findings"
        headline = f"{findings.url} ({findings.phase}): {count}"
    lines = [headline]
    catalog = rules()
    for f in findings:
        lines.append(f"  [{f.severity}] {f.rule} — {f.message}")
        lines.extend(f"      {where}" for where in _where(f.evidence))
        known = catalog.get(f.rule)
        if known:
            lines.append(f"      why it matters: {known.why}")
    for error in findings.errors:
        lines.append(f"  (detector {error.get('detector')} failed: {error.get('error')})")
    return "\n".join(lines)


def _where(evidence: dict[str, Any]) -> list[str]:
    out: list[str] = []
    selector = evidence.get("selector")
    if selector:
        frame = evidence.get("frame")
        out.append(f"selector: {selector}" + (f" (in frame {frame})" if frame else ""))
    if evidence.get("host"):
        out.append(f"host: {evidence['host']}")
    if evidence.get("hosts"):
        out.append(f"hosts: {', '.join(map(str, evidence['hosts']))}")
    if evidence.get("cookies"):
        out.append(f"cookies: {', '.join(map(str, evidence['cookies']))}")
    return out
