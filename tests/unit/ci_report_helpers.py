"""Reports for the CI writer tests (SARIF, JUnit), built from the real analyzer's findings,
and the SARIF 2.1.0 schema validator.

The static fixtures (``tests/fixtures/static``) are analysed as saved pages. The page with
trackers is analysed a second time as the ``after-reject`` phase, which is how a crawl sees
``consent.choice-not-respected``; no saved page can show that rule otherwise.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from jsonschema import Draft4Validator, FormatChecker

from companion.analyzer import Analysis, analyze
from companion.report import build_report, page_entry
from companion.static.html_page import load_html

STATIC = Path(__file__).resolve().parent.parent / "fixtures" / "static"
SARIF_SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA = json.loads(SARIF_SCHEMA_PATH.read_text(encoding="utf-8"))
#: The formats the SARIF schema uses. ``uri-reference`` is newer than draft-04, so the draft-04
#: checker lacks it: the checker is built from jsonschema's full set instead.
SCHEMA_FORMATS = {"uri", "uri-reference", "date-time"}
FORMATS = FormatChecker(sorted(SCHEMA_FORMATS & set(FormatChecker.checkers)))  # a missing one fails a test
_VALIDATOR = Draft4Validator(SARIF_SCHEMA, format_checker=FORMATS)
TRACKER_CASE = "cookiebot-es-trackers"
RUN = {"started": "2026-11-23T00:42:01+00:00", "finished": "2026-11-23T00:43:30+00:00"}


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the SARIF 2.1.0 schema, as "path: message" lines."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _VALIDATOR.iter_errors(document)]


def fixture_url(case: str) -> str:
    return json.loads((STATIC / case / "expected.json").read_text(encoding="utf-8"))["url"]


def analyse_case(case: str, phase: str = "initial") -> Analysis:
    html = STATIC / case / "page.html"
    page = load_html(html.read_bytes(), url=fixture_url(case), path=html)
    snapshot = msgspec.structs.replace(page.snapshot, phase=phase)
    return analyze(snapshot, root=page.root, styles=page.styles, markup=page.markup)


@cache
def _static_pages() -> tuple[dict[str, Any], ...]:
    pages = []
    for case_dir in sorted(STATIC.iterdir()):
        if (case_dir / "expected.json").is_file():
            analysis = analyse_case(case_dir.name)
            pages.append(page_entry(analysis.url, analysis, status=200, duration_ms=250.0))
    rejected = analyse_case(TRACKER_CASE, phase="after-reject")
    after_reject_url = rejected.url.rstrip("/") + "/after-reject"
    pages.append(page_entry(after_reject_url, rejected, status=200, duration_ms=125.0))
    return tuple(pages)


def static_fixture_report(**extra: Any) -> dict[str, Any]:
    """A report of every static fixture page (a fresh copy each call: tests may mutate it)."""
    pages = copy.deepcopy(list(_static_pages()))
    return build_report("https://fixtures.example/", pages, run=dict(RUN), **extra)


def empty_report() -> dict[str, Any]:
    return build_report("https://empty.example/", [], run=dict(RUN))


def with_failed_page(
    report: dict[str, Any], url: str = "https://www.example.com/gone", error: str = "HTTP 503"
) -> dict[str, Any]:
    """The report plus one page that failed to load (summary recomputed by build_report)."""
    pages = [*report["pages"], page_entry(url, None, status=503, error=error)]
    return build_report(report["target"], pages, run=report.get("run", {}))


def finding(rule: str, severity: str, message: str = "m", **evidence: Any) -> dict[str, Any]:
    return {"rule": rule, "severity": severity, "message": message, "evidence": evidence, "phase": "initial"}


def loaded_page(url: str, findings: list[dict[str, Any]], duration_ms: float = 1000.0) -> dict[str, Any]:
    return {"url": url, "status": 200, "error": None, "findings": findings, "duration_ms": duration_ms}


IGNORE_NO_REJECT = """\
fail-on = "high"

[[ignore]]
rule = "consent.no-reject-first-layer"
reason = "Banner redesign ships in sprint 12, ticket CMP-7"
expires = 2099-12-31
"""

IGNORE_LINE = IGNORE_NO_REJECT.splitlines().index("[[ignore]]") + 1


def with_policy(report: dict[str, Any], policy_file: Path, text: str = IGNORE_NO_REJECT) -> dict[str, Any]:
    """The report with a real ``brightline.toml`` applied (companion.policy), as a crawl does."""
    from datetime import date

    from companion.policy.apply import apply_policy
    from companion.policy.load import load_policy

    policy_file.write_text(text, encoding="utf-8")
    policy = load_policy(policy_file)
    assert policy is not None
    return apply_policy(report, policy, date(2026, 11, 23))
