"""A real crawl writes the CI reports: report.sarif valid against SARIF 2.1.0, junit.xml counting report.json."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from companion.cli import main
from tests.unit.ci_report_helpers import schema_errors

pytestmark = pytest.mark.browser


def test_crawl_writes_sarif_and_junit_that_agree_with_report_json(fixture_web, tmp_path, chromium_path) -> None:
    out = tmp_path / "audit"
    code = main(
        [
            "crawl",
            fixture_web.url("www.lemagazine-deco.fr", "/"),
            "--out",
            str(out),
            "--max-pages",
            "4",
            "--chrome-flags",
            fixture_web.chrome_flags_arg,
            "--fail-on",
            "medium",
            "--quiet",
            "--no-sitemap",
        ]
    )
    assert code == 1  # the banner offers no way to refuse
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["run"]["fail_on"] == "medium"
    pages = report["pages"]
    loaded = [p for p in pages if not p["error"]]
    failed = [p for p in pages if p["error"]]
    assert loaded and failed, "the site links a missing /cookies page, so the crawl has both kinds"

    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    assert schema_errors(sarif) == []
    run = sarif["runs"][0]
    assert len(run["results"]) == sum(len(p["findings"]) for p in pages) > 0
    assert sorted(r["ruleId"] for r in run["results"]) == sorted(f["rule"] for p in pages for f in p["findings"])
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert len(invocation["toolExecutionNotifications"]) == len(failed)

    suites = ET.parse(out / "junit.xml").getroot()
    cases = suites.findall("./testsuite/testcase")
    gate_groups = {
        (p["url"], f["rule"].split(".")[0])
        for p in loaded
        for f in p["findings"]
        if f["severity"] in ("high", "medium")
    }
    assert int(suites.get("tests")) == len(cases) == 4 * len(loaded) + len(failed)
    assert int(suites.get("failures")) == len(gate_groups) > 0
    assert int(suites.get("errors")) == len(failed)
    assert {c.get("classname") for c in cases} == {p["url"] for p in pages}
