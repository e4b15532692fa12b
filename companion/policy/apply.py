"""Applying a policy to a report: severities, ignores, allowed trackers, the summary, the gate."""

from __future__ import annotations

import copy
import sys
from datetime import date
from typing import Any, TextIO

from companion.policy.allow import RULES as ALLOW_RULES
from companion.policy.allow import apply_allow
from companion.policy.model import Ignore, Policy
from companion.report import summarize


def apply_policy(report: dict[str, Any], policy: Policy, today: date) -> dict[str, Any]:
    """A copy of ``report`` with the policy applied.

    Findings keep their catalog severity as ``default_severity`` when the policy changes it.
    Ignored findings and findings whose trackers are all allowed move to ``page["suppressed"]``
    with ``suppressed_by`` = {"reason", "policy": "FILE:LINE"}. Ignores past their expiry
    date no longer apply and are listed in ``report["policy"]["expired"]``. The summary is
    recomputed; keys other than the finding counts (the crawler's) are kept.
    """
    out = copy.deepcopy(report)
    active = [i for i in policy.ignores if i.active(today)]
    suppressed_total = 0
    for page in out.get("pages") or []:
        urls = [u for u in (page.get("url"), page.get("final_url")) if u]
        kept: list[dict[str, Any]] = []
        earlier: list[dict[str, Any]] = page.get("suppressed") or []
        suppressed = list(earlier)
        for finding in page.get("findings") or []:
            finding = _with_severity(finding, policy.severity)
            ignore = next((i for i in active if i.matches(finding["rule"], urls)), None)
            if ignore is not None:
                suppressed.append(_suppressed(finding, ignore.reason, policy.where(ignore.line)))
                continue
            if policy.allow and finding["rule"] in ALLOW_RULES:
                remaining, why = apply_allow(finding, page, policy.allow)
                if remaining is None:
                    suppressed.append(_suppressed(finding, why, policy.where(policy.allow.line)))
                    continue
                finding = remaining
            kept.append(finding)
        suppressed_total += len(suppressed) - len(earlier)
        page["findings"] = kept
        if suppressed:
            page["suppressed"] = suppressed
    out["summary"] = {**(out.get("summary") or {}), **summarize(out.get("pages") or [])}
    out["policy"] = {
        "file": policy.file,
        "fail_on": policy.fail_on,
        "suppressed": suppressed_total,
        "expired": [_expired(policy, i) for i in policy.ignores if not i.active(today)],
    }
    return out


def resolve_fail_on(cli: str | None, policy: Policy | None, default: str) -> str:
    """The gate: ``--fail-on`` > the policy's ``fail-on`` > the command's default."""
    if cli is not None:
        return cli
    if policy is not None and policy.fail_on is not None:
        return policy.fail_on
    return default


def expiry_warnings(report: dict[str, Any]) -> list[str]:
    """One line per expired ignore recorded in ``report["policy"]``."""
    return [
        f"{e['policy']}: the ignore of {e['rule']} expired on {e['expires']}; its findings count again"
        for e in (report.get("policy") or {}).get("expired") or []
    ]


def print_expiry_warnings(report: dict[str, Any], stream: TextIO | None = None) -> None:
    for line in expiry_warnings(report):
        print(f"brightline: warning: {line}", file=stream or sys.stderr)


def _with_severity(finding: dict[str, Any], overrides: dict[str, str]) -> dict[str, Any]:
    wanted = overrides.get(finding["rule"])
    if wanted is None or wanted == finding["severity"]:
        return finding
    return {**finding, "severity": wanted, "default_severity": finding["severity"]}


def _suppressed(finding: dict[str, Any], reason: str, where: str) -> dict[str, Any]:
    return {**finding, "suppressed_by": {"reason": reason, "policy": where}}


def _expired(policy: Policy, ignore: Ignore) -> dict[str, Any]:
    return {
        "rule": ignore.rule,
        "pages": list(ignore.pages),
        "reason": ignore.reason,
        "expires": ignore.expires.isoformat(),
        "policy": policy.where(ignore.line),
    }
