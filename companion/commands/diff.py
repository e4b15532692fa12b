"""``brightline diff``: what changed between two reports, for a person reading a CI log."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from typing import Any

from companion.models import SEVERITIES

HELP = "compare two report.json files: new, changed and fixed findings"
DESCRIPTION = """\
Compare two reports of the same site, A (before, e.g. the last release) and B (after).
Findings are matched by a fingerprint of rule, page path template (/product/123 and
/product/456 are one page), element or tracker host, and the evidence that matters, so
crawl order, reworded text, shifted element positions and changed counts do not count as
changes; a new tracker host, a new identifier cookie or a reject button that moved or
became a faint link does.

  + new         in B, not in A
  ~ changed     same rule and element, different evidence (e.g. one more tracker host)
  - fixed       in A, gone from B: B loaded the page (or pages like it, none has it)
  ? unverified  in A, on a page B did not load or visit (not counted as fixed)

examples:
  brightline diff last-release/report.json audit/report.json
  brightline diff A.json B.json --fail-on high          exit 1 on a new or changed high finding
  brightline diff A.json B.json --format json > diff.json

exit codes: 0 done (no new or changed finding at or above --fail-on), 1 a new or changed
            finding at or above --fail-on, 2 a file cannot be used (missing, not a report)
"""

MARKS = {"new": "+", "changed": "~", "fixed": "-", "unverified": "?"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("before", metavar="A.json", help="the earlier report (the baseline)")
    parser.add_argument("after", metavar="B.json", help="the later report")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text: readable, per page (default); json: machine-readable")
    parser.add_argument("--fail-on", choices=(*SEVERITIES, "none"), default="none", metavar="SEVERITY",
                        help="exit 1 when a new or changed finding is at or above this severity: "
                             "high, medium, low, info or none (default none)")


def run(args: argparse.Namespace) -> int:
    from companion.baseline import gate_failures, gc_paused, load_report

    with gc_paused():  # tens of thousands of findings that all stay alive until the end
        before = load_report(args.before)
        after = load_report(args.after)
        diff = build_diff(before, after, args.before, args.after)
        sys.stdout.write(render_json(diff) if args.format == "json" else render_text(diff))
        return 1 if gate_failures(after, args.fail_on) else 0


def build_diff(before: dict[str, Any], after: dict[str, Any], name_a: str = "A", name_b: str = "B") -> dict[str, Any]:
    """The differences of ``after`` against ``before``. Annotates ``after``'s findings (``compare``)."""
    from companion.baseline import Entry, annotate, match
    from companion.fingerprint import changes

    result = match(after, before)
    annotate(after, result, name_a)

    def item(entry: Entry, was: Entry | None = None) -> dict[str, Any]:
        f = entry.finding
        out = {"url": entry.url, "rule": f.get("rule"), "severity": f.get("severity"),
               "message": f.get("message"), "where": _where(f), "fingerprint": entry.fingerprint}
        if was is not None:
            out["before"] = {"url": was.url, "message": was.finding.get("message"), "fingerprint": was.fingerprint}
            out["changes"] = changes(was.finding, f)
        return out

    return {
        "schema": "brightline.diff/1",
        "before": name_a,
        "after": name_b,
        "counts": {"new": len(result.new), "changed": len(result.changed), "unchanged": len(result.unchanged),
                   "fixed": len(result.fixed), "unverified": len(result.unverified)},
        "new": [item(e) for e in result.new],
        "changed": [item(now, was) for now, was in result.changed],
        "fixed": [item(e) for e in result.fixed],
        "unverified": [item(e) for e in result.unverified],
    }


def _where(finding: dict[str, Any]) -> str:
    evidence = finding.get("evidence") or {}
    for key in ("selector", "host"):
        if evidence.get(key):
            return str(evidence[key])
    hosts = evidence.get("hosts")
    return ", ".join(hosts) if isinstance(hosts, list) else ""


def render_json(diff: dict[str, Any]) -> str:
    return json.dumps(diff, indent=2, ensure_ascii=False) + "\n"


def render_text(diff: dict[str, Any]) -> str:
    counts = diff["counts"]
    lines = [
        f"brightline diff {diff['before']} -> {diff['after']}: "
        + ", ".join(f"{counts[k]} {k}" for k in ("new", "changed", "fixed", "unverified", "unchanged"))
    ]
    by_page: dict[str, list[tuple[int, str, dict[str, Any]]]] = defaultdict(list)
    for order, kind in enumerate(("new", "changed", "fixed", "unverified")):
        for entry in diff[kind]:
            by_page[entry["url"]].append((order, kind, entry))
    for url in sorted(by_page):
        lines.append("")
        lines.append(url)
        rows = sorted(by_page[url], key=lambda r: (r[0], _rank(r[2]["severity"]), r[2]["rule"] or ""))
        for _, kind, entry in rows:
            where = f"  [{entry['where']}]" if entry["where"] else ""
            lines.append(f"  {MARKS[kind]} {entry['severity'] or '?':<6} {entry['rule']}: {entry['message']}{where}")
            if entry.get("changes"):
                lines.append(f"      what changed: {'; '.join(entry['changes'])}")
            before = entry.get("before")
            if before and before["message"] != entry["message"]:
                lines.append(f"      was: {before['message']}")
    if not by_page:
        lines.append("no new, changed or fixed findings")
    return "\n".join(lines) + "\n"


def _rank(severity: str | None) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)
