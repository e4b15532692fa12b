"""junit.xml: parses, one test case per page and rule group, counts that match the report."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from companion.report import build_report
from crawler.reports import junit, writer
from tests.unit.ci_report_helpers import (
    IGNORE_LINE,
    empty_report,
    finding,
    loaded_page,
    static_fixture_report,
    with_failed_page,
    with_policy,
)

GROUPS = ["consent", "tracker", "sharing", "pressure"]
COUNT_KEYS = ("tests", "failures", "errors", "skipped")


def parse(report: dict) -> ET.Element:
    root = ET.fromstring(junit.render(report).encode("utf-8"))
    assert root.tag == "testsuites"
    return root


def counts(element: ET.Element) -> dict[str, int]:
    return {key: int(element.get(key)) for key in COUNT_KEYS}


def cases(root: ET.Element) -> list[ET.Element]:
    return root.findall("./testsuite/testcase")


def counted_from_cases(root: ET.Element) -> dict[str, int]:
    all_cases = cases(root)
    return {
        "tests": len(all_cases),
        "failures": sum(1 for c in all_cases if c.find("failure") is not None),
        "errors": sum(1 for c in all_cases if c.find("error") is not None),
        "skipped": sum(1 for c in all_cases if c.find("skipped") is not None),
    }


def assert_counts_consistent(root: ET.Element) -> None:
    suites = root.findall("testsuite")
    assert counts(root) == counted_from_cases(root)
    for key in COUNT_KEYS:
        assert int(root.get(key)) == sum(int(s.get(key)) for s in suites)
    case_time = sum(float(c.get("time")) for c in cases(root))
    assert float(root.get("time")) == pytest.approx(case_time, abs=0.01)


def mixed_report(run: dict | None = None) -> dict:
    pages = [
        loaded_page(
            "https://shop.example/",
            [
                finding("consent.no-reject-first-layer", "high", selector="#banner"),
                finding("consent.banner", "info", selector="#banner"),
                finding("tracker.third-party", "medium", host="www.google-analytics.com"),
                finding("pressure.countdown", "low", selector=".timer"),
            ],
            duration_ms=2000.0,
        ),
        loaded_page(
            "https://shop.example/checkout",
            [
                finding("pressure.sneak-into-basket", "high", selector="#insurance"),
                finding("sharing.trick-question", "medium", selector="#optout"),
            ],
        ),
        loaded_page("https://shop.example/about", []),
    ]
    return build_report("https://shop.example/", pages, run=run or {})


def test_empty_report_is_valid_and_counts_zero() -> None:
    root = parse(empty_report())
    assert counts(root) == {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    assert len(root.findall("testsuite")) == 1
    assert_counts_consistent(root)


def test_every_loaded_page_has_every_group_even_without_findings() -> None:
    root = parse(build_report("https://a.example/", [loaded_page("https://a.example/", [])]))
    assert [(c.get("classname"), c.get("name")) for c in cases(root)] == [("https://a.example/", g) for g in GROUPS]
    assert counts(root) == {"tests": 4, "failures": 0, "errors": 0, "skipped": 0}


def test_mixed_severities_fail_only_at_or_above_the_default_gate_high() -> None:
    root = parse(mixed_report())
    assert counts(root) == {"tests": 12, "failures": 2, "errors": 0, "skipped": 0}
    failed = {(c.get("classname"), c.get("name")) for c in cases(root) if c.find("failure") is not None}
    assert failed == {("https://shop.example/", "consent"), ("https://shop.example/checkout", "pressure")}
    assert_counts_consistent(root)


@pytest.mark.parametrize(
    ("fail_on", "failures"),
    [("high", 2), ("medium", 4), ("low", 5), ("info", 5), ("none", 0)],
)
def test_gate_severity_comes_from_the_run(fail_on: str, failures: int) -> None:
    root = parse(mixed_report(run={"fail_on": fail_on}))
    assert counts(root)["failures"] == failures
    assert root.find("./testsuite/properties/property[@name='fail_on']").get("value") == fail_on
    assert_counts_consistent(root)


def test_gate_severity_falls_back_to_the_policy_then_high() -> None:
    report = mixed_report()
    assert junit.gate_severity(report) == "high"
    report["policy"] = {"fail_on": "medium"}
    assert junit.gate_severity(report) == "medium"
    report["run"] = {"fail_on": "low"}
    assert junit.gate_severity(report) == "low"


def test_failure_body_lists_severity_rule_message_and_where() -> None:
    root = parse(mixed_report(run={"fail_on": "medium"}))
    consent = next(c for c in cases(root) if c.get("name") == "consent" and c.get("classname") == "https://shop.example/")
    failure = consent.find("failure")
    assert failure.get("type") == "rule"
    assert failure.get("message") == "1 finding at or above medium: consent.no-reject-first-layer"
    assert "[high] consent.no-reject-first-layer: m\n    at #banner" in failure.text
    assert "consent.banner" not in failure.text  # info is below the gate: it goes to system-out
    assert "[info] consent.banner" in consent.find("system-out").text
    tracker = next(c for c in cases(root) if c.get("name") == "tracker" and c.get("classname") == "https://shop.example/")
    assert "at www.google-analytics.com" in tracker.find("failure").text


def test_failed_page_is_one_error_case() -> None:
    report = with_failed_page(mixed_report(), url="https://shop.example/gone", error="net::ERR_NAME_NOT_RESOLVED")
    root = parse(report)
    assert counts(root) == {"tests": 13, "failures": 2, "errors": 1, "skipped": 0}
    gone = [c for c in cases(root) if c.get("classname") == "https://shop.example/gone"]
    assert len(gone) == 1 and gone[0].get("name") == junit.PAGE_LOAD_CASE
    error = gone[0].find("error")
    assert "net::ERR_NAME_NOT_RESOLVED" in error.get("message") and gone[0].find("failure") is None
    assert_counts_consistent(root)


def test_markup_characters_unicode_and_control_characters_survive() -> None:
    nasty = 'Nein danke – <script>alert("x")</script> & "Tschüß" ✓ 😀 \x00\x0b end'
    shaming = finding("consent.confirmshaming", "high", nasty, selector="a[x='<&>']")
    report = build_report("https://ü.example/", [loaded_page("https://ü.example/a?b=1&c=<2>", [shaming])])
    text = junit.render(report)
    root = ET.fromstring(text.encode("utf-8"))
    failure = root.find("./testsuite/testcase/failure")
    assert 'Nein danke – <script>alert("x")</script> & "Tschüß" ✓ 😀' in failure.text
    assert failure.text.endswith("\ufffd\ufffd end\n    at a[x='<&>']")
    assert root.find("./testsuite/testcase").get("classname") == "https://ü.example/a?b=1&c=<2>"
    assert "<script>" not in text  # escaped, not markup


def test_static_fixture_report_counts_match_the_report() -> None:
    report = static_fixture_report()
    root = parse(report)
    loaded = [p for p in report["pages"] if not p["error"]]
    high_groups = {
        (p["url"], f["rule"].split(".")[0]) for p in loaded for f in p["findings"] if f["severity"] == "high"
    }
    assert counts(root) == {"tests": 4 * len(loaded), "failures": len(high_groups), "errors": 0, "skipped": 0}
    assert len(high_groups) >= 10  # the fixtures do have high findings in several groups
    failure_lines = sum(c.find("failure").text.count("\n[") + 1 for c in cases(root) if c.find("failure") is not None)
    assert failure_lines == report["summary"]["by_severity"]["high"]
    assert_counts_consistent(root)


def test_times_add_up_to_the_page_durations() -> None:
    root = parse(mixed_report())
    assert float(root.get("time")) == pytest.approx(4.0, abs=0.01)
    first_page = [c for c in cases(root) if c.get("classname") == "https://shop.example/"]
    assert sum(float(c.get("time")) for c in first_page) == pytest.approx(2.0, abs=0.01)


def test_write_is_in_the_format_map_and_atomic(tmp_path: Path) -> None:
    module = writer("junit")
    assert module is junit
    path = module.write(mixed_report(), tmp_path)
    assert path == tmp_path / "junit.xml"
    assert [p.name for p in tmp_path.iterdir()] == ["junit.xml"]
    assert ET.parse(path).getroot().get("tests") == "12"


def test_suppressed_findings_do_not_fail_and_are_listed_with_their_reason(tmp_path: Path) -> None:
    report = static_fixture_report()
    before = parse(report)
    after_report = with_policy(report, tmp_path / "brightline.toml")
    after = parse(after_report)
    suppressed_pages = {p["url"] for p in after_report["pages"] if p.get("suppressed")}
    assert suppressed_pages
    # a page fails its consent case only when another high consent finding remains
    still_failing = {
        p["url"] for p in after_report["pages"]
        if any(f["severity"] == "high" and f["rule"].startswith("consent.") for f in p["findings"])
    }
    assert counts(before)["failures"] - counts(after)["failures"] == len(suppressed_pages - still_failing) > 0
    consent = next(c for c in cases(after) if c.get("name") == "consent" and c.get("classname") in suppressed_pages)
    out = consent.find("system-out").text
    assert "[high] consent.no-reject-first-layer" in out
    assert f"brightline.toml:{IGNORE_LINE}): Banner redesign ships in sprint 12, ticket CMP-7" in out
    assert "suppressed by the policy (" in out
    assert_counts_consistent(after)


def test_with_a_baseline_only_new_findings_fail() -> None:
    from companion.baseline import compare

    baseline = static_fixture_report()
    shop = next(p for p in baseline["pages"] if any(f["rule"] == "pressure.sneak-into-basket" for f in p["findings"]))
    shop["findings"] = [f for f in shop["findings"] if f["rule"] != "pressure.sneak-into-basket"]
    report = static_fixture_report()
    compare(report, baseline, "previous/report.json")
    root = parse(report)
    failed = [c for c in cases(root) if c.find("failure") is not None]
    assert [(c.get("classname"), c.get("name")) for c in failed] == [(shop["url"], "pressure")]
    assert "(new since the baseline)" in failed[0].find("failure").text
    outs = [c.find("system-out").text for c in cases(root) if c.find("system-out") is not None]
    unchanged_high = "[high] consent.no-reject-first-layer: "
    assert any(unchanged_high in out and "(unchanged since the baseline)" in out for out in outs)
    assert_counts_consistent(root)


@pytest.mark.parametrize(("fail_on", "failures", "exit_code"), [("none", 0, 0), ("high", 1, 1)])
def test_check_prints_junit_gated_like_its_exit_code(capsys, fail_on: str, failures: int, exit_code: int) -> None:
    from companion.cli import main
    from tests.unit.ci_report_helpers import STATIC, fixture_url

    case = "didomi-de-cookiewall"
    args = ["check", str(STATIC / case / "page.html"), "--url", fixture_url(case), "--format", "junit"]
    assert main([*args, "--fail-on", fail_on]) == exit_code
    root = ET.fromstring(capsys.readouterr().out.encode("utf-8"))
    assert counts(root) == {"tests": 4, "failures": failures, "errors": 0, "skipped": 0}
