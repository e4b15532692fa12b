import json

import pytest

from companion.errors import BrightlineError
from crawler.gate import failing, load_baseline


def report(*findings) -> dict:
    return {"pages": [{"url": "https://a.example/", "findings": list(findings)}]}


def fnd(rule: str, severity: str, selector: str = "#x") -> dict:
    return {"rule": rule, "severity": severity, "message": "m", "evidence": {"selector": selector}}


def test_fail_on_threshold() -> None:
    r = report(fnd("consent.banner", "info"), fnd("consent.asymmetric-choice", "medium"))
    assert failing(r, "high") == []
    assert [f["rule"] for f in failing(r, "medium")] == ["consent.asymmetric-choice"]
    assert len(failing(r, "info")) == 2
    assert failing(r, "none") == []
    assert failing(r, "medium")[0]["url"] == "https://a.example/"


def test_baseline_only_new_findings_fail(tmp_path) -> None:
    old = report(fnd("consent.no-reject-first-layer", "high"))
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    baseline = load_baseline(path)
    new = report(
        fnd("consent.no-reject-first-layer", "high"),
        fnd("consent.no-reject-first-layer", "high", selector="#other"),
    )
    assert [f["evidence"]["selector"] for f in failing(new, "high", baseline)] == ["#other"]


def test_unreadable_baseline_is_a_user_error(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    with pytest.raises(BrightlineError, match="--baseline"):
        load_baseline(bad)


def test_baseline_matches_by_page_template_and_gates_changed_findings(tmp_path) -> None:
    old = report(fnd("consent.asymmetric-choice", "medium", selector="body > div:nth-of-type(2) > a"))
    old["pages"][0]["url"] = "https://a.example/product/111"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    moved = report(fnd("consent.asymmetric-choice", "medium", selector="body > div:nth-of-type(3) > a"))
    moved["pages"][0]["url"] = "https://a.example/product/222?ref=x"
    assert failing(moved, "medium", load_baseline(path)) == []
    assert moved["pages"][0]["findings"][0]["baseline"] == "unchanged"
    changed = report(fnd("consent.asymmetric-choice", "medium", selector="body > div > a"))
    changed["pages"][0]["url"] = "https://a.example/product/333"
    changed["pages"][0]["findings"][0]["evidence"]["reasons"] = ["reject looks disabled"]
    assert [f["baseline"] for f in failing(changed, "medium", load_baseline(path))] == ["changed"]


def test_an_already_compared_report_is_gated_by_its_marks() -> None:
    r = report(fnd("consent.no-reject-first-layer", "high"), fnd("consent.cookie-wall", "high", "#wall"))
    r["baseline"] = {"new": 1, "changed": 0, "unchanged": 1, "fixed": [], "unverified": []}
    r["pages"][0]["findings"][0]["baseline"] = "unchanged"
    r["pages"][0]["findings"][1]["baseline"] = "new"
    assert [f["rule"] for f in failing(r, "high")] == ["consent.cookie-wall"]


def test_crawler_rejects_an_unusable_baseline_before_crawling(tmp_path) -> None:
    from crawler.engine import Crawler, CrawlOptions

    with pytest.raises(BrightlineError, match=r"^--baseline .*missing\.json: no such file$"):
        Crawler(CrawlOptions(url="https://a.example/", out=tmp_path, baseline=tmp_path / "missing.json"))
