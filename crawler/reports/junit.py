"""``junit.xml``: one test case per page and rule group, for CI dashboards (Jenkins, GitLab, Azure).

Every page that loaded gets one test case per rule group (consent, tracker, sharing, pressure),
so passing checks show too. Findings at or above the gate severity (``run.fail_on``, else the
policy's, else ``high``) fail the case; the others, and those a policy suppressed, are listed in
its ``<system-out>``. With a baseline only new and changed findings fail. A page that failed to
load is one test case with an ``<error>``. ElementTree does the escaping.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from companion.baseline import is_regression
from companion.catalog import rules
from companion.models import SEVERITIES
from crawler.reports import write_atomically
from crawler.reports.subject import rule_group, subject

FILENAME = "junit.xml"
DEFAULT_FAIL_ON = "high"
PAGE_LOAD_CASE = "page load"
#: Characters XML 1.0 cannot carry at all, not even escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: dict[str, Any]) -> str:
    fail_on = gate_severity(report)
    groups = rule_groups(report)
    suite = ET.Element("testsuite", name=f"brightline {report.get('target', '')}".strip())
    started = (report.get("run") or {}).get("started")
    if started:
        suite.set("timestamp", str(started))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="fail_on", value=fail_on)
    ET.SubElement(properties, "property", name="tool", value=_tool(report))
    for page in report.get("pages") or []:
        if page.get("error"):
            _page_error_case(suite, page)
        else:
            for group in groups:
                _group_case(suite, page, group, fail_on, seconds=_seconds(page) / len(groups))
    _set_counts(suite)
    root = ET.Element("testsuites", name="brightline")
    root.append(suite)
    _set_counts(root, children=[suite])
    _drop_unwritable_characters(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def dumps(report: dict[str, Any]) -> str:
    """The text of ``junit.xml`` (``brightline check --format junit`` prints it)."""
    return render(report)


def write(report: dict[str, Any], out_dir: Path) -> Path:
    return write_atomically(out_dir / FILENAME, render(report))


def gate_severity(report: dict[str, Any]) -> str:
    """The severity at or above which a finding fails its test case ("none": nothing fails)."""
    for section in ("run", "policy"):
        value = (report.get(section) or {}).get("fail_on")
        if value in (*SEVERITIES, "none"):
            return str(value)
    return DEFAULT_FAIL_ON


def rule_groups(report: dict[str, Any]) -> list[str]:
    """The catalog's groups in catalog order, then any group only the report's findings use."""
    groups = list(dict.fromkeys(rule_group(rule_id) for rule_id in rules()))
    for page in report.get("pages") or []:
        for finding in page.get("findings") or []:
            group = rule_group(finding["rule"])
            if group not in groups:
                groups.append(group)
    return groups


def fails(severity: str, fail_on: str) -> bool:
    if fail_on == "none" or severity not in SEVERITIES:
        return False
    return SEVERITIES.index(severity) <= SEVERITIES.index(fail_on)


def _group_case(suite: ET.Element, page: dict[str, Any], group: str, fail_on: str, seconds: float) -> None:
    case = ET.SubElement(suite, "testcase", classname=page["url"], name=group, time=f"{seconds:.3f}")
    findings = [f for f in page.get("findings") or [] if rule_group(f["rule"]) == group]
    failing = [f for f in findings if fails(f["severity"], fail_on) and is_regression(f)]
    passing = [f for f in findings if not (fails(f["severity"], fail_on) and is_regression(f))]
    if failing:
        failure = ET.SubElement(case, "failure", type="rule", message=_failure_message(failing, fail_on))
        failure.text = "\n".join(_finding_line(f) for f in failing)
    suppressed = [f for f in page.get("suppressed") or [] if rule_group(f["rule"]) == group]
    lines = [_finding_line(f) for f in passing] + [_suppressed_line(f) for f in suppressed]
    if lines:
        ET.SubElement(case, "system-out").text = "\n".join(lines)


def _page_error_case(suite: ET.Element, page: dict[str, Any]) -> None:
    case = ET.SubElement(suite, "testcase", classname=page["url"], name=PAGE_LOAD_CASE, time=f"{_seconds(page):.3f}")
    error = ET.SubElement(case, "error", type="page-load", message=f"could not load the page: {page['error']}")
    status = page.get("status")
    shown_status = f" (HTTP status {status})" if status and str(status) not in str(page["error"]) else ""
    error.text = f"{page['url']}: {page['error']}{shown_status}"


def _failure_message(failing: list[dict[str, Any]], fail_on: str) -> str:
    rule_ids = ", ".join(dict.fromkeys(f["rule"] for f in failing))
    plural = "s" if len(failing) != 1 else ""
    return f"{len(failing)} finding{plural} at or above {fail_on}: {rule_ids}"


def _finding_line(finding: dict[str, Any]) -> str:
    where = subject(finding)
    line = f"[{finding['severity']}] {finding['rule']}: {finding.get('message', '')}"
    if finding.get("baseline"):
        line += f" ({finding['baseline']} since the baseline)"
    return f"{line}\n    at {where}" if where else line


def _suppressed_line(finding: dict[str, Any]) -> str:
    by = finding.get("suppressed_by") or {}
    where = f" ({by['policy']})" if by.get("policy") else ""
    return f"{_finding_line(finding)}\n    suppressed by the policy{where}: {by.get('reason', '')}"


def _set_counts(element: ET.Element, children: list[ET.Element] | None = None) -> None:
    """tests/failures/errors/skipped/time: summed from the child suites, or counted from the cases."""
    if children is not None:
        for key in ("tests", "failures", "errors", "skipped"):
            element.set(key, str(sum(int(child.get(key, "0")) for child in children)))
        element.set("time", f"{sum(float(child.get('time', '0')) for child in children):.3f}")
        return
    cases = element.findall("testcase")
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    element.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    element.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    element.set("time", f"{sum(float(c.get('time', '0')) for c in cases):.3f}")


def _drop_unwritable_characters(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in element.attrib.items():
            element.set(key, _NOT_XML.sub("\ufffd", value))


def _seconds(page: dict[str, Any]) -> float:
    return float(page.get("duration_ms") or 0) / 1000


def _tool(report: dict[str, Any]) -> str:
    tool = report.get("tool") or {}
    return f"{tool.get('name', 'brightline')} {tool.get('version', '')}".strip()
