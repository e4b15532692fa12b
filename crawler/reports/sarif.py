"""``report.sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run. The rules come from the catalog (``companion.catalog``) with their help text and
references; each finding is one result located at its page URL, with the selector or host as a
logical location and a partial fingerprint that survives cosmetic changes between crawls
(``companion.fingerprint``). Pages that failed to load are tool execution notifications.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from companion.catalog import Rule, rules
from companion.fingerprint import fingerprint
from crawler.reports import write_atomically
from crawler.reports.subject import is_element, rule_group, subject

FILENAME = "report.sarif"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://brightline.dev/"
FINGERPRINT_KEY = "brightlineFinding/v1"

LEVELS = {"high": "error", "medium": "warning", "low": "note", "info": "note"}
#: GitHub ranks alerts by this CVSS-like score: >= 7 high, >= 4 medium, > 0 low.
SECURITY_SEVERITY = {"high": "8.0", "medium": "5.0", "low": "2.0"}
BASELINE_STATES = {"new": "new", "changed": "updated", "unchanged": "unchanged"}
#: Characters a URI may carry as they are (RFC 3986 reserved and unreserved, and "%").
_URI_SAFE = ":/?#[]@!$&'()*+,;=-._~%"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def render(report: dict[str, Any]) -> dict[str, Any]:
    catalog = list(rules().values())
    descriptors = [rule_descriptor(r) for r in catalog]
    index = {r.id: i for i, r in enumerate(catalog)}
    results = []
    for page in report.get("pages") or []:
        # Findings a policy suppressed stay in the log, marked so, as SARIF viewers expect.
        for finding in [*(page.get("findings") or []), *(page.get("suppressed") or [])]:
            if finding["rule"] not in index:  # a rule this catalog does not know (a newer analyzer)
                index[finding["rule"]] = len(descriptors)
                descriptors.append(unknown_rule_descriptor(finding["rule"]))
            results.append(result(page["url"], finding, index[finding["rule"]]))
    tool = report.get("tool") or {}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": tool.get("name", "brightline"),
                "version": str(tool.get("version", "")),
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        # GitHub keeps one alert set per category: one per audited site, so two sites do not overwrite.
        "automationDetails": {"id": f"brightline/{urlsplit(str(report.get('target', ''))).hostname or 'site'}/"},
        "invocations": [invocation(report)],
        "results": results,
        "properties": {"target": report.get("target", ""), "summary": report.get("summary", {})},
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def dumps(report: dict[str, Any]) -> str:
    """The text of ``report.sarif`` (``brightline check --format sarif`` prints it)."""
    return json.dumps(render(report), indent=2, ensure_ascii=False) + "\n"


def write(report: dict[str, Any], out_dir: Path) -> Path:
    return write_atomically(out_dir / FILENAME, dumps(report))


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    references_text = "\n".join(f"- {ref.title}: {ref.url}" for ref in rule.references)
    references_markdown = "\n".join(f"- [{_markdown_text(ref.title)}]({ref.url})" for ref in rule.references)
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": f"{rule.why}\n\nReferences:\n{references_text}" if rule.references else rule.why,
            "markdown": f"{rule.why}\n\n**References**\n\n{references_markdown}" if rule.references else rule.why,
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(dict.fromkeys(["privacy", rule.concern, rule_group(rule.id)]))},
    }
    if rule.severity in SECURITY_SEVERITY:
        # With the "security" tag GitHub ranks alerts by security-severity. An info rule (a banner
        # was found) is not a problem, so it stays a plain note.
        descriptor["properties"]["tags"].append("security")
        descriptor["properties"]["security-severity"] = SECURITY_SEVERITY[rule.severity]
    if rule.references:
        descriptor["helpUri"] = rule.references[0].url
    return descriptor


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\\[\]*_`])", r"\\\1", text)


def unknown_rule_descriptor(rule_id: str) -> dict[str, Any]:
    return {"id": rule_id, "name": rule_name(rule_id), "properties": {"tags": ["privacy", rule_group(rule_id)]}}


def rule_name(rule_id: str) -> str:
    """``consent.no-reject-first-layer`` -> ``ConsentNoRejectFirstLayer`` (SARIF's readable rule name)."""
    words = rule_id.replace(".", "-").split("-")
    return "".join(word[:1].upper() + word[1:] for word in words if word)


def result(url: str, finding: dict[str, Any], rule_index: int) -> dict[str, Any]:
    where = subject(finding)
    message = finding.get("message") or finding["rule"]
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri(url)}}}
    if where:
        kind = "element" if is_element(finding) else "resource"
        location["logicalLocations"] = [{"name": where, "fullyQualifiedName": f"{url} {where}", "kind": kind}]
    properties: dict[str, Any] = {"severity": finding["severity"], "page": url}
    if finding.get("phase"):
        properties["phase"] = finding["phase"]
    if finding.get("evidence"):
        properties["evidence"] = finding["evidence"]
    sarif_result: dict[str, Any] = {
        "ruleId": finding["rule"],
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding["severity"], "warning"),
        "message": {"text": f"{message} (on {url}{f', at {where}' if where else ''})"},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.get("fingerprint") or fingerprint(url, finding)},
        "properties": properties,
    }
    if finding.get("suppressed_by"):  # set by a policy's ignore or allow (companion.policy)
        sarif_result["suppressions"] = [suppression(finding["suppressed_by"])]
    if finding.get("baseline") in BASELINE_STATES:  # set by `--baseline` (companion.baseline)
        sarif_result["baselineState"] = BASELINE_STATES[finding["baseline"]]
    return sarif_result


def suppression(suppressed_by: dict[str, Any]) -> dict[str, Any]:
    reason = str(suppressed_by.get("reason") or "suppressed by the policy")
    where = suppressed_by.get("policy")
    return {"kind": "external", "status": "accepted", "justification": f"{reason} ({where})" if where else reason}


def invocation(report: dict[str, Any]) -> dict[str, Any]:
    run = report.get("run") or {}
    failed = [p for p in report.get("pages") or [] if p.get("error")]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"could not load {p['url']}: {p['error']}"},
            "descriptor": {"id": "page-load-failed"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(p["url"])}}}],
        }
        for p in failed
    ]
    for page in report.get("pages") or []:
        for problem in page.get("detector_errors") or []:
            notifications.append(
                {
                    "level": "warning",
                    "message": {"text": f"detector {problem.get('detector')} failed on {page['url']}: "
                                        f"{problem.get('error')}"},
                    "descriptor": {"id": "detector-failed"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(page["url"])}}}],
                }
            )
    entry: dict[str, Any] = {"executionSuccessful": not failed and not run.get("interrupted")}
    for key, field in (("started", "startTimeUtc"), ("finished", "endTimeUtc")):
        stamp = utc(run.get(key))
        if stamp:
            entry[field] = stamp
    if notifications:
        entry["toolExecutionNotifications"] = notifications
    return entry


def utc(stamp: Any) -> str | None:
    """An ISO 8601 time as SARIF wants it (UTC, ``Z``); None when absent or unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def uri(url: str) -> str:
    """The page URL as a valid URI: characters outside RFC 3986 (spaces, non-ASCII) percent-encoded."""
    return quote(_STRAY_PERCENT.sub("%25", url), safe=_URI_SAFE)
