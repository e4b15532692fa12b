"""report.sarif: valid against the official SARIF 2.1.0 JSON Schema, with the catalog's rules and help.

Validation (``ci_report_helpers.schema_errors``) uses jsonschema's Draft4Validator with a format
checker for every format the schema uses, so bad URIs and times are errors too.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from companion.catalog import rules
from companion.fingerprint import fingerprint
from companion.report import build_report
from crawler.reports import sarif, writer
from tests.unit.ci_report_helpers import (
    FORMATS,
    IGNORE_LINE,
    SARIF_SCHEMA,
    SCHEMA_FORMATS,
    empty_report,
    finding,
    loaded_page,
    schema_errors,
    static_fixture_report,
    with_failed_page,
    with_policy,
)

EXPECTED_LEVEL = {"high": "error", "medium": "warning", "low": "note", "info": "note"}


def _formats_in(node: Any):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            yield node["format"]
        for value in node.values():
            yield from _formats_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from _formats_in(value)


def the_run(document: dict[str, Any]) -> dict[str, Any]:
    assert len(document["runs"]) == 1
    return document["runs"][0]


def test_the_schema_is_the_official_draft4_one_and_formats_are_checked() -> None:
    assert SARIF_SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert SARIF_SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")
    Draft4Validator.check_schema(SARIF_SCHEMA)
    used = set(_formats_in(SARIF_SCHEMA))
    assert used == SCHEMA_FORMATS
    # Without the optional format packages jsonschema silently accepts any uri/date-time.
    missing = used - set(FORMATS.checkers)
    assert not missing, f"format checks missing: {missing}; run `pip install -e .[test]`"


def test_empty_report_validates_with_the_whole_catalog_as_rules() -> None:
    document = sarif.render(empty_report())
    assert schema_errors(document) == []
    assert document["version"] == "2.1.0" and document["$schema"].endswith("sarif-schema-2.1.0.json")
    run = the_run(document)
    assert run["results"] == []
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(rules())
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["invocations"][0]["startTimeUtc"] == "2026-11-23T00:42:01.000Z"
    assert run["automationDetails"] == {"id": "brightline/empty.example/"}


def test_rules_carry_help_uri_levels_and_references_from_the_catalog() -> None:
    driver = the_run(sarif.render(empty_report()))["tool"]["driver"]
    assert driver["name"] == "brightline" and driver["version"] and driver["informationUri"].startswith("https://")
    catalog = rules()
    assert len(driver["rules"]) == len(catalog) == 16
    for descriptor in driver["rules"]:
        rule = catalog[descriptor["id"]]
        assert descriptor["shortDescription"]["text"] == rule.title
        assert descriptor["fullDescription"]["text"] == rule.why
        assert descriptor["helpUri"] == rule.references[0].url
        assert descriptor["defaultConfiguration"]["level"] == EXPECTED_LEVEL[rule.severity]
        for ref in rule.references:
            assert ref.url in descriptor["help"]["text"]
            assert f"]({ref.url})" in descriptor["help"]["markdown"]
        assert descriptor["help"]["text"].startswith(rule.why)
        assert rule.concern in descriptor["properties"]["tags"]
        if rule.severity == "info":
            assert "security-severity" not in descriptor["properties"]
            assert "security" not in descriptor["properties"]["tags"]
        else:
            assert 0 < float(descriptor["properties"]["security-severity"]) <= 10
            assert "security" in descriptor["properties"]["tags"]
    scores = {d["id"]: float(d["properties"].get("security-severity", 0)) for d in driver["rules"]}
    assert scores["consent.no-reject-first-layer"] >= 7.0 > scores["tracker.third-party"] >= 4.0
    assert 4.0 > scores["pressure.countdown"] > scores["consent.banner"] == 0


def test_findings_of_every_catalog_rule_from_the_analyzer_validate() -> None:
    report = static_fixture_report()
    document = sarif.render(report)
    assert schema_errors(document) == []
    run = the_run(document)
    results = run["results"]
    assert {r["ruleId"] for r in results} == set(rules()), "the fixtures should produce every rule"
    all_findings = [(p["url"], f) for p in report["pages"] for f in p["findings"]]
    assert len(results) == len(all_findings)
    descriptors = run["tool"]["driver"]["rules"]
    for result, (url, found) in zip(results, all_findings, strict=True):
        assert result["ruleId"] == found["rule"] == descriptors[result["ruleIndex"]]["id"]
        assert result["level"] == EXPECTED_LEVEL[found["severity"]]
        assert result["message"]["text"].startswith(found["message"])
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == url
        where = location.get("logicalLocations", [{}])[0].get("name", "")
        evidence = found["evidence"]
        expected_where = evidence.get("selector") or evidence.get("host") or ", ".join(evidence.get("hosts", []))
        assert where == expected_where
        if where:
            assert where in result["message"]["text"]
        assert result["partialFingerprints"] == {sarif.FINGERPRINT_KEY: fingerprint(url, found)}
    levels = {r["level"] for r in results}
    assert levels == {"error", "warning", "note"}


def test_fingerprints_are_stable_between_two_renders_and_prefer_the_findings_own() -> None:
    first = [r["partialFingerprints"] for r in the_run(sarif.render(static_fixture_report()))["results"]]
    second = [r["partialFingerprints"] for r in the_run(sarif.render(static_fixture_report()))["results"]]
    assert first == second
    assert len({fp[sarif.FINGERPRINT_KEY] for fp in first}) > len(first) // 2  # not one constant value
    report = static_fixture_report()
    report["pages"][0]["findings"][0]["fingerprint"] = "0123456789abcdef"
    result = the_run(sarif.render(report))["results"][0]
    assert result["partialFingerprints"][sarif.FINGERPRINT_KEY] == "0123456789abcdef"


def test_a_failed_page_is_a_notification_and_the_run_not_successful() -> None:
    report = with_failed_page(static_fixture_report(), url="https://www.example.com/gone", error="HTTP 503")
    document = sarif.render(report)
    assert schema_errors(document) == []
    invocation = the_run(document)["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "https://www.example.com/gone" in note["message"]["text"] and "HTTP 503" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "https://www.example.com/gone"
    assert invocation["endTimeUtc"] == "2026-11-23T00:43:30.000Z"


def test_unicode_and_odd_urls_become_valid_uris() -> None:
    url = "https://www.bäckerei.example/straße mit leerzeichen?q=100%&x=ü"
    report = build_report(url, [loaded_page(url, [finding("pressure.countdown", "low", "Nur noch <5> Min!")])])
    document = sarif.render(report)
    assert schema_errors(document) == []
    uri = the_run(document)["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and uri.isascii()
    assert "stra%C3%9Fe%20mit" in uri and "q=100%25&" in uri
    assert the_run(document)["results"][0]["message"]["text"].startswith("Nur noch <5> Min!")


def test_baseline_states_map_to_sarif() -> None:
    findings = [
        finding("consent.banner", "info", selector="#a", baseline="new"),
        finding("consent.banner", "info", selector="#b", baseline="changed"),
        finding("consent.banner", "info", selector="#c", baseline="unchanged"),
        finding("consent.banner", "info", selector="#d"),
    ]
    for f in findings:  # the finding helper puts keyword arguments in the evidence
        if "baseline" in f["evidence"]:
            f["baseline"] = f["evidence"].pop("baseline")
    document = sarif.render(build_report("https://a.example/", [loaded_page("https://a.example/", findings)]))
    assert schema_errors(document) == []
    states = [r.get("baselineState") for r in the_run(document)["results"]]
    assert states == ["new", "updated", "unchanged", None]


def test_an_unknown_rule_gets_its_own_descriptor() -> None:
    report = build_report("https://a.example/", [loaded_page("https://a.example/", [finding("future.rule", "medium")])])
    document = sarif.render(report)
    assert schema_errors(document) == []
    run = the_run(document)
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "future.rule"


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda d: d.pop("version"), id="no-version"),
        pytest.param(lambda d: d.update(version="2.0.0"), id="wrong-version"),
        pytest.param(lambda d: d["runs"][0]["results"][0].update(level="fatal"), id="bad-level"),
        pytest.param(lambda d: d["runs"][0]["results"][0].pop("message"), id="no-message"),
        pytest.param(lambda d: d["runs"][0]["results"][0].update(ruleIndex=-2), id="negative-rule-index"),
        pytest.param(lambda d: d["runs"][0]["tool"]["driver"].pop("name"), id="no-driver-name"),
        pytest.param(lambda d: d["runs"][0]["results"][0].update(colour="red"), id="unknown-property"),
        pytest.param(lambda d: d["runs"][0]["invocations"][0].update(startTimeUtc="yesterday"), id="bad-date-time"),
        pytest.param(lambda d: d["runs"][0]["tool"]["driver"].update(informationUri="not a uri"), id="bad-uri"),
        pytest.param(
            lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(
                uri="https://a.example/a b"
            ),
            id="bad-uri-reference",
        ),
    ],
)
def test_a_broken_document_does_not_validate(break_it) -> None:  # type: ignore[no-untyped-def]
    document = sarif.render(static_fixture_report())
    assert schema_errors(document) == []
    broken = copy.deepcopy(document)
    break_it(broken)
    assert schema_errors(broken), "the validator accepted a broken document"


def test_write_is_in_the_format_map_and_atomic(tmp_path: Path) -> None:
    module = writer("sarif")
    assert module is sarif
    path = module.write(static_fixture_report(), tmp_path)
    assert path == tmp_path / "report.sarif"
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]
    assert schema_errors(json.loads(path.read_text(encoding="utf-8"))) == []


def test_findings_a_policy_suppressed_are_results_with_a_suppression(tmp_path: Path) -> None:
    report = with_policy(static_fixture_report(), tmp_path / "brightline.toml")
    suppressed = [(p["url"], f) for p in report["pages"] for f in p.get("suppressed", [])]
    assert suppressed and all(f["rule"] == "consent.no-reject-first-layer" for _, f in suppressed)
    document = sarif.render(report)
    assert schema_errors(document) == []
    results = the_run(document)["results"]
    marked = [r for r in results if r.get("suppressions")]
    assert len(marked) == len(suppressed)
    assert len(results) == len(suppressed) + sum(len(p["findings"]) for p in report["pages"])
    (suppression,) = marked[0]["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["justification"].startswith("Banner redesign ships in sprint 12, ticket CMP-7 (")
    assert suppression["justification"].endswith(f"brightline.toml:{IGNORE_LINE})")


def test_check_prints_sarif_for_a_saved_page(capsys) -> None:  # type: ignore[no-untyped-def]
    from companion.cli import main
    from tests.unit.ci_report_helpers import STATIC, fixture_url

    case = "didomi-de-cookiewall"
    code = main(["check", str(STATIC / case / "page.html"), "--url", fixture_url(case), "--format", "sarif"])
    assert code == 0  # check's gate defaults to none
    document = json.loads(capsys.readouterr().out)
    assert schema_errors(document) == []
    found = {r["ruleId"] for r in the_run(document)["results"]}
    assert {"consent.cookie-wall", "consent.no-reject-first-layer"} <= found
