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
